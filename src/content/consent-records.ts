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
type RecordStore = WebStorageArea | 'cookie';
type Reading = Extract<ContentToBackground, { type: 'content/consent-record' }>['reading'];

/** The record names each area's adapters own: read by name, so a page's other keys cost nothing. */
const OWNED: Record<RecordStore, string[]> = { localStorage: [], sessionStorage: [], cookie: [] };
for (const adapter of CONSENT_RECORD_ADAPTERS) {
  for (const record of adapter.records) OWNED[record.store].push(record.name);
}

const lastSignature = new Map<string, string>();

function storageOf(area: WebStorageArea): Storage | null {
  try {
    return window[area];
  } catch {
    return null; // Opaque origins and sandboxed frames deny access.
  }
}

function readingOf(area: RecordStore, name: string, value: string | null, at: number, carried: boolean): Reading | null {
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
      report(area, name, value, at, carried);
    }
  }
}

function report(area: RecordStore, name: string, value: string | null, at: number, carried: boolean): void {
  const id = `${area}\n${name}`;
  // A record never seen is not "removed"; nothing to say until it appears.
  if (value === null && !lastSignature.has(id)) return;
  const reading = readingOf(area, name, value, at, carried);
  if (!reading) return;
  const signature = signatureOf(reading);
  if (lastSignature.get(id) === signature) return;
  if (value === null) lastSignature.delete(id);
  else lastSignature.set(id, signature);
  notifyBackground({ type: 'content/consent-record', store: area, name, at, carried, reading });
}

/**
 * How often the top document's consent records in Web Storage are read, besides the
 * page-wide polls. A tool can store a choice without a click or key of the visitor's (its
 * own API called by a consent automation, or a handler that writes after a timer), and the
 * page-wide polls slow down to one every 3 s: such a choice went unseen for seconds, long
 * enough for a refusal to be reported as never stored. Reading the few owned keys by name
 * costs next to nothing and is invisible to the page.
 */
const RECORD_POLL_MS = 250;

/** Reads the owned Web Storage records every RECORD_POLL_MS (reported only when a reading changed). */
export function watchConsentRecords(intervalMs = RECORD_POLL_MS): void {
  if (OWNED.localStorage.length + OWNED.sessionStorage.length === 0) return;
  setInterval(() => readConsentRecords(Date.now(), false), intervalMs);
}

/**
 * The top document's consent cookies as document.cookie shows them (the isolated world's own
 * view: a page's getter on document.cookie does not see it). The background reads every cookie
 * change anyway; this only dates a change made in a click handler to that click, as the
 * browser's cookie event can reach the background after the trackers the click loaded.
 */
function readConsentCookies(at: number): void {
  if (OWNED.cookie.length === 0 || window !== window.top) return;
  let jar: string;
  try {
    jar = document.cookie;
  } catch {
    return;
  }
  const values = new Map<string, string>();
  for (const part of jar.split('; ')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (OWNED.cookie.includes(name) && !values.has(name)) values.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  for (const name of OWNED.cookie) report('cookie', name, values.get(name) ?? null, at, false);
}

/**
 * A choice is made by a click or a key: the record is read just before the page's own handlers
 * run (capture phase on window) and again once they ran, so a change the tool wrote in its
 * handler is dated to that interaction, before the trackers it then loads, not to the next poll.
 * Listeners of the isolated world are invisible to the page.
 */
export function readConsentRecordsAroundInteractions(): void {
  if (OWNED.localStorage.length + OWNED.sessionStorage.length + OWNED.cookie.length === 0) return;
  const read = (at: number): void => {
    readConsentRecords(at, false);
    readConsentCookies(at);
  };
  const around = (): void => {
    const before = Date.now();
    read(before);
    setTimeout(() => read(before), 0);
  };
  for (const type of ['click', 'keydown']) window.addEventListener(type, around, { capture: true, passive: true });
}
