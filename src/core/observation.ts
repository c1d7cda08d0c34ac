/**
 * What PolicyLens records about a page. Values of cookies and storage entries are never
 * part of an observation: only names, sizes, flags and lifetimes.
 */

export type FrameKind = 'top' | 'sub';

export interface FrameRef {
  /** Browser frame id; 0 is the top frame. */
  frameId: number;
  kind: FrameKind;
  /** URL of the document in that frame, when known. */
  url: string | null;
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
  /** HTTP status; null until completed, 0 when it failed without a response. */
  status: number | null;
  error: string | null;
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
}

export type StorageArea = 'localStorage' | 'sessionStorage' | 'indexedDB';

export interface StorageKeyObservation {
  kind: 'storage-key';
  area: StorageArea;
  key: string;
  /** Characters of key + value (0 for IndexedDB database names). */
  size: number;
  /** Origin of the document whose storage holds the key. */
  origin: string;
  frame: FrameRef;
  firstSeenAt: number;
  removedAt: number | null;
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
