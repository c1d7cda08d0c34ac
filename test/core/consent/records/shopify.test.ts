import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

/** _tracking_consent as Shopify's customer privacy API writes it (v2.1, URL-encoded JSON). */
function trackingConsent(cmp: Record<string, string> | null, purposes: Record<string, boolean> | null): string {
  const json = {
    ...(cmp ? { con: { CMP: cmp } } : {}),
    v: '2.1',
    region: 'DEBE',
    reg: 'GDPR',
    ...(purposes ? { purposes } : {}),
    display_banner: true,
    sale_of_data_region: false,
    consent_id: '15E8E3F9-ad99-4557-a3d0-711c3be89f5b',
  };
  return encodeURIComponent(JSON.stringify(json));
}

describe('Shopify _tracking_consent record', () => {
  it('reads accept-all from con.CMP', () => {
    const reading = readConsentRecord(record('_tracking_consent', trackingConsent({ a: '1', m: '1', p: '1', s: '' }, { a: true, p: true, m: true, t: true })));
    expect(reading).toMatchObject({ kind: 'choice', observation: { tool: 'shopify', granted: { statistics: true, marketing: true, preferences: true } } });
  });

  it('reads reject-all and a partial choice', () => {
    expect(
      readConsentRecord(record('_tracking_consent', trackingConsent({ a: '0', m: '0', p: '0', s: '' }, { a: false, p: false, m: false, t: false }))),
    ).toMatchObject({
      observation: { granted: { statistics: false, marketing: false, preferences: false } },
    });
    expect(readConsentRecord(record('_tracking_consent', trackingConsent({ a: '1', m: '0', p: '1', s: '' }, null)))).toMatchObject({
      observation: { granted: { statistics: true, marketing: false, preferences: true } },
    });
  });

  it('reads con.CMP with nothing chosen as no choice, whatever the regional default purposes', () => {
    const value = trackingConsent({ a: '', m: '', p: '', s: '' }, { a: true, p: true, m: true, t: true });
    expect(readConsentRecord(record('_tracking_consent', value))).toEqual({ kind: 'no-choice', tool: 'shopify' });
  });

  it('reads v2.1 purposes when there is no con.CMP block, and raw (unencoded) JSON', () => {
    const value = trackingConsent(null, { a: true, p: false, m: false, t: false });
    expect(readConsentRecord(record('_tracking_consent', value))).toMatchObject({
      observation: { granted: { statistics: true, preferences: false, marketing: false } },
    });
    expect(readConsentRecord(record('_tracking_consent', decodeURIComponent(value)))).toMatchObject({ kind: 'choice' });
  });

  it('reads unreadable shapes and truncated values as unreadable', () => {
    for (const value of ['{"v":"2.1"}', '{"purposes":{"a":"yes"}}', trackingConsent({ a: '1' }, null).slice(0, 40)]) {
      expect(readConsentRecord(record('_tracking_consent', value)), value).toMatchObject({ kind: 'unreadable', tool: 'shopify' });
    }
  });
});
