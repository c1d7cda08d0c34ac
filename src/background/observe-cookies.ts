import browser, { type Cookies } from 'webextension-polyfill';
import { fromBrowserCookie, type BrowserCookieDetails } from '../core/observe/normalise-cookie';
import { RecentCookieChanges } from '../core/observe/recent-cookie-changes';
import type { TabRecorder } from '../core/observe/tab-recorder';
import { hostOf, siteOf } from '../core/site';
import type { TabStore } from './tab-store';
import { readConsentRecordChange } from '../core/observe/consent-record-change';
import { IS_FIREFOX, PARTITION_SCHEME } from './browser-flavour';

/** Cookie changes kept for visits that learn of their domain after the change arrived (Firefox). */
const recentChanges = new RecentCookieChanges();

/** cookies.onChanged: the moment the browser actually stored (or removed) a cookie. */
export function observeCookies(store: TabStore): void {
  browser.cookies.onChanged.addListener((change) => {
    const seenAt = Date.now();
    // An overwrite is reported as a removal followed by the new cookie; the removal is noise.
    if (change.removed && change.cause === 'overwrite') return;
    void store.whenReady(() => {
      const attributes = fromBrowserCookie(change.cookie as BrowserCookieDetails, seenAt, PARTITION_SCHEME);
      // A consent tool's record is read here, in memory; only the reading travels on, never the value.
      const consentRecord = readConsentRecordChange({
        store: 'cookie',
        name: change.cookie.name,
        value: change.removed ? null : change.cookie.value,
        at: seenAt,
        carried: false,
      });
      const routed = recentChanges.route(
        { attributes, removed: change.removed, at: seenAt, storeId: change.cookie.storeId ?? null, consentRecord },
        store.all(),
      );
      for (const recorder of routed) {
        store.changed(recorder.state.tabId);
      }
    });
  });
}

/** After a visit started or recorded a request: the cookie changes that arrived before it. */
export function catchUpCookieChanges(store: TabStore, recorder: TabRecorder): void {
  if (recentChanges.catchUp(recorder)) store.changed(recorder.state.tabId);
}

/**
 * The jar as a visit starts, asked for in the webRequest listener itself: after an event-page
 * wake the visit is handled only once the stored state is back, by when the page may have set
 * its cookies, and they would look preexisting. Firefox lists partitioned cookies only when
 * asked with `partitionKey: {}`, and refuses a query without `firstPartyDomain` when
 * first-party isolation is on (null matches every first-party domain).
 */
export function readJarAtVisitStart(pageUrl: string, storeId?: string): Promise<Cookies.Cookie[]> {
  const pageSite = siteOf(hostOf(pageUrl));
  if (!IS_FIREFOX) return browser.cookies.getAll({ domain: pageSite });
  // The tab's own jar: a container tab must not inherit the default jar's cookies as preexisting.
  return browser.cookies
    .getAll({ partitionKey: {}, firstPartyDomain: null, ...(storeId ? { storeId } : {}) } as Cookies.GetAllDetailsType)
    .then((cookies) => cookies.filter((c) => belongsToSite(c as BrowserCookieDetails, pageSite)));
}

/** An unpartitioned cookie of the site, or any cookie partitioned (or isolated) under it. */
function belongsToSite(cookie: BrowserCookieDetails, pageSite: string): boolean {
  const under = cookie.partitionKey?.topLevelSite ?? (cookie.firstPartyDomain || null);
  if (under) return siteOf(hostOf(under)) === pageSite;
  return siteOf(cookie.domain.replace(/^\./, '')) === pageSite;
}

/**
 * Cookies of the page's site already in the jar when a visit starts (an earlier visit left
 * them). They are recorded as preexisting: an audit must not blame this visit for them.
 */
export async function snapshotExistingCookies(store: TabStore, tabId: number, recorder: TabRecorder, jar: Promise<Cookies.Cookie[]>): Promise<void> {
  const seenAt = Date.now();
  const cookies = await jar;
  if (store.get(tabId) !== recorder) return;
  for (const cookie of cookies) {
    const attributes = fromBrowserCookie(cookie as BrowserCookieDetails, seenAt, PARTITION_SCHEME);
    recorder.recordCookieSet(attributes, seenAt, true);
    // Only the shop's own cookie is its consent record (Firefox lists cookies partitioned under it too).
    if (siteOf(attributes.domain.replace(/^\./, '')) !== recorder.state.pageSite) continue;
    // A choice made on an earlier visit is in force from the first request of this one.
    const reading = readConsentRecordChange({ store: 'cookie', name: cookie.name, value: cookie.value, at: recorder.state.startedAt, carried: true });
    if (reading) recorder.recordConsentRecord(reading, true);
  }
  if (cookies.length > 0) store.changed(tabId);
}
