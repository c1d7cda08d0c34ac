import { describe, expect, it } from 'vitest';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { RecentCookieChanges, LATE_COOKIE_WINDOW_MS, type CookieChange } from '../../../src/core/observe/recent-cookie-changes';
import { fromBrowserCookie, type BrowserCookieDetails } from '../../../src/core/observe/normalise-cookie';
import { parseTabState } from '../../../src/core/observe/tab-state-schema';
import type { WebRequestDetails } from '../../../src/core/observe/normalise-request';
import type { PartitionScheme } from '../../../src/core/observation';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function request(tabId: number, url: string, at: number, type = 'script'): WebRequestDetails {
  return { requestId: `${tabId}:${url}`, method: 'GET', type, frameId: 0, parentFrameId: -1, tabId, timeStamp: at, url };
}

function startVisit(tabId: number, url: string, at: number): TabRecorder {
  const r = TabRecorder.startVisit(tabId, url, at, { mainRequestId: `${tabId}:${url}` });
  r.recordRequest(request(tabId, url, at, 'main_frame'));
  return r;
}

function cookie(over: Partial<BrowserCookieDetails> & { name: string; domain: string }): BrowserCookieDetails {
  return { value: 'v'.repeat(8), path: '/', hostOnly: false, secure: true, httpOnly: true, sameSite: 'no_restriction', session: true, ...over };
}

function change(details: BrowserCookieDetails, at: number, opts: { removed?: boolean; scheme?: PartitionScheme } = {}): CookieChange {
  return { attributes: fromBrowserCookie(details, at, opts.scheme), removed: opts.removed ?? false, at };
}

const IDE = cookie({ name: 'IDE', domain: '.doubleclick.net' });
const IDE_PARTITIONED = cookie({ name: 'IDE', domain: '.doubleclick.net', partitionKey: { topLevelSite: 'https://connox.nl' } });
const SESSION = cookie({ name: 'connox_session', domain: 'www.connox.nl', hostOnly: true });

/** The same browser events in the order Chrome delivers them and in an order Firefox can. */
describe('late cookie changes are attributed to the visit they belong to', () => {
  it('Chrome order: the request names the domain, then its cookie arrives', () => {
    const changes = new RecentCookieChanges();
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    shop.recordRequest(request(7, 'https://googleads.g.doubleclick.net/pagead/id', T0 + 100));
    changes.catchUp(shop);
    expect(changes.route(change(IDE, T0 + 120), [shop])).toEqual([shop]);
    expect(Object.values(shop.state.cookies).map((c) => [c.name, c.party, c.firstSeenAt])).toEqual([['IDE', 'third', T0 + 120]]);
  });

  it('Firefox order: the cookie arrives first, the request that names its domain later', () => {
    const changes = new RecentCookieChanges();
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    expect(changes.route(change(IDE, T0 + 120), [shop])).toEqual([]);
    expect(shop.state.cookies).toEqual({});
    shop.recordRequest(request(7, 'https://googleads.g.doubleclick.net/pagead/id', T0 + 100));
    expect(changes.catchUp(shop)).toBe(true);
    // The time it arrived, not the time its request was finally seen.
    expect(Object.values(shop.state.cookies).map((c) => [c.name, c.party, c.firstSeenAt])).toEqual([['IDE', 'third', T0 + 120]]);
    // Catching up again changes nothing (no double recording).
    shop.recordRequest(request(7, 'https://www.googletagmanager.com/gtm.js', T0 + 200));
    expect(changes.catchUp(shop)).toBe(false);
  });

  it('Firefox order: a first-party cookie arrives before the main_frame request of its visit', () => {
    const changes = new RecentCookieChanges();
    const previous = startVisit(7, 'https://www.example.org/', T0 - 5_000);
    // The old page of the tab is on another site: the cookie does not concern it.
    expect(changes.route(change(SESSION, T0 + 50), [previous])).toEqual([]);
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    expect(changes.catchUp(shop)).toBe(true);
    const session = Object.values(shop.state.cookies)[0];
    expect(session).toMatchObject({ name: 'connox_session', party: 'first', preexisting: false, firstSeenAt: T0 + 50 });
    // A snapshot of the jar that lands afterwards must not mark it preexisting.
    shop.recordCookieSet(fromBrowserCookie(SESSION, T0 + 300), T0 + 300, true);
    expect(Object.values(shop.state.cookies)[0]).toMatchObject({ preexisting: false, firstSeenAt: T0 + 50 });
  });

  it('a partitioned cookie goes to the visits of its top-level site, whatever they requested', () => {
    const changes = new RecentCookieChanges();
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    const other = startVisit(8, 'https://news.example/', T0);
    other.recordRequest(request(8, 'https://googleads.g.doubleclick.net/x', T0 + 10));
    const at = T0 + 40;
    expect(changes.route(change(IDE_PARTITIONED, at, { scheme: 'total-cookie-protection' }), [shop, other])).toEqual([shop]);
    expect(Object.values(shop.state.cookies)[0]).toMatchObject({
      name: 'IDE',
      party: 'third',
      partitioned: true,
      partitionedBy: 'total-cookie-protection',
      partitionSite: 'https://connox.nl',
    });
    expect(other.state.cookies).toEqual({});
  });

  it('never gives a visit a change from before it started, nor one older than the window', () => {
    const changes = new RecentCookieChanges();
    changes.route(change(IDE, T0 - 10), []);
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    shop.recordRequest(request(7, 'https://googleads.g.doubleclick.net/x', T0 + 10));
    expect(changes.catchUp(shop)).toBe(false);
    changes.route(change(IDE, T0 + 20), []);
    changes.route(change(cookie({ name: 'other', domain: 'unrelated.example' }), T0 + 20 + LATE_COOKIE_WINDOW_MS + 1), []);
    shop.recordRequest(request(7, 'https://ad.doubleclick.net/y', T0 + 30));
    expect(changes.catchUp(shop)).toBe(false);
  });

  it('keeps the order of a set and a removal that both arrived early', () => {
    const changes = new RecentCookieChanges();
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    changes.route(change(IDE, T0 + 10), [shop]);
    changes.route(change(IDE, T0 + 20, { removed: true }), [shop]);
    shop.recordRequest(request(7, 'https://googleads.g.doubleclick.net/x', T0 + 5));
    changes.catchUp(shop);
    expect(Object.values(shop.state.cookies)[0]).toMatchObject({ firstSeenAt: T0 + 10, removedAt: T0 + 20 });
  });

  it('keeps a Firefox container visit to its own cookie store', () => {
    const changes = new RecentCookieChanges();
    const container = TabRecorder.startVisit(9, 'https://www.connox.nl/', T0, { cookieStoreId: 'firefox-container-1' });
    const plain = startVisit(7, 'https://www.connox.nl/', T0);
    const inDefaultJar = { ...change(SESSION, T0 + 10), storeId: 'firefox-default' };
    expect(changes.route(inDefaultJar, [container, plain])).toEqual([plain]);
    expect(changes.route({ ...change(SESSION, T0 + 20), storeId: 'firefox-container-1' }, [container])).toEqual([container]);
    // A browser that does not say (Chrome's webRequest has no store id) keeps every store.
    expect(changes.route({ ...change(SESSION, T0 + 30), storeId: '0' }, [plain])).toEqual([plain]);
  });

  it('keeps the partition through a persist and restore (event-page suspend)', () => {
    const changes = new RecentCookieChanges();
    const shop = startVisit(7, 'https://www.connox.nl/', T0);
    changes.route(change(IDE_PARTITIONED, T0 + 40, { scheme: 'total-cookie-protection' }), [shop]);
    const { meta, chunks } = shop.takeChanges();
    const restored = parseTabState(meta, [...chunks.values()]);
    expect(Object.values(restored?.cookies ?? {})[0]).toMatchObject({ partitionedBy: 'total-cookie-protection', partitionSite: 'https://connox.nl' });
  });
});

describe('fromBrowserCookie says which kind of partition', () => {
  it('CHIPS in Chrome, Total Cookie Protection in Firefox, first-party isolation by its domain', () => {
    expect(fromBrowserCookie(IDE_PARTITIONED, T0)).toMatchObject({ partitioned: true, partitionedBy: 'chips' });
    expect(fromBrowserCookie(IDE_PARTITIONED, T0, 'total-cookie-protection')).toMatchObject({ partitionedBy: 'total-cookie-protection' });
    expect(fromBrowserCookie({ ...IDE, firstPartyDomain: 'connox.nl' }, T0)).toMatchObject({
      partitioned: false,
      partitionedBy: 'first-party-isolation',
      partitionSite: 'connox.nl',
    });
    expect(fromBrowserCookie({ ...IDE, firstPartyDomain: '' }, T0)).toMatchObject({ partitionedBy: null, partitionSite: null });
  });
});
