import { describe, expect, it } from 'vitest';
import { columnOfHeader } from '../../../../src/core/draft/tables/bind-columns.ts';
import { parseLifetimeCell } from '../../../../src/core/draft/tables/parse-lifetime-cell.ts';
import { readTables } from '../../../../src/core/draft/tables/read-tables.ts';
import { recoverCellPerLineTables } from '../../../../src/core/draft/tables/recover-cell-lines.ts';
import { segmentText } from '../../../../src/core/draft/segment-text.ts';

function records(text: string) {
  return readTables(segmentText(text, 'en').sentences).map((r) => Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c?.text])));
}

describe('columnOfHeader', () => {
  it.each([
    ['Cookie name', 'name'],
    ['Naam', 'name'],
    ['Nom du cookie', 'name'],
    ['Anbieter', 'provider'],
    ['Fornitore', 'provider'],
    ['Udbyder', 'provider'],
    ['Zweck des Cookies', 'purpose'],
    ['Finalidad', 'purpose'],
    ['Syfte', 'purpose'],
    ['Speicherdauer', 'duration'],
    ['Bewaartermijn', 'duration'],
    ['Durée de conservation', 'duration'],
    ['Scadenza', 'duration'],
    ['Duración', 'duration'],
    ['Udløb', 'duration'],
    ['Lagringstid', 'duration'],
    ['Cookie category', 'category'],
    ['Kategorie', 'category'],
    ['Consentement requis', 'consent'],
    ['Type', 'type'],
  ] as const)('binds "%s" to %s', (cell, kind) => {
    expect(columnOfHeader(cell)).toBe(kind);
  });

  it('binds no column to data or prose', () => {
    expect(columnOfHeader('_ga')).toBeNull();
    expect(columnOfHeader('Google Ireland Limited')).toBeNull();
    expect(columnOfHeader('The name of the cookie that stores the session of the visitor')).toBeNull();
  });

  it('reads a cookie name that contains a header word as data, and a header word deep in a phrase too', () => {
    expect(columnOfHeader('hh_consent')).toBeNull();
    expect(columnOfHeader('cookie_type')).toBeNull();
    expect(columnOfHeader('Remembers your cookie choices')).toBeNull();
    expect(columnOfHeader('Name des Anbieters')).toBe('name');
  });
});

describe('readTables', () => {
  it('reads a header-row table row by row', () => {
    const text = ['Cookies we use', 'Name | Provider | Purpose | Expiry', '_ga | Google | Statistics | 2 years', '_gid | Google | Statistics | 24 hours'].join(
      '\n',
    );
    expect(records(text)).toEqual([
      { name: '_ga', provider: 'Google', purpose: 'Statistics', duration: '2 years' },
      { name: '_gid', provider: 'Google', purpose: 'Statistics', duration: '24 hours' },
    ]);
  });

  it('reads one header-column table per cookie, back to back, whatever the values say', () => {
    const text = [
      'Name | hh_consent',
      'Provider | Hearth & Home',
      'Purpose | Remembers your cookie choices',
      'Expiry | 6 months',
      'Consent | No consent required',
      'Name | _ga',
      'Provider | Google',
      'Purpose | Distinguishes visitors for statistics',
      'Expiry | 2y',
      'Consent | Opt-in',
    ].join('\n');
    expect(records(text)).toEqual([
      { name: 'hh_consent', provider: 'Hearth & Home', purpose: 'Remembers your cookie choices', duration: '6 months', consent: 'No consent required' },
      { name: '_ga', provider: 'Google', purpose: 'Distinguishes visitors for statistics', duration: '2y', consent: 'Opt-in' },
    ]);
  });

  it('keeps columns aligned when a cell is empty', () => {
    const text = ['Name | Provider | Expiry', 'PHPSESSID |  | Session'].join('\n');
    expect(records(text)).toEqual([{ name: 'PHPSESSID', duration: 'Session' }]);
  });

  it('reads a header-column table, one cookie per block of rows', () => {
    const text = ['Name | _ga', 'Provider | Google', 'Expiry | 2 years', 'Name | _fbp', 'Provider | Meta', 'Expiry | 3 months'].join('\n');
    expect(records(text)).toEqual([
      { name: '_ga', provider: 'Google', duration: '2 years' },
      { name: '_fbp', provider: 'Meta', duration: '3 months' },
    ]);
  });

  it('reads a header column with one cookie per column', () => {
    const text = ['Name | _ga | _gid', 'Expiry | 2y | 24h'].join('\n');
    expect(records(text)).toEqual([
      { name: '_ga', duration: '2y' },
      { name: '_gid', duration: '24h' },
    ]);
  });

  it('reads tab- and semicolon-separated rows', () => {
    expect(records('Name\tExpiry\n_ga\t2 years')).toEqual([{ name: '_ga', duration: '2 years' }]);
    expect(records('Name;Provider;Expiry\n_ga;Google;2 years\n_gid;Google;1 day')).toEqual([
      { name: '_ga', provider: 'Google', duration: '2 years' },
      { name: '_gid', provider: 'Google', duration: '1 day' },
    ]);
  });

  it('yields nothing for a table without a name or duration column', () => {
    expect(records('Provider | Purpose\nGoogle | Statistics')).toEqual([]);
  });
});

describe('recoverCellPerLineTables', () => {
  it('turns one cell per line into rows of the same length', () => {
    const text = 'Our cookies.\nName\nProvider\nExpiry\n_ga\nGoogle\n2 years\n_gid\nGoogle\n1 day\nThat is all.';
    const recovered = recoverCellPerLineTables(text);
    expect(recovered).toHaveLength(text.length);
    expect(recovered).toContain('_ga\tGoogle\t2 years\n_gid\tGoogle\t1 day');
    expect(records(recovered)).toEqual([
      { name: '_ga', provider: 'Google', duration: '2 years' },
      { name: '_gid', provider: 'Google', duration: '1 day' },
    ]);
  });

  it('turns label/value lines (a flattened definition list) into header-column rows', () => {
    const text =
      'Cookies we use\nCookie\ntrh_cc\nProvider\nTrailhead\nRetention\n12 months\nConsent\nConsent requested\nCookie\nIDE\nProvider\nGoogle\nRetention\n13 months\nThat is all.';
    const recovered = recoverCellPerLineTables(text);
    expect(recovered).toHaveLength(text.length);
    expect(records(recovered)).toEqual([
      { name: 'trh_cc', provider: 'Trailhead', duration: '12 months', consent: 'Consent requested' },
      { name: 'IDE', provider: 'Google', duration: '13 months' },
    ]);
  });

  it('leaves label lines without values alone', () => {
    const text = 'Cookie\nProvider\nPurpose\nThat is all.';
    expect(recoverCellPerLineTables(text)).toBe(text);
  });

  it('leaves ordinary prose alone', () => {
    const text = 'We use cookies.\nName and address are stored.\nThey expire.';
    expect(recoverCellPerLineTables(text)).toBe(text);
  });
});

describe('parseLifetimeCell', () => {
  it.each([
    ['2 years', 731],
    ['30d', 30],
    ['24h', 1],
    ['13 mois', 396],
    ['1 año', 365],
    ['6 mesi', 183],
    ['12 måneder', 365],
    ['1 år', 365],
    ['Session', 0],
    ['Sitzung', 0],
    ['sessie', 0],
    ['Fin de la session', 0],
    ['1 Jahr / 2 Jahre', 731],
  ] as const)('reads "%s" as %d days', (cell, days) => {
    expect(parseLifetimeCell(cell)?.days).toBe(days);
  });

  it('reads no lifetime from a cell that states none', () => {
    expect(parseLifetimeCell('persistent')).toBeNull();
    expect(parseLifetimeCell('-')).toBeNull();
  });
});
