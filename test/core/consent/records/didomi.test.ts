import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { base64, record } from './record-fixture';
import { DIDOMI_IAB_PURPOSES } from '../../../fixtures/storefront/vendors/didomi';

const IAB = DIDOMI_IAB_PURPOSES;

/** A didomi_token as Didomi's SDK writes it (version 2). */
function token(
  enabled: string[],
  disabled: string[],
  vendors: { enabled: (string | number)[]; disabled: (string | number)[] } = { enabled: [], disabled: [] },
): string {
  return base64(
    JSON.stringify({
      user_id: '18c4f3a2-1b2c-6d7e-8f90-a1b2c3d4e5f6',
      created: '2024-03-01T09:11:12.345Z',
      updated: '2024-03-01T09:11:12.345Z',
      vendors,
      purposes: { enabled, disabled },
      vendors_li: { enabled: [], disabled: [] },
      purposes_li: { enabled: [], disabled: [] },
      version: 2,
      ac: 'AAAA.AAAA',
    }),
  );
}

describe('Didomi didomi_token record', () => {
  it('reads accept-all, with custom purposes', () => {
    const reading = readConsentRecord(record('didomi_token', token([...IAB, 'analytics-HpBJrrK7'], [], { enabled: ['google', 'c:hotjar'], disabled: [] })));
    expect(reading).toMatchObject({ kind: 'choice', observation: { tool: 'didomi', granted: { marketing: true, statistics: true, preferences: true } } });
  });

  it('reads reject-all (every purpose disabled)', () => {
    const reading = readConsentRecord(record('didomi_token', token([], [...IAB, 'analytics-HpBJrrK7']), { store: 'localStorage' }));
    expect(reading).toMatchObject({
      kind: 'choice',
      observation: { granted: { marketing: false, statistics: false, preferences: false }, record: { store: 'localStorage' } },
    });
  });

  it('reads a partial choice by purpose (measurement only)', () => {
    const reading = readConsentRecord(
      record('didomi_token', token(['cookies', 'measure_content_performance'], ['select_basic_ads', 'create_ads_profile', 'select_personalized_content'])),
    );
    expect(reading).toMatchObject({ observation: { granted: { statistics: true, marketing: false, preferences: false } } });
  });

  it('reads a token that enables and disables nothing as no choice', () => {
    expect(readConsentRecord(record('didomi_token', token([], [])))).toEqual({ kind: 'no-choice', tool: 'didomi' });
  });

  it('reads base64url and URL-encoded tokens', () => {
    const t = token(['select_basic_ads'], []).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(readConsentRecord(record('didomi_token', encodeURIComponent(t)))).toMatchObject({ kind: 'choice', observation: { granted: { marketing: true } } });
  });

  it('reads junk, bad JSON, bad UTF-8, truncated tokens and wrong shapes as unreadable', () => {
    const cases = [
      '!!!not base64!!!',
      base64('{"purposes":'),
      Buffer.from([0xff, 0xfe, 0x7b]).toString('base64'),
      token(['cookies'], []).slice(0, 30),
      base64('{"purposes":{"enabled":"all"}}'),
      base64('{"vendors":{"enabled":[]}}'),
      base64('{"__proto__":{"enabled":["select_basic_ads"]},"purposes":{"__proto__":["x"]}}'),
    ];
    for (const value of cases)
      expect(readConsentRecord(record('didomi_token', value)), value).toMatchObject({ kind: expect.stringMatching(/unreadable|no-choice/) });
    expect(readConsentRecord(record('didomi_token', '!!!not base64!!!'))).toMatchObject({ kind: 'unreadable', tool: 'didomi' });
  });
});
