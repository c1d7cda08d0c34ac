/**
 * Per-tab caps. A page that fires 50,000 requests must not grow the worker's memory (or
 * storage.session, 10 MB in Chrome) without bound; what does not fit is counted instead.
 */
export interface TabLimits {
  requests: number;
  cookies: number;
  cookieAttempts: number;
  consent: number;
  /**
   * Consent signals kept per source (the page's gtag calls, the consent tool's record, …): the
   * first ones and always the latest. Six sources × 80 stay under `consent`, so no source can
   * crowd another out.
   */
  consentPerSource: number;
  storageKeys: number;
  resources: number;
  frames: number;
  /** Longest URL kept; longer ones are cut (a tracking pixel can carry kilobytes of query). */
  urlLength: number;
}

export const TAB_LIMITS: Readonly<TabLimits> = {
  requests: 20_000,
  cookies: 5_000,
  cookieAttempts: 5_000,
  consent: 500,
  consentPerSource: 80,
  storageKeys: 5_000,
  resources: 5_000,
  frames: 1_000,
  urlLength: 2_048,
};

/**
 * Bytes of storage.session the extension's tab states may take, as estimated on every write
 * (key + UTF-8 value). Chromium's quota is 10 MiB; the rest is headroom for the write that
 * passes the budget (which still goes out) and for Chromium's own per-value overhead.
 */
export const STORAGE_BUDGET_BYTES = 7 * 1024 * 1024;

/**
 * Caps on one item of page data (content-script messages): past them an item is cut or counted,
 * never the whole message dropped. Names and URLs longer than `textLength` are cut with a marker
 * that gives their real length; a snapshot or batch keeps its first `itemsPerMessage` items and
 * counts the rest as overflow.
 */
export const INPUT_LIMITS = {
  textLength: 4_096,
  itemsPerMessage: 2_000,
} as const;
