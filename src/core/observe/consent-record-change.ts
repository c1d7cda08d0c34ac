import type { ConsentObservation, ConsentRecordStore, ConsentTool } from '../consent/consent-state';
import type { ConsentRecordNote } from '../consent/records/record-adapter';
import { consentRecordAdapterFor, readConsentRecord } from '../consent/records/record-adapters';

/** What one stored consent record said, without its value: a choice, a removal, nothing, or a problem. */
export type ConsentRecordOutcome =
  | { kind: 'choice'; observation: ConsentObservation }
  /** The record is gone: whatever choice it held stops being in force (see withdrawalOnRemoval). */
  | { kind: 'removed'; tool: ConsentTool; store: ConsentRecordStore; name: string; at: number }
  /** A record that holds no choice (yet), or that PolicyLens recognised but could not read: noted, never its value. */
  | { kind: 'note'; note: ConsentRecordNote };

export interface ConsentRecordChange {
  store: ConsentRecordStore;
  name: string;
  /** The stored value, held only while it is read; null when the record was removed. */
  value: string | null;
  at: number;
  carried: boolean;
}

/**
 * Reads a changed cookie or Web Storage key with its consent tool's adapter. Null when no
 * consent tool keeps a record of that name (one Map lookup, so every cookie change can ask).
 */
export function readConsentRecordChange(change: ConsentRecordChange): ConsentRecordOutcome | null {
  const adapter = consentRecordAdapterFor(change.store, change.name);
  if (!adapter) return null;
  if (change.value === null) return { kind: 'removed', tool: adapter.tool, store: change.store, name: change.name, at: change.at };
  const reading = readConsentRecord({ store: change.store, name: change.name, value: change.value, at: change.at, carried: change.carried });
  if (!reading) return null;
  switch (reading.kind) {
    case 'choice':
      return reading;
    case 'no-choice':
    case 'unreadable':
      return {
        kind: 'note',
        note: {
          tool: reading.tool,
          store: change.store,
          name: change.name.slice(0, 200),
          at: change.at,
          reading: reading.kind,
          reason: reading.kind === 'unreadable' ? reading.reason.slice(0, 200) : null,
        },
      };
  }
}

/**
 * A consent record removed (a script deleted it, it expired, the browser evicted it): the tool
 * no longer holds the choice it recorded, so that choice stops being in force at this moment.
 * It becomes a withdrawal (everything optional refused) — only when a choice from this record
 * was in force in this visit; removing a record that held no choice changes nothing.
 */
export function withdrawalOnRemoval(
  removed: Extract<ConsentRecordOutcome, { kind: 'removed' }>,
  lastFromRecord: ConsentObservation | null,
): ConsentObservation | null {
  if (!lastFromRecord || lastFromRecord.phase === 'withdraw') return null;
  return {
    kind: 'consent',
    at: removed.at,
    source: 'consent-record',
    tool: removed.tool,
    phase: 'withdraw',
    granted: { preferences: false, statistics: false, marketing: false },
    explicit: true,
    detail: 'record removed',
    record: { store: removed.store, name: removed.name },
  };
}

/** A Web Storage record's reading as the content script sent it (already schema-checked). */
export interface ReportedStorageReading {
  store: ConsentRecordStore;
  name: string;
  at: number;
  carried: boolean;
  reading:
    | { kind: 'choice'; observation: ConsentObservation }
    | { kind: 'no-choice'; tool: ConsentTool }
    | { kind: 'unreadable'; tool: ConsentTool; reason: string }
    | { kind: 'removed' };
}

/**
 * A content script's reading → the outcome the visit records, or null when it does not hold.
 * The content script runs in pages we audit, so the reading is trusted only as far as it must
 * be: the record must be one an adapter owns and the reading must name that adapter's tool;
 * source and record are set here; the time is the visit's start for a carried record (in
 * force from the first request), otherwise clamped to [visit start, now].
 */
export function outcomeFromStorageReading(reported: ReportedStorageReading, visitStartedAt: number, now: number): ConsentRecordOutcome | null {
  const adapter = consentRecordAdapterFor(reported.store, reported.name);
  if (!adapter) return null;
  const at = reported.carried ? visitStartedAt : Math.min(now, Math.max(visitStartedAt, reported.at));
  const reading = reported.reading;
  switch (reading.kind) {
    case 'removed':
      return { kind: 'removed', tool: adapter.tool, store: reported.store, name: reported.name, at };
    case 'no-choice':
    case 'unreadable':
      if (reading.tool !== adapter.tool) return null;
      return {
        kind: 'note',
        note: {
          tool: adapter.tool,
          store: reported.store,
          name: reported.name,
          at,
          reading: reading.kind,
          reason: reading.kind === 'unreadable' ? reading.reason : null,
        },
      };
    case 'choice': {
      if (reading.observation.tool !== adapter.tool) return null;
      const observation: ConsentObservation = {
        ...reading.observation,
        at,
        source: 'consent-record',
        record: { store: reported.store, name: reported.name },
        detail: reported.carried ? 'stored by an earlier visit' : reading.observation.detail,
      };
      return { kind: 'choice', observation };
    }
  }
}
