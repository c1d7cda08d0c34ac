import type { ConsentRecordAdapter, ConsentRecordReading } from './record-adapter';
import { boundedValue, recordChoice, unreadable } from './record-parsing';

// One cookie per category, each `allow` or `deny`.
const CATEGORY_BY_COOKIE = {
  cmplz_marketing: 'marketing',
  cmplz_statistics: 'statistics',
  cmplz_preferences: 'preferences',
} as const;

/**
 * Complianz keeps one cookie per category: `cmplz_marketing`, `cmplz_statistics`,
 * `cmplz_preferences` (and `cmplz_functional`, always allowed: necessary, not read), each
 * `allow` or `deny`, written when the visitor answers. Each cookie is read on its own and
 * carries its one category; the consent timeline merges a tool's records.
 */
export const complianzRecord: ConsentRecordAdapter = {
  tool: 'complianz',
  records: Object.keys(CATEGORY_BY_COOKIE).map((name) => ({ store: 'cookie' as const, name })),
  read(record): ConsentRecordReading {
    const value = boundedValue(record);
    const category = CATEGORY_BY_COOKIE[record.name as keyof typeof CATEGORY_BY_COOKIE];
    if (value === null) return unreadable('complianz', `${record.name} too long`);
    const flag = value.trim().toLowerCase();
    if (flag !== 'allow' && flag !== 'deny') return unreadable('complianz', `${record.name} is neither allow nor deny`);
    return recordChoice(record, 'complianz', { [category]: flag === 'allow' });
  },
};
