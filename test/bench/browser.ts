import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { ExtensionSession } from '../../src/cli/extension-session.ts';
import { launchWithExtension, type LaunchedBareBrowser, type LaunchedBrowser } from '../../src/cli/launch-browser.ts';
import { startStorefront } from '../fixtures/storefront/server.ts';
import { benchPopupFixture, benchRealPopup, type PopupFixtureResult, type RealPopupResult } from './popup-timing.ts';
import { OUT_DIR } from './paths.ts';
import { median } from './stats.ts';

const SHOP = 'https://www.connox.nl';
export const LOADS = 30;
const PAUSE_BETWEEN_LOADS_MS = 400;

export interface PageLoadResult {
  loads: number;
  withMs: number[];
  withoutMs: number[];
  /** The platform floor: PolicyLens's manifest and listeners, with code that does nothing. */
  floorMs: number[];
  medianWith: number;
  medianWithout: number;
  medianFloor: number;
  ratio: number;
  /** floor / without: what Chromium charges for the mechanisms alone. */
  floorRatio: number;
  /** with / floor: what PolicyLens's own code adds on top. */
  ownRatio: number;
}

export interface MemoryResult {
  requestsRecorded: number;
  cookiesRecorded: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  /** The extension's popup for the 5,000-request tab (worker audit and message included). */
  popup: RealPopupResult;
  /** The App alone over 5- and 500-finding fixture reports (mock client), in one run. */
  popupFixture: PopupFixtureResult;
}

export interface BrowserResult {
  chromium: string;
  pageLoad: PageLoadResult;
  memory: MemoryResult;
}

/**
 * A copy of the built extension whose service worker registers the same webRequest and
 * cookies listeners (same filters, same extraHeaders) with empty bodies, and whose content
 * scripts are empty files: the same manifest, permissions and injection points, none of
 * PolicyLens's work. Loading the shop with it measures what Chromium charges for the
 * mechanisms themselves.
 */
function buildPlatformFloor(dist: string, outDir: string): string {
  rmSync(outDir, { recursive: true, force: true });
  cpSync(dist, outDir, { recursive: true });
  const ALL = `{ urls: ['http://*/*', 'https://*/*'] }`;
  writeFileSync(
    path.join(outDir, 'service-worker-loader.js'),
    [
      '// Platform floor for the page-load benchmark: the listeners PolicyLens registers, doing nothing.',
      `chrome.webRequest.onBeforeRequest.addListener(() => {}, ${ALL});`,
      `chrome.webRequest.onHeadersReceived.addListener(() => {}, ${ALL}, ['responseHeaders', 'extraHeaders']);`,
      `chrome.webRequest.onErrorOccurred.addListener(() => {}, ${ALL});`,
      'chrome.cookies.onChanged.addListener(() => {});',
      '',
    ].join('\n'),
  );
  for (const script of ['src/content/index.js']) writeFileSync(path.join(outDir, script), '');
  return outDir;
}

async function loadEventEnd(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  } finally {
    await page.close();
  }
}

/**
 * A CDP session on the extension's service worker. Playwright opens CDP sessions on pages
 * only, so an extension page's session attaches to the worker target (non-flat mode) and
 * relays commands with Target.sendMessageToTarget.
 */
async function workerCdp(context: BrowserContext, page: Page, extensionId: string) {
  const cdp: CDPSession = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  if (!target) throw new Error('service worker target not found');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) pending.get(message.id)?.(message.error ? new Error(message.error.message) : message.result);
  });
  return {
    async send<T>(method: string, params: object = {}): Promise<T> {
      const id = nextId++;
      const answer = new Promise<unknown>((resolve) => pending.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      const result = await answer;
      if (result instanceof Error) throw result;
      return result as T;
    },
    detach: () => cdp.detach().catch(() => {}),
  };
}

async function heapUsedMb(worker: Awaited<ReturnType<typeof workerCdp>>): Promise<number> {
  await worker.send('HeapProfiler.collectGarbage');
  const { usedSize } = await worker.send<{ usedSize: number }>('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

export async function benchBrowser(dist: string, log: (line: string) => void): Promise<BrowserResult> {
  const storefront = await startStorefront({ variant: 'clean' });
  const common = { allowThirdPartyCookies: true, browserArgs: [`--host-resolver-rules=${storefront.hostResolverRules}`, '--ignore-certificate-errors'] };
  let withExt: LaunchedBrowser | null = null;
  let bare: LaunchedBareBrowser | null = null;
  let floor: LaunchedBrowser | null = null;
  try {
    withExt = await launchWithExtension({ extensionDir: dist, ...common });
    bare = await launchWithExtension({ extensionDir: null, ...common });
    floor = await launchWithExtension({ extensionDir: buildPlatformFloor(dist, path.join(OUT_DIR, 'platform-floor')), ...common });
    const session = new ExtensionSession(withExt);
    await session.warmUp(`${SHOP}/blank`);
    const chromium = withExt.context.browser()?.version() ?? (await session.browserVersion());

    // Page-load overhead: two untimed loads each, then rounds in which every browser loads the
    // page once, the order rotating so none is always first (or right after the heaviest).
    const runs = [
      { context: withExt.context, ms: [] as number[] },
      { context: bare.context, ms: [] as number[] },
      { context: floor.context, ms: [] as number[] },
    ];
    for (const run of runs) for (let i = 0; i < 2; i++) await loadEventEnd(run.context, `${SHOP}/`);
    for (let i = 0; i < LOADS; i++) {
      for (let k = 0; k < runs.length; k++) {
        const run = runs[(i + k) % runs.length] as (typeof runs)[number];
        // A pause between loads lets the previous browser's after-load work finish.
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_LOADS_MS));
        run.ms.push(await loadEventEnd(run.context, `${SHOP}/`));
      }
    }
    const [withMs, withoutMs, floorMs] = runs.map((r) => r.ms) as [number[], number[], number[]];
    const pageLoad: PageLoadResult = {
      loads: LOADS,
      withMs,
      withoutMs,
      floorMs,
      medianWith: median(withMs),
      medianWithout: median(withoutMs),
      medianFloor: median(floorMs),
      ratio: median(withMs) / median(withoutMs),
      floorRatio: median(floorMs) / median(withoutMs),
      ownRatio: median(withMs) / median(floorMs),
    };
    log(
      `page load: with ${pageLoad.medianWith.toFixed(1)} ms, without ${pageLoad.medianWithout.toFixed(1)} ms, floor ${pageLoad.medianFloor.toFixed(1)} ms; ratio ${pageLoad.ratio.toFixed(3)} (floor ${pageLoad.floorRatio.toFixed(3)}, own code ${pageLoad.ownRatio.toFixed(3)})`,
    );
    await bare.close();
    bare = null;
    await floor.close();
    floor = null;

    // Memory: the worker's JS heap after GC, before and after a 5,000-request page that
    // also sets 500 cookies.
    const control = await withExt.context.newPage();
    await control.goto(session.popupUrl(-1, '&static=1'));
    const worker = await workerCdp(withExt.context, control, withExt.extensionId);
    const heapBeforeMb = await heapUsedMb(worker);
    const page = await withExt.context.newPage();
    await page.goto(`${SHOP}/heavy?n=5000`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'done', null, { timeout: 240_000 });
    await page.evaluate(() => {
      for (let i = 0; i < 500; i++) document.cookie = `bench_${i}=${'x'.repeat(16)}; path=/; max-age=86400; secure; samesite=lax`;
    });
    const tabId = await session.tabIdOf(page);
    let state = await session.tabState(tabId);
    for (let tries = 0; tries < 50 && (state?.requests.length ?? 0) < 5_000; tries++) {
      await page.waitForTimeout(200);
      state = await session.tabState(tabId);
    }
    await page.waitForTimeout(1_000);
    state = await session.tabState(tabId);
    const heapAfterMb = await heapUsedMb(worker);
    await worker.detach();
    log(`worker heap: ${heapBeforeMb.toFixed(1)} → ${heapAfterMb.toFixed(1)} MB`);

    // Popup: the real popup page for that tab (its audit has one finding per undeclared
    // cookie), then the App alone over fixture reports of 5 and 500 findings.
    const popup = await benchRealPopup(withExt.context, session.popupUrl(tabId, '&static=1'), log);
    const popupFixture = await benchPopupFixture(withExt.context, log);
    return {
      chromium,
      pageLoad,
      memory: {
        requestsRecorded: state?.requests.length ?? 0,
        cookiesRecorded: Object.keys(state?.cookies ?? {}).length,
        heapBeforeMb,
        heapAfterMb,
        popup,
        popupFixture,
      },
    };
  } finally {
    await bare?.close();
    await floor?.close();
    await withExt?.close();
    await storefront.close();
  }
}
