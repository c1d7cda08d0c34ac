import { describe, expect, it } from 'vitest';
import { readConsentRecord } from '../../../../src/core/consent/records/record-adapters';
import { record } from './record-fixture';

/** OptanonConsent as OneTrust's otSDKStub writes it: a query string with encoded values. */
function optanon(groups: string, interactionCount: number): string {
  return [
    'isGpcEnabled=0',
    `datestamp=${encodeURIComponent('Fri Mar 01 2024 10:11:12 GMT+0100 (Mitteleuropäische Normalzeit)')}`,
    'version=202401.1.0',
    'browserGpcFlag=0',
    'isIABGlobal=false',
    'hosts=',
    'consentId=2f1e6a4c-9d3b-4c55-8f3e-0c1b2a3d4e5f',
    `interactionCount=${interactionCount}`,
    'isAnonUser=1',
    'landingPath=NotLandingPage',
    `groups=${encodeURIComponent(groups)}`,
    `geolocation=${encodeURIComponent('DE;BE')}`,
    'AwaitingReconsent=false',
  ].join('&');
}

describe('OneTrust OptanonConsent record', () => {
  it('reads accept-all from the groups', () => {
    const reading = readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:1,C0003:1,C0004:1,C0005:1', 1)));
    expect(reading).toMatchObject({
      kind: 'choice',
      observation: {
        tool: 'onetrust',
        source: 'consent-record',
        granted: { statistics: true, preferences: true, marketing: true },
        detail: 'interactionCount=1',
      },
    });
  });

  it('reads reject-all', () => {
    const reading = readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:0,C0003:0,C0004:0,C0005:0', 2)));
    expect(reading).toMatchObject({ kind: 'choice', observation: { granted: { statistics: false, preferences: false, marketing: false } } });
  });

  it('reads a partial choice, social media alone granting marketing', () => {
    const reading = readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:1,C0003:0,C0004:0,C0005:1', 1)));
    expect(reading).toMatchObject({ observation: { granted: { statistics: true, preferences: false, marketing: true } } });
  });

  it('reads interactionCount=0 (defaults, banner not answered) as no choice, even with groups on', () => {
    expect(readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:1,C0003:1,C0004:1', 0)))).toEqual({ kind: 'no-choice', tool: 'onetrust' });
  });

  it('reads a withdrawal (groups switched off again in a later write) as refused', () => {
    const before = readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:1,C0003:1,C0004:1', 1), { at: 10 }));
    const after = readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:0,C0003:0,C0004:0', 2), { at: 20 }));
    expect(before).toMatchObject({ observation: { granted: { marketing: true } } });
    expect(after).toMatchObject({ observation: { at: 20, granted: { marketing: false, statistics: false } } });
  });

  it('reads a value encoded as a whole once more', () => {
    const reading = readConsentRecord(record('OptanonConsent', encodeURIComponent(optanon('C0001:1,C0004:1', 1))));
    expect(reading).toMatchObject({ kind: 'choice', observation: { granted: { marketing: true } } });
  });

  it('keeps page text out of the detail', () => {
    const reading = readConsentRecord(record('OptanonConsent', `interactionCount=${encodeURIComponent('<img src=x>')}&groups=C0004%3A1`));
    expect(reading).toMatchObject({ kind: 'choice', observation: { detail: null } });
  });

  it('reads OptanonAlertBoxClosed as the moment the banner was answered', () => {
    const reading = readConsentRecord(record('OptanonAlertBoxClosed', '2024-03-01T09:11:12.345Z', { at: 77 }));
    expect(reading).toMatchObject({ kind: 'choice', observation: { at: 77, granted: {}, detail: 'banner answered' } });
    expect(readConsentRecord(record('OptanonAlertBoxClosed', 'yesterday'))).toMatchObject({ kind: 'unreadable', tool: 'onetrust' });
  });

  it('reads records without groups, or with groups that do not parse, as unreadable', () => {
    expect(readConsentRecord(record('OptanonConsent', 'isGpcEnabled=0&interactionCount=1'))).toEqual({
      kind: 'unreadable',
      tool: 'onetrust',
      reason: 'no groups in OptanonConsent',
    });
    expect(readConsentRecord(record('OptanonConsent', 'groups=C0001%3Ayes'))).toMatchObject({ kind: 'unreadable' });
    expect(readConsentRecord(record('OptanonConsent', optanon('C0001:1,C0002:1', 1).slice(0, 60)))).toMatchObject({ kind: 'unreadable' });
  });
});
