import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';
import { tcString } from './tc-string';

const ALL_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

describe('IAB TCF v2.2 TC string record', () => {
  it('reads accept-all with its CMP, purposes and vendors', () => {
    const reading = readConsentRecord(record('euconsent-v2', tcString(ALL_PURPOSES, [10, 755], 7)));
    expect(reading).toMatchObject({
      kind: 'choice',
      observation: {
        source: 'consent-record',
        tool: 'iab-tcf',
        granted: { marketing: true, statistics: true, preferences: true },
        tcf: { cmpId: 7, purposes: ALL_PURPOSES, vendors: [10, 755] },
        record: { store: 'cookie', name: 'euconsent-v2' },
      },
    });
  });

  it('reads reject-all (a string without purpose consents) as every category refused', () => {
    const reading = readConsentRecord(record('euconsent-v2', tcString([])));
    expect(reading).toMatchObject({
      kind: 'choice',
      observation: { granted: { marketing: false, statistics: false, preferences: false }, tcf: { purposes: [], vendors: [] } },
    });
  });

  it('maps a partial choice purpose by purpose (1 storage, 8–10 statistics only)', () => {
    const reading = readConsentRecord(record('euconsent-v2', tcString([1, 8, 9, 10], [])));
    expect(reading).toMatchObject({ kind: 'choice', observation: { granted: { marketing: false, statistics: true, preferences: false } } });
    const ads = readConsentRecord(record('euconsent-v2', tcString([1, 7])));
    expect(ads).toMatchObject({ observation: { granted: { marketing: true, statistics: false, preferences: false } } });
  });

  it("reads Didomi's localStorage copy, OneTrust's eupubconsent-v2, URL-encoded and JSON-quoted values", () => {
    const tc = tcString([1, 2]);
    expect(readConsentRecord(record('euconsent-v2', JSON.stringify(tc), { store: 'localStorage' }))).toMatchObject({ kind: 'choice' });
    expect(readConsentRecord(record('eupubconsent-v2', encodeURIComponent(tc)))).toMatchObject({
      kind: 'choice',
      observation: { granted: { marketing: true } },
    });
  });

  it('stamps a carried record (an earlier visit’s choice) as such, at the time it is given', () => {
    const reading = readConsentRecord(record('euconsent-v2', tcString(ALL_PURPOSES), { carried: true, at: 42 }));
    expect(reading).toMatchObject({ observation: { at: 42, detail: expect.stringContaining('earlier visit') } });
  });

  it('reads truncated and malformed strings as unreadable, with a reason', () => {
    const tc = tcString(ALL_PURPOSES);
    expect(readConsentRecord(record('euconsent-v2', tc.slice(0, 10)))).toMatchObject({ kind: 'unreadable', tool: 'iab-tcf' });
    expect(readConsentRecord(record('euconsent-v2', 'not a tc string!'))).toEqual({ kind: 'unreadable', tool: 'iab-tcf', reason: 'not a TC string' });
    expect(readConsentRecord(record('euconsent-v2', 'A'.repeat(19_000)))).toMatchObject({ kind: 'unreadable' });
  });
});
