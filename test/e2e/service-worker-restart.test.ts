import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { SHOP, settle, startHarness, type Harness } from './harness';
import { stopServiceWorker } from './stop-service-worker';
import type { ObservationGap } from '../../src/core/observe/observation-gaps';
import { hexToBytes } from '@noble/hashes/utils.js';
import { urlMasker } from '../../src/core/observe/mask-url';
import { URL_MASK_SALT_KEY } from '../../src/messaging/url-mask-keys';

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

  // Issue 24: ~50 requests/s while the worker was stopped every 3 s lost 46 of 1,903 requests
  // without a word. Losses may still happen (events dispatched to a stopping worker are gone);
  // each one must fall inside a reported gap.
  it('under load and repeated worker stops, every request the server saw is recorded or inside a reported gap', async () => {
    const LOAD_MS = 9_000;
    const STOPS = 3;
    // Server and worker share the machine's clock; the slack covers the time between the
    // browser's event and the server's log line.
    const SLACK_MS = 1_000;
    const page = await harness.session.context.newPage();
    await page.goto(`${SHOP}/blank`);
    const tabId = await harness.session.tabIdOf(page);
    const servedBefore = harness.storefront.served.length;
    const load = page.evaluate(async (ms) => {
      const until = Date.now() + ms;
      let i = 0;
      const jobs: Promise<unknown>[] = [];
      while (Date.now() < until) {
        jobs.push(fetch(`/px?load=${i++}`).catch(() => null));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await Promise.all(jobs);
      return i;
    }, LOAD_MS);
    for (let stop = 0; stop < STOPS; stop += 1) {
      await page.waitForTimeout(LOAD_MS / (STOPS + 1));
      await stopServiceWorker(harness);
    }
    const fired = await load;
    await page.waitForTimeout(1_500);

    const served = harness.storefront.served.slice(servedBefore).filter((r) => r.path === '/px' && r.url.includes('load='));
    const state = await harness.session.tabState(tabId);
    const report = await harness.session.report(tabId);
    if (!state || !report) throw new Error('state missing');
    const gaps: ObservationGap[] = state.gaps ?? [];
    const recorded = new Set(state.requests.map((r) => r.url));
    // The extension keeps URLs masked with the browser session's salt: mask what the server saw the same way.
    const control = await harness.session.context.newPage();
    await control.goto(harness.session.popupUrl(-1));
    const salt = (await control.evaluate(async (key) => (await chrome.storage.session.get(key))[key], URL_MASK_SALT_KEY)) as string;
    await control.close();
    const mask = urlMasker(hexToBytes(salt));
    const lost = served.filter((r) => !recorded.has(mask(r.url)));
    const silent = lost.filter((r) => !gaps.some((g) => r.at >= g.from - SLACK_MS && r.at <= g.to + SLACK_MS));
    const unfinishedRequests = state.requests.filter((r) => r.url.includes('load=') && r.status === null && r.error === null);
    const unfinished = unfinishedRequests.length;
    console.log(
      `load: ${fired} fired, ${served.length} served, ${lost.length} not recorded, ${silent.length} silently; ${gaps.length} gaps over ${gaps.reduce((sum, g) => sum + g.to - g.from, 0)} ms; ${unfinished} without an end; gaps by reason ${JSON.stringify(gaps.map((g) => [g.reason, g.source ?? null, g.lost ?? 0, g.endsWithoutStart ?? 0]))}`,
    );

    expect(served.length).toBeGreaterThan(fired * 0.9);
    expect(silent.map((r) => r.url)).toEqual([]);
    // Every stop came while the page was busy: each leaves a gap (overlapping ones merge).
    expect(gaps.filter((g) => g.reason === 'worker-stopped').length).toBeGreaterThanOrEqual(1);
    // Gaps are the stops, not the whole visit: a gap that covers everything would prove nothing.
    // (Each lasts from the last write to the restart: 0.4–1.5 s here, longer on a loaded machine.)
    // (Lost content-script messages are gaps too, from the last message of that kind: not the stops.)
    const stops = gaps.filter((g) => g.reason === 'worker-stopped');
    expect(stops.reduce((sum, g) => sum + g.to - g.from, 0)).toBeLessThan(LOAD_MS * 0.8);
    expect(report.warnings.filter((w) => w.code === 'observations-missing')).toHaveLength(stops.length);
    // A request whose end never came started before a stop: its end was lost with that stop, inside
    // a gap's reach (the gaps' own count holds those already started at the last write before the
    // stop; one started between that write and the stop is not in it, so the count is no bound).
    expect(unfinishedRequests.filter((r) => !gaps.some((g) => r.startedAt <= g.to + SLACK_MS)).map((r) => r.url)).toEqual([]);
  }, 60_000);
});
