import browser from 'webextension-polyfill';
import { fromBrowserCookie, type BrowserCookieDetails } from '../core/observe/normalise-cookie';
import type { TabRecorder } from '../core/observe/tab-recorder';
import type { TabStore } from './tab-store';
import { consentFromCookiebotCookie } from '../core/consent/cookiebot-consent-cookie';

/** cookies.onChanged: the moment the browser actually stored (or removed) a cookie. */
export function observeCookies(store: TabStore): void {
  browser.cookies.onChanged.addListener((change) => {
    const seenAt = Date.now();
    // An overwrite is reported as a removal followed by the new cookie; the removal is noise.
    if (change.removed && change.cause === 'overwrite') return;
    void store.whenReady(() => {
      const attributes = fromBrowserCookie(change.cookie as BrowserCookieDetails, seenAt);
      for (const recorder of store.all()) {
        if (!recorder.concernsCookieDomain(attributes.domain)) continue;
        if (change.removed) recorder.recordCookieRemoved(attributes, seenAt);
        else recorder.recordCookieSet(attributes, seenAt);
        store.changed(recorder.state.tabId);
      }
    });
  });
}

/**
 * Cookies of the page's site already in the jar when a visit starts (an earlier visit left
 * them). They are recorded as preexisting: an audit must not blame this visit for them.
 */
export async function snapshotExistingCookies(store: TabStore, tabId: number, recorder: TabRecorder): Promise<void> {
  const seenAt = Date.now();
  const cookies = await browser.cookies.getAll({ domain: recorder.state.pageSite });
  if (store.get(tabId) !== recorder) return;
  for (const cookie of cookies) {
    recorder.recordCookieSet(fromBrowserCookie(cookie as BrowserCookieDetails, seenAt), seenAt, true);
    // A choice made on an earlier visit is in force from the first request of this one.
    if (cookie.name === 'CookieConsent') {
      const carried = consentFromCookiebotCookie(cookie.value, recorder.state.startedAt);
      if (carried) recorder.recordConsent(carried);
    }
  }
  if (cookies.length > 0) store.changed(tabId);
}
