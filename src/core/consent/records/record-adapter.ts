import type { ConsentObservation, ConsentRecordStore, ConsentTool } from '../consent-state';

/**
 * One consent tool's stored record as the extension read it: a cookie from the cookies API
 * (background) or a Web Storage key from the isolated content script. The value is held in
 * memory only while an adapter reads it; nothing downstream keeps it.
 */
export interface ConsentRecord {
  store: ConsentRecordStore;
  /** Cookie name or storage key. */
  name: string;
  value: string;
  /** When the browser stored it (or, for a record already there, when the visit began). */
  at: number;
  /** True when the record was already stored as the visit began: an earlier visit's choice. */
  carried: boolean;
}

export type ConsentRecordReading =
  /** The record holds a choice (or a withdrawal): one consent observation, source 'consent-record'. */
  | { kind: 'choice'; observation: ConsentObservation }
  /** The tool's record exists but says no choice was made yet (a banner still open, region without consent). */
  | { kind: 'no-choice'; tool: ConsentTool }
  /** The record is the tool's, but it does not parse: reported as such, never as "no choice". */
  | { kind: 'unreadable'; tool: ConsentTool; reason: string };

/** One consent tool: which records it keeps, and how to read one. One adapter per file. */
export interface ConsentRecordAdapter {
  readonly tool: ConsentTool;
  /** The records it reads, looked up by exact name (a Map, never a scan). */
  readonly records: readonly { store: ConsentRecordStore; name: string }[];
  /** Never throws: a malformed or hostile value is an 'unreadable' reading. */
  read(record: ConsentRecord): ConsentRecordReading;
}

/**
 * A consent tool's record that holds no choice, or that PolicyLens cannot read: the tool is
 * there, but the record gives the timeline nothing. Kept on the visit (TabState
 * `consentRecordNotes`) so the audit can say "consent tool X found, its record unreadable"
 * and tell a refusal the tool never stored from a tool PolicyLens does not read. Name only,
 * never the value.
 */
export interface ConsentRecordNote {
  tool: ConsentTool;
  store: ConsentRecordStore;
  name: string;
  /** When the record was read (a carried record: when the visit began). */
  at: number;
  reading: 'no-choice' | 'unreadable';
  /** For 'unreadable': the adapter's fixed reason; null for 'no-choice'. */
  reason: string | null;
}
