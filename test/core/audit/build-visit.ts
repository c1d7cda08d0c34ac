import { audit, buildContext, type AuditInput } from '../../../src/core/audit/audit';
import type { AuditContext } from '../../../src/core/audit/audit-context';
import type { AuditReport, Finding } from '../../../src/core/audit/report-types';
import type { Rule } from '../../../src/core/audit/rule';
import type { BannerFirstLayer, ConsentCategory, ConsentObservation } from '../../../src/core/consent/consent-state';
import { fromPageSignal } from '../../../src/core/consent/from-page-signal';
import type { CookieAttributes, FrameRef, StorageArea } from '../../../src/core/observation';
import { mergeDevtoolsFindings, type DevtoolsFindings } from '../../../src/core/observe/merge-devtools';
import { fromBrowserCookie, type BrowserCookieDetails } from '../../../src/core/observe/normalise-cookie';
import { parseSetCookie } from '../../../src/core/observe/parse-set-cookie';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import type { TabState } from '../../../src/core/observe/tab-state';
import { nodeData } from '../../../src/data/node-data';
import { loadPolicy } from '../../../src/core/policy/load-policy';
import type { PolicyModel } from '../../../src/core/policy/schema';
import { hostOf } from '../../../src/core/site';
import type { VendorIndex } from '../../../src/core/vendors/vendor-index';

/** Visit start used by every test unless it says otherwise. */
export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const DAY_MS = 86_400_000;
export const TOP: FrameRef = { frameId: 0, kind: 'top', url: null };

type Optional = Exclude<ConsentCategory, 'necessary'>;

export interface RequestOptions {
  /** Offset from T0 in ms (default 100). */
  at?: number;
  type?: string;
  method?: string;
  frameId?: number;
  parentFrameId?: number;
  requestId?: string;
  /** webRequest completion error, e.g. net::ERR_BLOCKED_BY_CLIENT. */
  error?: string;
}

export interface CookieOptions {
  /** Offset from T0 in ms (default 200). */
  at?: number;
  /** Host of the response that set it (default: the page host). */
  host?: string;
  preexisting?: boolean;
}

export interface AttemptOptions extends CookieOptions {
  /** URL of the response carrying the Set-Cookie header (default https://<host>/). */
  url?: string;
  frame?: FrameRef;
  /** Also record it in the jar as the browser would store it (default false). */
  stored?: boolean | { lifetimeDays: number };
}

/**
 * Fluent builder for one page visit, feeding a real TabRecorder so the audit sees the
 * same TabState shape the extension produces. Every time is an offset from T0.
 */
export class VisitBuilder {
  readonly recorder: TabRecorder;
  private seq = 0;

  constructor(pageUrl: string, opts: VisitOptions = {}) {
    this.recorder = TabRecorder.startVisit(7, pageUrl, T0, {
      mainRequestId: 'main',
      observedLate: opts.observedLate ?? false,
      resolvesCanonicalNames: opts.resolvesCanonicalNames ?? false,
    });
    this.recorder.recordRequest({ requestId: 'main', url: pageUrl, method: 'GET', type: 'main_frame', frameId: 0, parentFrameId: -1, tabId: 7, timeStamp: T0 });
  }

  /** What the CLI's DevTools client saw, merged into the state as the CLI merges it. */
  private readonly devtools: DevtoolsFindings = { cookieWrites: [], cookieIssues: [], webSockets: [], storageNames: [] };

  get state(): TabState {
    const found = this.devtools;
    const any = found.cookieWrites.length + found.cookieIssues.length + found.webSockets.length + found.storageNames.length > 0;
    return any ? mergeDevtoolsFindings(this.recorder.state, found).state : this.recorder.state;
  }

  get pageHost(): string {
    return this.state.pageHost;
  }

  request(url: string, opts: RequestOptions = {}): this {
    const requestId = opts.requestId ?? `r${(this.seq += 1)}`;
    this.recorder.recordRequest({
      requestId,
      url,
      method: opts.method ?? 'GET',
      type: opts.type ?? 'script',
      frameId: opts.frameId ?? 0,
      parentFrameId: opts.parentFrameId ?? -1,
      tabId: 7,
      timeStamp: T0 + (opts.at ?? 100),
    });
    if (opts.error !== undefined) this.recorder.recordRequestEnd(requestId, url, 0, opts.error);
    return this;
  }

  /** A cookie the browser reports stored, from a Set-Cookie string. */
  cookie(setCookie: string, opts: CookieOptions = {}): this {
    const at = T0 + (opts.at ?? 200);
    const attrs = parseSetCookie(setCookie, opts.host ?? this.pageHost, at);
    if (!attrs) throw new Error(`unparsable Set-Cookie: ${setCookie}`);
    this.recorder.recordCookieSet(attrs, at, opts.preexisting ?? false);
    return this;
  }

  /** A cookie the browser reports stored, in chrome.cookies.Cookie shape. */
  browserCookie(cookie: Partial<BrowserCookieDetails> & { name: string; lifetimeDays?: number }, opts: CookieOptions = {}): this {
    const at = T0 + (opts.at ?? 200);
    const { lifetimeDays, ...rest } = cookie;
    const details: BrowserCookieDetails = {
      value: 'v',
      domain: this.pageHost,
      path: '/',
      hostOnly: true,
      secure: true,
      httpOnly: false,
      sameSite: 'lax',
      session: lifetimeDays === undefined,
      ...(lifetimeDays !== undefined ? { expirationDate: (at + lifetimeDays * DAY_MS) / 1000 } : {}),
      ...rest,
    };
    this.recorder.recordCookieSet(fromBrowserCookie(details, at), at, opts.preexisting ?? false);
    return this;
  }

  /** A Set-Cookie header seen on a response (whether or not the browser kept it). */
  attempt(setCookie: string, opts: AttemptOptions = {}): this {
    const at = T0 + (opts.at ?? 200);
    const host = opts.host ?? this.pageHost;
    const attrs = parseSetCookie(setCookie, host, at);
    if (!attrs) throw new Error(`unparsable Set-Cookie: ${setCookie}`);
    const requestUrl = opts.url ?? `https://${host}/`;
    this.recorder.recordCookieAttempt({
      ...attrs,
      requestId: `a${(this.seq += 1)}`,
      requestUrl,
      requestHost: hostOf(requestUrl),
      frame: opts.frame ?? TOP,
      at,
    });
    if (opts.stored) {
      const stored: CookieAttributes =
        typeof opts.stored === 'object' ? { ...attrs, expiresAt: at + opts.stored.lifetimeDays * DAY_MS, lifetimeDays: opts.stored.lifetimeDays } : attrs;
      this.recorder.recordCookieSet(stored, at + 1);
    }
    return this;
  }

  /** A snapshot of one storage area; `initial`: the content script's first read at document start; `valueSize`: each value's length. */
  storage(
    area: StorageArea,
    origin: string,
    keys: string[],
    opts: { at?: number; frame?: FrameRef; initial?: boolean; valueSize?: number; readBefore?: number } = {},
  ): this {
    this.recorder.recordStorageSnapshot(
      area,
      origin,
      opts.frame ?? TOP,
      keys.map((key) => ({ key, size: key.length + (opts.valueSize ?? 4) })),
      T0 + (opts.at ?? 300),
      opts.initial ?? false,
      opts.readBefore === undefined ? undefined : T0 + opts.readBefore,
    );
    return this;
  }

  /** IndexedDB or Cache Storage names the CLI read through the DevTools protocol (`frameUrl` null: the top document). */
  devtoolsStorage(
    area: 'indexedDB' | 'cacheStorage',
    origin: string,
    names: string[],
    opts: { at?: number; frameUrl?: string | null; seenBy?: 'write' | 'read'; preexisting?: boolean } = {},
  ): this {
    const frameUrl = opts.frameUrl ?? null;
    const how = { seenBy: opts.seenBy ?? 'write', preexisting: opts.preexisting ?? false };
    for (const name of names) this.devtools.storageNames.push({ area, origin, name, at: T0 + (opts.at ?? 300), frameUrl, isTop: frameUrl === null, ...how });
    return this;
  }

  consent(observation: ConsentObservation): this {
    this.recorder.recordConsent(observation);
    return this;
  }

  /** Cookiebot's own signal: 'accept' = all, 'decline' = none, or per category. */
  cookiebot(choice: 'accept' | 'decline' | 'withdraw' | Partial<Record<Optional, boolean>>, at: number): this {
    return this.consent(cookiebotSignal(choice, T0 + at));
  }

  /** Cookiebot loaded without a stored choice (its initial, non-explicit state). */
  cookiebotBanner(at: number): this {
    return this.consent(
      fromPageSignal({
        source: 'cookiebot',
        at: T0 + at,
        phase: 'default',
        explicit: false,
        granted: { preferences: false, statistics: false, marketing: false },
        detail: null,
      })!,
    );
  }
}

export function cookiebotSignal(choice: 'accept' | 'decline' | 'withdraw' | Partial<Record<Optional, boolean>>, at: number): ConsentObservation {
  const all = (v: boolean) => ({ preferences: v, statistics: v, marketing: v });
  const granted =
    choice === 'accept'
      ? all(true)
      : choice === 'decline' || choice === 'withdraw'
        ? all(false)
        : { preferences: false, statistics: false, marketing: false, ...choice };
  const signal = fromPageSignal({ source: 'cookiebot', at, phase: choice === 'withdraw' ? 'withdraw' : 'update', explicit: true, granted, detail: null });
  if (!signal) throw new Error('cookiebot signal did not convert');
  return signal;
}

export interface VisitOptions {
  observedLate?: boolean;
  /** As in Firefox: the browser resolves first-party hosts' canonical names. */
  resolvesCanonicalNames?: boolean;
}

export function visit(pageUrl = 'https://www.connox.nl/', opts: VisitOptions = {}): VisitBuilder {
  return new VisitBuilder(pageUrl, opts);
}

let connoxCache: PolicyModel | undefined;

/** The bundled Connox model (parsed once per test file). */
export function connox(): PolicyModel {
  connoxCache ??= nodeData.models().find((m) => m.id === 'connox');
  if (!connoxCache) throw new Error('bundled Connox model missing');
  return connoxCache;
}

export function vendors(): VendorIndex {
  return nodeData.vendorIndex();
}

export interface RunOptions {
  policy?: PolicyModel | null;
  origin?: 'bundled' | 'user';
  index?: VendorIndex;
  rules?: readonly Rule[];
  now?: number;
}

function input(state: TabState | VisitBuilder, opts: RunOptions): AuditInput {
  const policy = opts.policy === undefined ? connox() : opts.policy;
  return {
    state: state instanceof VisitBuilder ? state.state : state,
    policy: policy ? { model: policy, origin: opts.origin ?? 'bundled' } : null,
    vendors: opts.index ?? vendors(),
    now: opts.now ?? T0 + 60_000,
    ...(opts.rules ? { rules: opts.rules } : {}),
  };
}

export function run(state: TabState | VisitBuilder, opts: RunOptions = {}): AuditReport {
  return audit(input(state, opts));
}

export function context(state: TabState | VisitBuilder, opts: RunOptions = {}): AuditContext {
  return buildContext(input(state, opts));
}

/** Findings of one rule only (running just that rule, so others cannot interfere). */
export function check(rule: Rule, state: TabState | VisitBuilder, opts: RunOptions = {}): Finding[] {
  return rule.check(context(state, opts));
}

// ── Small hand-written policy models ────────────────────────────────────────────────

export function src(quote: string, section = 'Privacy'): { quote: string; section: string; document: string; origin: 'policy-text' } {
  return { quote, section, document: 'policy', origin: 'policy-text' };
}

/** A processor with every required field; override what a test needs. */
export function processor(over: Record<string, unknown> & { id: string }): Record<string, unknown> {
  return {
    name: over.id,
    kind: 'service',
    vendorId: null,
    legalEntity: null,
    country: null,
    role: 'processor',
    purposes: [],
    legalBasis: [],
    consentRequired: null,
    category: null,
    hosts: [],
    cookies: [],
    thirdCountryTransfer: null,
    source: src(`We use ${over.id}.`, over.id),
    checkable: true,
    ...over,
  };
}

export function cookieClaim(over: Record<string, unknown>): Record<string, unknown> {
  return {
    storage: 'cookie',
    maxLifetimeDays: null,
    purpose: 'x',
    checkable: true,
    source: src(`Cookie ${String(over.name ?? over.pattern)}.`, 'Cookies'),
    ...over,
  };
}

export function category(over: Record<string, unknown> & { id: string }): Record<string, unknown> {
  return {
    name: over.id,
    legalBasis: [],
    consentRequired: null,
    firstPartyOnly: null,
    maxLifetimeDays: null,
    checkable: true,
    source: src(`${over.id} cookies.`, 'Cookies'),
    ...over,
  };
}

/**
 * A minimal model for shop.example, validated by the real loader so an invalid test
 * model fails loudly instead of exercising impossible input.
 */
export function miniModel(
  parts: { processors?: unknown[]; cookieCategories?: unknown[]; promises?: unknown[]; firstPartyCookies?: unknown[]; domains?: string[] } = {},
): PolicyModel {
  const raw = {
    schemaVersion: 1,
    id: 'mini',
    title: 'Mini shop policy',
    documents: [{ id: 'policy', url: 'https://www.shop.example/privacy', title: 'Privacy', language: 'en' }],
    shop: {
      name: 'Mini Shop',
      domains: parts.domains ?? ['shop.example'],
      language: 'en',
      policyDate: '2025-01-01',
      policyVersion: '1',
      controller: { name: 'Mini Shop Ltd', address: [], email: null, source: src('Mini Shop Ltd is the controller.'), checkable: false },
      dpo: null,
    },
    processors: parts.processors ?? [],
    firstPartyCookies: parts.firstPartyCookies ?? [],
    cookieCategories: parts.cookieCategories ?? [],
    promises: parts.promises ?? [],
  };
  const result = loadPolicy(JSON.stringify(raw), 'mini.json');
  if (!result.ok) throw new Error(`mini model invalid: ${JSON.stringify(result.errors, null, 2)}`);
  return result.model;
}

export const SHOP = 'https://www.shop.example/';

/** What the CLI stamps for autoconsent's click (scenario-parts.ts), optionally with the banner's first layer read before it. */
export function clicked(action: 'accept' | 'refuse' | 'withdraw', at: number, firstLayer?: BannerFirstLayer): ConsentObservation {
  const granted = action === 'accept';
  return {
    kind: 'consent',
    at: T0 + at,
    source: 'visitor-action',
    tool: null,
    phase: action === 'withdraw' ? 'withdraw' : 'update',
    granted: { preferences: granted, statistics: granted, marketing: granted },
    explicit: true,
    detail: action,
    ...(firstLayer ? { firstLayer } : {}),
  };
}
