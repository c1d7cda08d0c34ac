import { describe, expect, it } from 'vitest';
import { extractStorageKeys, STORAGE_CUE_RE, storageTypeOf } from '../../../src/core/draft/extract-storage-keys.ts';

const known = new Map([
  ['_ga', ['google-analytics']],
  ['MUID', ['microsoft-advertising']],
]);
const keys = (text: string) => extractStorageKeys(text, known).map((k) => [k.name, k.via, k.purpose]);

describe('extractStorageKeys', () => {
  it('reads the Friendly Captcha keys and what each holds (Dutch)', () => {
    expect(
      keys(
        'Een willekeurige sessie-ID (frc_sid), het aantal keer dat de beveiligingssoftwaremodules zijn geladen (frc_sc), het aantal verzoeken en herhaalde verbindingspogingen (frc_rc), evenals de oplossingen van de berekeningstaken en hun context (frc_sol).',
      ),
    ).toEqual([
      ['frc_sid', 'identifier', 'Een willekeurige sessie-ID'],
      ['frc_sc', 'identifier', 'het aantal keer dat de beveiligingssoftwaremodules zijn geladen'],
      ['frc_rc', 'identifier', 'het aantal verzoeken en herhaalde verbindingspogingen'],
      ['frc_sol', 'identifier', 'de oplossingen van de berekeningstaken en hun context'],
    ]);
  });

  it('reads German and English cookie lists, including catalogue names without an underscore', () => {
    expect(keys('Google Analytics setzt die Cookies _ga und _gid (Unterscheidung von Nutzern).')).toEqual([
      ['_ga', 'catalogue', ''],
      ['_gid', 'identifier', 'Unterscheidung von Nutzern'].slice(0, 2).concat(['']),
    ]);
    expect(keys('Microsoft sets the MUID cookie and stores _uetsid in localStorage.').map((k) => k[0])).toEqual(['MUID', '_uetsid']);
  });

  it('keeps a placeholder for the variable part of a name', () => {
    expect(keys('Hotjar sets the cookies _hjSessionUser_<ID> and _hjSession_[id]; Mouseflow sets mf_* and _ga_<container-id>.').map((k) => k[0])).toEqual([
      '_hjSessionUser_<ID>',
      '_hjSession_[id]',
      'mf_*',
      '_ga_<container-id>',
    ]);
    expect(keys('Smartlook setzt die Cookies SL_C_<ID>_VID (13 Monate) und SL_C_<ID>_SID (30 Minuten).').map((k) => k[0])).toEqual([
      'SL_C_<ID>_VID',
      'SL_C_<ID>_SID',
    ]);
  });

  it('skips constants, URLs and function names', () => {
    expect(keys('protocol DHE_RSA, https://example.com/opt_out.asp and anonymizeIp()')).toEqual([]);
  });
});

describe('storageTypeOf / STORAGE_CUE_RE', () => {
  it.each([
    ['opgeslagen in de SessionStorage', 'sessionStorage'],
    ['im Local Storage Ihres Browsers gespeichert', 'localStorage'],
    ['kept in IndexedDB', 'indexedDB'],
    ['Deze cookies worden opgeslagen', 'cookie'],
    ['guarda hjViewportId en el almacenamiento de sesión', 'sessionStorage'],
    ['bajo las claves uc_settings en el almacenamiento local', 'localStorage'],
    ['enregistré dans le stockage local du navigateur', 'localStorage'],
    ['salvato nella memoria di sessione', 'sessionStorage'],
    ['gemt i lokal lagring', 'localStorage'],
    ['i din browsers lokale lager', 'localStorage'],
    ['sparas i sessionslagring', 'sessionStorage'],
  ])('%s', (text, type) => {
    expect(storageTypeOf(text)).toBe(type);
    expect(STORAGE_CUE_RE.test(text)).toBe(true);
  });
});
