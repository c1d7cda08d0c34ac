import type { ConsentObservation } from '../consent-state';
import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, decodeBase64Utf8, decodeUri, isObject, own, parseJsonObject, recordChoice, unreadable } from './record-parsing';

type Optional = 'preferences' | 'statistics' | 'marketing';

// Didomi names the IAB TCF purposes with fixed ids; mapped as decode-tcf.ts maps purposes 2–11.
// 'cookies' (purpose 1, store and access information) is the precondition, not a category.
const IAB_PURPOSES: Record<string, Optional> = {
  select_basic_ads: 'marketing',
  create_ads_profile: 'marketing',
  select_personalized_ads: 'marketing',
  measure_ad_performance: 'marketing',
  create_content_profile: 'preferences',
  select_personalized_content: 'preferences',
  use_limited_data_to_select_content: 'preferences',
  measure_content_performance: 'statistics',
  market_research: 'statistics',
  improve_products: 'statistics',
};
// Custom purposes are named by each tenant ("analytics", "marketing-Xy12ab" …): read by their words.
const CUSTOM: readonly [RegExp, Optional][] = [
  [/analytic|statisti|measur|audience/i, 'statistics'],
  [/market|advert|targeting|social|\bads?\b/i, 'marketing'],
  [/preferen|functional|personali[sz]/i, 'preferences'],
];

/**
 * Didomi's `didomi_token` (cookie and localStorage): base64 of JSON,
 * `{"user_id":…,"purposes":{"enabled":[…],"disabled":[…]},"vendors":{"enabled":[…],…},…}`.
 * A category is granted when any of its purposes is enabled. A token that enables and
 * disables nothing records no choice. The TC string Didomi stores alongside
 * (`euconsent-v2`) is read by the TCF adapter.
 */
export const didomiRecord: ConsentRecordAdapter = {
  tool: 'didomi',
  records: [
    { store: 'cookie', name: 'didomi_token' },
    { store: 'localStorage', name: 'didomi_token' },
  ],
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    if (value === null) return unreadable('didomi', 'didomi_token too long');
    const json = decodeBase64Utf8(decodeUri(value) ?? value);
    const token = json === null ? null : parseJsonObject(json);
    if (!token) return unreadable('didomi', 'didomi_token is not base64 JSON');
    const purposes = own(token, 'purposes');
    if (!isObject(purposes)) return unreadable('didomi', 'no purposes in didomi_token');
    const enabled = stringList(own(purposes, 'enabled'));
    const disabled = stringList(own(purposes, 'disabled'));
    if (enabled === null || disabled === null) return unreadable('didomi', 'purposes in didomi_token do not parse');
    const vendors = own(token, 'vendors');
    const vendorsEnabled = isObject(vendors) ? stringList(own(vendors, 'enabled')) : null;
    if (enabled.length === 0 && disabled.length === 0 && (vendorsEnabled ?? []).length === 0) return { kind: 'no-choice', tool: 'didomi' };
    const granted: ConsentObservation['granted'] = {};
    for (const id of disabled) {
      const category = categoryOf(id);
      if (category && granted[category] === undefined) granted[category] = false;
    }
    for (const id of enabled) {
      const category = categoryOf(id);
      if (category) granted[category] = true;
    }
    return recordChoice(record, 'didomi', granted, { detail: `purposes enabled=${enabled.length} disabled=${disabled.length}` });
  },
};

function categoryOf(id: string): Optional | null {
  if (Object.hasOwn(IAB_PURPOSES, id)) return IAB_PURPOSES[id] ?? null;
  for (const [words, category] of CUSTOM) if (words.test(id)) return category;
  return null;
}

/** A list of short strings, or null when it is not one. */
function stringList(value: unknown): string[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const list: string[] = [];
  for (const item of value) if (typeof item === 'string' && item.length <= 200) list.push(item);
  return list;
}
