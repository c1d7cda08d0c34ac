import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

describe('Complianz cmplz_* records', () => {
  it('reads each category cookie on its own: allow and deny', () => {
    expect(readConsentRecord(record('cmplz_marketing', 'allow'))).toMatchObject({
      kind: 'choice',
      observation: { tool: 'complianz', granted: { marketing: true } },
    });
    expect(readConsentRecord(record('cmplz_statistics', 'deny'))).toMatchObject({ kind: 'choice', observation: { granted: { statistics: false } } });
    expect(readConsentRecord(record('cmplz_preferences', 'allow'))).toMatchObject({ observation: { granted: { preferences: true } } });
  });

  it('carries only its own category (the timeline merges the tool’s records)', () => {
    const reading = readConsentRecord(record('cmplz_marketing', 'deny'));
    expect(reading?.kind === 'choice' && reading.observation.granted).toEqual({ marketing: false });
  });

  it('reads any other value as unreadable', () => {
    for (const value of ['yes', 'allow;deny', 'ALLOWX', ''])
      expect(readConsentRecord(record('cmplz_marketing', value))).toMatchObject({ kind: 'unreadable', tool: 'complianz' });
  });

  it('does not read the cookies that hold no choice', () => {
    expect(readConsentRecord(record('cmplz_functional', 'allow'))).toBeNull();
    expect(readConsentRecord(record('cmplz_policy_id', '14'))).toBeNull();
  });
});
