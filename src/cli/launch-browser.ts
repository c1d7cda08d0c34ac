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
  /**
   * The reader's language (`--lang`): the browser's UI language (chrome.i18n, and so the popup)
   * and its locale, as a shopper of that language browses. Overrides `locale`: Playwright passes
   * its locale to Chromium as `--lang` too, and the last one wins.
   */
  uiLanguage?: string;
  /** Open a DevTools-protocol port on loopback (written to the profile's DevToolsActivePort) for a second client. */
  devtoolsPort?: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  profileDir: string;
  /** What the browser was told about cookies and storage, for the report. */
  policy: BrowserPolicy;
  close(): Promise<void>;
}

export interface BrowserPolicy {
  thirdPartyCookies: 'blocked' | 'allowed';
  /** The --disable-features the browser got (Playwright's default list is replaced by this one). */
  disabledFeatures: string[];
}

/**
 * Playwright disables Chromium features for its own test stability, among them
 * ThirdPartyStoragePartitioning: a third-party frame would then share storage across sites,
 * which no stock Chrome does. Chromium keeps only the last --disable-features, so this
 * list, passed after Playwright's, replaces it: only features that make the browser call
 * Google on its own at start (never anything about cookies, storage or the page) stay off.
 */
export const AUDIT_DISABLED_FEATURES: readonly string[] = [
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'MediaRouter',
  'LensOverlay',
];

/** One --disable-features: ours plus any the user passed (a second flag would silently replace the first). */
export function mergeDisabledFeatures(userArgs: readonly string[]): { args: string[]; features: string[] } {
  const { args, values } = mergeSwitchList(userArgs, '--disable-features', AUDIT_DISABLED_FEATURES);
  return { args, features: values };
}

/**
 * Blink features turned off so the page cannot tell a driven browser: AutomationControlled is
 * what makes `navigator.webdriver` true (headless Chromium turns it on even without
 * --enable-automation, which Playwright no longer passes).
 */
export const AUDIT_DISABLED_BLINK_FEATURES: readonly string[] = ['AutomationControlled'];

/** Folds every `<name>=a,b` of the user's into one list after `defaults` (Chromium keeps only the last such flag). */
export function mergeSwitchList(userArgs: readonly string[], name: string, defaults: readonly string[]): { args: string[]; values: string[] } {
  const values = new Set(defaults);
  const args: string[] = [];
  const prefix = `${name}=`;
  for (const arg of userArgs) {
    if (!arg.startsWith(prefix)) {
      args.push(arg);
      continue;
    }
    for (const f of arg.slice(prefix.length).split(',')) if (f.trim() !== '') values.add(f.trim());
  }
  return { args, values: [...values] };
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

const VIEWPORT = { width: 1280, height: 900 };
const SCREEN = { width: 1920, height: 1080 };

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
  const user = mergeDisabledFeatures(options.browserArgs ?? []);
  const blink = mergeSwitchList(user.args, '--disable-blink-features', AUDIT_DISABLED_BLINK_FEATURES);
  const locale = options.uiLanguage ?? options.locale ?? 'en-US';
  const args = [
    ...BASE_ARGS,
    ...(options.devtoolsPort ? ['--remote-debugging-port=0'] : []),
    ...(extensionDir === null ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    // chrome.i18n follows the browser's UI language, not the page locale.
    `--lang=${locale}`,
    ...blink.args,
    `--disable-features=${user.features.join(',')}`,
    `--disable-blink-features=${blink.values.join(',')}`,
  ];
  const policy: BrowserPolicy = { thirdPartyCookies: options.allowThirdPartyCookies ? 'allowed' : 'blocked', disabledFeatures: user.features };
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.path,
    headless: options.headless ?? true,
    args,
    // Certificate errors stay visible (a TLS error is a finding of its own); tests that map real
    // hostnames to the fixture pass --ignore-certificate-errors themselves.
    ignoreHTTPSErrors: false,
    locale,
    viewport: VIEWPORT,
    // Playwright's emulation makes the screen as small as the viewport; a visitor's window sits on a larger screen.
    screen: SCREEN,
    // Playwright hides scrollbars in headless mode; a desktop Chromium on Linux or Windows shows them (15 px), so
    // a page that measures them would tell.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
  };
  if (extensionDir === null) return { context, profileDir, policy, close };
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, serviceWorker, extensionId, profileDir, policy, close };
}
