import { GVL, TCModel, TCString } from '@iabtcf/core';
import { describe, expect, it } from 'vitest';
import { decodeTcf } from '../../../src/core/consent/decode-tcf';
import { fromPageSignal } from '../../../src/core/consent/from-page-signal';

/**
 * A TC string built with @iabtcf/core itself. Encoding needs a GVL; an in-memory vendor list
 * with the eleven TCF purposes and no vendors is enough (nothing is fetched).
 */
function tcString(purposes: number[], cmpId = 10): string {
  const purposeDefs = Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [String(i + 1), { id: i + 1, name: `Purpose ${i + 1}`, description: '', descriptionLegal: '' }]),
  );
  const gvl = new GVL({
    gvlSpecificationVersion: 2,
    vendorListVersion: 100,
    tcfPolicyVersion: 2,
    lastUpdated: '2024-01-01T00:00:00Z',
    purposes: purposeDefs,
    specialPurposes: {},
    features: {},
    specialFeatures: {},
    vendors: {},
    stacks: {},
  } as unknown as ConstructorParameters<typeof GVL>[0]);
  const model = new TCModel(gvl);
  model.cmpId = cmpId;
  model.cmpVersion = 1;
  model.consentScreen = 1;
  model.purposeConsents.set(purposes);
  return TCString.encode(model);
}

describe('decodeTcf', () => {
  it('decodes purposes and the CMP id from a real TC string', () => {
    expect(decodeTcf(tcString([1, 2, 8], 42))).toEqual({
      cmpId: 42,
      granted: { marketing: true, statistics: true, preferences: false },
      purposeConsents: [1, 2, 8],
      vendorConsents: [],
    });
  });

  it('maps purposes onto categories: any purpose of a category grants it', () => {
    expect(decodeTcf(tcString([]))?.granted).toEqual({ marketing: false, statistics: false, preferences: false });
    expect(decodeTcf(tcString([1]))?.granted).toEqual({ marketing: false, statistics: false, preferences: false });
    expect(decodeTcf(tcString([7]))?.granted).toEqual({ marketing: true, statistics: false, preferences: false });
    expect(decodeTcf(tcString([10]))?.granted).toEqual({ marketing: false, statistics: true, preferences: false });
    expect(decodeTcf(tcString([5, 11]))?.granted).toEqual({ marketing: false, statistics: false, preferences: true });
    expect(decodeTcf(tcString([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))?.granted).toEqual({ marketing: true, statistics: true, preferences: true });
  });

  it('returns null for malformed strings', () => {
    for (const bad of ['', 'not-a-tc-string', '!!!', 'CPx', '....']) expect(decodeTcf(bad)).toBeNull();
  });
});

describe('fromPageSignal', () => {
  it('decodes a TCF signal and drops the TC string, keeping only categories and the CMP id', () => {
    const tc = tcString([1, 8], 7);
    const o = fromPageSignal({ source: 'iab-tcf', at: 5, phase: 'update', explicit: true, granted: {}, detail: tc });
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
    expect(JSON.stringify(o)).not.toContain(tc);
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
