import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

function cookieyes(action: string, flags: Record<string, 'yes' | 'no'>): string {
  const consent = Object.entries(flags).some(([k, v]) => k !== 'necessary' && v === 'yes') ? 'yes' : 'no';
  return [
    'consentid:Y2tlZVNXcW9xb2RzYk9QR0pqZ1p5Z3dpTWdqR3pUVHg',
    `consent:${consent}`,
    `action:${action}`,
    ...Object.entries(flags).map(([k, v]) => `${k}:${v}`),
    'other:no',
  ].join(',');
}
const all = (v: 'yes' | 'no') => ({ necessary: 'yes' as const, functional: v, analytics: v, performance: v, advertisement: v });

describe('CookieYes cookieyes-consent record', () => {
  it('reads accept-all and reject-all', () => {
    expect(readConsentRecord(record('cookieyes-consent', cookieyes('yes', all('yes'))))).toMatchObject({
      kind: 'choice',
      observation: { tool: 'cookieyes', granted: { preferences: true, statistics: true, marketing: true } },
    });
    expect(readConsentRecord(record('cookieyes-consent', cookieyes('yes', all('no'))))).toMatchObject({
      observation: { granted: { preferences: false, statistics: false, marketing: false } },
    });
  });

  it('reads a partial choice (performance alone grants statistics)', () => {
    const value = cookieyes('yes', { necessary: 'yes', functional: 'no', analytics: 'no', performance: 'yes', advertisement: 'no' });
    expect(readConsentRecord(record('cookieyes-consent', value))).toMatchObject({
      observation: { granted: { preferences: false, statistics: true, marketing: false } },
    });
  });

  it('reads the defaults before any action as no choice, URL-encoded too', () => {
    expect(readConsentRecord(record('cookieyes-consent', cookieyes('', all('no'))))).toEqual({ kind: 'no-choice', tool: 'cookieyes' });
    expect(readConsentRecord(record('cookieyes-consent', encodeURIComponent(cookieyes('no', all('yes')))))).toEqual({ kind: 'no-choice', tool: 'cookieyes' });
  });

  it('reads a value without categories as unreadable', () => {
    for (const value of ['consentid:abc,consent:yes,action:yes', 'garbage', 'analytics:maybe,action:yes']) {
      expect(readConsentRecord(record('cookieyes-consent', value))).toMatchObject({ kind: 'unreadable', tool: 'cookieyes' });
    }
  });
});
