import type { ConsentObservation } from '../consent-state';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeUri, isObject, own, parseJsonObject, recordChoice, unreadable } from './record-parsing';

type Optional = 'preferences' | 'statistics' | 'marketing';

// Shopify's purposes: a analytics, p preferences, m marketing; t (sale of data) and s are
// US opt-out rights, not consent categories, and are not read.
const PURPOSES: readonly [string, Optional][] = [
  ['a', 'statistics'],
  ['p', 'preferences'],
  ['m', 'marketing'],
];

/**
 * Shopify's customer privacy record, the `_tracking_consent` cookie: URL-encoded JSON.
 * - `con.CMP` (v2.0 and kept in v2.1): `{"a":"1","m":"0","p":"","s":""}`, "1" yes, "0" no,
 *   "" not chosen. When it is there it decides: all "" is no choice.
 * - `purposes` (v2.1): `{"a":true,"p":true,"m":false,"t":false}`, the state Shopify acts on,
 *   read when no `con.CMP` choice is there.
 */
export const shopifyRecord: ConsentRecordAdapter = {
  tool: 'shopify',
  records: [{ store: 'cookie', name: '_tracking_consent' }],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('shopify', '_tracking_consent too long');
    // Shopify writes it URL-encoded; raw JSON (as some tools set it) reads the same.
    const json = parseJsonObject(decodeUri(value) ?? value);
    if (!json) return unreadable('shopify', '_tracking_consent is not JSON');
    const con = own(json, 'con');
    const cmp = isObject(con) ? own(con, 'CMP') : undefined;
    if (isObject(cmp)) {
      const granted: ConsentObservation['granted'] = {};
      for (const [key, category] of PURPOSES) {
        const flag = own(cmp, key);
        if (flag === '1') granted[category] = true;
        else if (flag === '0') granted[category] = false;
      }
      if (Object.keys(granted).length > 0) return recordChoice(record, 'shopify', granted, { detail: 'con.CMP' });
      return { kind: 'no-choice', tool: 'shopify' };
    }
    const purposes = own(json, 'purposes');
    if (!isObject(purposes)) return unreadable('shopify', 'no consent in _tracking_consent');
    const granted: ConsentObservation['granted'] = {};
    for (const [key, category] of PURPOSES) {
      const flag = own(purposes, key);
      if (typeof flag === 'boolean') granted[category] = flag;
    }
    if (Object.keys(granted).length === 0) return unreadable('shopify', 'purposes in _tracking_consent do not parse');
    return recordChoice(record, 'shopify', granted, { detail: 'purposes' });
  },
};
