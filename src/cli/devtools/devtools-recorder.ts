/* eslint-disable @typescript-eslint/no-explicit-any -- raw DevTools-protocol JSON from a socket: every field is read defensively where it is used (optional chaining, typeof checks). */
import { randomUUID } from 'node:crypto';
import type { CdpConnection } from './cdp-connection';
import { cookieHookSource } from './cookie-hook';
import { siteOf } from '../../core/site';

/**
 * What the browser itself reports about pages, through the DevTools protocol, on every
 * target: pages, out-of-process iframes, dedicated, shared and service workers. The CLI
 * adds to the extension's log what no extension API gives (a script's cookie string before
 * the 400-day cap, refused script cookies, WebSocket hosts, storage names of frames that are
 * gone); the end-to-end tests use the same recorder as ground truth.
 */

export type TargetKind = 'page' | 'iframe' | 'worker' | 'shared_worker' | 'service_worker' | 'other';

export interface DevtoolsRequest {
  requestId: string;
  url: string;
  resourceType: string;
  target: TargetKind;
  targetUrl: string;
  at: number;
}

export interface DevtoolsFailure {
  requestId: string;
  url: string;
  errorText: string;
  target: TargetKind;
}

export interface DevtoolsFrameContext {
  frameUrl: string | null;
  isTop: boolean;
}

export interface DevtoolsWebSocket extends DevtoolsFrameContext {
  url: string;
  at: number;
}

export interface DevtoolsCookieWrite extends DevtoolsFrameContext {
  /** What the script assigned to document.cookie (its value is reduced to a length downstream). */
  cookie: string;
  /** Innermost first, "url:line:column" (1-based), the hook's own frame left out. */
  stack: string[];
  at: number;
}

export interface DevtoolsCookieIssue {
  name: string | null;
  domain: string | null;
  rawCookieLine: string | null;
  exclusionReasons: string[];
  warningReasons: string[];
  operation: string;
  cookieUrl: string | null;
  /** No request named: a script's write. */
  fromScript: boolean;
  at: number;
}

export interface DevtoolsStorageName extends DevtoolsFrameContext {
  area: 'indexedDB' | 'cacheStorage';
  storageKey: string;
  origin: string;
  name: string;
  at: number;
  /** `write`: Chromium reported the write as it happened; `read`: first listed by the end-of-page read. */
  seenBy: 'write' | 'read';
  /** Listed already in an earlier visit of this audit (the choice visit, for the reload). */
  preexisting: boolean;
}

export interface DevtoolsFrame {
  frameId: string;
  parentId: string | null;
  url: string;
  storageKey: string | null;
  isTop: boolean;
}

/** A page, frame or worker target just attached and still paused before its first script. */
export interface AttachedTarget {
  sessionId: string;
  /** The session it was attached under (a frame's page, a worker's frame); undefined at the top. */
  parentSessionId: string | undefined;
  targetId: string;
  kind: TargetKind;
  url: string;
}

/** Set-up another part of the CLI runs on each new target before it is resumed (its commands to send). */
export type TargetHook = (target: AttachedTarget) => Promise<unknown> | undefined;

interface SessionInfo {
  targetId: string;
  kind: TargetKind;
  url: string;
  /** executionContextId → frame id (page and iframe sessions). */
  contexts: Map<number, string>;
}

export class DevtoolsRecorder {
  readonly requests: DevtoolsRequest[] = [];
  readonly failures: DevtoolsFailure[] = [];
  readonly webSockets: DevtoolsWebSocket[] = [];
  readonly cookieWrites: DevtoolsCookieWrite[] = [];
  readonly cookieIssues: DevtoolsCookieIssue[] = [];
  readonly storageNames: DevtoolsStorageName[] = [];
  /** Databases and caches listed in earlier visits of this audit (before the last reset). */
  private readonly namesBefore = new Set<string>();
  readonly frames = new Map<string, DevtoolsFrame>();
  /** Every target kind seen attached (for the tests: workers and service workers included). */
  readonly targetKinds = new Set<TargetKind>();
  private readonly sessions = new Map<string, SessionInfo>();
  private readonly marker = `policylens-cookie-${randomUUID()}`;
  private readonly trackedKeys = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly targetHooks = new Set<TargetHook>();

  private constructor(
    /** The connection the recorder listens on: other parts of the CLI send to its sessions. */
    readonly cdp: CdpConnection,
    private readonly hookCookies: boolean,
  ) {}

  /**
   * Attaches to every target now and later. `hookCookies` adds the cookie-write hook to page
   * documents (the only thing that runs in a page's main world; see cookie-hook.ts);
   * `targetHooks` run on every target from the first.
   */
  static async start(cdp: CdpConnection, options: { hookCookies: boolean; targetHooks?: readonly TargetHook[] }): Promise<DevtoolsRecorder> {
    const recorder = new DevtoolsRecorder(cdp, options.hookCookies);
    for (const hook of options.targetHooks ?? []) recorder.addTargetHook(hook);
    cdp.on((method, params, sessionId) => recorder.onEvent(method, params, sessionId));
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    return recorder;
  }

  /**
   * Runs `hook` on every target attached from now on, before the target's first script (it
   * waits for the debugger until every hook's commands are answered).
   */
  addTargetHook(hook: TargetHook): () => void {
    this.targetHooks.add(hook);
    return () => this.targetHooks.delete(hook);
  }

  /** The flat session attached to a target (a page's, by its target id), once attached. */
  async sessionOfTarget(targetId: string, maxMs = 5_000): Promise<string | undefined> {
    const find = () => [...this.sessions].find(([, info]) => info.targetId === targetId)?.[0];
    const deadline = Date.now() + maxMs;
    while (!find() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return find();
  }

  /** Forget everything recorded so far (the warm-up page's events, say). */
  reset(): void {
    // The reload still holds what the choice visit stored: remember it, so it is not new there.
    for (const s of this.storageNames) this.namesBefore.add(storageNameId(s.area, s.storageKey, s.name));
    for (const list of [this.requests, this.failures, this.webSockets, this.cookieWrites, this.cookieIssues, this.storageNames]) list.length = 0;
  }

  /** Waits for set-up commands still in flight (a target attached a moment ago). */
  async idle(maxMs = 10_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    }
  }

  private track<T>(work: Promise<T>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private onEvent(method: string, params: any, sessionId: string | undefined): void {
    switch (method) {
      case 'Target.attachedToTarget':
        this.track(this.setUp(params.sessionId, params.targetInfo, sessionId));
        return;
      case 'Target.detachedFromTarget':
        this.sessions.delete(params.sessionId);
        return;
      case 'Storage.indexedDBContentUpdated':
        this.addStorageName('indexedDB', params.storageKey, params.origin, params.databaseName, 'write');
        return;
      case 'Storage.cacheStorageContentUpdated':
        this.addStorageName('cacheStorage', params.storageKey, params.origin, params.cacheName, 'write');
        return;
      default:
        break;
    }
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session || !sessionId) return;
    switch (method) {
      case 'Network.requestWillBeSent':
        this.requests.push({
          requestId: params.requestId,
          url: params.request.url,
          resourceType: params.type ?? 'Other',
          target: session.kind,
          targetUrl: session.url,
          at: Date.now(),
        });
        return;
      case 'Network.loadingFailed':
        this.failures.push({
          requestId: params.requestId,
          url: this.requests.find((r) => r.requestId === params.requestId)?.url ?? '',
          errorText: params.errorText,
          target: session.kind,
        });
        return;
      case 'Network.webSocketCreated':
        // The event names no frame: the socket belongs to the target's document (or worker).
        this.webSockets.push({ url: params.url, at: Date.now(), frameUrl: session.url || null, isTop: session.kind === 'page' });
        return;
      case 'Runtime.executionContextCreated': {
        const frameId = params.context?.auxData?.frameId;
        if (typeof frameId === 'string') session.contexts.set(params.context.id, frameId);
        return;
      }
      case 'Runtime.consoleAPICalled':
        this.onConsole(params, session);
        return;
      case 'Page.frameNavigated':
        this.onFrameNavigated(params.frame, session, sessionId);
        return;
      case 'Audits.issueAdded':
        this.onIssue(params.issue);
        return;
      default:
        return;
    }
  }

  private async setUp(sessionId: string, info: { type: string; url: string; targetId: string }, parentSessionId: string | undefined): Promise<void> {
    const kind = toKind(info.type);
    // The extension's own pages and worker, and the browser's own pages, are not the audited page.
    if (kind === 'other' || /^(chrome-extension|chrome|devtools):/.test(info.url)) {
      await this.cdp.trySend('Runtime.runIfWaitingForDebugger', {}, sessionId);
      await this.cdp.trySend('Target.detachFromTarget', { sessionId });
      return;
    }
    this.targetKinds.add(kind);
    const session: SessionInfo = { targetId: info.targetId, kind, url: info.url, contexts: new Map() };
    this.sessions.set(sessionId, session);
    const send = (method: string, params: Record<string, unknown> = {}) => this.cdp.trySend(method, params, sessionId);
    const setUps: Array<Promise<unknown>> = [send('Network.enable'), send('Runtime.enable')];
    if (kind === 'page' || kind === 'iframe') {
      setUps.push(send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }), send('Page.enable'), send('Audits.enable'));
      if (this.hookCookies) setUps.push(send('Page.addScriptToEvaluateOnNewDocument', { source: cookieHookSource(this.marker), runImmediately: true }));
    }
    // An out-of-process frame is paused until resumed: its storage is tracked before its
    // scripts run, so a frame removed right after writing IndexedDB is still seen.
    const pageSession = [...this.sessions].filter(([, v]) => v.kind === 'page').at(-1)?.[0];
    if (kind === 'iframe' && pageSession) setUps.push(...this.candidateStorageKeys(info.url).map((key) => this.trackStorageKey(key, pageSession)));
    for (const hook of this.targetHooks) {
      const work = hook({ sessionId, parentSessionId, targetId: info.targetId, kind, url: info.url });
      // A failed hook must not leave the target paused for ever.
      if (work) setUps.push(work.catch(() => undefined));
    }
    await Promise.all(setUps);
    await send('Runtime.runIfWaitingForDebugger');
    // Frames already there (an out-of-process frame's own): their storage keys are tracked from now.
    if (kind === 'page' || kind === 'iframe') await this.learnFrames(sessionId, session);
  }

  private async learnFrames(sessionId: string, session: SessionInfo): Promise<void> {
    const tree = await this.cdp.trySend<{ frameTree: FrameTreeNode }>('Page.getFrameTree', {}, sessionId);
    const walk = async (node: FrameTreeNode | undefined): Promise<void> => {
      if (!node) return;
      await this.onFrameNavigatedAsync(node.frame, session, sessionId);
      await Promise.all((node.childFrames ?? []).map(walk));
    };
    await walk(tree?.frameTree);
  }

  private onFrameNavigated(frame: CdpFrame, session: SessionInfo, sessionId: string): void {
    this.track(this.onFrameNavigatedAsync(frame, session, sessionId));
  }

  private async onFrameNavigatedAsync(frame: CdpFrame, session: SessionInfo, sessionId: string): Promise<void> {
    const isTop = session.kind === 'page' && !frame.parentId;
    const url = frame.url + (frame.urlFragment ?? '');
    const entry: DevtoolsFrame = { frameId: frame.id, parentId: frame.parentId ?? null, url, storageKey: null, isTop };
    if (!frame.parentId) session.url = url;
    this.frames.set(frame.id, entry);
    if (!/^https?:/.test(url)) return;
    const key = await this.cdp.trySend<{ storageKey: string }>('Storage.getStorageKeyForFrame', { frameId: frame.id }, sessionId);
    if (!key?.storageKey) return;
    entry.storageKey = key.storageKey;
    await this.trackStorageKey(key.storageKey, sessionId);
  }

  /** Tracking is kept by the browser, not the frame: writes are reported even by a frame removed right after. */
  private async trackStorageKey(storageKey: string, sessionId: string): Promise<void> {
    if (this.trackedKeys.has(storageKey)) return;
    this.trackedKeys.add(storageKey);
    // Asked on a page's session (the browser's own has no Storage tracking); events come back on it.
    await Promise.all([
      this.cdp.trySend('Storage.trackIndexedDBForStorageKey', { storageKey }, sessionId),
      this.cdp.trySend('Storage.trackCacheStorageForStorageKey', { storageKey }, sessionId),
    ]);
  }

  /**
   * The storage keys a frame at `url` can have under the current top page: partitioned
   * ("origin/^0top-site", Chromium's serialisation) and not. Tracking a key that is not the
   * frame's costs nothing.
   */
  private candidateStorageKeys(url: string): string[] {
    const origin = /^(https?:\/\/[^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
    if (!origin) return [];
    const top = [...this.frames.values()].filter((f) => f.isTop && /^https?:/.test(f.url)).at(-1);
    const keys = [`${origin}/`];
    const topSite = top?.storageKey ? topLevelSiteOf(top.storageKey) : null;
    if (topSite) keys.push(`${origin}/^0${topSite}`);
    return keys;
  }

  private onConsole(params: any, session: SessionInfo): void {
    const args = params.args as Array<{ value?: unknown }> | undefined;
    if (params.type !== 'debug' || args?.[0]?.value !== this.marker || typeof args[1]?.value !== 'string') return;
    const frames = (params.stackTrace?.callFrames ?? []) as Array<{ url: string; lineNumber: number; columnNumber: number }>;
    const stack = frames.filter((f) => f.url !== '').map((f) => `${f.url}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
    const frameId = session.contexts.get(params.executionContextId) ?? null;
    this.cookieWrites.push({ cookie: args[1].value, stack, at: Date.now(), ...this.contextOfFrame(frameId, session) });
  }

  private onIssue(issue: any): void {
    if (issue?.code !== 'CookieIssue') return;
    const d = issue.details?.cookieIssueDetails;
    if (!d) return;
    this.cookieIssues.push({
      name: d.cookie?.name ?? null,
      domain: d.cookie?.domain ?? null,
      rawCookieLine: d.rawCookieLine ?? null,
      exclusionReasons: d.cookieExclusionReasons ?? [],
      warningReasons: d.cookieWarningReasons ?? [],
      operation: d.operation ?? '',
      cookieUrl: d.cookieUrl ?? null,
      fromScript: !d.request,
      at: Date.now(),
    });
  }

  private addStorageName(area: 'indexedDB' | 'cacheStorage', storageKey: string, origin: string, name: string, seenBy: 'write' | 'read'): void {
    if (typeof name !== 'string' || name === '') return;
    if (this.storageNames.some((s) => s.area === area && s.storageKey === storageKey && s.name === name)) return;
    const frame = [...this.frames.values()].find((f) => f.storageKey === storageKey) ?? null;
    // A write reported in this visit is new here even if an earlier visit held the name.
    const preexisting = seenBy === 'read' && this.namesBefore.has(storageNameId(area, storageKey, name));
    this.storageNames.push({ area, storageKey, origin, name, at: Date.now(), frameUrl: frame?.url ?? null, isTop: frame?.isTop ?? false, seenBy, preexisting });
  }

  private contextOfFrame(frameId: string | null, session: SessionInfo): DevtoolsFrameContext {
    const frame = frameId ? this.frames.get(frameId) : undefined;
    if (frame) return { frameUrl: frame.url, isTop: frame.isTop };
    return { frameUrl: session.url || null, isTop: false };
  }

  /**
   * Databases and caches of every storage key seen, read at the end of a page: the frames
   * still open answer for themselves; removed ones were tracked while they lived.
   */
  async readStorageAtEnd(): Promise<void> {
    await this.idle();
    const asked = new Set<string>();
    for (const [sessionId, session] of this.sessions) {
      if (session.kind !== 'page' && session.kind !== 'iframe') continue;
      for (const frame of this.frames.values()) {
        if (!frame.storageKey || asked.has(`${sessionId}|${frame.storageKey}`)) continue;
        asked.add(`${sessionId}|${frame.storageKey}`);
        const origin = originOfStorageKey(frame.storageKey);
        const [idb, caches] = await Promise.all([
          this.cdp.trySend<{ databaseNames: string[] }>('IndexedDB.requestDatabaseNames', { storageKey: frame.storageKey }, sessionId),
          this.cdp.trySend<{ caches: Array<{ cacheName: string }> }>('CacheStorage.requestCacheNames', { storageKey: frame.storageKey }, sessionId),
        ]);
        for (const name of idb?.databaseNames ?? []) this.addStorageName('indexedDB', frame.storageKey, origin, name, 'read');
        for (const cache of caches?.caches ?? []) this.addStorageName('cacheStorage', frame.storageKey, origin, cache.cacheName, 'read');
      }
    }
  }

  /**
   * Whether third-party frames had partitioned storage: their storage key names the
   * top-level site ("^0…") only when Chromium partitions. Null without a third-party frame.
   */
  storagePartitioned(isThirdParty: (frameUrl: string) => boolean): boolean | null {
    let answer: boolean | null = null;
    for (const frame of this.frames.values()) {
      if (frame.isTop || !frame.storageKey || !isThirdParty(frame.url)) continue;
      if (frame.storageKey.includes('^0')) return true;
      answer = false;
    }
    // A frame that navigated again or was removed (a short-lived one) still told which storage
    // it had: a third-party storage key naming a top-level site is partitioned storage.
    for (const key of this.trackedKeys) if (key.includes('^0') && isThirdParty(originOfStorageKey(key))) return true;
    return answer;
  }
}

interface CdpFrame {
  id: string;
  parentId?: string;
  url: string;
  urlFragment?: string;
}

interface FrameTreeNode {
  frame: CdpFrame;
  childFrames?: FrameTreeNode[];
}

function toKind(type: string): TargetKind {
  return type === 'page' || type === 'iframe' || type === 'worker' || type === 'shared_worker' || type === 'service_worker' ? type : 'other';
}

/**
 * The top-level site of a top frame's storage key: "https://www.shop.nl/" → "https://shop.nl"
 * needs the registrable domain, which a first-party key does not carry; the caller's top
 * frame key is first-party, so its site is computed from the host.
 */
function topLevelSiteOf(topStorageKey: string): string | null {
  const match = /^(https?):\/\/([^/:^]+)/.exec(topStorageKey);
  if (!match) return null;
  return `${match[1]}://${siteOf(match[2]!)}`;
}

/** "https://a.example/^0https://b.example" → "https://a.example". */
export function originOfStorageKey(storageKey: string): string {
  return storageKey.split('^')[0]!.replace(/\/$/, '');
}

function storageNameId(area: string, storageKey: string, name: string): string {
  return `${area}|${storageKey}|${name}`;
}
