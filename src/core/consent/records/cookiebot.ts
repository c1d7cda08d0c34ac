import type { ConsentObservation } from '../consent-state';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, unreadable } from './record-parsing';

const FLAG = /(preferences|statistics|marketing):(true|false|!0|!1)/g;

/**
 * Cookiebot's `CookieConsent` cookie: `{stamp:'…',necessary:true,preferences:false,…}`,
 * URL-encoded. Only the three optional flags are read. '-1' means Cookiebot decided no
 * consent is needed in the visitor's region: no choice.
 */
export const cookiebotRecord: ConsentRecordAdapter = {
  tool: 'cookiebot',
  records: [{ store: 'cookie', name: 'CookieConsent' }],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('cookiebot', 'CookieConsent too long');
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Keep the raw value; the flags are plain ASCII either way.
    }
    if (decoded.trim() === '-1') return { kind: 'no-choice', tool: 'cookiebot' };
    const granted: ConsentObservation['granted'] = {};
    for (const [, category, flag] of decoded.matchAll(FLAG)) {
      granted[category as 'preferences' | 'statistics' | 'marketing'] = flag === 'true' || flag === '!0';
    }
    if (Object.keys(granted).length === 0) return { kind: 'unreadable', tool: 'cookiebot', reason: 'no consent flags in CookieConsent' };
    return {
      kind: 'choice',
      observation: {
        kind: 'consent',
        at: record.at,
        source: 'consent-record',
        tool: 'cookiebot',
        phase: 'update',
        granted,
        explicit: true,
        detail: record.carried ? 'stored by an earlier visit' : null,
        record: { store: record.store, name: record.name },
        ...(record.carried ? { carried: true as const } : {}),
      },
    };
  },
};
