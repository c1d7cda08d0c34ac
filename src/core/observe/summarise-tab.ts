import type { CookieObservation } from '../observation';
import type { TabState } from './tab-state';

export interface TabSummary {
  pageUrl: string;
  pageSite: string;
  startedAt: number;
  requests: number;
  thirdPartyRequests: number;
  thirdPartyHosts: string[];
  cookies: number;
  thirdPartyCookies: number;
  cookieAttempts: number;
  /** Set-Cookie attempts with no matching cookie in the jar: refused by the browser or removed. */
  cookieAttemptsNotStored: number;
  storageKeys: number;
  resources: number;
  overflow: TabState['overflow'];
  observedLate: boolean;
}

/** Counts for the popup header and the e2e checks. */
export function summariseTab(state: TabState): TabSummary {
  const thirdPartyHosts = new Set<string>();
  let thirdPartyRequests = 0;
  for (const request of state.requests) {
    if (request.party === 'third') {
      thirdPartyRequests += 1;
      thirdPartyHosts.add(request.host);
    }
  }
  const cookies = Object.values(state.cookies);
  return {
    pageUrl: state.pageUrl,
    pageSite: state.pageSite,
    startedAt: state.startedAt,
    requests: state.requests.length + state.overflow.requests,
    thirdPartyRequests,
    thirdPartyHosts: [...thirdPartyHosts].sort(),
    cookies: cookies.length,
    thirdPartyCookies: cookies.filter((c) => c.party === 'third').length,
    cookieAttempts: state.cookieAttempts.length,
    cookieAttemptsNotStored: countNotStored(state),
    storageKeys: Object.keys(state.storageKeys).length,
    resources: Object.keys(state.resources).length,
    overflow: state.overflow,
    observedLate: state.observedLate,
  };
}

function countNotStored(state: TabState): number {
  const stored = storedCookieKeys(Object.values(state.cookies));
  return state.cookieAttempts.filter((a) => attemptOutcome(a, state, stored) === 'not-stored').length;
}

/** name|domain of every cookie in the jar, built once so checking attempts is not quadratic. */
export function storedCookieKeys(jar: Iterable<Pick<CookieObservation, 'name' | 'domain'>>): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const c of jar) keys.add(`${c.name}|${c.domain}`);
  return keys;
}

/**
 * Whether a Set-Cookie attempt reached the cookie jar. 'not-stored' means the browser
 * refused it (e.g. third-party cookie blocking) or it was deleted at once; either way the
 * attempt itself is evidence of what the site tried to do.
 */
export function attemptOutcome(
  attempt: TabState['cookieAttempts'][number],
  state: Pick<TabState, 'cookies'>,
  stored: ReadonlySet<string> = storedCookieKeys(Object.values(state.cookies)),
): 'stored' | 'not-stored' | 'deletion' {
  if (attempt.expiresAt !== null && attempt.expiresAt <= attempt.at) return 'deletion';
  return stored.has(`${attempt.name}|${attempt.domain}`) ? 'stored' : 'not-stored';
}
