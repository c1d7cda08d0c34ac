import type { PopupView } from '../messaging/popup-view';
import type { SaveFile } from '../shared/download-text';
import type { OptionsSection, PopupClient, Versions } from './popup-client';

export interface MockPopupClient extends PopupClient {
  /** Change what the next getReport() returns (e.g. loading → ready). */
  setView(view: PopupView): void;
  readonly saved: SaveFile[];
  readonly openedOptions: Array<OptionsSection | undefined>;
  readonly reportRequests: number[];
}

export interface MockPopupClientOptions {
  tabId?: number | null;
  observations?: unknown;
  versions?: Versions;
  now?: number;
}

/** A PopupClient over a fixed view (fixtures): for component tests and a dev page. */
export function mockPopupClient(view: PopupView, options: MockPopupClientOptions = {}): MockPopupClient {
  let current = view;
  const saved: SaveFile[] = [];
  const openedOptions: Array<OptionsSection | undefined> = [];
  const reportRequests: number[] = [];
  return {
    saved,
    openedOptions,
    reportRequests,
    setView(next) {
      current = next;
    },
    async resolveTabId() {
      return options.tabId === undefined ? 1 : options.tabId;
    },
    async getReport(tabId) {
      reportRequests.push(tabId);
      return current;
    },
    async getObservations() {
      return options.observations ?? { requests: [], cookies: [], storage: [] };
    },
    async getVersions() {
      return options.versions ?? { extension: '0.1.0', browser: 'Chrome/156.0.0.0' };
    },
    async openOptions(section) {
      openedOptions.push(section);
    },
    saveFile(file) {
      saved.push(file);
    },
    now() {
      return options.now ?? Date.UTC(2025, 2, 14, 10, 0, 0);
    },
  };
}
