import { describe, expect, it } from 'vitest';
import { decodeTcf } from '../../../src/core/consent/decode-tcf';
import { tcString } from './records/tc-string';
import { fromPageSignal } from '../../../src/core/consent/from-page-signal';

/** A real TC string (the shared fixture helper), with no vendors and CMP id 10 unless given. */
const tc = (purposes: number[], cmpId = 10): string => tcString(purposes, [], cmpId);

describe('decodeTcf', () => {
  it('decodes purposes and the CMP id from a real TC string', () => {
    expect(decodeTcf(tc([1, 2, 8], 42))).toEqual({
      cmpId: 42,
      granted: { marketing: true, statistics: true, preferences: false },
      purposeConsents: [1, 2, 8],
      vendorConsents: [],
    });
  });

  it('maps purposes onto categories: any purpose of a category grants it', () => {
    expect(decodeTcf(tc([]))?.granted).toEqual({ marketing: false, statistics: false, preferences: false });
    expect(decodeTcf(tc([1]))?.granted).toEqual({ marketing: false, statistics: false, preferences: false });
    expect(decodeTcf(tc([7]))?.granted).toEqual({ marketing: true, statistics: false, preferences: false });
    expect(decodeTcf(tc([10]))?.granted).toEqual({ marketing: false, statistics: true, preferences: false });
    expect(decodeTcf(tc([5, 11]))?.granted).toEqual({ marketing: false, statistics: false, preferences: true });
    expect(decodeTcf(tc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))?.granted).toEqual({ marketing: true, statistics: true, preferences: true });
  });

  it('returns null for malformed strings', () => {
    for (const bad of ['', 'not-a-tc-string', '!!!', 'CPx', '....']) expect(decodeTcf(bad)).toBeNull();
  });
});

describe('fromPageSignal', () => {
  it('decodes a TCF signal and drops the TC string, keeping only categories and the CMP id', () => {
    const encoded = tc([1, 8], 7);
    const o = fromPageSignal({ source: 'iab-tcf', at: 5, phase: 'update', explicit: true, granted: {}, detail: encoded });
    expect(o).toEqual({
      kind: 'consent',
      at: 5,
      source: 'iab-tcf',
      tool: 'iab-tcf',
      phase: 'update',
      granted: { marketing: false, statistics: true, preferences: false },
      explicit: true,
      detail: 'cmpId=7 purposes=1,8',
    });
    expect(JSON.stringify(o)).not.toContain(encoded);
  });

  it('drops a TCF signal whose string does not decode or is missing', () => {
    expect(fromPageSignal({ source: 'iab-tcf', at: 5, phase: 'update', explicit: true, granted: {}, detail: 'garbage' })).toBeNull();
    expect(fromPageSignal({ source: 'iab-tcf', at: 5, phase: 'update', explicit: true, granted: {}, detail: null })).toBeNull();
  });

  it('keeps Cookiebot categories that are present, names the tool, and caps the detail', () => {
    const o = fromPageSignal({
      source: 'cookiebot',
      at: 9,
      phase: 'update',
      explicit: true,
      granted: { statistics: true, marketing: false },
      detail: 'x'.repeat(500),
    });
    expect(o).toMatchObject({ source: 'cookiebot', tool: 'cookiebot', granted: { statistics: true, marketing: false } });
    expect(o!.granted).not.toHaveProperty('preferences');
    expect(o!.detail).toHaveLength(200);
  });

  it('gives Google Consent Mode signals no tool', () => {
    expect(
      fromPageSignal({ source: 'google-consent-mode', at: 1, phase: 'default', explicit: false, granted: { marketing: false }, detail: null }),
    ).toMatchObject({ tool: null, phase: 'default', detail: null });
  });
});
