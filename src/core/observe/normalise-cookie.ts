import type { CookieAttributes, CookiePartition, PartitionScheme } from '../observation';
import { lifetimeDays } from './cookie-lifetime';
import { toSameSite } from './parse-set-cookie';

/** The fields PolicyLens reads from a browser cookie (chrome.cookies.Cookie shape). */
export interface BrowserCookieDetails {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  session: boolean;
  /** Seconds since epoch (browser API unit). */
  expirationDate?: number;
  /** Chrome (CHIPS) and Firefox (Total Cookie Protection): the partition's top-level site. */
  partitionKey?: { topLevelSite?: string } | null;
  /** Firefox with first-party isolation on: the top-level site; '' otherwise. */
  firstPartyDomain?: string;
}

/**
 * Browser cookie → attributes, measuring lifetime from `seenAt`. Drops the value, keeps its length.
 * `partitionScheme` says who partitions in this browser: 'chips' in Chrome (only cookies that opt
 * in), 'total-cookie-protection' in Firefox (every third-party cookie).
 */
export function fromBrowserCookie(
  cookie: BrowserCookieDetails,
  seenAt: number,
  partitionScheme: PartitionScheme = 'chips',
): CookieAttributes & CookiePartition {
  const partitioned = cookie.partitionKey !== undefined && cookie.partitionKey !== null;
  const isolatedUnder = cookie.firstPartyDomain ? cookie.firstPartyDomain : null;
  const expiresAt = cookie.session || cookie.expirationDate === undefined ? null : Math.round(cookie.expirationDate * 1000);
  return {
    name: cookie.name,
    domain: cookie.domain.replace(/^\./, '').toLowerCase(),
    path: cookie.path,
    hostOnly: cookie.hostOnly,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: toSameSite(cookie.sameSite),
    partitioned,
    session: expiresAt === null,
    expiresAt,
    lifetimeDays: lifetimeDays(expiresAt, seenAt),
    valueLength: cookie.value.length,
    partitionedBy: partitioned ? partitionScheme : isolatedUnder ? 'first-party-isolation' : null,
    partitionSite: (partitioned ? cookie.partitionKey?.topLevelSite : undefined) ?? isolatedUnder,
  };
}

/** Identity of a cookie in the jar (name, domain, path, host-only, partition). */
export function cookieKey(c: Pick<CookieAttributes, 'name' | 'domain' | 'path' | 'hostOnly' | 'partitioned'>): string {
  return `${c.hostOnly ? '' : '.'}${c.domain}|${c.path}|${c.name}|${c.partitioned ? 'p' : ''}`;
}
