import { describe, expect, it } from 'vitest';
import { googleConsentOverclaimed } from '../../../src/core/audit/rules/google-consent-overclaimed';
import type { ConsentObservation } from '../../../src/core/consent/consent-state';
import { readConsentRecord } from '../../../src/core/consent/records/record-adapters';
import { check, connox, T0, visit } from './build-visit';
import { title } from './words';

const GA = (gcs: string) => `https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ&gcs=${gcs}&en=page_view`;

/** Cookiebot's CookieConsent record as the adapter reads it. */
function cookiebotRecord(granted: boolean, at: number): ConsentObservation {
  const value = encodeURIComponent(
    `{stamp:'x',necessary:true,preferences:${granted},statistics:${granted},marketing:${granted},method:'explicit',ver:1,utc:1,region:'nl'}`,
  );
  const reading = readConsentRecord({ store: 'cookie', name: 'CookieConsent', value, at: T0 + at, carried: false });
  if (reading?.kind !== 'choice') throw new Error('fixture does not read');
  return reading.observation;
}

describe('rule google-consent-overclaimed', () => {
  it('flags Google hits that say "granted" after the consent tool recorded a refusal: critical, with the hit as evidence', () => {
    const v = visit().consent(cookiebotRecord(false, 50)).request(GA('G111'), { at: 200, type: 'ping' }).request(GA('G100'), { at: 300, type: 'ping' });
    const findings = check(googleConsentOverclaimed, v);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({
      ruleId: 'google-consent-overclaimed',
      severity: 'critical',
      message: { code: 'google-consent-overclaimed', params: { categories: ['marketing', 'statistics'], afterRefusal: true, signal: 'gcs=G111' } },
      subject: { label: 'Google Analytics' },
    });
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]).toMatchObject({ type: 'request', at: T0 + 200, consent: { status: 'refused' } });
    expect(f.clause).not.toBeNull();
    expect(title(f)).toContain('did not give');
  });

  it('flags "granted" before any choice when a known consent tool holds no choice yet (high), naming only what was overclaimed', () => {
    const v = visit().request(GA('G101'), { at: 100, type: 'ping' });
    v.state.consentRecordNotes = [{ tool: 'cookiebot', store: 'cookie', name: 'CookieConsent', at: T0 + 10, reading: 'no-choice', reason: null }];
    const [f] = check(googleConsentOverclaimed, v);
    expect(f).toMatchObject({ severity: 'high', message: { params: { categories: ['statistics'], afterRefusal: false } } });
  });

  it('says nothing when the visitor granted what Google was told, or when Google was told "denied"', () => {
    expect(check(googleConsentOverclaimed, visit().consent(cookiebotRecord(true, 50)).request(GA('G111'), { at: 200, type: 'ping' }))).toEqual([]);
    expect(check(googleConsentOverclaimed, visit().consent(cookiebotRecord(false, 50)).request(GA('G100'), { at: 200, type: 'ping' }))).toEqual([]);
    expect(check(googleConsentOverclaimed, visit().consent(cookiebotRecord(false, 50)).request(GA('G1--'), { at: 200, type: 'ping' }))).toEqual([]);
  });

  it('says nothing when no state PolicyLens read stands behind the comparison (an unknown consent tool may hold a choice)', () => {
    expect(check(googleConsentOverclaimed, visit().request(GA('G111'), { at: 200, type: 'ping' }))).toEqual([]);
  });

  it('keeps "before any choice" and "after refusal" apart, and cites the shop’s Consent Mode promise where the model has one', () => {
    const v = visit().request(GA('G111'), { at: 20, type: 'ping' }).consent(cookiebotRecord(false, 50)).request(GA('G111'), { at: 200, type: 'ping' });
    v.state.consentRecordNotes = [{ tool: 'cookiebot', store: 'cookie', name: 'CookieConsent', at: T0 + 10, reading: 'no-choice', reason: null }];
    const findings = check(googleConsentOverclaimed, v, { policy: connox() });
    expect(findings.map((f) => f.severity).sort()).toEqual(['critical', 'high']);
    expect(findings[0]!.clause?.quote).toContain('GCM is een hulpmiddel');
    expect(check(googleConsentOverclaimed, v, { policy: null })[0]!.grounds).toBe('legal-baseline');
  });
});
