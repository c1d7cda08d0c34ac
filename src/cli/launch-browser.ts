import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findBrowser } from './find-browser';

export interface LaunchOptions {
  /**
   * Unpacked extension folder (the build's dist/). null: the same browser, profile set-up and
   * flags without any extension, as the baseline of overhead measurements.
   */
  extensionDir: string | null;
  browserPath?: string;
  /** Extra Chromium flags (proxy, --host-resolver-rules, …). */
  browserArgs?: string[];
  /** Fresh profiles of Chromium block third-party cookies; a real shopper's browser may not. */
  allowThirdPartyCookies?: boolean;
  headless?: boolean;
  locale?: string;
  /** The browser's UI language (chrome.i18n, and so the popup); the page locale stays `locale`. */
  uiLanguage?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  profileDir: string;
  close(): Promise<void>;
}

// Flags measured to work with Debian's Chromium headless on this kind of machine (see README).
const BASE_ARGS = [
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-default-browser-check',
];

/** Chromium without an extension: the worker and extension id do not exist. */
export type LaunchedBareBrowser = Omit<LaunchedBrowser, 'serviceWorker' | 'extensionId'>;

/** Chromium with the built extension loaded, in a throw-away profile. */
export async function launchWithExtension(options: LaunchOptions & { extensionDir: string }): Promise<LaunchedBrowser>;
/** The same browser and flags without the extension (`extensionDir: null`). */
export async function launchWithExtension(options: LaunchOptions & { extensionDir: null }): Promise<LaunchedBareBrowser>;
export async function launchWithExtension(options: LaunchOptions): Promise<LaunchedBrowser | LaunchedBareBrowser> {
  const browser = findBrowser(options.browserPath);
  if (!browser.ok) throw new Error(browser.message);
  const extensionDir = options.extensionDir === null ? null : path.resolve(options.extensionDir);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'policylens-profile-'));
  mkdirSync(path.join(profileDir, 'Default'), { recursive: true });
  const preferences: Record<string, unknown> = {};
  if (options.allowThirdPartyCookies) preferences.profile = { cookie_controls_mode: 0, block_third_party_cookies: false };
  writeFileSync(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify(preferences));
  const args = [
    ...BASE_ARGS,
    ...(extensionDir === null ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    // chrome.i18n follows the browser's UI language, not the page locale.
    `--lang=${options.uiLanguage ?? options.locale ?? 'en-US'}`,
    ...(options.browserArgs ?? []),
  ];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.path,
    headless: options.headless ?? true,
    args,
    // Certificate errors stay visible (a TLS error is a finding of its own); tests that map real
    // hostnames to the fixture pass --ignore-certificate-errors themselves.
    ignoreHTTPSErrors: false,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
  };
  if (extensionDir === null) return { context, profileDir, close };
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, serviceWorker, extensionId, profileDir, close };
}
