import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';

const cookie = (value: string) => ({ store: 'cookie' as const, name: 'CookieConsent', value, at: 5, carried: false });

describe('Cookiebot CookieConsent record', () => {
  it('reads the three optional flags, URL-encoded as Cookiebot stores them', () => {
    const value = encodeURIComponent("{stamp:'abc',necessary:true,preferences:false,statistics:true,marketing:false,method:'explicit',ver:1}");
    const reading = readConsentRecord(cookie(value));
    expect(reading).toMatchObject({
      kind: 'choice',
      observation: { source: 'consent-record', tool: 'cookiebot', at: 5, granted: { preferences: false, statistics: true, marketing: false } },
    });
  });

  it("reads '-1' (no consent needed in the visitor's region) as no choice, and junk as unreadable", () => {
    expect(readConsentRecord(cookie('-1'))).toEqual({ kind: 'no-choice', tool: 'cookiebot' });
    expect(readConsentRecord(cookie('%E0%A4%A'))).toMatchObject({ kind: 'unreadable', tool: 'cookiebot' });
  });

  it('ignores records no consent tool keeps', () => {
    expect(readConsentRecord({ ...cookie('x'), name: '_ga' })).toBeNull();
  });
});
