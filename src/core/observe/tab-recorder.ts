import type {
  CookieAttemptObservation,
  CookieAttributes,
  CookiePartition,
  CookieObservation,
  FrameNode,
  ResourceObservation,
  StorageArea,
  StorageKeyObservation,
  FrameRef,
} from '../observation';
import type { ConsentObservation } from '../consent/consent-state';
import type { ConsentRecordNote } from '../consent/records/record-adapter';
import { cookieDomainMatches, domainLadder, hostOf, siteOf } from '../site';
import { TAB_LIMITS, type TabLimits } from './limits';
import { addGap, countEndWithoutStart, type SequencedMessageKind } from './observation-gaps';
import { streamKey, takeMessage } from './message-sequence';
import { cookieKey } from './normalise-cookie';
import { frameNodeOf, fromWebRequestDetails, truncateUrl, type WebRequestDetails } from './normalise-request';
import { keepUrlValues, type UrlMask } from './mask-url';
import { withdrawalOnRemoval, type ConsentRecordOutcome } from './consent-record-change';
import {
  CONSENT_RECORD_NOTE_LIMIT,
  TAB_STATE_VERSION,
  UNSENT_REQUEST_LIMIT,
  emptyOverflow,
  resourceId,
  storageKeyId,
  type PolicyLinkCandidate,
  type TabState,
} from './tab-state';

/** First-party hosts whose canonical name a visit keeps. */
const MAX_CANONICAL_NAMES = 200;

/** Requests are persisted in chunks so a busy page rewrites only its newest chunk. */
export const REQUEST_CHUNK_SIZE = 500;

export interface StorageSnapshotEntry {
  key: string;
  size: number;
}

/**
 * Applies browser events to one tab's visit state, within the caps in `limits`, and
 * remembers what changed since the last persist. Time always comes in as a parameter.
 */
export class TabRecorder {
  readonly state: TabState;
  private limits: Readonly<TabLimits>;
  /** Applied to every URL before it is kept: values in URLs are the visitor's (see mask-url.ts). */
  private readonly maskUrl: UrlMask;
  private readonly requestIndex = new Map<string, number>();
  // Entry counts of the keyed collections: Object.keys() per insert would make recording quadratic.
  private cookieCount: number;
  private storageKeyCount: number;
  private resourceCount: number;
  private frameCount: number;
  private knownDomains: number;
  private dirtyMeta = true;
  private readonly dirtyChunks = new Set<number>();
  /** Requests already counted as ending without a start (not persisted: a restart may count one twice). */
  private readonly endsCounted = new Set<string>();

  private constructor(state: TabState, limits: Readonly<TabLimits>, maskUrl: UrlMask) {
    this.state = state;
    this.limits = limits;
    this.maskUrl = maskUrl;
    state.requests.forEach((r, i) => this.requestIndex.set(r.requestId, i));
    this.cookieCount = Object.keys(state.cookies).length;
    this.storageKeyCount = Object.keys(state.storageKeys).length;
    this.resourceCount = Object.keys(state.resources).length;
    this.frameCount = Object.keys(state.frames).length;
    this.knownDomains = Object.keys(state.domains).length;
  }

  /** A new top-level visit: everything from the previous page of the tab is dropped. */
  static startVisit(
    tabId: number,
    pageUrl: string,
    startedAt: number,
    opts: {
      mainRequestId?: string | null;
      observedLate?: boolean;
      cookieStoreId?: string | null;
      limits?: Readonly<TabLimits>;
      /** The browser can resolve canonical names (Firefox): the state keeps them. */
      resolvesCanonicalNames?: boolean;
      /** Masks values in URLs; the default keeps them (the core has no salt of its own). */
      maskUrl?: UrlMask;
    } = {},
  ): TabRecorder {
    const maskUrl = opts.maskUrl ?? keepUrlValues;
    pageUrl = maskUrl(pageUrl);
    const pageHost = hostOf(pageUrl);
    const state: TabState = {
      version: TAB_STATE_VERSION,
      tabId,
      pageUrl: truncateUrl(pageUrl),
      pageHost,
      pageSite: siteOf(pageHost),
      mainRequestId: opts.mainRequestId ?? null,
      startedAt,
      observedLate: opts.observedLate ?? false,
      cookieStoreId: opts.cookieStoreId ?? null,
      ...(opts.resolvesCanonicalNames ? { canonicalNames: {} } : {}),
      frames: { 0: truncateUrl(pageUrl) },
      requests: [],
      cookies: {},
      cookieAttempts: [],
      storageKeys: {},
      resources: {},
      policyLinks: [],
      consent: [],
      domains: {},
      overflow: emptyOverflow(),
      frameTree: {},
      unsentRequests: [],
    };
    const recorder = new TabRecorder(state, opts.limits ?? TAB_LIMITS, maskUrl);
    recorder.addDomains(pageHost);
    recorder.markAllDirty();
    return recorder;
  }

  /** Restores a recorder from persisted state (already validated by the caller). */
  static fromState(state: TabState, limits: Readonly<TabLimits> = TAB_LIMITS, maskUrl: UrlMask = keepUrlValues): TabRecorder {
    const recorder = new TabRecorder(state, limits, maskUrl);
    recorder.dirtyMeta = false;
    return recorder;
  }

  /**
   * The storage budget is spent: from now on every new observation is counted as overflow
   * (and so warned about), as past a cap, instead of being kept where a worker stop loses it.
   */
  closeToNewObservations(): void {
    this.limits = {
      ...this.limits,
      requests: this.state.requests.length,
      cookies: this.cookieCount,
      cookieAttempts: this.state.cookieAttempts.length,
      consent: this.state.consent.length,
      storageKeys: this.storageKeyCount,
      resources: this.resourceCount,
      frames: this.frameCount,
    };
    this.dirtyMeta = true;
  }

  /** A URL as it is kept: masked, then cut to the length limit. */
  private keepUrl(url: string): string {
    return truncateUrl(this.maskUrl(url));
  }

  private keepFrame(frame: FrameRef): FrameRef {
    return frame.url === null ? frame : { ...frame, url: this.keepUrl(frame.url) };
  }

  /** Event details with their URLs masked, before anything reads them. */
  private masked(details: WebRequestDetails): WebRequestDetails {
    const url = this.maskUrl(details.url);
    const documentUrl = details.documentUrl === undefined ? undefined : this.maskUrl(details.documentUrl);
    return { ...details, url, ...(documentUrl === undefined ? {} : { documentUrl }) };
  }

  /** A main_frame redirect keeps the visit; the page URL becomes the redirect target. */
  followRedirect(pageUrl: string): void {
    const host = hostOf(pageUrl);
    this.state.pageUrl = this.keepUrl(pageUrl);
    this.state.pageHost = host;
    this.state.pageSite = siteOf(host);
    this.state.frames[0] = this.state.pageUrl;
    this.addDomains(host);
    this.dirtyMeta = true;
  }

  recordRequest(raw: WebRequestDetails): void {
    const details = this.masked(raw);
    if (details.type === 'sub_frame') this.recordFrame(details.frameId, details.url);
    const node = frameNodeOf(details);
    if (node) this.recordFrameNode(node);
    else if (details.documentId && details.frameType === 'outermost_frame') this.recordFrameDocument(0, details.documentId, -1, details.frameType);
    else if (details.documentId && details.frameId >= 0)
      this.recordFrameDocument(details.frameId, details.documentId, details.parentFrameId, details.frameType);
    if (this.requestIndex.has(details.requestId)) {
      // Redirects reuse the requestId; each hop is its own request to its own host.
      if (!this.requestIndex.has(`${details.requestId}@${details.url}`)) {
        this.pushRequest({ ...details, requestId: `${details.requestId}@${details.url}` });
      }
      return;
    }
    this.pushRequest(details);
  }

  /**
   * A request Chromium reported without a tab: a service worker's (its own script included).
   * The caller decided it belongs to this visit (the worker's origin is one of its frames').
   */
  recordServiceWorkerRequest(raw: WebRequestDetails, frameId: number): void {
    const details = this.masked(raw);
    if (this.requestIndex.has(details.requestId)) return;
    this.pushRequest({ ...details, type: details.type, frameId, parentFrameId: this.state.frameTree?.[frameId]?.parentFrameId ?? -1 }, 'service-worker');
  }

  /** The frame a recorded request was attributed to. */
  frameOfRequest(requestId: string): FrameRef | null {
    const index = this.requestIndex.get(requestId);
    return index === undefined ? null : (this.state.requests[index]?.frame ?? null);
  }

  /** Whether a request of this visit has this id (service-worker requests are routed by it). */
  hasRequest(requestId: string): boolean {
    return this.requestIndex.has(requestId);
  }

  private pushRequest(details: WebRequestDetails, via?: 'service-worker'): void {
    const observation = fromWebRequestDetails(details, this.state.pageSite, this.state.frames, this.state.frameTree);
    if (via) observation.via = via;
    this.addDomains(observation.host);
    if (this.state.requests.length >= this.limits.requests) {
      this.state.overflow.requests += 1;
      this.dirtyMeta = true;
      return;
    }
    const index = this.state.requests.push(observation) - 1;
    this.requestIndex.set(observation.requestId, index);
    this.dirtyChunks.add(Math.floor(index / REQUEST_CHUNK_SIZE));
  }

  /**
   * Status of a request; `url` tells redirect hops (which share the requestId) apart.
   * Returns false when the visit has no such request (see recordEndWithoutStart).
   */
  recordRequestEnd(requestId: string, rawUrl: string, status: number, error: string | null): boolean {
    const url = this.maskUrl(rawUrl);
    const index = this.requestIndex.get(`${requestId}@${url}`) ?? this.requestIndex.get(requestId);
    if (index === undefined) return false;
    const request = this.state.requests[index];
    if (!request) return false;
    this.dirtyChunks.add(Math.floor(index / REQUEST_CHUNK_SIZE));
    // A response's status stands: an EventSource (or a stream) the page closes after its
    // 200 then ends in an error event too (net::ERR_ABORTED), which must not erase the 200.
    if (error !== null && request.status !== null && request.status > 0) {
      request.error = error;
      return true;
    }
    request.status = status;
    request.error = error;
    return true;
  }

  /**
   * A request of this tab ended (`at`) that the visit never saw start. Counted in a gap when
   * the request belongs to this visit (the browser numbers requests in order: not below the
   * visit's first) and was not left out on purpose (past the cap it is overflow already).
   */
  recordEndWithoutStart(requestId: string, at: number): void {
    const number = requestNumber(requestId);
    const first = requestNumber(this.state.mainRequestId ?? this.state.requests[0]?.requestId ?? '');
    if (number === null || first === null || number < first) return;
    if (this.state.requests.length >= this.limits.requests || this.endsCounted.has(requestId)) return;
    // Each hop and the error after a response end the same request: one count per request.
    this.endsCounted.add(requestId);
    this.state.gaps = countEndWithoutStart(this.state.gaps ?? [], at);
    this.dirtyMeta = true;
  }

  /**
   * Message `n` of a content script's stream (`document`, `kind`) arrived at `now`: a skipped
   * number is a message that never arrived, recorded as a gap naming its kind.
   */
  recordMessageSequence(document: string, kind: SequencedMessageKind, n: number, now: number): void {
    const marks = (this.state.messageSequences ??= {});
    const missing = takeMessage(marks, streamKey(document, kind), n, now);
    if (missing) {
      this.state.gaps = addGap(this.state.gaps ?? [], {
        from: missing.since,
        to: now,
        reason: 'messages-lost',
        source: kind,
        unfinishedRequests: 0,
        lost: missing.missing,
      });
    }
    this.dirtyMeta = true;
  }

  /**
   * The browser gave up on a request before sending it (ERR_CACHE_MISS: a cache-only attempt
   * that missed, which Chromium then repeats as a real request). It was never a request to
   * anyone, so it leaves the request list; the log keeps it among the unsent ones.
   * Returns whether it was removed.
   */
  recordRequestNotSent(requestId: string, rawUrl: string, error: string): boolean {
    const url = this.maskUrl(rawUrl);
    const id = this.requestIndex.has(`${requestId}@${url}`) ? `${requestId}@${url}` : requestId;
    const index = this.requestIndex.get(id);
    const request = index === undefined ? undefined : this.state.requests[index];
    if (index === undefined || !request || request.status !== null) return false;
    this.state.requests.splice(index, 1);
    this.requestIndex.delete(id);
    for (let i = index; i < this.state.requests.length; i += 1) this.requestIndex.set(this.state.requests[i]!.requestId, i);
    const chunks = Math.ceil((this.state.requests.length + 1) / REQUEST_CHUNK_SIZE);
    for (let c = Math.floor(index / REQUEST_CHUNK_SIZE); c < chunks; c += 1) this.dirtyChunks.add(c);
    const unsent = (this.state.unsentRequests ??= []);
    if (unsent.length < UNSENT_REQUEST_LIMIT) {
      unsent.push({ requestId, url: request.url, resourceType: request.resourceType, error, startedAt: request.startedAt });
    }
    this.dirtyMeta = true;
    return true;
  }

  /** A node of the frame tree (from a frame's navigation request); later facts fill in what was missing. */
  recordFrameNode(node: FrameNode): void {
    const tree = (this.state.frameTree ??= {});
    const existing = tree[node.frameId];
    if (!existing && Object.keys(tree).length >= this.limits.frames) return;
    // A new navigation of a frame is a new document: its id comes with its first subresource or message.
    tree[node.frameId] = { ...node, frameType: node.frameType ?? existing?.frameType ?? null };
    this.dirtyMeta = true;
  }

  /** The document now in a frame (from a request or a content-script message of that document). */
  recordFrameDocument(frameId: number, documentId: string, parentFrameId?: number, frameType?: string): void {
    const node = this.state.frameTree?.[frameId];
    if (!node) {
      if (parentFrameId === undefined) return;
      this.recordFrameNode({ frameId, parentFrameId, url: this.state.frames[frameId] ?? '', frameType: frameType ?? null, documentId, parentDocumentId: null });
      return;
    }
    if (node.documentId === documentId && (frameType === undefined || node.frameType === frameType)) return;
    node.documentId = documentId;
    if (frameType !== undefined) node.frameType = frameType;
    this.dirtyMeta = true;
  }

  recordFrame(frameId: number, url: string): void {
    if (frameId in this.state.frames) {
      this.state.frames[frameId] = this.keepUrl(url);
    } else if (this.frameCount >= this.limits.frames) {
      this.state.overflow.frames += 1;
    } else {
      this.state.frames[frameId] = this.keepUrl(url);
      this.frameCount += 1;
    }
    this.dirtyMeta = true;
  }

  recordCookieAttempt(attempt: Omit<CookieAttemptObservation, 'kind' | 'party'>): void {
    this.dirtyMeta = true;
    if (this.state.cookieAttempts.length >= this.limits.cookieAttempts) {
      this.state.overflow.cookieAttempts += 1;
      return;
    }
    const a = attempt;
    // Written out for one hidden class, as in recordCookieSet.
    this.state.cookieAttempts.push({
      name: a.name,
      domain: a.domain,
      path: a.path,
      hostOnly: a.hostOnly,
      secure: a.secure,
      httpOnly: a.httpOnly,
      sameSite: a.sameSite,
      partitioned: a.partitioned,
      session: a.session,
      expiresAt: a.expiresAt,
      lifetimeDays: a.lifetimeDays,
      valueLength: a.valueLength,
      kind: 'cookie-attempt',
      party: this.partyOf(a.domain),
      requestId: a.requestId,
      requestUrl: this.keepUrl(a.requestUrl),
      requestHost: a.requestHost,
      frame: this.keepFrame(a.frame),
      at: a.at,
    });
  }

  /** Whether a cookie on `domain` can belong to this visit: the page or a host it requested. */
  concernsCookieDomain(domain: string): boolean {
    const bare = domain.replace(/^\./, '').toLowerCase();
    return this.state.domains[bare] === true || cookieDomainMatches(bare, this.state.pageHost);
  }

  /**
   * Whether a cookie change the browser reported at `at` belongs to this visit. A partitioned
   * cookie names its top-level site, which decides alone; any other cookie must be on the page's
   * domain or on one this visit requested. Changes from before the visit started never belong,
   * nor changes in another cookie store than the tab's (a Firefox container) when both are known.
   */
  concernsCookieChange(attributes: Pick<CookieAttributes, 'domain'> & Partial<CookiePartition>, at: number, storeId: string | null = null): boolean {
    if (at < this.state.startedAt) return false;
    if (storeId !== null && this.state.cookieStoreId && storeId !== this.state.cookieStoreId) return false;
    if (attributes.partitionSite) return siteOf(hostOf(attributes.partitionSite)) === this.state.pageSite;
    return this.concernsCookieDomain(attributes.domain);
  }

  /** How many domains this visit knows; grows when a request names a new host. */
  get domainCount(): number {
    return this.knownDomains;
  }

  /** The browser reported a cookie set (added or overwritten). */
  recordCookieSet(attributes: CookieAttributes & Partial<CookiePartition>, at: number, preexisting = false): void {
    const key = cookieKey(attributes);
    const existing = this.state.cookies[key];
    // A late snapshot of the jar must not rewrite a cookie this visit already saw set.
    if (existing && preexisting) return;
    this.dirtyMeta = true;
    if (existing) {
      // Keep when it was first seen; an overwrite may change lifetime and flags.
      Object.assign(existing, attributes, { lastChangedAt: at, removedAt: null });
      return;
    }
    if (this.cookieCount >= this.limits.cookies) {
      this.state.overflow.cookies += 1;
      return;
    }
    this.cookieCount += 1;
    // Every field written out: V8 gives nearly every object made by `{ ...a, more }` its own
    // hidden class, and the audit's loops over thousands of cookies then crawl (megamorphic).
    const a = attributes;
    const observation: CookieObservation = {
      name: a.name,
      domain: a.domain,
      path: a.path,
      hostOnly: a.hostOnly,
      secure: a.secure,
      httpOnly: a.httpOnly,
      sameSite: a.sameSite,
      partitioned: a.partitioned,
      session: a.session,
      expiresAt: a.expiresAt,
      lifetimeDays: a.lifetimeDays,
      valueLength: a.valueLength,
      partitionedBy: a.partitionedBy ?? null,
      partitionSite: a.partitionSite ?? null,
      kind: 'cookie',
      party: this.partyOf(attributes.domain),
      firstSeenAt: at,
      lastChangedAt: at,
      preexisting,
      removedAt: null,
    };
    this.state.cookies[key] = observation;
  }

  recordCookieRemoved(attributes: CookieAttributes, at: number): void {
    const existing = this.state.cookies[cookieKey(attributes)];
    if (!existing) return;
    existing.removedAt = at;
    this.dirtyMeta = true;
  }

  /**
   * A complete list of one storage area's keys in one frame's origin. Keys not in the
   * list any more are marked removed; new ones get the time they were first reported.
   * `initial`: the content script's first read in a document, made before the page's
   * scripts ran; the visit's first such read of an area and origin is its state when the
   * visit began, so its keys are marked preexisting (left from an earlier visit).
   */
  /** `readBefore`: when the reporting document last read this area before (a key new now was written since). */
  recordStorageSnapshot(
    area: StorageArea,
    origin: string,
    frame: FrameRef,
    entries: StorageSnapshotEntry[],
    at: number,
    initial = false,
    readBefore?: number,
    notKept = 0,
  ): void {
    frame = this.keepFrame(frame);
    const areaId = `${area}|${origin}`;
    const areasRead = (this.state.storageAreasRead ??= {});
    const preexisting = initial && !areasRead[areaId];
    areasRead[areaId] = true;
    if (notKept > 0) this.countKeysNotKept(areaId, notKept);
    const present = new Set<string>();
    for (const entry of entries) {
      const id = storageKeyId({ area, origin, key: entry.key });
      present.add(id);
      const existing = this.state.storageKeys[id];
      if (existing) {
        if (existing.preexisting && existing.rewrittenAt === undefined && (existing.size !== entry.size || existing.removedAt !== null)) {
          existing.rewrittenAt = at;
        }
        existing.size = entry.size;
        existing.removedAt = null;
        continue;
      }
      if (this.storageKeyCount >= this.limits.storageKeys) {
        this.state.overflow.storageKeys += 1;
        continue;
      }
      this.storageKeyCount += 1;
      const observation: StorageKeyObservation = {
        kind: 'storage-key',
        area,
        key: entry.key,
        size: entry.size,
        origin,
        frame,
        firstSeenAt: at,
        removedAt: null,
        ...(preexisting ? { preexisting: true } : {}),
        ...(!preexisting && readBefore !== undefined && readBefore < at ? { writtenAfter: readBefore } : {}),
      };
      this.state.storageKeys[id] = observation;
    }
    // A snapshot cut short says nothing of the keys it could not carry: none is marked removed.
    if (notKept > 0) {
      this.dirtyMeta = true;
      return;
    }
    for (const [id, observation] of Object.entries(this.state.storageKeys)) {
      if (observation.area === area && observation.origin === origin && !present.has(id) && observation.removedAt === null) {
        observation.removedAt = at;
      }
    }
    this.dirtyMeta = true;
  }

  /** Snapshots of an area repeat: its keys not carried count once, as the most any snapshot missed. */
  private countKeysNotKept(areaId: string, notKept: number): void {
    const seen = (this.state.storageKeysNotKept ??= {});
    const before = seen[areaId] ?? 0;
    if (notKept <= before) return;
    seen[areaId] = notKept;
    this.state.overflow.storageKeys += notKept - before;
  }

  /** Items of a content-script batch that were malformed or past its cap (each batch is sent once). */
  countResourcesNotKept(count: number): void {
    if (count <= 0) return;
    this.state.overflow.resources += count;
    this.dirtyMeta = true;
  }

  recordResource(element: ResourceObservation['element'], url: string, frame: FrameRef, at: number): void {
    const host = hostOf(url);
    if (host === '') return;
    const truncated = this.keepUrl(url);
    frame = this.keepFrame(frame);
    const id = resourceId({ element, url: truncated, frame });
    if (this.state.resources[id]) return;
    this.dirtyMeta = true;
    if (this.resourceCount >= this.limits.resources) {
      this.state.overflow.resources += 1;
      return;
    }
    this.resourceCount += 1;
    this.state.resources[id] = {
      kind: 'resource',
      element,
      url: truncated,
      host,
      party: siteOf(host) === this.state.pageSite ? 'first' : 'third',
      frame,
      firstSeenAt: at,
    };
  }

  /**
   * The canonical name a first-party host resolves to, when it differs from the host. Bounded:
   * a page has few first-party hosts, and one that invents thousands gets no more than the cap.
   */
  recordCanonicalName(host: string, canonicalName: string): void {
    const names = this.state.canonicalNames;
    if (!names || host in names) return;
    const canonical = canonicalName.toLowerCase().replace(/\.$/, '');
    if (canonical === host || Object.keys(names).length >= MAX_CANONICAL_NAMES) return;
    names[host] = canonical.slice(0, 253);
    this.dirtyMeta = true;
  }

  /**
   * A consent signal, kept when it changes something for its source: a repeat of the source's
   * previous signal tells nothing new. Past the per-source cap the source keeps its first
   * signals and its latest (the one before gives way, counted as overflow), so 600 page
   * `consent default` calls cannot push out the consent tool's refusal.
   */
  recordConsent(observation: ConsentObservation): void {
    const consent = this.state.consent;
    let latest = -1;
    let ofSource = 0;
    for (let i = 0; i < consent.length; i += 1) {
      if (consent[i]!.source !== observation.source) continue;
      latest = i;
      ofSource += 1;
    }
    if (latest >= 0 && sameSignal(consent[latest]!, observation)) return;
    this.dirtyMeta = true;
    if (ofSource >= this.limits.consentPerSource && latest >= 0) {
      consent.splice(latest, 1);
      this.state.overflow.consent += 1;
    } else if (consent.length >= this.limits.consent) {
      this.state.overflow.consent += 1;
      return;
    }
    consent.push(observation);
  }

  /** A record that holds no choice or does not read: noted once per tool, record and reading. */
  recordConsentRecordNote(note: ConsentRecordNote): void {
    const notes = (this.state.consentRecordNotes ??= []);
    const same = (n: ConsentRecordNote): boolean => n.tool === note.tool && n.store === note.store && n.name === note.name && n.reading === note.reading;
    if (notes.length >= CONSENT_RECORD_NOTE_LIMIT || notes.some(same)) return;
    notes.push(note);
    this.dirtyMeta = true;
  }

  /**
   * What a consent tool's stored record said. A reading equal to the one already in force from
   * the same record is dropped (tools rewrite their record on every page). A record carried
   * from an earlier visit (the jar as the visit's first request was made) is compared with
   * what was in force at that moment only: its answer may arrive after this visit's own changes.
   * Returns whether the state changed.
   */
  recordConsentRecord(outcome: ConsentRecordOutcome, carried = false): boolean {
    switch (outcome.kind) {
      case 'note': {
        const before = this.state.consentRecordNotes?.length ?? 0;
        this.recordConsentRecordNote(outcome.note);
        return (this.state.consentRecordNotes?.length ?? 0) > before;
      }
      case 'removed': {
        const withdrawal = withdrawalOnRemoval(outcome, this.lastFromRecord(outcome.store, outcome.name));
        if (!withdrawal) return false;
        this.recordConsent(withdrawal);
        return true;
      }
      case 'choice': {
        const o = outcome.observation;
        if (!o.record) {
          this.recordConsent(o);
          return true;
        }
        const last = this.lastFromRecord(o.record.store, o.record.name, carried ? o.at : Infinity);
        if (last && sameReading(last, o)) return !carried && this.redateEarlier(last, o.at);
        this.recordConsent(o);
        return true;
      }
    }
  }

  /**
   * One change of a record can reach us twice: from the content script's read right after the
   * click that wrote it (dated to the click) and from the browser's cookie event, which under
   * load arrives after the trackers the click released. Whichever comes second, the change
   * dates from the earlier of the two — but never before this record's previous reading.
   */
  private redateEarlier(inForce: ConsentObservation, at: number): boolean {
    if (at >= inForce.at || !inForce.record) return false;
    const { store, name } = inForce.record;
    const i = this.state.consent.indexOf(inForce);
    const before = this.state.consent.some(
      (o) => o !== inForce && o.source === 'consent-record' && o.record?.store === store && o.record.name === name && o.at <= inForce.at && o.at >= at,
    );
    if (i < 0 || before) return false;
    this.state.consent[i] = { ...inForce, at };
    this.dirtyMeta = true;
    return true;
  }

  /** The latest consent observation read from this record in this visit, up to `until`. */
  private lastFromRecord(store: string, name: string, until = Infinity): ConsentObservation | null {
    let last: ConsentObservation | null = null;
    for (const o of this.state.consent) {
      if (o.source !== 'consent-record' || o.record?.store !== store || o.record.name !== name || o.at > until) continue;
      if (!last || o.at >= last.at) last = o;
    }
    return last;
  }

  recordPolicyLinks(links: PolicyLinkCandidate[]): void {
    const known = new Set(this.state.policyLinks.map((l) => l.url));
    for (const link of links) {
      if (known.has(link.url) || this.state.policyLinks.length >= 20) continue;
      known.add(link.url);
      // The shop's own links, which the popup offers to open: masking their query would break them.
      this.state.policyLinks.push({ url: truncateUrl(link.url), text: link.text.slice(0, 200) });
      this.dirtyMeta = true;
    }
  }

  private partyOf(domain: string): 'first' | 'third' {
    return siteOf(domain.replace(/^\./, '')) === this.state.pageSite ? 'first' : 'third';
  }

  private addDomains(host: string): void {
    if (host === '' || this.state.domains[host]) return;
    for (const domain of domainLadder(host)) {
      if (this.state.domains[domain]) continue;
      this.state.domains[domain] = true;
      this.knownDomains += 1;
    }
    this.dirtyMeta = true;
  }

  private markAllDirty(): void {
    this.dirtyMeta = true;
    const chunks = Math.ceil(this.state.requests.length / REQUEST_CHUNK_SIZE);
    for (let i = 0; i < chunks; i += 1) this.dirtyChunks.add(i);
  }

  /**
   * What must be written since the last call: the state without requests (if changed) and
   * the request chunks that changed. Clears the dirty marks.
   */
  takeChanges(): { meta: (Omit<TabState, 'requests'> & { requestCount: number }) | null; chunks: Map<number, TabState['requests']> } {
    const chunks = new Map<number, TabState['requests']>();
    for (const chunk of this.dirtyChunks) {
      chunks.set(chunk, this.state.requests.slice(chunk * REQUEST_CHUNK_SIZE, (chunk + 1) * REQUEST_CHUNK_SIZE));
    }
    this.dirtyChunks.clear();
    let meta = null;
    if (this.dirtyMeta || chunks.size > 0) {
      const { requests, ...rest } = this.state;
      meta = { ...rest, requestCount: requests.length };
    }
    this.dirtyMeta = false;
    return { meta, chunks };
  }
}

function sameReading(a: ConsentObservation, b: ConsentObservation): boolean {
  if (a.phase !== b.phase || a.tool !== b.tool || a.explicit !== b.explicit) return false;
  for (const key of ['necessary', 'preferences', 'statistics', 'marketing'] as const) if (a.granted[key] !== b.granted[key]) return false;
  return JSON.stringify(a.tcf ?? null) === JSON.stringify(b.tcf ?? null);
}

/** Two signals that say the same (everything but the time). */
function sameSignal(a: ConsentObservation, b: ConsentObservation): boolean {
  const { at: _a, ...restA } = a;
  const { at: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

const REQUEST_NUMBER = /^(\d+)(?:@|$)/;

/** The browser's request number (Chromium and Firefox count requests up in order), without a redirect hop's suffix. */
function requestNumber(requestId: string): number | null {
  const match = REQUEST_NUMBER.exec(requestId);
  return match ? Number(match[1]) : null;
}
