import type { ConsentRecordStore } from '../../../../src/core/consent/consent-state';
import type { ConsentRecord } from '../../../../src/core/consent/records/record-adapter';

/** A record as the extension reads it: stored during the visit at `at`, unless carried. */
export function record(name: string, value: string, over: Partial<ConsentRecord> & { store?: ConsentRecordStore } = {}): ConsentRecord {
  return { store: 'cookie', name, value, at: 1_000, carried: false, ...over };
}

/** JSON nested `depth` levels deep: `{"a":{"a":…}}`. */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Base64 of UTF-8 text, as Didomi stores its token. */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
