import type { SigningKey } from '../core/report/evidence-signature';
import type { PolicyModel } from '../core/policy/schema';
import type { AuditReport } from '../core/audit/report-types';
import { previewView } from '../messaging/popup-view';
import type { FullPopupView } from '../messaging/popup-view';
import type { RequestLog } from '../core/report/request-log';
import type { SaveFile } from '../shared/download-text';
import type { OptionsSection, PopupClient, Versions } from './popup-client';

export interface MockPopupClient extends PopupClient {
  /** Change what the next getView() and getFullReport() answer (e.g. loading → ready). */
  setView(view: FullPopupView): void;
  readonly saved: SaveFile[];
  readonly openedOptions: Array<OptionsSection | undefined>;
  /** The tabs getView() was asked about, in order. */
  readonly reportRequests: number[];
  /** Tab ids of each getRequestLog() call. */
  readonly requestLogRequests: number[];
  /** The tabs getFullReport() was asked about, in order. */
  readonly fullReportRequests: number[];
  /** Grant or revoke host access as the browser would (listeners are told). */
  setHostAccess(granted: boolean): void;
  readonly hostAccessRequests: number;
}

export interface MockPopupClientOptions {
  tabId?: number | null;
  observations?: unknown;
  /** The model the report rests on, sealed in the exported bundle. */
  reportModel?: PolicyModel | null;
  /** The options page's signing key, if the test sets one. */
  signingKey?: SigningKey;
  /** What getRequestLog() answers (default null: no visit). */
  requestLog?: RequestLog | null;
  versions?: Versions;
  now?: number;
  /** Host access granted at start (default true); `grantOnRequest`: the user accepts the prompt. */
  hostAccess?: boolean;
  grantOnRequest?: boolean;
}

/**
 * A PopupClient over a fixed view (fixtures): for component tests and a dev page. Like the
 * background, it answers getView() with the report's preview and getFullReport() with the report.
 */
export function mockPopupClient(view: FullPopupView, options: MockPopupClientOptions = {}): MockPopupClient {
  let current = view;
  const saved: SaveFile[] = [];
  const openedOptions: Array<OptionsSection | undefined> = [];
  const reportRequests: number[] = [];
  const requestLogRequests: number[] = [];
  const fullReportRequests: number[] = [];
  let hostAccess = options.hostAccess ?? true;
  let hostAccessRequests = 0;
  const hostAccessListeners = new Set<() => void>();
  function setHostAccess(granted: boolean): void {
    hostAccess = granted;
    for (const listener of hostAccessListeners) listener();
  }
  return {
    saved,
    openedOptions,
    reportRequests,
    requestLogRequests,
    fullReportRequests,
    get hostAccessRequests() {
      return hostAccessRequests;
    },
    setHostAccess,
    async hasHostAccess() {
      return hostAccess;
    },
    async requestHostAccess() {
      hostAccessRequests += 1;
      if (options.grantOnRequest) setHostAccess(true);
      return hostAccess;
    },
    onHostAccessChange(listener) {
      hostAccessListeners.add(listener);
      return () => hostAccessListeners.delete(listener);
    },
    setView(next) {
      current = next;
    },
    async resolveTabId() {
      return options.tabId === undefined ? 1 : options.tabId;
    },
    async getView(tabId) {
      reportRequests.push(tabId);
      return previewView(current);
    },
    async getFullReport(tabId): Promise<AuditReport | null> {
      fullReportRequests.push(tabId);
      return current.state === 'ready' || current.state === 'no-model' ? current.report : null;
    },
    async getRequestLog(tabId) {
      requestLogRequests.push(tabId);
      return options.requestLog ?? null;
    },
    async getObservations() {
      return options.observations ?? { requests: [], cookies: [], storage: [] };
    },
    async getReportModel() {
      return options.reportModel ?? null;
    },
    async getSigningKey() {
      return options.signingKey ?? null;
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
