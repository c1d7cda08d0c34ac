import type { ConsentObservation, ConsentTool } from '../consent-state';
import type { ConsentRecord, ConsentRecordReading } from './record-adapter';

/**
 * The longest record an adapter parses. Real consent records are far below it (a TC string
 * with every vendor is ~1 kB, OneTrust's cookie ~500 B, a Usercentrics record with 80
 * services ~15 kB); a longer one is unreadable, so a hostile page cannot make us parse
 * megabytes on every write.
 */
export const MAX_RECORD_LENGTH = 20_000;

/** Short, fixed reasons: the report names why a record was unreadable, never its value. */
export function unreadable(tool: ConsentTool, reason: string): ConsentRecordReading {
  return { kind: 'unreadable', tool, reason };
}

/** The record's value when it is short enough to parse; null when it is not. */
export function boundedValue(record: ConsentRecord): string | null {
  return record.value.length > MAX_RECORD_LENGTH ? null : record.value;
}

/** decodeURIComponent that answers null instead of throwing on a malformed escape. */
export function decodeUri(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * A JSON object, or null when the text is not one. JSON.parse makes `__proto__` an own
 * property, never a prototype; adapters read only the keys they know, with own().
 */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return isObject(parsed) ? parsed : null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: a record cannot reach Object.prototype through a key it names. */
export function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Base64 (standard or URL-safe, padding optional) of UTF-8 text → the text; null when it is neither. */
export function decodeBase64Utf8(value: string): string | null {
  const standard = value.trim().replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  } catch {
    return null;
  }
  let escaped = '';
  for (let i = 0; i < binary.length; i++) escaped += `%${binary.charCodeAt(i).toString(16).padStart(2, '0')}`;
  // Invalid UTF-8 makes decodeURIComponent throw: then it is no text at all.
  return decodeUri(escaped);
}

/** The choice a record holds, as the one consent observation every adapter returns. */
export function recordChoice(
  record: ConsentRecord,
  tool: ConsentTool,
  granted: ConsentObservation['granted'],
  extra: { detail?: string | null; tcf?: ConsentObservation['tcf'] } = {},
): ConsentRecordReading {
  const notes = [record.carried ? 'stored by an earlier visit' : null, extra.detail ?? null].filter((n) => n !== null);
  return {
    kind: 'choice',
    observation: {
      kind: 'consent',
      at: record.at,
      source: 'consent-record',
      tool,
      phase: 'update',
      granted,
      explicit: true,
      detail: notes.length > 0 ? notes.join('; ').slice(0, 200) : null,
      record: { store: record.store, name: record.name },
      ...(record.carried ? { carried: true as const } : {}),
      ...(extra.tcf ? { tcf: extra.tcf } : {}),
    },
  };
}
