import type { CookieAttemptObservation, CookieObservation, FrameRef, RequestObservation, StorageKeyObservation } from '../observation';
import { hostOf, siteOf } from '../site';
import { parseSetCookie } from './parse-set-cookie';
import { storageKeyId, type TabState } from './tab-state';
import { truncateUrl } from './normalise-request';
import { keepUrlValues, type UrlMask } from './mask-url';

/**
 * What the CLI saw through the DevTools protocol that no extension API reports, in plain
 * data (the CLI's recorder fills it). Merged into the extension's log as observations of
 * the kinds the audit already reads, each marked `source: 'devtools'`, so no rule changes:
 * a script's cookie write becomes a cookie attempt with the lifetime it asked for (before
 * Chromium's 400-day cap), a WebSocket a request, an IndexedDB or Cache Storage name a
 * storage key of its area (so attribution, the storage table and the storage rules read it).
 */
export interface DevtoolsFindings {
  cookieWrites: Array<{ cookie: string; stack: string[]; at: number; frameUrl: string | null; isTop: boolean }>;
  cookieIssues: Array<{
    name: string | null;
    domain: string | null;
    rawCookieLine: string | null;
    exclusionReasons: string[];
    operation: string;
    fromScript: boolean;
    cookieUrl: string | null;
    at: number;
  }>;
  webSockets: Array<{ url: string; at: number; frameUrl: string | null; isTop: boolean }>;
  /**
   * `seenBy: 'read'`: first listed by the end-of-page read, so written at some time in the
   * visit (or before it: `preexisting`, listed in an earlier visit of the same audit).
   */
  storageNames: Array<{
    area: 'indexedDB' | 'cacheStorage';
    origin: string;
    name: string;
    at: number;
    frameUrl: string | null;
    isTop: boolean;
    seenBy?: 'write' | 'read';
    preexisting?: boolean;
  }>;
}

export interface MergeCounts {
  scriptCookieWrites: number;
  refusedScriptCookies: number;
  webSockets: number;
  indexedDB: number;
  cacheStorage: number;
}

/**
 * A copy of `state` with the DevTools findings added (nothing the extension recorded is changed
 * or dropped). `maskUrl` must be the mask the extension recorded with (same salt), so a URL the
 * DevTools saw compares equal to the extension's record of it.
 */
export function mergeDevtoolsFindings(state: TabState, found: DevtoolsFindings, maskUrl: UrlMask = keepUrlValues): { state: TabState; counts: MergeCounts } {
  const keep = (url: string): string => truncateUrl(maskUrl(url));
  const merged: TabState = {
    ...state,
    cookieAttempts: [...state.cookieAttempts],
    requests: [...state.requests],
    storageKeys: { ...state.storageKeys },
  };
  const counts: MergeCounts = { scriptCookieWrites: 0, refusedScriptCookies: 0, webSockets: 0, indexedDB: 0, cacheStorage: 0 };
  const frameOf = (url: string | null, isTop: boolean): FrameRef => frameRefFor(state, url === null ? null : keep(url), isTop);
  const refusals = found.cookieIssues.filter((i) => i.fromScript && i.operation === 'SetCookie' && i.exclusionReasons.length > 0);
  const usedRefusals = new Set<number>();

  const jar = Object.values(state.cookies);
  found.cookieWrites.forEach((write, n) => {
    const documentHost = documentHostOf(write, jar, state.pageHost);
    const attributes = parseSetCookie(write.cookie, documentHost, write.at);
    if (!attributes) return;
    const scriptUrl = write.stack[0] ? scriptUrlOf(write.stack[0]) : (write.frameUrl ?? state.pageUrl);
    const refusal = refusals.findIndex((r, i) => !usedRefusals.has(i) && r.name === attributes.name && Math.abs(r.at - write.at) < 5_000);
    const attempt: CookieAttemptObservation = {
      ...attributes,
      kind: 'cookie-attempt',
      party: siteOf(attributes.domain) === state.pageSite ? 'first' : 'third',
      requestId: `devtools:script-cookie:${n}`,
      requestUrl: keep(scriptUrl),
      requestHost: hostOf(scriptUrl) || documentHost,
      frame: frameOf(write.frameUrl, write.isTop),
      at: write.at,
      via: 'script',
      stack: write.stack.slice(0, 20).map((frame) => maskStackFrame(frame, keep)),
      source: 'devtools',
    };
    if (refusal >= 0) {
      usedRefusals.add(refusal);
      attempt.refusedBecause = refusals[refusal]!.exclusionReasons;
      counts.refusedScriptCookies += 1;
    } else if (!isDeletion(attempt) && !everStored(state, attempt.name, attempt.domain)) {
      // Chromium files no issue when the user's settings block a cookie (third-party
      // cookies off): the jar never holding it after the write is the refusal.
      attempt.refusedBecause = [NOT_STORED];
      counts.refusedScriptCookies += 1;
    }
    merged.cookieAttempts.push(attempt);
    counts.scriptCookieWrites += 1;
  });
  // A refusal the hook did not see (a frame it did not reach in time) still names the cookie line.
  refusals.forEach((r, i) => {
    if (usedRefusals.has(i) || !r.rawCookieLine) return;
    const host = r.cookieUrl ? hostOf(r.cookieUrl) : state.pageHost;
    const attributes = parseSetCookie(r.rawCookieLine, host, r.at);
    if (!attributes) return;
    merged.cookieAttempts.push({
      ...attributes,
      kind: 'cookie-attempt',
      party: siteOf(attributes.domain) === state.pageSite ? 'first' : 'third',
      requestId: `devtools:refused-cookie:${i}`,
      requestUrl: keep(r.cookieUrl ?? state.pageUrl),
      requestHost: host,
      frame: frameOf(r.cookieUrl, false),
      at: r.at,
      via: 'script',
      refusedBecause: r.exclusionReasons,
      source: 'devtools',
    });
    counts.refusedScriptCookies += 1;
  });

  const knownUrls = new Set(state.requests.map((r) => r.url));
  found.webSockets.forEach((socket, n) => {
    const url = keep(socket.url);
    if (knownUrls.has(url)) return;
    knownUrls.add(url);
    const host = hostOf(url);
    const site = siteOf(host);
    const request: RequestObservation = {
      kind: 'request',
      requestId: `devtools:websocket:${n}`,
      url,
      host,
      site,
      party: site === state.pageSite ? 'first' : 'third',
      method: 'GET',
      resourceType: 'websocket',
      frame: frameOf(socket.frameUrl, socket.isTop),
      initiator: socket.frameUrl === null ? null : keep(socket.frameUrl),
      startedAt: socket.at,
      status: null,
      error: null,
      source: 'devtools',
    };
    merged.requests.push(request);
    counts.webSockets += 1;
  });

  for (const item of found.storageNames) {
    const id = storageKeyId({ area: item.area, origin: item.origin, key: item.name });
    if (merged.storageKeys[id]) continue;
    const key: StorageKeyObservation = {
      kind: 'storage-key',
      area: item.area,
      key: item.name,
      size: 0,
      origin: item.origin,
      frame: frameOf(item.frameUrl, item.isTop),
      firstSeenAt: item.at,
      // Only listed at the end: the write fell somewhere in the visit, which the storage rules
      // read as an interval (as for a polled key); one an earlier part already held is left over.
      ...(item.preexisting ? { preexisting: true } : item.seenBy === 'read' ? { writtenAfter: state.startedAt } : {}),
      removedAt: null,
      source: 'devtools',
    };
    merged.storageKeys[id] = key;
    counts[item.area] += 1;
  }
  return { state: merged, counts };
}

/** The reason given when the browser filed none but never stored the cookie. */
export const NOT_STORED = 'NotStoredByBrowser';

function isDeletion(a: CookieAttemptObservation): boolean {
  return a.expiresAt !== null && a.expiresAt <= a.at;
}

/** Whether the extension saw the browser store this cookie at any time in the visit (cookies.onChanged). */
function everStored(state: TabState, name: string, domain: string): boolean {
  const bare = domain.replace(/^\./, '');
  return Object.values(state.cookies).some((c) => c.name === name && c.domain.replace(/^\./, '') === bare);
}

/** A stack frame's script URL masked, its line and column kept. */
function maskStackFrame(frame: string, keep: (url: string) => string): string {
  const position = STACK_POSITION.exec(frame)?.[0] ?? '';
  return `${keep(frame.slice(0, frame.length - position.length))}${position}`;
}

const STACK_POSITION = /:\d+:\d+$/;

/** "https://cdn.example/a.js:12:5" → "https://cdn.example/a.js". */
function scriptUrlOf(frame: string): string {
  return frame.replace(/:\d+:\d+$/, '');
}

/** The extension's frame with that document URL, else the top frame or an unknown sub-frame (-1). */
function frameRefFor(state: TabState, url: string | null, isTop: boolean): FrameRef {
  if (isTop) return { frameId: 0, kind: 'top', url: state.pageUrl };
  if (url) {
    for (const [id, frameUrl] of Object.entries(state.frames)) {
      if (frameUrl === url && Number(id) !== 0) return { frameId: Number(id), kind: 'sub', url };
    }
  }
  return { frameId: -1, kind: 'sub', url };
}

/** How close (ms) the browser's cookie jar must have changed to be the landing of a script write. */
const JAR_MATCH_MS = 3_000;

/**
 * The document a script cookie write ran in, for a host-only cookie's domain. The frame the
 * DevTools session names, unless the browser's own jar (the extension's cookie observations)
 * shows the cookie landing elsewhere at that moment and nowhere in that frame's site: a write
 * racing a navigation can be filed under the wrong frame, and the jar is the stronger witness.
 */
function documentHostOf(write: { cookie: string; frameUrl: string | null; at: number }, jar: readonly CookieObservation[], pageHost: string): string {
  const named = write.frameUrl ? hostOf(write.frameUrl) : pageHost;
  const name = write.cookie.split('=')[0]?.trim() ?? '';
  const landed = jar.filter(
    (c) => c.name === name && (Math.abs(c.firstSeenAt - write.at) <= JAR_MATCH_MS || Math.abs(c.lastChangedAt - write.at) <= JAR_MATCH_MS),
  );
  if (landed.length === 0 || landed.some((c) => siteOf(c.domain.replace(/^\./, '')) === siteOf(named))) return named;
  return (landed[0] as CookieObservation).domain.replace(/^\./, '');
}
