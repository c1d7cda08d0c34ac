import browser from 'webextension-polyfill';
import type { TabSummary } from '../core/observe/summarise-tab';
import { requestFromBackground } from '../messaging/transport';

/** What the popup needs from the extension; a fixture-backed mock implements it in tests. */
export interface PopupClient {
  /** The tab to show: `?tab=<id>` when opened as a page (tests, screenshots), else the active tab. */
  resolveTabId(): Promise<number | null>;
  getTabSummary(tabId: number): Promise<TabSummary | null>;
}

export function extensionPopupClient(search: string): PopupClient {
  return {
    async resolveTabId() {
      const explicit = new URLSearchParams(search).get('tab');
      if (explicit !== null && /^\d+$/.test(explicit)) return Number(explicit);
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
    getTabSummary(tabId) {
      return requestFromBackground('popup/get-tab-summary', { tabId });
    },
  };
}
