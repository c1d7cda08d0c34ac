import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startFirefoxHarness, type FirefoxHarness } from './firefox-harness';
import { extensionMask } from '../fixtures/storefront/observation-checks';
import { URL_MASK_SALT_KEY } from '../../src/messaging/url-mask-keys';

/** Firefox's default is 30 s; a short idle time lets the event page stop within the test. */
const IDLE_MS = 2_000;
const SUSPEND_WAIT_MS = 60_000;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('event page suspended mid-visit (Firefox)', () => {
  let harness: FirefoxHarness;
  beforeAll(async () => {
    harness = await startFirefoxHarness({ backgroundIdleMs: IDLE_MS });
  });
  afterAll(async () => harness?.close());

  it('keeps everything observed before the suspend, and keeps observing after the wake', async () => {
    const page = await harness.newPage();
    await harness.visit(page, `${SHOP}/`, 1_500);
    const tabId = await harness.tabIdOf(page);
    const before = await harness.settledTabState(tabId);
    expect(before?.requests.length).toBeGreaterThan(15);

    // A marker on the running event page's global object; a woken page is a new one without it.
    expect(
      await harness.inExtension(() => {
        const page = chrome.extension.getBackgroundPage() as (Window & { __policylensMarker?: number }) | null;
        if (page) page.__policylensMarker = 1;
        return page !== null;
      }, null),
    ).toBe(true);
    // getBackgroundPage() answers null, without waking it, once Firefox has suspended the page.
    const deadline = Date.now() + SUSPEND_WAIT_MS;
    let suspended = false;
    while (!suspended && Date.now() < deadline) {
      await pause(500);
      suspended = await harness.inExtension(() => chrome.extension.getBackgroundPage() === null, null);
    }
    expect(suspended, 'Firefox suspended the event page').toBe(true);

    // The page goes on; its next request and cookie wake a new event page.
    await page.evaluate(async () => {
      document.cookie = 'after_suspend=1; path=/; max-age=3600';
      localStorage.setItem('after_suspend', '1');
      await fetch('/px?after-suspend=1');
    });
    await harness.settle(1_000);
    await page.evaluate(() => fetch('/px?after-suspend=2'));
    await harness.settle(1_500);

    const after = await harness.settledTabState(tabId);
    if (!before || !after) throw new Error('state missing');
    expect(
      await harness.inExtension(() => {
        const page = chrome.extension.getBackgroundPage() as (Window & { __policylensMarker?: number }) | null;
        return page ? (page.__policylensMarker ?? 'none') : 'not running';
      }, null),
    ).toBe('none');
    const afterUrls = new Set(after.requests.map((r) => r.url));
    expect(before.requests.filter((r) => !afterUrls.has(r.url)).map((r) => r.url)).toEqual([]);
    for (const key of Object.keys(before.cookies)) expect(after.cookies[key]?.firstSeenAt).toBe(before.cookies[key]?.firstSeenAt);
    for (const key of Object.keys(before.storageKeys)) expect(after.storageKeys[key]).toBeDefined();
    expect(after.cookieAttempts.length).toBeGreaterThanOrEqual(before.cookieAttempts.length);
    // URLs are masked with the browser session's salt, which the woken page read back.
    const mask = extensionMask(await harness.inExtension(async (key) => (await chrome.storage.session.get(key))[key] as string, URL_MASK_SALT_KEY));
    expect(afterUrls).toContain(mask(`${SHOP}/px?after-suspend=1`));
    expect(afterUrls).toContain(mask(`${SHOP}/px?after-suspend=2`));
    expect(Object.values(after.storageKeys).map((k) => k.key)).toContain('after_suspend');
    const woken = Object.values(after.cookies).find((c) => c.name === 'after_suspend');
    expect(woken).toMatchObject({ party: 'first', preexisting: false });
  });
});
