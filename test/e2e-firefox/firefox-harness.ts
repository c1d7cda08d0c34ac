import path from 'node:path';
import { existsSync } from 'node:fs';
import { launch, type Browser, type Page } from 'puppeteer-core';
import { startStorefront, type Storefront } from '../fixtures/storefront/server';
import type { Variant } from '../fixtures/storefront/types';
import { startForwardProxy, type ForwardProxy } from './forward-proxy';
import { GECKO_ID } from '../../build/manifest-for-firefox';
import type { TabState } from '../../src/core/observe/tab-state';
import type { AuditReport } from '../../src/core/audit/report-types';

export const DIST_FIREFOX = path.resolve(process.env.POLICYLENS_DIST_FIREFOX ?? path.join(import.meta.dirname, '../../dist-firefox'));
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const SHOP = 'https://www.connox.nl';
/** Pinned so extension page URLs are known before install (Firefox picks a random one per profile). */
export const EXTENSION_UUID = '5d1f0c6e-7a4b-4c2e-9f3a-1b2c3d4e5f60';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const POPUP_PATH = 'src/popup/index.html';

/** Every BiDi call is bounded: on a loaded machine one occasionally never settles. */
const CALL_TIMEOUT_MS = 20_000;

export interface FirefoxHarness {
  storefront: Storefront;
  proxy: ForwardProxy;
  browser: Browser;
  newPage(): Promise<Page>;
  /** Opens an extension page (the popup by default) and waits until its script runs. */
  openExtensionPage(pathAndQuery: string, page?: Page): Promise<Page>;
  /** Sends a runtime message from an extension page, as the popup does. */
  send<T>(message: unknown): Promise<T>;
  /** Runs a function in the control extension page (where `chrome.*` is the extension API). */
  inExtension<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  tabIdOf(page: Page): Promise<number>;
  tabState(tabId: number): Promise<TabState | null>;
  /**
   * The tab's state once two reads 500 ms apart agree: Firefox may deliver a page's last
   * events well after the storefront served them, later still on a loaded machine.
   */
  settledTabState(tabId: number): Promise<TabState | null>;
  report(tabId: number): Promise<AuditReport | null>;
  /** Navigates a page and waits until the storefront has served nothing new for `quietMs`. */
  visit(page: Page, url: string, quietMs?: number): Promise<void>;
  settle(quietMs?: number, maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function bounded<T>(work: Promise<T>, label: string, ms = CALL_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One bounded attempt, and one more if it failed (a stuck BiDi call, a page torn down under it). */
export async function retryOnce<T>(
  label: string,
  attempt: () => Promise<T>,
  beforeRetry: () => Promise<void> = async () => {},
  ms = CALL_TIMEOUT_MS,
): Promise<T> {
  try {
    return await bounded(attempt(), label, ms);
  } catch (first) {
    console.warn(`${label} failed once, retrying: ${(first as Error).message}`);
    await beforeRetry();
    return bounded(attempt(), label, ms);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface FirefoxHarnessOptions {
  variant?: Variant;
  extensionDir?: string;
  locale?: string;
  /** Firefox suspends an idle event page after this long (its default is 30 s). */
  backgroundIdleMs?: number;
  /** More Firefox prefs (they win over the harness's own). */
  prefs?: Record<string, string | number | boolean>;
}

/** The built Firefox extension in Debian's Firefox ESR, every hostname tunnelled to the local storefront. */
export async function startFirefoxHarness(options: FirefoxHarnessOptions = {}): Promise<FirefoxHarness> {
  const extensionDir = options.extensionDir ?? DIST_FIREFOX;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no build: run \`npm run build:firefox\` first`);
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX}: apt-get install firefox-esr, or set FIREFOX_PATH`);
  const storefront = await startStorefront({ variant: options.variant ?? 'planted' });
  const proxy = await startForwardProxy(storefront.port);
  const browser = await bounded(
    launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      // Firefox refuses BiDi navigation to moz-extension:// pages without it.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        ...(options.locale ? { 'intl.locale.requested': options.locale, 'intl.accept_languages': options.locale } : {}),
        ...(options.backgroundIdleMs ? { 'extensions.background.idle.timeout': options.backgroundIdleMs } : {}),
        // Nothing of Firefox's own may go out (it would only reach the fixture anyway).
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'browser.safebrowsing.downloads.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'extensions.getAddons.cache.enabled': false,
        'browser.region.update.enabled': false,
        ...options.prefs,
      },
    }),
    'launch Firefox',
    60_000,
  );
  try {
    await bounded(browser.installExtension(extensionDir), 'install the extension', 60_000);
  } catch (error) {
    await browser.close().catch(() => {});
    await proxy.close();
    await storefront.close();
    throw error;
  }

  let control: Page | null = null;

  async function openExtensionPage(pathAndQuery: string, page?: Page): Promise<Page> {
    const target = page ?? (await bounded(browser.newPage(), 'open a tab'));
    const url = `${EXTENSION_ORIGIN}/${pathAndQuery}`;
    // goto can time out although the page loaded: start it, then poll for the page's script.
    void target.goto(url, { waitUntil: 'domcontentloaded', timeout: CALL_TIMEOUT_MS }).catch(() => {});
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    while (Date.now() < deadline) {
      // page.url() can stay about:blank (the tab moves to the extension process), so ask the page.
      const href = await bounded(
        target.evaluate(() => (document.readyState === 'complete' && typeof chrome !== 'undefined' ? location.href : '')),
        'poll an extension page',
        5_000,
      ).catch(() => '');
      if (href === url) return target;
      await pause(200);
    }
    throw new Error(`extension page ${url} did not load`);
  }

  async function controlPage(): Promise<Page> {
    if (control && !control.isClosed()) return control;
    control = await openExtensionPage(`${POPUP_PATH}?tab=-1&static=1`);
    return control;
  }

  async function inExtension<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    return retryOnce(
      'extension call',
      async () => (await controlPage()).evaluate(fn as (a: unknown) => Promise<T>, arg as unknown) as Promise<T>,
      async () => {
        await control?.close().catch(() => {});
        control = null;
      },
    );
  }

  async function send<T>(message: unknown): Promise<T> {
    return inExtension((m) => chrome.runtime.sendMessage(m) as Promise<T>, message);
  }

  async function settle(quietMs = 1_000, maxMs = 15_000): Promise<void> {
    const started = Date.now();
    let count = storefront.served.length;
    let last = Date.now();
    while (Date.now() - last < quietMs && Date.now() - started < maxMs) {
      await pause(100);
      if (storefront.served.length !== count) {
        count = storefront.served.length;
        last = Date.now();
      }
    }
  }

  return {
    storefront,
    proxy,
    browser,
    newPage: () => bounded(browser.newPage(), 'open a tab'),
    openExtensionPage,
    send,
    inExtension,
    async tabIdOf(page) {
      const wanted = page.url();
      const id = await inExtension(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id ?? null, wanted);
      if (id === null) throw new Error(`no tab found for ${wanted}`);
      return id;
    },
    tabState: (tabId) => send<TabState | null>({ type: 'popup/get-tab-state', tabId }),
    async settledTabState(tabId) {
      let previous = JSON.stringify(await send<TabState | null>({ type: 'popup/get-tab-state', tabId }));
      for (let i = 0; i < 20; i += 1) {
        await pause(500);
        const current = JSON.stringify(await send<TabState | null>({ type: 'popup/get-tab-state', tabId }));
        if (current === previous) break;
        previous = current;
      }
      return JSON.parse(previous) as TabState | null;
    },
    report: (tabId) => send<AuditReport | null>({ type: 'popup/get-report', tabId }),
    async visit(page, url, quietMs = 1_000) {
      await retryOnce(
        `visit ${url}`,
        () => page.goto(url, { waitUntil: 'load', timeout: 40_000 }).then(() => undefined),
        async () => {},
        45_000,
      );
      await settle(quietMs);
    },
    settle,
    async close() {
      await bounded(browser.close(), 'close Firefox', 30_000).catch(() => browser.process()?.kill('SIGKILL'));
      await proxy.close();
      await storefront.close();
    },
  };
}
