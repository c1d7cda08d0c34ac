import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

/** borlabs-cookie as Borlabs Cookie writes it: URL-encoded JSON of the accepted groups. */
function borlabs(consents: Record<string, string[]>): string {
  return encodeURIComponent(
    JSON.stringify({
      consents,
      domainPath: 'shop.example/',
      expires: 'Sat, 01 Mar 2025 09:11:12 GMT',
      uid: '8a7b6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d',
      version: '1',
    }),
  );
}

describe('Borlabs Cookie borlabs-cookie record', () => {
  it('reads accept-all', () => {
    const value = borlabs({
      essential: ['borlabs-cookie', 'woocommerce'],
      statistics: ['google-analytics'],
      marketing: ['facebook-pixel'],
      'external-media': ['youtube'],
    });
    expect(readConsentRecord(record('borlabs-cookie', value))).toMatchObject({
      kind: 'choice',
      observation: { tool: 'borlabs', granted: { statistics: true, marketing: true, preferences: true } },
    });
  });

  it('reads reject-all (essential only)', () => {
    expect(readConsentRecord(record('borlabs-cookie', borlabs({ essential: ['borlabs-cookie'] })))).toMatchObject({
      observation: { granted: { statistics: false, marketing: false, preferences: false } },
    });
  });

  it('reads external media alone as preferences, never as marketing', () => {
    expect(readConsentRecord(record('borlabs-cookie', borlabs({ essential: ['borlabs-cookie'], 'external-media': ['youtube', 'googlemaps'] })))).toMatchObject({
      observation: { granted: { statistics: false, marketing: false, preferences: true } },
    });
  });

  it('reads junk, truncated values and hostile keys as unreadable', () => {
    const cases = ['%7B%22consents%22', '{"consents":["essential"]}', '{"__proto__":{"consents":{"marketing":[]}}}', borlabs({ essential: [] }).slice(0, 25)];
    for (const value of cases) expect(readConsentRecord(record('borlabs-cookie', value)), value).toMatchObject({ kind: 'unreadable', tool: 'borlabs' });
  });

  it('does not take a group from the prototype', () => {
    const value = encodeURIComponent('{"consents":{"__proto__":{"marketing":["x"]},"essential":["borlabs-cookie"]}}');
    expect(readConsentRecord(record('borlabs-cookie', value))).toMatchObject({ observation: { granted: { marketing: false } } });
  });
});
