import type { ConsentTimeline } from '../consent/consent-timeline';
import type { CookieAttemptObservation, CookieObservation, Party, RequestObservation, StorageKeyObservation } from '../observation';
import type { TabState } from '../observe/tab-state';
import type { PolicyModel, Source } from '../policy/schema';
import type { VendorIndex } from '../vendors/vendor-index';
import type { Actor, Attribution } from './actor';
import type { Attributor } from './attributor';
import type { PolicyClause } from './report-types';

/**
 * The requests to one host, in time order, with the actor behind the host. The audit works
 * per host: a page makes thousands of requests to a few hundred hosts, and everything a rule
 * decides about a host's company is decided once.
 */
export interface HostRequests {
  host: string;
  actor: Actor;
  /** Ordered by startedAt (FindingGroups.addAll relies on it). */
  requests: RequestObservation[];
}

/** A cookie the browser stored, or one a response tried to set; both are evidence. */
export interface AttributedCookie extends Attribution {
  /** `name|domain`: the same cookie whether stored or attempted. */
  id: string;
  observation: CookieObservation | CookieAttemptObservation;
  /** First party when the cookie's domain belongs to the page's site or any of the shop's own domains. */
  party: Party;
  /** Already in the jar from an earlier visit and not rewritten during this one. */
  leftover: boolean;
  /** When it was set (first seen, or the response time for attempts). */
  at: number;
  setByHost: string | null;
  /** For attempts: whether the browser kept it. */
  stored: boolean | null;
}

export interface AttributedStorageKey extends Attribution {
  observation: StorageKeyObservation;
  /** Already in the storage when the visit began and not written again during it. */
  leftover: boolean;
  /** When this visit wrote it: first seen, or for a preexisting key the rewrite. */
  at: number;
  /** The earliest it can have been written (the read before it was seen); `at` when exact. */
  earliestAt: number;
}

/** Everything a rule may read: observations already attributed, consent over time, the policy. */
export interface AuditContext {
  state: TabState;
  policy: PolicyModel | null;
  index: VendorIndex;
  attributor: Attributor;
  consent: ConsentTimeline;
  /** Requests grouped by host, hosts in the order they were first requested. */
  hosts: HostRequests[];
  cookies: AttributedCookie[];
  storage: AttributedStorageKey[];
  /** Every actor seen, by key. */
  actors: Map<string, Actor>;
  clause(source: Source): PolicyClause;
}
