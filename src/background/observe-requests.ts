import browser, { type WebRequest } from 'webextension-polyfill';
import { TabRecorder } from '../core/observe/tab-recorder';
import { parseSetCookie } from '../core/observe/parse-set-cookie';
import { frameOf, type WebRequestDetails } from '../core/observe/normalise-request';
import { hostOf, siteOf } from '../core/site';
import { serviceWorkerTargets } from '../core/observe/service-worker-routing';
import type { TabStore } from './tab-store';
import { TAB_LIMITS_IN_BUILD } from './tab-limits-in-build';
import { urlMask } from './url-mask';
import { catchUpCookieChanges, readJarAtVisitStart, snapshotExistingCookies } from './observe-cookies';
import { RESOLVES_CANONICAL_NAMES, resolveFirstPartyHost } from './resolve-canonical-names';

// ws: and wss: too: Chromium reports WebSocket handshakes only to filters (and host permissions) that name them.
const ALL_URLS: WebRequest.RequestFilter = { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] };
/** A cache-only attempt that missed: Chromium never sent it (and repeats it as a real request). */
const NOT_SENT_ERRORS = new Set(['net::ERR_CACHE_MISS']);

/**
 * webRequest listeners, observational only (nothing blocks or changes a request). Must be
 * registered synchronously at worker start so events that wake the worker are delivered.
 */
export function observeRequests(store: TabStore): void {
  browser.webRequest.onBeforeRequest.addListener((details) => {
    if (details.tabId < 0) {
      void store.whenReady(() => onServiceWorkerRequest(store, details as unknown as WebRequestDetails));
      return;
    }
    const jar = details.type === 'main_frame' ? readJarAtVisitStart(details.url, details.cookieStoreId) : null;
    void store.whenReady(() => onBeforeRequest(store, details as unknown as WebRequestDetails, jar));
  }, ALL_URLS);

  // One listener gives both the status and the Set-Cookie headers: every webRequest event
  // costs an IPC hop per request, so onCompleted is not listened to at all.
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      const headers = (details.responseHeaders ?? []).filter((h) => h.name.toLowerCase() === 'set-cookie');
      void store.whenReady(() => {
        for (const recorder of recordersOf(store, details.tabId, details.requestId)) {
          // An end whose start the visit never saw (lost with a worker stop) is counted in a gap.
          if (!recorder.recordRequestEnd(details.requestId, details.url, details.statusCode, null))
            recorder.recordEndWithoutStart(details.requestId, details.timeStamp);
          if (headers.length > 0) recordSetCookieHeaders(recorder, details as unknown as WebRequestDetails & { statusCode: number }, headers);
          store.changed(recorder.state.tabId);
        }
      });
    },
    ALL_URLS,
    extraInfoSpec(['responseHeaders', 'extraHeaders']),
  );

  browser.webRequest.onErrorOccurred.addListener((details) => {
    void store.whenReady(() => {
      for (const recorder of recordersOf(store, details.tabId, details.requestId)) {
        if (!NOT_SENT_ERRORS.has(details.error) || !recorder.recordRequestNotSent(details.requestId, details.url, details.error)) {
          if (!recorder.recordRequestEnd(details.requestId, details.url, 0, details.error))
            recorder.recordEndWithoutStart(details.requestId, details.timeStamp);
        }
        store.changed(recorder.state.tabId);
      }
    });
  }, ALL_URLS);
}

/** The visit a request belongs to: its tab's, or for a tabless (service-worker) request every visit that recorded it. */
function recordersOf(store: TabStore, tabId: number, requestId: string): TabRecorder[] {
  if (tabId >= 0) {
    const recorder = store.get(tabId);
    return recorder ? [recorder] : [];
  }
  return [...store.all()].filter((r) => r.hasRequest(requestId));
}

/** A request with no tab: a service worker's, given to the visits of the worker's origin. */
function onServiceWorkerRequest(store: TabStore, details: WebRequestDetails): void {
  const visits = [...store.all()].map((r) => ({ tabId: r.state.tabId, frames: r.state.frames }));
  for (const target of serviceWorkerTargets(details, visits)) {
    const recorder = store.get(target.tabId);
    if (!recorder) continue;
    recorder.recordServiceWorkerRequest(details, target.frameId);
    store.changed(target.tabId);
  }
}

function recordSetCookieHeaders(recorder: TabRecorder, details: WebRequestDetails, headers: { value?: string }[]): void {
  const host = hostOf(details.url);
  // A service worker's response is set in the frame the request was given to.
  const frame =
    details.tabId < 0
      ? (recorder.frameOfRequest(details.requestId) ?? frameOf(details, recorder.state.frames, recorder.state.frameTree))
      : frameOf(details, recorder.state.frames, recorder.state.frameTree);
  for (const header of headers) {
    // Without extraHeaders Chrome may fold several cookies into one header with newlines.
    for (const line of (header.value ?? '').split('\n')) {
      const attributes = parseSetCookie(line, host, details.timeStamp);
      if (!attributes) continue;
      recorder.recordCookieAttempt({
        ...attributes,
        requestId: details.requestId,
        requestUrl: details.url,
        requestHost: host,
        frame,
        at: details.timeStamp,
      });
    }
  }
}

function onBeforeRequest(store: TabStore, details: WebRequestDetails, jar: ReturnType<typeof readJarAtVisitStart> | null): void {
  let recorder = store.get(details.tabId);
  if (details.type === 'main_frame') {
    if (recorder && recorder.state.mainRequestId === details.requestId) {
      recorder.followRedirect(details.url);
    } else {
      // A new top-level visit starts at its main_frame request, not at onCompleted:
      // sub-resources of the new page can complete before the document does.
      recorder = TabRecorder.startVisit(details.tabId, details.url, details.timeStamp, {
        mainRequestId: details.requestId,
        cookieStoreId: details.cookieStoreId ?? null,
        limits: TAB_LIMITS_IN_BUILD,
        resolvesCanonicalNames: RESOLVES_CANONICAL_NAMES,
        maskUrl: urlMask,
      });
      store.replace(details.tabId, recorder);
      void snapshotExistingCookies(store, details.tabId, recorder, jar ?? readJarAtVisitStart(details.url, details.cookieStoreId));
    }
  } else if (!recorder) {
    // The page was already loading before PolicyLens started (install, update, browser start).
    recorder = TabRecorder.startVisit(details.tabId, details.initiator ?? details.url, details.timeStamp, {
      observedLate: true,
      cookieStoreId: details.cookieStoreId ?? null,
      limits: TAB_LIMITS_IN_BUILD,
      resolvesCanonicalNames: RESOLVES_CANONICAL_NAMES,
      maskUrl: urlMask,
    });
    store.replace(details.tabId, recorder);
  }
  recorder.recordRequest(details);
  const host = hostOf(details.url);
  if (siteOf(host) === recorder.state.pageSite) resolveFirstPartyHost(store, recorder, host);
  catchUpCookieChanges(store, recorder);
  store.changed(details.tabId);
}

/** Firefox rejects 'extraHeaders'; Chrome needs it to see Set-Cookie headers. */
function extraInfoSpec(wanted: string[]): WebRequest.OnHeadersReceivedOptions[] {
  const supported = (globalThis as { chrome?: { webRequest?: { OnHeadersReceivedOptions?: Record<string, string> } } }).chrome?.webRequest
    ?.OnHeadersReceivedOptions;
  const values = supported ? new Set(Object.values(supported)) : new Set(['responseHeaders']);
  return wanted.filter((w) => values.has(w)) as WebRequest.OnHeadersReceivedOptions[];
}
