import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

const klaro = (services: Record<string, boolean>) => encodeURIComponent(JSON.stringify(services));

describe('Klaro klaro record', () => {
  it('reads every service accepted as accept-all and none as reject-all, whatever their names', () => {
    expect(readConsentRecord(record('klaro', klaro({ shopTracker: true, newsletterPopup: true })))).toMatchObject({
      kind: 'choice',
      observation: { tool: 'klaro', granted: { preferences: true, statistics: true, marketing: true } },
    });
    expect(readConsentRecord(record('klaro', klaro({ shopTracker: false, 'google-analytics': false }), { store: 'localStorage' }))).toMatchObject({
      observation: { granted: { preferences: false, statistics: false, marketing: false } },
    });
  });

  it('reads a partial choice from the names of common tools', () => {
    const reading = readConsentRecord(record('klaro', klaro({ googleAnalytics: true, 'facebook-pixel': false, YouTube: false, shopTracker: true })));
    expect(reading).toMatchObject({
      kind: 'choice',
      observation: { granted: { statistics: true, marketing: false, preferences: false }, detail: 'partial: 2 of 4 services, 3 mapped by name' },
    });
  });

  it('reports a partial choice over services with unknown names as unreadable, never guessed', () => {
    expect(readConsentRecord(record('klaro', klaro({ shopTracker: true, chatWidget: false })))).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('none with a name'),
    });
  });

  it('reads junk, empty objects and prototype keys as unreadable', () => {
    for (const value of ['%7B', '{}', '{"__proto__":"x"}', '"true"'])
      expect(readConsentRecord(record('klaro', value)), value).toMatchObject({ kind: 'unreadable', tool: 'klaro' });
    expect(readConsentRecord(record('klaro', '{"__proto__":true,"constructor":false}'))).toMatchObject({ kind: 'unreadable' });
  });
});
