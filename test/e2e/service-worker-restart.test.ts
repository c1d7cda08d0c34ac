import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { hexToBytes } from '@noble/hashes/utils.js';
import { SHOP, settle, startHarness, type Harness } from './harness';
import { urlMasker } from '../../src/core/observe/mask-url';
import { URL_MASK_SALT_KEY } from '../../src/messaging/url-mask-keys';

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

/**
 * Stops the extension's service worker through the DevTools protocol (attached to an
 * extension page, the worker's own origin) and waits for Chromium to report it 'stopped'.
 * Playwright keeps the same Worker handle across a restart, so its 'close' event is no proof;
 * the version's runningStatus is.
 */
async function stopServiceWorker(harness: Harness): Promise<void> {
  const page: Page = await harness.session.context.newPage();
  await page.goto(`${harness.session.popupUrl(-1)}&static=1`);
  const cdp: CDPSession = await harness.session.context.newCDPSession(page);
  const versions: WorkerVersion[] = [];
  let onStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
    for (const v of event.versions) {
      versions.push(v);
      if (v.scriptURL.includes(harness.session.extensionId) && v.runningStatus === 'stopped') onStopped();
    }
  });
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(300);
  const running = versions.filter((v) => v.scriptURL.includes(harness.session.extensionId) && v.runningStatus === 'running');
  if (running.length === 0) throw new Error('no running extension worker version found');
  for (const v of running) await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
  await stopped;
  await cdp.detach();
  await page.close();
}

describe('service worker restart mid-visit', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps everything observed before the worker stopped, and keeps observing after', async () => {
    const page = await harness.session.context.newPage();
    await page.goto(`${SHOP}/`);
    await settle(page, 1_500);
    const tabId = await harness.session.tabIdOf(page);
    const before = await harness.session.tabState(tabId);
    expect(before?.requests.length).toBeGreaterThan(15);

    const worker: Worker = await harness.session.serviceWorker();
    await worker.evaluate(() => {
      (globalThis as { __policylensMarker?: number }).__policylensMarker = 1;
    });
    await stopServiceWorker(harness);

    // The page goes on after the stop; its next request wakes a new worker.
    await page.evaluate(async () => {
      await fetch('/px?after-restart=1');
      localStorage.setItem('after_restart', '1');
    });
    await page.waitForTimeout(500);
    // A new JavaScript context: the marker set before the stop is gone.
    expect(await worker.evaluate(() => (globalThis as { __policylensMarker?: number }).__policylensMarker)).toBeUndefined();
    await page.evaluate(() => fetch('/px?after-restart=2'));
    await page.waitForTimeout(4_000);

    const after = await harness.session.tabState(tabId);
    if (!before || !after) throw new Error('state missing');
    const afterUrls = new Set(after.requests.map((r) => r.url));
    expect(before.requests.filter((r) => !afterUrls.has(r.url)).map((r) => r.url)).toEqual([]);
    for (const name of Object.keys(before.cookies)) expect(after.cookies[name]?.firstSeenAt).toBe(before.cookies[name]?.firstSeenAt);
    for (const key of Object.keys(before.storageKeys)) expect(after.storageKeys[key]).toBeDefined();
    expect(after.cookieAttempts.length).toBeGreaterThanOrEqual(before.cookieAttempts.length);
    // URLs are masked with the browser session's salt, which the new worker read back: the
    // request after the restart is masked exactly as the one salt gives.
    const control = await harness.session.context.newPage();
    await control.goto(harness.session.popupUrl(-1));
    const salt = (await control.evaluate(async (key) => (await chrome.storage.session.get(key))[key], URL_MASK_SALT_KEY)) as string;
    await control.close();
    expect(afterUrls).toContain(urlMasker(hexToBytes(salt))(`${SHOP}/px?after-restart=2`));
    expect([...afterUrls].join('\n')).not.toContain('after-restart=2');
    expect(Object.values(after.storageKeys).map((k) => k.key)).toContain('after_restart');
  });
});
