/**
 * Consent tools' Web Storage records, read from the isolated world with the storage API
 * (never through page objects): each owned key is read with its tool's adapter here, in
 * memory, and only the reading goes to the background, when it changed.
 */
import { CONSENT_RECORD_ADAPTERS } from '../core/consent/records/record-adapters';
import { readConsentRecord } from '../core/consent/records/record-adapters';
import type { ContentToBackground } from '../messaging/protocol';
import { notifyBackground } from './runtime';

type WebStorageArea = 'localStorage' | 'sessionStorage';
type Reading = Extract<ContentToBackground, { type: 'content/consent-record' }>['reading'];

/** The record names each area's adapters own: read by name, so a page's other keys cost nothing. */
const OWNED: Record<WebStorageArea, string[]> = { localStorage: [], sessionStorage: [] };
for (const adapter of CONSENT_RECORD_ADAPTERS) {
  for (const record of adapter.records) if (record.store !== 'cookie') OWNED[record.store].push(record.name);
}

const lastSignature = new Map<string, string>();

function storageOf(area: WebStorageArea): Storage | null {
  try {
    return window[area];
  } catch {
    return null; // Opaque origins and sandboxed frames deny access.
  }
}

function readingOf(area: WebStorageArea, name: string, value: string | null, at: number, carried: boolean): Reading | null {
  if (value === null) return { kind: 'removed' };
  const reading = readConsentRecord({ store: area, name, value, at, carried });
  if (!reading) return null;
  if (reading.kind !== 'choice') return reading;
  // The value never leaves this function: the observation is the adapter's reading of it.
  return { kind: 'choice', observation: reading.observation };
}

/** What makes two readings the same: everything but the time it was read. */
function signatureOf(reading: Reading): string {
  if (reading.kind !== 'choice') return JSON.stringify(reading);
  const { at: _at, ...rest } = reading.observation;
  return JSON.stringify(rest);
}

/**
 * Reads every owned record in both areas and reports those whose reading changed since the
 * last read (a record removed after it was read is reported removed). `at` is when the change
 * happened at the latest; `carried` for the read before any page script ran.
 */
export function readConsentRecords(at: number, carried: boolean): void {
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    const names = OWNED[area];
    if (names.length === 0) continue;
    const storage = storageOf(area);
    if (!storage) continue;
    for (const name of names) {
      let value: string | null;
      try {
        value = storage.getItem(name);
      } catch {
        continue;
      }
      const id = `${area}\n${name}`;
      // A record never seen is not "removed"; nothing to say until it appears.
      if (value === null && !lastSignature.has(id)) continue;
      const reading = readingOf(area, name, value, at, carried);
      if (!reading) continue;
      const signature = signatureOf(reading);
      if (lastSignature.get(id) === signature) continue;
      if (value === null) lastSignature.delete(id);
      else lastSignature.set(id, signature);
      notifyBackground({ type: 'content/consent-record', store: area, name, at, carried, reading });
    }
  }
}

/**
 * A choice is made by a click or a key: the record is read just before the page's own handlers
 * run (capture phase on window) and again once they ran, so a change the tool wrote in its
 * handler is dated to that interaction, before the trackers it then loads, not to the next poll.
 * Listeners of the isolated world are invisible to the page.
 */
export function readConsentRecordsAroundInteractions(): void {
  if (OWNED.localStorage.length + OWNED.sessionStorage.length === 0) return;
  const around = (): void => {
    const before = Date.now();
    readConsentRecords(before, false);
    setTimeout(() => readConsentRecords(before, false), 0);
  };
  for (const type of ['click', 'keydown']) window.addEventListener(type, around, { capture: true, passive: true });
}
