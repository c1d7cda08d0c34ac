import type { SigningKey } from '../core/report/evidence-signature';
import { signingKeyFromHex } from '../core/report/signing-key-file';
import type { PolicyModel } from '../core/policy/schema';
import browser from 'webextension-polyfill';
import type { AuditReport } from '../core/audit/report-types';
import type { PopupView } from '../messaging/popup-view';
import type { RequestLog } from '../core/report/request-log';
import { request } from '../messaging/request';
import { downloadText } from '../shared/download-text';
import type { SaveFile } from '../shared/download-text';

// The popup's components and the mock import these from their client.
export type { FullPopupView, PolicyLink, PopupView } from '../messaging/popup-view';
export type { SaveFile } from '../shared/download-text';

export interface Versions {
  extension: string;
  browser: string;
}

export type OptionsSection = 'import' | 'draft';

/**
 * What the popup needs from the extension. The extension client below talks to the
 * background; a fixture-backed mock (mock-popup-client.ts) renders without a browser.
 */
export interface PopupClient {
  /**
   * The tab to show: `?tab=<id>` when opened as a page (tests, screenshots), else the active
   * tab; null for no tab (`?tab=-1`).
   */
  resolveTabId(): Promise<number | null>;
  /** What to show: the state, and a report's preview (verdict, counts, first findings). */
  getView(tabId: number): Promise<PopupView>;
  /** The whole report, asked for once the first screen is up (other tabs, the rest of the list, exports); null when gone. */
  getFullReport(tabId: number): Promise<AuditReport | null>;
  /** The tab's request log, asked for only when it is shown or exported (it can be large). */
  getRequestLog(tabId: number): Promise<RequestLog | null>;
  /** The tab's raw observation log, packed into the evidence bundle. */
  getObservations(tabId: number): Promise<unknown>;
  /** The model the tab's report rests on (null: the legal baseline), sealed with the observations. */
  getReportModel(tabId: number): Promise<PolicyModel | null>;
  /** The key set on the options page to sign exported bundles, or null (unsigned). */
  getSigningKey(): Promise<SigningKey | null>;
  getVersions(): Promise<Versions>;
  openOptions(section?: OptionsSection): Promise<void>;
  /** Offer a file for download. */
  saveFile(file: SaveFile): void;
  /** Wall clock in epoch ms (export timestamps); injectable so tests are deterministic. */
  now(): number;
  /**
   * Whether the extension may observe every http(s) site. Firefox MV3 treats host permissions
   * as optional (the user can withhold or revoke them); Chrome lets the user restrict site access.
   */
  hasHostAccess(): Promise<boolean>;
  /** Asks the user; call it straight from the click (browsers require a user gesture). */
  requestHostAccess(): Promise<boolean>;
  /** Calls back when a permission is granted or revoked; returns the unsubscribe. */
  onHostAccessChange(listener: () => void): () => void;
}

const CHROMIUM_RE = /(?:Chrome|Chromium|Edg|Firefox)\/[\d.]+/g;

export function extensionPopupClient(search: string): PopupClient {
  return {
    async resolveTabId() {
      const explicit = new URLSearchParams(search).get('tab');
      // A negative id (`?tab=-1`: the e2e/CLI control page) means "no tab": send nothing.
      if (explicit !== null && /^-?\d+$/.test(explicit)) return Number(explicit) >= 0 ? Number(explicit) : null;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
    getView: (tabId) => request('popup/get-view', { tabId }),
    getFullReport: (tabId) => request('popup/get-report', { tabId }),
    getRequestLog: (tabId) => request('popup/get-request-log', { tabId }),
    getObservations: (tabId) => request('popup/get-tab-state', { tabId }),
    getReportModel: (tabId) => request('popup/get-report-model', { tabId }),
    getSigningKey: async () => signingKeyFromHex((await request('popup/get-signing-key', {}))?.secretKey),
    async getVersions() {
      return { extension: browser.runtime.getManifest().version, browser: await browserVersion() };
    },
    async openOptions(section) {
      // openOptionsPage() cannot carry a fragment; open the page's URL when a section is wanted.
      if (!section) return browser.runtime.openOptionsPage();
      const manifest = browser.runtime.getManifest() as { options_ui?: { page?: string }; options_page?: string };
      const page = manifest.options_ui?.page ?? manifest.options_page;
      if (!page) return browser.runtime.openOptionsPage();
      // Drafting can take the text of the page the popup was opened on (the privacy page).
      const tabId = section === 'draft' ? await this.resolveTabId() : null;
      await browser.tabs.create({ url: browser.runtime.getURL(`${page}${tabId !== null ? `?sourceTab=${tabId}` : ''}#${section}`) });
    },
    saveFile(file) {
      downloadText(file);
    },
    now() {
      return Date.now();
    },
    hasHostAccess() {
      return browser.permissions.contains({ origins: hostOrigins() });
    },
    requestHostAccess() {
      return browser.permissions.request({ origins: hostOrigins() });
    },
    onHostAccessChange(listener) {
      browser.permissions.onAdded.addListener(listener);
      browser.permissions.onRemoved.addListener(listener);
      return () => {
        browser.permissions.onAdded.removeListener(listener);
        browser.permissions.onRemoved.removeListener(listener);
      };
    },
  };
}

/** The origins manifest.json asks for (host_permissions), the single source of truth. */
export function hostOrigins(): string[] {
  return (browser.runtime.getManifest() as { host_permissions?: string[] }).host_permissions ?? [];
}

interface UserAgentData {
  getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: Array<{ brand: string; version: string }> }>;
}

// The user-agent string is frozen to "Chrome/<major>.0.0.0"; the full version needs UA hints.
async function browserVersion(): Promise<string> {
  const uaData = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  try {
    const list = (await uaData?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];
    const named = list.filter((b) => !/not.?a.?brand/i.test(b.brand));
    if (named.length > 0) return named.map((b) => `${b.brand}/${b.version}`).join(' ');
  } catch {
    // Fall back to the user-agent string below.
  }
  const agents = navigator.userAgent.match(CHROMIUM_RE) ?? [];
  return agents.join(' ') || navigator.userAgent;
}
