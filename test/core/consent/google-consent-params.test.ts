import { describe, expect, it } from 'vitest';
import { GoogleConsentEchoes, googleConsentFromUrl } from '../../../src/core/consent/google-consent-params';

const GA4 = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-XXX';

describe('googleConsentFromUrl (gcs)', () => {
  it('G100: both denied', () => {
    expect(googleConsentFromUrl(`${GA4}&gcs=G100`, 5)).toEqual({
      kind: 'consent',
      at: 5,
      source: 'google-request',
      tool: null,
      phase: 'update',
      granted: { marketing: false, statistics: false },
      explicit: false,
      detail: 'gcs=G100',
    });
  });

  it('G111: both granted; G101 / G110 split ad_storage (marketing) and analytics_storage (statistics)', () => {
    expect(googleConsentFromUrl(`${GA4}&gcs=G111`, 1)?.granted).toEqual({ marketing: true, statistics: true });
    expect(googleConsentFromUrl(`${GA4}&gcs=G101`, 1)?.granted).toEqual({ marketing: false, statistics: true });
    expect(googleConsentFromUrl(`${GA4}&gcs=G110`, 1)?.granted).toEqual({ marketing: true, statistics: false });
  });

  it('keeps gcd in the detail, never other parameters', () => {
    expect(googleConsentFromUrl(`${GA4}&gcs=G111&gcd=13l3l3l3l1&cid=123.456`, 1)?.detail).toBe('gcs=G111 gcd=13l3l3l3l1');
  });

  it('G1--: parsed as a Consent Mode signal (the mechanism is present)', () => {
    const o = googleConsentFromUrl(`${GA4}&gcs=G1--`, 1);
    expect(o).toMatchObject({ source: 'google-request', explicit: false, detail: 'gcs=G1--' });
  });

  // Regression test (fixed): google-consent-params.ts:28 maps "-" (type not set) to false, so G1-- is reported as
  // "ad_storage and analytics_storage denied". The state is unknown, and `granted` is a
  // Partial record for exactly that. Expected granted {} for G1-- (and { statistics: true } for
  // G1-1); actual { marketing: false, statistics: false }. Fix: only set a key for '0' / '1'.
  it('G1--: does not invent a denial for types that are not set', () => {
    expect(googleConsentFromUrl(`${GA4}&gcs=G1--`, 1)?.granted).toEqual({});
    expect(googleConsentFromUrl(`${GA4}&gcs=G1-1`, 1)?.granted).toEqual({ statistics: true });
  });

  it('returns null when gcs is absent', () => {
    expect(googleConsentFromUrl(GA4, 1)).toBeNull();
    expect(googleConsentFromUrl('https://www.google-analytics.com/analytics.js', 1)).toBeNull();
    expect(googleConsentFromUrl(`${GA4}&xgcs=G111`, 1)).toBeNull();
    expect(googleConsentFromUrl('https://example.com/#gcs=G111', 1)).toBeNull();
  });

  it('returns null for malformed values', () => {
    for (const bad of ['G2', 'G11', 'G1111', 'G1x1', 'g111', 'G211', '', 'G1%00%00']) {
      expect(googleConsentFromUrl(`${GA4}&gcs=${bad}`, 1)).toBeNull();
    }
  });

  it('reads the query only, not the fragment', () => {
    expect(googleConsentFromUrl(`${GA4}&gcs=G100#gcs=G111`, 1)?.granted).toEqual({ marketing: false, statistics: false });
  });
});

describe('GoogleConsentEchoes', () => {
  const GA = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1';

  it('reports a gcs state once per change, in request order', () => {
    const echoes = new GoogleConsentEchoes();
    const seen = [
      echoes.read(`${GA}&gcs=G100&_p=1`, 'h', 1),
      echoes.read(`${GA}&gcs=G100&_p=2`, 'h', 2),
      echoes.read(`${GA}&gcs=G111&_p=3`, 'h', 3),
      echoes.read(`${GA}&gcs=G111`, 'h', 4),
      echoes.read(`${GA}&gcs=G100`, 'h', 5),
    ];
    expect(seen.map((s) => s?.at ?? null)).toEqual([1, null, 3, null, 5]);
    expect(seen[2]?.granted).toEqual({ marketing: true, statistics: true });
  });

  it('treats a changed gcd as a change and ignores look-alike parameters', () => {
    const echoes = new GoogleConsentEchoes();
    expect(echoes.read(`${GA}&gcs=G111&gcd=13l3l3l3l1`, 'h', 1)?.detail).toBe('gcs=G111 gcd=13l3l3l3l1');
    expect(echoes.read(`${GA}&gcs=G111&gcd=13r3r3r3r1`, 'h', 2)?.detail).toBe('gcs=G111 gcd=13r3r3r3r1');
    expect(echoes.read(`${GA}&xgcs=G100`, 'h', 3)).toBeNull();
    expect(echoes.read('https://example.com/#gcs=G100', 'h', 4)).toBeNull();
    expect(echoes.read(`${GA}#&gcs=G100`, 'h', 5)).toBeNull();
  });

  it('keeps each host apart: two tags may echo different states', () => {
    const echoes = new GoogleConsentEchoes();
    expect(echoes.read(`${GA}&gcs=G111`, 'a', 1)).not.toBeNull();
    expect(echoes.read(`${GA}&gcs=G111`, 'b', 2)).not.toBeNull();
    expect(echoes.read(`${GA}&gcs=G111`, 'a', 3)).toBeNull();
  });

  it('does not let a malformed gcs hide the next valid one', () => {
    const echoes = new GoogleConsentEchoes();
    expect(echoes.read(`${GA}&gcs=nonsense`, 'h', 1)).toBeNull();
    expect(echoes.read(`${GA}&gcs=G101`, 'h', 2)?.granted).toEqual({ marketing: false, statistics: true });
  });
});
