/**
 * Isolated-world collector: storage key names (never values), IndexedDB database names,
 * scripts and iframes, privacy-policy links, and consent tools' Web Storage records (read here,
 * only the reading is sent). It re-reads on a falling schedule so keys
 * that appear after load are reported with the time they appeared.
 */
import { answerBackground, notifyBackground } from './runtime';
import { findPolicyLinks } from '../core/observe/find-policy-links';
import { answerPageDocument } from './page-document';
import { answerConsentDeclarations } from './consent-declarations';
import { readConsentRecords, readConsentRecordsAroundInteractions, watchConsentRecords } from './consent-records';

const IS_TOP = window === window.top;
const POLL_SCHEDULE_MS = [250, 500, 1_000, 1_000, 2_000, 2_000, 3_000];
/**
 * Sub-frames are read densely while young: an ad or consent frame can write IndexedDB and be
 * removed within a second, and indexedDB.databases() never answers in a frame being torn down.
 */
const YOUNG_FRAME_POLL_MS = [...Array<number>(15).fill(20), 50, 50, 100, 100, 100, 150, 200, 250, 500, 1_000, 1_000, 2_000, 3_000];
const STEADY_POLL_MS = 3_000;
// A sub-frame's scripts are reported at once: a removed frame takes a pending batch with it.
const RESOURCE_BATCH_MS = IS_TOP ? 250 : 0;

const lastSent = new Map<string, string>();
/** When each area was last read here: a key new in a read was written since the one before. */
const lastReadAt = new Map<string, number>();

function sinceLastRead(area: string): { previousReadAgoMs?: number } {
  const now = Date.now();
  const before = lastReadAt.get(area);
  lastReadAt.set(area, now);
  return before === undefined ? {} : { previousReadAgoMs: now - before };
}
const reportedResources = new Set<string>();
const pendingResources: { element: 'script' | 'iframe'; url: string }[] = [];
let resourceTimer: ReturnType<typeof setTimeout> | null = null;

function sendIfChanged(channel: string, signature: string, send: () => void): void {
  if (lastSent.get(channel) === signature) return;
  lastSent.set(channel, signature);
  send();
}

function readWebStorage(area: 'localStorage' | 'sessionStorage'): void {
  let storage: Storage;
  try {
    storage = window[area];
  } catch {
    return; // Opaque origins and sandboxed frames deny access.
  }
  const read = sinceLastRead(area);
  const entries: { key: string; size: number }[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key === null) continue;
    // Only the size of the value is kept, never the value.
    entries.push({ key, size: key.length + (storage.getItem(key)?.length ?? 0) });
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : 1));
  // The first read runs at document start, before the page's scripts: what it finds was there before this visit.
  const initial = !lastSent.has(area);
  sendIfChanged(area, entries.map((e) => `${e.key}:${e.size}`).join('\n'), () =>
    notifyBackground({ type: 'content/storage-snapshot', area, origin: location.origin, frameUrl: location.href, entries, initial, ...read }),
  );
}

async function readIndexedDbNames(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  let databases: IDBDatabaseInfo[];
  const read = sinceLastRead('indexedDB');
  try {
    databases = await indexedDB.databases();
  } catch {
    return;
  }
  const entries = databases
    .map((db) => db.name)
    .filter((name): name is string => typeof name === 'string')
    .sort()
    .map((key) => ({ key, size: 0 }));
  sendIfChanged('indexedDB', entries.map((e) => e.key).join('\n'), () =>
    notifyBackground({ type: 'content/storage-snapshot', area: 'indexedDB', origin: location.origin, frameUrl: location.href, entries, ...read }),
  );
}

function queueResource(element: Element): void {
  const tag = element.tagName;
  const kind = tag === 'SCRIPT' ? 'script' : tag === 'IFRAME' ? 'iframe' : null;
  if (!kind) return;
  const src = (element as HTMLScriptElement | HTMLIFrameElement).src;
  if (!src || !/^https?:/i.test(src)) return;
  const id = `${kind}|${src}`;
  if (reportedResources.has(id)) return;
  reportedResources.add(id);
  pendingResources.push({ element: kind, url: src });
  resourceTimer ??= setTimeout(flushResources, RESOURCE_BATCH_MS);
}

function flushResources(): void {
  if (resourceTimer !== null) clearTimeout(resourceTimer);
  resourceTimer = null;
  if (pendingResources.length === 0) return;
  const items = pendingResources.splice(0, pendingResources.length);
  notifyBackground({ type: 'content/resources', frameUrl: location.href, items });
}

function scanResources(root: ParentNode): void {
  root.querySelectorAll('script[src], iframe[src]').forEach(queueResource);
}

function scanPolicyLinks(): void {
  if (window !== window.top) return;
  const anchors = Array.from(document.querySelectorAll('a[href]'), (a) => ({
    href: (a as HTMLAnchorElement).href,
    text: (a.textContent ?? '') + ' ' + (a.getAttribute('title') ?? ''),
  }));
  const links = findPolicyLinks(anchors);
  sendIfChanged('policy-links', links.map((l) => l.url).join('\n'), () => notifyBackground({ type: 'content/policy-links', links }));
}

function poll(): void {
  readWebStorage('localStorage');
  readWebStorage('sessionStorage');
  readConsentRecords(Date.now(), false);
  void readIndexedDbNames();
}

/**
 * While a sub-frame is young its IndexedDB names are read back to back: the page can create a
 * database, commit and have the frame removed within a few milliseconds (on a fast disk), and
 * a read that is still pending when the frame goes never answers. One read is in flight at a
 * time, so the cost is one small browser round trip after another, for the first seconds only.
 */
const YOUNG_FRAME_IDB_MS = 2_000;
function chainIndexedDbReads(until: number): void {
  void readIndexedDbNames().then(() => {
    if (Date.now() < until) setTimeout(() => chainIndexedDbReads(until), 0);
  });
}

function schedulePolls(step = 0): void {
  const schedule = IS_TOP ? POLL_SCHEDULE_MS : YOUNG_FRAME_POLL_MS;
  setTimeout(() => {
    poll();
    schedulePolls(step + 1);
  }, schedule[step] ?? STEADY_POLL_MS);
}

const observer = new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'attributes') {
      queueResource(mutation.target as Element);
      continue;
    }
    mutation.addedNodes.forEach((node) => {
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      queueResource(node as Element);
      scanResources(node as Element);
    });
  }
});
/**
 * Runs `work` once the page's main thread is idle (at the latest after `timeoutMs`), never
 * inside the page's own DOMContentLoaded or load handlers: work done there delays the page.
 */
function whenIdle(work: () => void, timeoutMs = 1_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}

function startObserving(): void {
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
  scanResources(document);
  scanPolicyLinks();
  poll();
}

// Elements parsed with the top document are found by one scan when the parser is done and
// the page idles; the observer starts only then, so it costs nothing while the page is
// parsed. A sub-frame starts at once: it may not live long enough to idle.
document.addEventListener('DOMContentLoaded', () => (IS_TOP ? whenIdle(startObserving) : startObserving()));
window.addEventListener('load', () =>
  whenIdle(() => {
    scanPolicyLinks();
    poll();
  }),
);

// The options page drafts a policy model from this page's text, on the user's request.
const MAX_PAGE_TEXT = 1_000_000;
if (IS_TOP) {
  answerBackground('content/get-page-text', () => ({
    url: location.href,
    title: document.title.slice(0, 1_000),
    text: (document.body?.innerText ?? '').slice(0, MAX_PAGE_TEXT),
  }));
}
if (IS_TOP) answerPageDocument();
if (IS_TOP) answerConsentDeclarations();

// The page is about to go (or its frame is being removed): report what it stored and loaded last.
window.addEventListener('pagehide', () => {
  flushResources();
  poll();
});
// The visit's state when it began: Web Storage read now, at document start, before the page's scripts run.
readWebStorage('localStorage');
readWebStorage('sessionStorage');
// document_start, before any page script: what the top document finds stored is an earlier
// visit's choice, in force from this visit's first request.
readConsentRecords(Date.now(), IS_TOP);
readConsentRecordsAroundInteractions();
if (IS_TOP) watchConsentRecords();
schedulePolls();
if (!IS_TOP) chainIndexedDbReads(Date.now() + YOUNG_FRAME_IDB_MS);
