import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, SHOP, settle, startHarness, type Harness } from './harness';
import type { TabState } from '../../src/core/observe/tab-state';
import { expectRequestsMatchServed, extensionMask } from '../fixtures/storefront/observation-checks';
import { URL_MASK_SALT_KEY } from '../../src/messaging/url-mask-keys';
import type { UrlMask } from '../../src/core/observe/mask-url';

const SHOP_HOSTS = new Set(['www.connox.nl', 'connox.nl']);

describe('observation in real Chromium (planted storefront, third-party cookies allowed)', () => {
  let harness: Harness;
  let state: TabState;
  let visitStart: number;
  let visitEnd: number;
  let servedDuringVisit: Harness['storefront']['served'];
  let jar: Awaited<ReturnType<Harness['session']['context']['cookies']>>;
  let topStorage: { local: string[]; session: string[] };
  let mask: UrlMask;

  beforeAll(async () => {
    harness = await startHarness();
    const page = await harness.session.context.newPage();
    const servedBefore = harness.storefront.served.length;
    visitStart = Date.now();
    await page.goto(`${SHOP}/`);
    await settle(page, 1_500);
    visitEnd = Date.now();
    servedDuringVisit = harness.storefront.served.slice(servedBefore);
    const tabId = await harness.session.tabIdOf(page);
    const observed = await harness.session.tabState(tabId);
    if (!observed) throw new Error('no state for the tab');
    state = observed;
    jar = await harness.session.context.cookies();
    topStorage = await page.evaluate(() => ({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort() }));
    const control = await harness.session.context.newPage();
    await control.goto(harness.session.popupUrl(-1));
    mask = extensionMask((await control.evaluate(async (key) => (await chrome.storage.session.get(key))[key], URL_MASK_SALT_KEY)) as string);
    await control.close();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('records every request the storefront served, and no request it did not serve', () => {
    expectRequestsMatchServed(state, servedDuringVisit, mask);
  });

  it('gives each request its type, frame, initiator, status and start time', () => {
    const main = state.requests.find((r) => r.resourceType === 'main_frame');
    expect(main).toMatchObject({ url: `${SHOP}/`, party: 'first', frame: { frameId: 0, kind: 'top' }, status: 200, method: 'GET' });
    const gtm = state.requests.find((r) => r.host === 'www.googletagmanager.com');
    expect(gtm).toMatchObject({ resourceType: 'script', party: 'third', site: 'googletagmanager.com', initiator: SHOP, status: 200 });
    const ytFrame = state.requests.find((r) => r.resourceType === 'sub_frame' && r.host === 'www.youtube.com');
    expect(ytFrame?.frame).toMatchObject({ kind: 'top', frameId: 0 });
    for (const r of state.requests) {
      expect(r.startedAt).toBeGreaterThanOrEqual(visitStart - 1_000);
      expect(r.startedAt).toBeLessThanOrEqual(visitEnd);
    }
  });

  it('decides first and third party by eTLD+1', () => {
    const thirdPartyHosts = new Set(state.requests.filter((r) => r.party === 'third').map((r) => r.host));
    const expected = new Set(servedDuringVisit.map((s) => s.host).filter((h) => !SHOP_HOSTS.has(h)));
    expect([...thirdPartyHosts].sort()).toEqual([...expected].sort());
    expect(thirdPartyHosts).toContain('connect.facebook.net');
    expect(thirdPartyHosts).toContain('static.hotjar.com');
  });

  it('records every cookie in the jar with its flags, lifetime and set time, never its value', () => {
    const relevant = jar.filter((c) => !c.name.startsWith('__'));
    expect(relevant.length).toBeGreaterThan(8);
    const observed = Object.values(state.cookies);
    for (const c of jar) {
      const match = observed.find((o) => o.name === c.name && o.domain === c.domain.replace(/^\./, '') && o.path === c.path);
      expect(match, `cookie ${c.name} on ${c.domain}`).toBeDefined();
      if (!match) continue;
      expect(match.httpOnly).toBe(c.httpOnly);
      expect(match.secure).toBe(c.secure);
      expect(match.session).toBe(c.expires === -1);
      if (c.expires !== -1) expect(Math.abs((match.expiresAt ?? 0) - c.expires * 1000)).toBeLessThan(2_000);
      expect(match.firstSeenAt).toBeGreaterThanOrEqual(visitStart - 1_000);
      expect(match.firstSeenAt).toBeLessThanOrEqual(visitEnd);
      expect(match.valueLength).toBe(c.value.length);
      // Values of a few characters could match by accident (a '1' in a timestamp).
      if (c.value.length >= 6) expect(JSON.stringify(match)).not.toContain(c.value);
    }
    // Nothing invented: each observed, still-present cookie is in the jar.
    for (const o of observed.filter((x) => x.removedAt === null)) {
      expect(
        jar.some((c) => c.name === o.name && c.domain.replace(/^\./, '') === o.domain),
        `observed ${o.name}`,
      ).toBe(true);
    }
    const ide = observed.find((o) => o.name === 'IDE');
    expect(ide).toMatchObject({ domain: 'doubleclick.net', party: 'third', httpOnly: true, secure: true, sameSite: 'none', hostOnly: false });
    expect(ide?.lifetimeDays).toBeGreaterThan(389);
    const session = observed.find((o) => o.name === 'connox_session');
    expect(session).toMatchObject({ party: 'first', session: true, httpOnly: true, sameSite: 'lax', hostOnly: true, domain: 'www.connox.nl' });
    const fbp = observed.find((o) => o.name === '_fbp');
    expect(fbp).toMatchObject({ party: 'first', httpOnly: false, hostOnly: true, domain: 'www.connox.nl' });
    const gclAu = observed.find((o) => o.name === '_gcl_au');
    expect(gclAu).toMatchObject({ party: 'first', httpOnly: false, hostOnly: false, domain: 'connox.nl' });
    expect(gclAu?.lifetimeDays).toBeCloseTo(90, 1);
  });

  it('records Set-Cookie attempts with what the site asked for, even beyond what the browser keeps', () => {
    const remember = state.cookieAttempts.find((a) => a.name === 'connox_remember');
    expect(remember?.lifetimeDays).toBeCloseTo(1200, 3);
    // Chromium caps stored lifetimes at 400 days; the attempt keeps the requested 1200.
    const stored = Object.values(state.cookies).find((c) => c.name === 'connox_remember');
    expect(stored?.lifetimeDays).toBeLessThanOrEqual(400.01);
    const frc = state.cookieAttempts.find((a) => a.name === 'frc_sid');
    expect(frc).toMatchObject({ requestHost: 'eu-api.friendlycaptcha.eu', party: 'third', httpOnly: true });
    expect(state.cookieAttempts.every((a) => !JSON.stringify(a).includes('fixture-session'))).toBe(true);
  });

  it('records storage keys of the page, including ones that appear after load', () => {
    const keys = (area: string) =>
      Object.values(state.storageKeys)
        .filter((k) => k.area === area && k.origin === SHOP && k.removedAt === null)
        .map((k) => k.key)
        .sort();
    expect(keys('localStorage')).toEqual(topStorage.local);
    expect(keys('sessionStorage')).toEqual(topStorage.session);
    expect(topStorage.session).toEqual(expect.arrayContaining(['frc_sid', 'frc_sc', 'frc_rc', 'frc_sol', 'hjViewportId']));
    expect(topStorage.local).toEqual(expect.arrayContaining(['ZD-suid', 'ZD-buid', 'connox_recently_viewed']));
    expect(JSON.stringify(state.storageKeys)).not.toContain('fixture-sid');
  });

  it('lists scripts and iframes with their hosts and finds the privacy policy link', () => {
    const resources = Object.values(state.resources);
    expect(resources.filter((r) => r.element === 'script').map((r) => r.host)).toEqual(
      expect.arrayContaining(['consent.cookiebot.com', 'www.googletagmanager.com', 'static.hotjar.com', 'www.googleadservices.com']),
    );
    expect(resources.filter((r) => r.element === 'iframe').map((r) => r.host)).toEqual(expect.arrayContaining(['www.youtube.com', 'widget.trustpilot.com']));
    expect(state.policyLinks[0]).toEqual({ url: `${SHOP}/privacybeleid`, text: 'Privacybeleid' });
  });

  it('builds an extension pages cannot detect: no web_accessible_resources', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.web_accessible_resources).toBeUndefined();
  });
});
