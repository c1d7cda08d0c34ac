/**
 * What PolicyLens records about a page. Values of cookies and storage entries are never
 * part of an observation: only names, sizes, flags and lifetimes.
 */

export type FrameKind = 'top' | 'sub';

/**
 * Who saw an observation: the extension's own listeners, or the CLI through the DevTools
 * protocol (things no extension API reports). Absent means 'extension' (logs written before
 * the field existed).
 */
export type ObservationSource = 'extension' | 'devtools';

export interface FrameRef {
  /** Browser frame id; 0 is the top frame. */
  frameId: number;
  kind: FrameKind;
  /** URL of the document in that frame, when known. */
  url: string | null;
  /** Chromium's parent frame id (-1 for the top frame), when known. */
  parentFrameId?: number;
  /** Chromium's frame type ('outermost_frame', 'sub_frame', 'fenced_frame'), when known. */
  frameType?: string;
  /** Chromium's id of the document in the frame: tells two documents of one frame apart. */
  documentId?: string;
}

/** One node of a visit's frame tree, as Chromium reported it. */
export interface FrameNode {
  frameId: number;
  parentFrameId: number;
  url: string;
  frameType: string | null;
  documentId: string | null;
  parentDocumentId: string | null;
}

export type Party = 'first' | 'third';

export interface RequestObservation {
  kind: 'request';
  requestId: string;
  url: string;
  host: string;
  /** Registrable domain (eTLD+1) of `host`. */
  site: string;
  party: Party;
  method: string;
  resourceType: string;
  frame: FrameRef;
  initiator: string | null;
  /** Epoch milliseconds when the browser started the request. */
  startedAt: number;
  /** HTTP status; null until completed, 0 when it failed without a response. A response's status stays when the request errs later (an EventSource closed by the page). */
  status: number | null;
  error: string | null;
  /** Made by a service worker (Chromium reports it with no tab): attributed to the tabs of the worker's origin. */
  via?: 'service-worker';
  source?: ObservationSource;
}

/** A request the browser never sent (a cache-only attempt that missed the cache): not a request to anyone. */
export interface UnsentRequest {
  requestId: string;
  url: string;
  resourceType: string;
  error: string;
  startedAt: number;
}

export type SameSite = 'strict' | 'lax' | 'none' | 'unspecified';

/** Attributes shared by stored cookies and Set-Cookie attempts. */
export interface CookieAttributes {
  name: string;
  /** Domain as the browser (or the Set-Cookie header) states it, without leading dot. */
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  partitioned: boolean;
  session: boolean;
  /** Expiry as epoch ms; null for session cookies. */
  expiresAt: number | null;
  /** Lifetime in days measured from the moment it was set; null for session cookies. */
  lifetimeDays: number | null;
  valueLength: number;
}

/**
 * Who partitioned a stored cookie: the site itself, opting in with the `Partitioned` attribute
 * (CHIPS, the only kind Chrome has); Firefox's Total Cookie Protection, which partitions every
 * third-party cookie under the top-level site; or Firefox's first-party isolation.
 */
export type PartitionScheme = 'chips' | 'total-cookie-protection' | 'first-party-isolation';

/** Where a stored cookie lives when the browser keeps it apart per top-level site. */
export interface CookiePartition {
  partitionedBy: PartitionScheme | null;
  /** The top-level site of the partition as the browser gives it (e.g. "https://connox.nl"). */
  partitionSite: string | null;
}

export interface CookieObservation extends CookieAttributes, Partial<CookiePartition> {
  kind: 'cookie';
  party: Party;
  /** First time the browser reported this cookie set during the visit (epoch ms). */
  firstSeenAt: number;
  lastChangedAt: number;
  /** Already in the cookie jar when the visit started (from an earlier visit). */
  preexisting: boolean;
  removedAt: number | null;
}

/** A Set-Cookie response header: what the site tried to set, stored or not. */
export interface CookieAttemptObservation extends CookieAttributes {
  kind: 'cookie-attempt';
  party: Party;
  requestId: string;
  requestUrl: string;
  requestHost: string;
  frame: FrameRef;
  at: number;
  /**
   * How the site tried to set it: a Set-Cookie header (the default) or a script
   * (`document.cookie`; then requestUrl / requestHost are the setting script's).
   */
  via?: 'set-cookie-header' | 'script';
  /** The setting script's stack, innermost first ("url:line:column"), for script writes. */
  stack?: string[];
  /** The browser's reasons for refusing it, when it refused (e.g. "ThirdPartyPhaseout"). */
  refusedBecause?: string[];
  source?: ObservationSource;
}

/**
 * Where a storage key lives. `cacheStorage` (Cache Storage cache names) is seen only by the
 * CLI, through the DevTools protocol; the content script reads the other three.
 */
export type StorageArea = 'localStorage' | 'sessionStorage' | 'indexedDB' | 'cacheStorage';

export interface StorageKeyObservation {
  kind: 'storage-key';
  area: StorageArea;
  key: string;
  /** Characters of key + value (0 for IndexedDB database and Cache Storage cache names). */
  size: number;
  /** Origin of the document whose storage holds the key. */
  origin: string;
  frame: FrameRef;
  firstSeenAt: number;
  /**
   * The previous read of its area, which did not list it: the page wrote the key after this and
   * by `firstSeenAt` (storage is polled; a cookie's moment is exact, a key's is an interval).
   */
  writtenAfter?: number;
  removedAt: number | null;
  /**
   * Already in the storage when the visit began: in the first read of its area and origin,
   * which the content script makes at document start, before the page's scripts run.
   */
  preexisting?: boolean;
  /** For a preexisting key: when this visit was seen to write it again (its size changed, or it came back after removal). */
  rewrittenAt?: number;
  source?: ObservationSource;
}

export interface ResourceObservation {
  kind: 'resource';
  element: 'script' | 'iframe';
  url: string;
  host: string;
  party: Party;
  frame: FrameRef;
  firstSeenAt: number;
}
