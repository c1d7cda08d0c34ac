import type {
  CookieAttemptObservation,
  CookieObservation,
  ResourceObservation,
  StorageKeyObservation,
} from '../observation';
import type { RequestObservation } from '../observation';
import type { ConsentObservation } from '../consent/consent-state';
import type { TabLimits } from './limits';

export const TAB_STATE_VERSION = 1;

/** What did not fit under each per-tab cap (see limits.ts). */
export type OverflowCounts = Record<Exclude<keyof TabLimits, 'urlLength'>, number>;

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
  frames: Record<number, string>;
  requests: RequestObservation[];
  cookies: Record<string, CookieObservation>;
  cookieAttempts: CookieAttemptObservation[];
  storageKeys: Record<string, StorageKeyObservation>;
  resources: Record<string, ResourceObservation>;
  policyLinks: PolicyLinkCandidate[];
  /** Consent signals from the page (CMP, TCF, Consent Mode), in arrival order. */
  consent: ConsentObservation[];
  /** Hosts and their parent domains requested in this visit: decides which cookies concern it. */
  domains: Record<string, true>;
  overflow: OverflowCounts;
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
