import { describe, expect, it } from 'vitest';
import { decodeGcd } from '../../../src/core/consent/google-consent-gcd';
import { GoogleConsentEchoes, googleConsentFromUrl } from '../../../src/core/consent/google-consent-params';

const GA4 = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-XXX';

describe('decodeGcd', () => {
  it('reads the four Consent Mode v2 types, default and update, letter by letter', () => {
    expect(decodeGcd('11p1p1p1p5')).toEqual({
      adStorage: { state: 'denied', updated: false },
      analyticsStorage: { state: 'denied', updated: false },
      adUserData: { state: 'denied', updated: false },
      adPersonalization: { state: 'denied', updated: false },
    });
    // Denied by default, granted by the visitor's update (a CMP after accept-all).
    expect(decodeGcd('13r3r3r2r5l1')).toMatchObject({ adStorage: { state: 'granted', updated: true }, adPersonalization: { state: 'granted', updated: true } });
    // Mixed: ad_storage refused after a default grant, analytics granted, the v2 types never set.
    expect(decodeGcd('13u3v3l3l5')).toEqual({
      adStorage: { state: 'denied', updated: true },
      analyticsStorage: { state: 'granted', updated: true },
      adUserData: { state: null, updated: false },
      adPersonalization: { state: null, updated: false },
    });
  });

  it('reads each of the nine letters', () => {
    const expected = { l: null, p: 'denied', q: 'denied', m: 'denied', u: 'denied', t: 'granted', r: 'granted', n: 'granted', v: 'granted' };
    for (const [letter, state] of Object.entries(expected)) expect(decodeGcd(`11${letter}1l1l1l5`)?.adStorage.state, letter).toBe(state);
    expect(decodeGcd('11t1l1l1l5')?.adStorage.updated).toBe(false);
    expect(decodeGcd('11n1l1l1l5')?.adStorage.updated).toBe(true);
  });

  it('accepts the separators tags use (digits, upper-case letters) and rejects anything else', () => {
    expect(decodeGcd('13q3qPq2q5l1')).not.toBeNull();
    for (const bad of ['', '11p1p1p', '11x1p1p1p5', 'ab p1p1p1p5', '11p1p1p1p5'.padEnd(60, '1'), '11P1P1P1P5', '<script>'])
      expect(decodeGcd(bad), bad).toBeNull();
  });
});

describe('googleConsentFromUrl with gcd', () => {
  it('reads a request with gcd and no gcs', () => {
    expect(googleConsentFromUrl(`${GA4}&gcd=13r3p3r2r5l1`, 3)).toMatchObject({
      source: 'google-request',
      explicit: false,
      granted: { marketing: true, statistics: false },
      detail: 'gcd=13r3p3r2r5l1',
      googleConsent: { adUserData: { state: 'granted' } },
    });
  });

  it('lets gcs decide the two types it carries, and keeps a gcd that does not parse out of the detail', () => {
    expect(googleConsentFromUrl(`${GA4}&gcs=G100&gcd=13r3r3r2r5l1`, 3)?.granted).toEqual({ marketing: false, statistics: false });
    expect(googleConsentFromUrl(`${GA4}&gcs=G111&gcd=%3Cb%3E`, 3)).toMatchObject({ detail: 'gcs=G111' });
    expect(googleConsentFromUrl(`${GA4}&gcd=junk`, 3)).toBeNull();
  });

  it('reports a change of gcd alone as a new echo', () => {
    const echoes = new GoogleConsentEchoes();
    expect(echoes.read(`${GA4}&gcd=13p3p3p2p5l1`, 'ga', 1)).not.toBeNull();
    expect(echoes.read(`${GA4}&gcd=13p3p3p2p5l1`, 'ga', 2)).toBeNull();
    expect(echoes.read(`${GA4}&gcd=13r3r3r2r5l1`, 'ga', 3)).toMatchObject({ granted: { marketing: true, statistics: true } });
  });
});
