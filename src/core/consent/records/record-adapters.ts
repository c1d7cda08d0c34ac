import type { ConsentRecordStore } from '../consent-state';
import { borlabsRecord } from './borlabs';
import { complianzRecord } from './complianz';
import { cookiebotRecord } from './cookiebot';
import { cookieyesRecord } from './cookieyes';
import { didomiRecord } from './didomi';
import { iabTcfRecord } from './iab-tcf';
import { klaroRecord } from './klaro';
import { onetrustRecord } from './onetrust';
import { shopifyRecord } from './shopify';
import { usercentricsRecord } from './usercentrics';
import type { ConsentRecord, ConsentRecordAdapter, ConsentRecordNote, ConsentRecordReading } from './record-adapter';

/** Every consent tool whose stored record PolicyLens reads. One adapter per file. */
export const CONSENT_RECORD_ADAPTERS: readonly ConsentRecordAdapter[] = [
  cookiebotRecord,
  onetrustRecord,
  iabTcfRecord,
  didomiRecord,
  usercentricsRecord,
  shopifyRecord,
  borlabsRecord,
  complianzRecord,
  cookieyesRecord,
  klaroRecord,
];

const byRecord = new Map<string, ConsentRecordAdapter>();
for (const adapter of CONSENT_RECORD_ADAPTERS) {
  for (const r of adapter.records) byRecord.set(`${r.store}\n${r.name}`, adapter);
}

/** The adapter that owns a record of this name in this store, if any (a Map lookup, never a scan). */
export function consentRecordAdapterFor(store: ConsentRecordStore, name: string): ConsentRecordAdapter | null {
  return byRecord.get(`${store}\n${name}`) ?? null;
}

/** Reads a record with its tool's adapter; null when no consent tool keeps a record of that name. */
export function readConsentRecord(record: ConsentRecord): ConsentRecordReading | null {
  const adapter = consentRecordAdapterFor(record.store, record.name);
  if (!adapter) return null;
  try {
    return adapter.read(record);
  } catch (error) {
    // Adapters must not throw; if one does, the record is still reported, as unreadable.
    return { kind: 'unreadable', tool: adapter.tool, reason: error instanceof Error ? error.message.slice(0, 200) : 'adapter failed' };
  }
}

/** A reading that gives the timeline nothing, as the note the visit keeps of it (for the wiring: choice readings go to recordConsent). */
export function consentRecordNote(record: ConsentRecord, reading: Exclude<ConsentRecordReading, { kind: 'choice' }>): ConsentRecordNote {
  return {
    tool: reading.tool,
    store: record.store,
    name: record.name.slice(0, 200),
    at: record.at,
    reading: reading.kind,
    reason: reading.kind === 'unreadable' ? reading.reason.slice(0, 200) : null,
  };
}
