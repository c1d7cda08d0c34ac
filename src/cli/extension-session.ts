import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { TabState } from '../core/observe/tab-state';
import type { TabSummary } from '../core/observe/summarise-tab';
import type { AuditReport } from '../core/audit/report-types';
import type { PopupRequests } from '../messaging/protocol';
import type { LaunchedBrowser } from './launch-browser';
import type { PolicyModel } from '../core/policy/schema';
import { HIGH_ENTROPY_HINTS, type HighEntropyValues } from './devtools/visitor-user-agent';
import { KEEP_URL_VALUES_KEY, URL_MASK_SALT_KEY } from '../messaging/url-mask-keys';

export const POPUP_PATH = 'src/popup/index.html';

/**
 * Talks to the loaded extension the way its own popup does: through an extension page
 * that sends the same runtime messages. Nothing here reads the worker's memory directly.
 */
export class ExtensionSession {
  private controlPage: Page | null = null;

  constructor(private readonly browser: LaunchedBrowser) {}

  get context(): BrowserContext {
    return this.browser.context;
  }

  get extensionId(): string {
    return this.browser.extensionId;
  }

  popupUrl(tabId: number, query = ''): string {
    return `chrome-extension://${this.extensionId}/${POPUP_PATH}?tab=${tabId}${query}`;
  }

  private async control(): Promise<Page> {
    if (this.controlPage && !this.controlPage.isClosed()) return this.controlPage;
    const page = await this.context.newPage();
    // The popup page itself serves as the control channel: same origin, same messaging.
    await page.goto(this.popupUrl(-1));
    this.controlPage = page;
    return page;
  }

  /** The browser tab id of a page, found by its URL through the tabs API. */
  async tabIdOf(page: Page): Promise<number> {
    const control = await this.control();
    const url = page.url();
    const id = await control.evaluate(async (wanted) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === wanted)?.id ?? null;
    }, url);
    if (id === null) throw new Error(`no tab found for ${url}`);
    return id;
  }

  /**
   * How the extension keeps URLs from now on: masked with this audit's salt (hex), or with
   * their values (`null`: --keep-url-values). Set before the visit, through the same storage
   * the extension's own settings use.
   */
  async configureUrlMask(saltHex: string | null): Promise<void> {
    const control = await this.control();
    await control.evaluate(
      async ({ saltKey, keepKey, salt }) => {
        await chrome.storage.local.set({ [keepKey]: salt === null });
        if (salt !== null) await chrome.storage.session.set({ [saltKey]: salt });
      },
      { saltKey: URL_MASK_SALT_KEY, keepKey: KEEP_URL_VALUES_KEY, salt: saltHex },
    );
  }

  /** The model the extension drafted from the consent tool's declaration on the tab's page, or null. */
  async declaredModel(tabId: number): Promise<PolicyModel | null> {
    const control = await this.control();
    return control.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-declared-model', tabId: id }), tabId) as Promise<PolicyModel | null>;
  }

  async tabState(tabId: number): Promise<TabState | null> {
    const control = await this.control();
    return control.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-tab-state', tabId: id }), tabId) as Promise<TabState | null>;
  }

  async tabSummary(tabId: number): Promise<TabSummary | null> {
    const control = await this.control();
    return control.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-tab-summary', tabId: id }), tabId) as Promise<TabSummary | null>;
  }

  /** The audit report the popup would show for this tab (the extension audits; the CLI only asks). */
  async report(tabId: number): Promise<AuditReport | null> {
    const control = await this.control();
    return control.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-report', tabId: id }), tabId) as Promise<AuditReport | null>;
  }

  /**
   * Imports a policy model into the extension's registry and makes it apply to `host`,
   * through the same registry the options page uses. Undefined answers (a build without the
   * message) come back as an error rather than a silent default.
   */
  async usePolicy(text: string, fileName: string, host: string): Promise<PopupRequests['cli/use-policy']['response']> {
    const control = await this.control();
    const answer = (await control.evaluate((message) => chrome.runtime.sendMessage(message), { type: 'cli/use-policy' as const, text, fileName, host })) as
      PopupRequests['cli/use-policy']['response'] | undefined;
    return (
      answer ?? {
        ok: false,
        errors: [{ file: fileName, path: '', message: 'this build of the extension does not accept a policy from the CLI (no answer to cli/use-policy)' }],
      }
    );
  }

  /** The browser's product and version, e.g. "HeadlessChrome/156.0.7000.0". */
  async browserVersion(): Promise<string> {
    const control = await this.control();
    const cdp = await this.context.newCDPSession(control);
    try {
      const version = (await cdp.send('Browser.getVersion')) as { product: string };
      return version.product;
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  /** The browser's own user agent and client hints, read in an extension page (never overridden). */
  async browserUserAgent(): Promise<{ userAgent: string; hints: HighEntropyValues }> {
    const control = await this.control();
    return control.evaluate(
      async (wanted) => {
        const data = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(h: string[]): Promise<HighEntropyValues> } }).userAgentData;
        return { userAgent: navigator.userAgent, hints: data ? await data.getHighEntropyValues(wanted) : {} };
      },
      [...HIGH_ENTROPY_HINTS],
    );
  }

  /**
   * Chrome starts the worker before its webRequest listeners are live, so the first page
   * after launch can lose events. Load a page until the worker has observed one.
   */
  async warmUp(url: string, timeoutMs = 45_000): Promise<void> {
    const page = await this.context.newPage();
    const deadline = Date.now() + timeoutMs;
    try {
      while (Date.now() < deadline) {
        await page.goto(url);
        const tabId = await this.tabIdOf(page);
        const state = await this.tabState(tabId);
        if (state && state.requests.some((r) => r.resourceType === 'main_frame')) return;
        await page.waitForTimeout(200);
      }
      throw new Error('the extension did not start observing within the time limit');
    } finally {
      await page.close();
    }
  }

  /** The current service worker (a new one after a restart). */
  async serviceWorker(): Promise<Worker> {
    return this.context.serviceWorkers()[0] ?? this.context.waitForEvent('serviceworker', { timeout: 15_000 });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
