import type { CookieAttemptObservation, CookieObservation, FrameNode, UnsentRequest, ResourceObservation, StorageKeyObservation } from '../observation';
import type { RequestObservation } from '../observation';
import type { ConsentObservation } from '../consent/consent-state';
import type { ConsentRecordNote } from '../consent/records/record-adapter';
import type { TabLimits } from './limits';
import type { ObservationGap } from './observation-gaps';
import type { SequenceMark } from './message-sequence';

export const TAB_STATE_VERSION = 1;
/** Most unsent (cache-miss) requests kept per visit; the rest are only counted as nothing. */
export const UNSENT_REQUEST_LIMIT = 200;
/** Most consent record notes kept per visit (a few tools, a few records each). */
export const CONSENT_RECORD_NOTE_LIMIT = 50;

/** What did not fit under each per-tab cap (see limits.ts). */
export type OverflowCounts = Record<Exclude<keyof TabLimits, 'urlLength' | 'consentPerSource'>, number>;

export interface PolicyLinkCandidate {
  url: string;
  text: string;
}

/**
 * Everything observed in one tab during one top-level page visit. Plain data: it is
 * persisted to storage.session and restored after a service-worker restart.
 */
export interface TabState {
  version: typeof TAB_STATE_VERSION;
  tabId: number;
  pageUrl: string;
  pageHost: string;
  pageSite: string;
  /** requestId of the main_frame request that started the visit (redirects keep it). */
  mainRequestId: string | null;
  startedAt: number;
  /** The visit was already running when PolicyLens began to observe it. */
  observedLate: boolean;
  /** The tab's cookie store when the browser says (Firefox containers); null: any store. */
  cookieStoreId?: string | null;
  /**
   * Canonical names (the end of the CNAME chain) of the page's first-party hosts, where the
   * browser can resolve them (Firefox's dns API). Absent: this browser cannot tell, so a
   * first-party host that is a CNAME-cloaked tracker stays the shop's own.
   */
  canonicalNames?: Record<string, string>;
  frames: Record<number, string>;
  requests: RequestObservation[];
  cookies: Record<string, CookieObservation>;
  cookieAttempts: CookieAttemptObservation[];
  storageKeys: Record<string, StorageKeyObservation>;
  /** `area|origin` of every storage area read in this visit: only the first read of each is the visit's initial state. */
  storageAreasRead?: Record<string, true>;
  /** `area|origin` → the most keys one snapshot of it could not carry (past the per-message cap); counted once as overflow. */
  storageKeysNotKept?: Record<string, number>;
  resources: Record<string, ResourceObservation>;
  policyLinks: PolicyLinkCandidate[];
  /** Consent signals from the page (CMP, TCF, Consent Mode), in arrival order. */
  consent: ConsentObservation[];
  /** Consent tools' records that hold no choice or do not read (one note per tool, record and reading). */
  consentRecordNotes?: ConsentRecordNote[];
  /** Hosts and their parent domains requested in this visit: decides which cookies concern it. */
  domains: Record<string, true>;
  overflow: OverflowCounts;
  /** Chromium's frame tree of the visit (parent, frame type, document id) by frame id. */
  frameTree?: Record<number, FrameNode>;
  /** Requests the browser never sent (cache-only attempts that missed): kept, but not requests to anyone. */
  unsentRequests?: UnsentRequest[];
  /** How the CLI's browser was set up and how long it waited for a consent tool (CLI only). */
  capture?: CaptureConditions;
  /** When the extension last recorded a change of this visit (the stored copy includes it). */
  lastChangeAt?: number;
  /** Stretches in which observations may be missing (worker stops, failed writes, lost messages), in order. */
  gaps?: ObservationGap[];
  /** The last number taken of each content-script message stream (`document:kind`), see message-sequence.ts. */
  messageSequences?: Record<string, SequenceMark>;
}

/** The conditions a CLI audit ran under, so a reader knows what the browser would have allowed. */
export interface CaptureConditions {
  /** Third-party cookies as the browser's profile had them. */
  thirdPartyCookies: 'blocked' | 'allowed';
  /** Third-party storage partitioning, as measured on the page's third-party frames (unknown without one). */
  storagePartitioning: 'partitioned' | 'unpartitioned' | 'unknown';
  /** Chromium features the launcher disabled (none of them about cookies or storage). */
  disabledFeatures: string[];
  /** How the consent tool was looked for: what was decided and after how long. */
  consentDetection: { outcome: string; waitedMs: number; quietMs: number } | null;
  /** DevTools-protocol observations merged into this log, per kind. */
  devtoolsCounts: Record<string, number>;
  /** Values in URLs: masked (the default) or kept as they were (--keep-url-values). Absent in older logs: masked. */
  urlValues?: 'masked' | 'kept';
  /** The page never went quiet: the CLI stopped waiting at this time limit (ms). */
  quietStoppedAtMs?: number;
}

export function emptyOverflow(): OverflowCounts {
  return { requests: 0, cookies: 0, cookieAttempts: 0, consent: 0, storageKeys: 0, resources: 0, frames: 0 };
}

export function storageKeyId(o: Pick<StorageKeyObservation, 'area' | 'origin' | 'key'>): string {
  return `${o.area}|${o.origin}|${o.key}`;
}

export function resourceId(o: Pick<ResourceObservation, 'element' | 'url' | 'frame'>): string {
  return `${o.element}|${o.frame.frameId}|${o.url}`;
}
