import type { ConsentObservation } from '../consent-state';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeUri, recordChoice, unreadable } from './record-parsing';

const PAIR = /^([a-z-]+):(.*)$/;

/**
 * CookieYes's `cookieyes-consent` cookie: comma-separated pairs,
 * `consentid:…,consent:yes,action:yes,necessary:yes,functional:no,analytics:no,
 * performance:no,advertisement:no,other:no`. `action:yes` once the visitor answered (before
 * that the cookie holds the defaults: no choice). functional → preferences; analytics and
 * performance → statistics (either); advertisement → marketing.
 */
export const cookieyesRecord: ConsentRecordAdapter = {
  tool: 'cookieyes',
  records: [{ store: 'cookie', name: 'cookieyes-consent' }],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('cookieyes', 'cookieyes-consent too long');
    const text = decodeUri(value) ?? value;
    const flags = new Map<string, string>();
    for (const part of text.split(',')) {
      const match = PAIR.exec(part.trim());
      if (match) flags.set(match[1] as string, (match[2] as string).trim());
    }
    const yes = (key: string): boolean | null => (flags.get(key) === 'yes' ? true : flags.get(key) === 'no' ? false : null);
    const functional = yes('functional');
    const analytics = yes('analytics');
    const performance = yes('performance');
    const advertisement = yes('advertisement');
    if (functional === null && analytics === null && performance === null && advertisement === null) {
      return unreadable('cookieyes', 'no categories in cookieyes-consent');
    }
    if (yes('action') !== true) return { kind: 'no-choice', tool: 'cookieyes' };
    const granted: ConsentObservation['granted'] = {};
    if (functional !== null) granted.preferences = functional;
    if (analytics !== null || performance !== null) granted.statistics = analytics === true || performance === true;
    if (advertisement !== null) granted.marketing = advertisement;
    return recordChoice(record, 'cookieyes', granted);
  },
};
