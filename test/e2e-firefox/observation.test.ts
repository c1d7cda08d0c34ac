import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Cookie } from 'puppeteer-core';
import { DIST_FIREFOX, SHOP, startFirefoxHarness, type FirefoxHarness } from './firefox-harness';
import type { TabState } from '../../src/core/observe/tab-state';
import { expectRequestsMatchServed, extensionMask } from '../fixtures/storefront/observation-checks';
import { URL_MASK_SALT_KEY } from '../../src/messaging/url-mask-keys';

const SHOP_HOSTS = new Set(['www.connox.nl', 'connox.nl']);

describe('observation in real Firefox (planted storefront, Total Cookie Protection on)', () => {
  let harness: FirefoxHarness;
  let state: TabState;
  let visitStart: number;
  let visitEnd: number;
  let servedDuringVisit: FirefoxHarness['storefront']['served'];
  let firstPartyJar: Cookie[];
  let topStorage: { local: string[]; session: string[] };

  beforeAll(async () => {
    harness = await startFirefoxHarness();
    const page = await harness.newPage();
    const servedBefore = harness.storefront.served.length;
    visitStart = Date.now();
    await harness.visit(page, `${SHOP}/`, 1_500);
    visitEnd = Date.now();
    servedDuringVisit = harness.storefront.served.slice(servedBefore);
    const tabId = await harness.tabIdOf(page);
    const observed = await harness.settledTabState(tabId);
    if (!observed) throw new Error('no state for the tab');
    state = observed;
    // The unpartitioned jar (BiDi storage.getCookies without a source origin): the shop's own cookies.
    firstPartyJar = (await harness.browser.cookies()).filter((c) => SHOP_HOSTS.has(c.domain.replace(/^\./, '')));
    topStorage = await page.evaluate(() => ({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort() }));
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('records every request the storefront served, and no request it did not serve', async () => {
    const salt = await harness.inExtension(async (key) => (await chrome.storage.session.get(key))[key] as string, URL_MASK_SALT_KEY);
    expectRequestsMatchServed(state, servedDuringVisit, extensionMask(salt));
    for (const r of state.requests) {
      expect(r.startedAt).toBeGreaterThanOrEqual(visitStart - 1_000);
      expect(r.startedAt).toBeLessThanOrEqual(visitEnd);
    }
  });

  it('gives requests their type, party and status as in Chromium', () => {
    const main = state.requests.find((r) => r.resourceType === 'main_frame');
    expect(main).toMatchObject({ url: `${SHOP}/`, party: 'first', frame: { frameId: 0, kind: 'top' }, status: 200, method: 'GET' });
    const gtm = state.requests.find((r) => r.host === 'www.googletagmanager.com');
    expect(gtm).toMatchObject({ resourceType: 'script', party: 'third', site: 'googletagmanager.com', status: 200 });
    const thirdPartyHosts = new Set(state.requests.filter((r) => r.party === 'third').map((r) => r.host));
    const expected = new Set(servedDuringVisit.map((s) => s.host).filter((h) => !SHOP_HOSTS.has(h)));
    expect([...thirdPartyHosts].sort()).toEqual([...expected].sort());
  });

  it('records every first-party cookie in the jar with its flags and set time, never its value', () => {
    expect(firstPartyJar.length).toBeGreaterThan(6);
    const observed = Object.values(state.cookies);
    for (const c of firstPartyJar) {
      const match = observed.find((o) => o.name === c.name && o.domain === c.domain.replace(/^\./, '') && o.path === c.path);
      expect(match, `cookie ${c.name} on ${c.domain}`).toBeDefined();
      if (!match) continue;
      expect(match).toMatchObject({ party: 'first', preexisting: false, partitioned: false, httpOnly: c.httpOnly, secure: c.secure });
      expect(match.firstSeenAt).toBeGreaterThanOrEqual(visitStart - 1_000);
      expect(match.firstSeenAt).toBeLessThanOrEqual(visitEnd);
      expect(match.valueLength).toBe(c.value.length);
      if (c.value.length >= 6) expect(JSON.stringify(match)).not.toContain(c.value);
    }
    expect(observed.find((o) => o.name === '_gcl_au')).toMatchObject({ party: 'first', hostOnly: false, domain: 'connox.nl' });
  });

  it('records the third-party cookies Firefox stored, partitioned under the shop by Total Cookie Protection', () => {
    const observed = Object.values(state.cookies);
    const thirdParty = observed.filter((o) => o.party === 'third');
    // Every cookie a third-party response asked for and Firefox kept (it keeps all, partitioned).
    const asked = new Set(state.cookieAttempts.filter((a) => a.party === 'third').map((a) => `${a.name}|${a.domain}`));
    expect(asked.size).toBeGreaterThan(2);
    expect([...asked].filter((k) => !thirdParty.some((o) => `${o.name}|${o.domain}` === k))).toEqual([]);
    for (const cookie of thirdParty) {
      expect(cookie).toMatchObject({ partitioned: true, partitionedBy: 'total-cookie-protection', partitionSite: 'https://connox.nl', preexisting: false });
    }
    expect(thirdParty.find((o) => o.name === 'IDE')).toMatchObject({ domain: 'doubleclick.net', httpOnly: true, secure: true, sameSite: 'none' });
    expect(state.cookieAttempts.find((a) => a.name === 'frc_sid')).toMatchObject({ requestHost: 'eu-api.friendlycaptcha.eu', party: 'third' });
  });

  it('records storage keys of the page, including ones that appear after load', () => {
    const keys = (area: string) =>
      Object.values(state.storageKeys)
        .filter((k) => k.area === area && k.origin === SHOP && k.removedAt === null)
        .map((k) => k.key)
        .sort();
    expect(keys('localStorage')).toEqual(topStorage.local);
    expect(keys('sessionStorage')).toEqual(topStorage.session);
    expect(topStorage.local).toEqual(expect.arrayContaining(['ZD-suid', 'connox_recently_viewed']));
    expect(JSON.stringify(state.storageKeys)).not.toContain('fixture-sid');
  });

  it('is the build Firefox installed: an event page, and nothing pages could detect (no web_accessible_resources)', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST_FIREFOX, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.background).toMatchObject({ scripts: [expect.any(String)] });
    expect((manifest.background as Record<string, unknown>).service_worker).toBeUndefined();
  });

  // Last: it opens a second visit of the same shop, in a new container (BiDi user context).
  it("keeps a container tab to its own cookie jar: the default jar's cookies are not preexisting there", async () => {
    const context = await harness.browser.createBrowserContext();
    const page = await context.newPage();
    await harness.visit(page, `${SHOP}/?in-container=1`);
    const container = await harness.settledTabState(await harness.tabIdOf(page));
    expect(container?.cookieStoreId).toBeTruthy();
    expect(container?.cookieStoreId).not.toBe(state.cookieStoreId);
    const session = Object.values(container?.cookies ?? {}).find((c) => c.name === 'connox_session');
    expect(session).toMatchObject({ party: 'first', preexisting: false });
    expect(
      Object.values(container?.cookies ?? {})
        .filter((c) => c.preexisting)
        .map((c) => c.name),
    ).toEqual([]);
  });
});
