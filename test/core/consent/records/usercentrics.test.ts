import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

const VERSIONS = { application: 'SDK-4.35.0', service: '6.2.0', settings: '42.16.81' };

/** uc_settings as the v2 Browser SDK writes it: every service with its consent history. */
function ucSettings(history: { action: string; type: string; status: boolean; timestamp: number }[][]): string {
  const ids = ['H1Vl5NidjWX', 'HkocEodjb7', 'S1_9Vsuj-Q', 'BJz7qNsdj-7'];
  return JSON.stringify({
    controllerId: '6381ec91219f323a40a425bb8f9677d0b8e0b327a36f0bab2f25e7002c69a284',
    id: 'aqiBiX3PA1ivX0',
    language: 'de',
    services: history.map((entries, i) => ({
      history: entries.map((e) => ({ ...e, language: 'de', versions: VERSIONS })),
      id: ids[i % ids.length],
      processorId: '5da5ba6d486b303344389b38712b0a699625af8cdb9b50b1b81000f834bb3f45',
      status: entries.at(-1)?.status ?? false,
    })),
    version: '42.16.81',
  });
}
const initial = (status: boolean) => ({ action: 'onInitialPageLoad', type: 'implicit', status, timestamp: 1_000 });
const explicit = (action: string, status: boolean, timestamp = 2_000) => ({ action, type: 'explicit', status, timestamp });
const ls = (name: string, value: string) => record(name, value, { store: 'localStorage' });

describe('Usercentrics uc_settings record (Browser SDK v2)', () => {
  it('reads accept-all from the last action', () => {
    const value = ucSettings([
      [initial(true), explicit('onAcceptAllServices', true)],
      [initial(false), explicit('onAcceptAllServices', true)],
    ]);
    expect(readConsentRecord(ls('uc_settings', value))).toMatchObject({
      kind: 'choice',
      observation: { tool: 'usercentrics', granted: { marketing: true, statistics: true, preferences: true } },
    });
  });

  it('reads deny-all, though essential services keep status true', () => {
    const value = ucSettings([
      [initial(true), explicit('onDenyAllServices', true)],
      [initial(false), explicit('onDenyAllServices', false)],
    ]);
    expect(readConsentRecord(ls('uc_settings', value))).toMatchObject({
      kind: 'choice',
      observation: { granted: { marketing: false, statistics: false, preferences: false } },
    });
  });

  it('reads a withdrawal: deny-all after accept-all, the later one wins', () => {
    const value = ucSettings([[initial(true), explicit('onAcceptAllServices', true, 2_000), explicit('onDenyAllServices', true, 3_000)]]);
    expect(readConsentRecord(ls('uc_settings', value))).toMatchObject({ observation: { granted: { marketing: false } } });
  });

  it('reads the initial page load defaults as no choice', () => {
    expect(readConsentRecord(ls('uc_settings', ucSettings([[initial(true)], [initial(false)]])))).toEqual({ kind: 'no-choice', tool: 'usercentrics' });
  });

  it('reports a choice of single services (categories unknown) as unreadable, never guessed', () => {
    const value = ucSettings([[explicit('onUpdateServices', true)], [explicit('onUpdateServices', false)]]);
    expect(readConsentRecord(ls('uc_settings', value))).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('single services') });
  });

  it('reads wrong shapes and truncated JSON as unreadable', () => {
    for (const value of ['{"services":{}}', '{"services":[{"history":[{"action":1}]}]}', ucSettings([[initial(true)]]).slice(0, 80)]) {
      expect(readConsentRecord(ls('uc_settings', value))).toMatchObject({ kind: 'unreadable', tool: 'usercentrics' });
    }
  });
});

describe('Usercentrics ucData record (CMP v3)', () => {
  const ucData = (consent: object, gcm: object) =>
    JSON.stringify({ gcm, consent: { ...consent, services: { HkocEodjb7: { name: 'Google Analytics', consent: true } } } });
  const gcm = (ad: string, analytics: string) => ({ adStorage: ad, analyticsStorage: analytics, adUserData: ad, adPersonalization: ad });

  it('reads all accepted and all denied', () => {
    expect(readConsentRecord(ls('ucData', ucData({ status: 'ALL_ACCEPTED', type: 'EXPLICIT' }, gcm('granted', 'granted'))))).toMatchObject({
      observation: { granted: { marketing: true, statistics: true, preferences: true } },
    });
    expect(readConsentRecord(ls('ucData', ucData({ status: 'ALL_DENIED', type: 'EXPLICIT' }, gcm('denied', 'denied'))))).toMatchObject({
      observation: { granted: { marketing: false, statistics: false, preferences: false } },
    });
  });

  it('reads a partial choice from the Consent Mode states it derives', () => {
    expect(readConsentRecord(ls('ucData', ucData({ status: 'SOME_ACCEPTED', type: 'EXPLICIT' }, gcm('denied', 'granted'))))).toMatchObject({
      observation: { granted: { marketing: false, statistics: true } },
    });
  });

  it('reads an implicit record as no choice, and one without consent or gcm as unreadable', () => {
    expect(readConsentRecord(ls('ucData', ucData({ status: 'ALL_DENIED', type: 'IMPLICIT' }, gcm('denied', 'denied'))))).toEqual({
      kind: 'no-choice',
      tool: 'usercentrics',
    });
    expect(readConsentRecord(ls('ucData', '{"other":1}'))).toMatchObject({ kind: 'unreadable' });
  });
});
