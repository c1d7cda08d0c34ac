import type { GcdState } from './google-consent-gcd';

/** The consent categories a CMP reports, normalised to Cookiebot's four. */
export type ConsentCategory = 'necessary' | 'preferences' | 'statistics' | 'marketing';

export type ConsentStatus =
  /** No choice made yet (banner shown or no banner at all). */
  | 'no-choice'
  /** Every optional category accepted. */
  | 'accepted'
  /** Some optional categories accepted. */
  | 'partial'
  /** Every optional category refused (or consent withdrawn). */
  | 'refused';

export const CONSENT_TOOLS = [
  'cookiebot',
  'iab-tcf',
  'onetrust',
  'usercentrics',
  'didomi',
  'shopify',
  'borlabs',
  'complianz',
  'cookieyes',
  'klaro',
  'google-consent-mode',
  'other',
] as const;
export type ConsentTool = (typeof CONSENT_TOOLS)[number];

export interface ConsentSnapshot {
  status: ConsentStatus;
  /** Which optional categories are granted; all false while no choice was made. */
  granted: Record<ConsentCategory, boolean>;
  /** The observation that set this state; null before any choice. */
  since: number | null;
  source: ConsentSignalSource | null;
}

export const CONSENT_SIGNAL_SOURCES = ['consent-record', 'cookiebot', 'iab-tcf', 'google-consent-mode', 'google-request', 'visitor-action'] as const;

export type ConsentSignalSource =
  /**
   * The consent tool's own stored record (a cookie read with the cookies API, a Web Storage
   * key read by the isolated content script): what the tool will act on, and what page script
   * cannot fake without also changing what the tool stores.
   */
  | 'consent-record'
  /** window.Cookiebot, read in the page's main world (page-reported: the page can forge it). */
  | 'cookiebot'
  /** __tcfapi TC string, decoded. */
  | 'iab-tcf'
  /** gtag('consent', 'default' | 'update', …) commands in dataLayer. */
  | 'google-consent-mode'
  /** The gcs parameter Google requests carry. */
  | 'google-request'
  /**
   * What the visitor did, as the CLI's consent automation knows it (the click that refused,
   * accepted or withdrew): the moment the choice applies, whatever the page records later.
   */
  | 'visitor-action';

/**
 * What a consent banner's first layer offered when the visitor chose (CLI): its visible
 * buttons counted by autoconsent's own button-text patterns (reject / settings / accept).
 */
export interface BannerFirstLayer {
  /** autoconsent's name for the consent tool whose banner it was, when it knew one. */
  cmp: string | null;
  accept: number;
  reject: number;
  settings: number;
}

/** One consent signal seen on the page, stamped with the page's clock. */
export interface ConsentObservation {
  kind: 'consent';
  at: number;
  source: ConsentSignalSource;
  /** The CMP that produced it, when the signal names one. */
  tool: ConsentTool | null;
  /** 'default' for Consent Mode defaults and a CMP's initial no-choice state. */
  phase: 'default' | 'update' | 'withdraw';
  granted: Partial<Record<ConsentCategory, boolean>>;
  /** Whether the visitor made an explicit choice (Cookiebot hasResponse, TCF useractioncomplete). */
  explicit: boolean;
  /** Short machine detail, e.g. the TCF CMP id or the gcs value; never a cookie value. */
  detail: string | null;
  /** For 'consent-record': which record it came from (cookie name or storage key, never its value). */
  record?: { store: ConsentRecordStore; name: string } | undefined;
  /** For 'visitor-action': when the consent automation was asked (the click lies between it and `at`). */
  calledAt?: number | undefined;
  /** For 'visitor-action': what the banner's first layer offered before the choice. */
  firstLayer?: BannerFirstLayer | undefined;
  /** IAB TCF purposes and vendors with consent, where the record carries them. */
  tcf?: { cmpId: number; purposes: number[]; vendors: number[] } | undefined;
  /**
   * For 'consent-record': the record was already stored when the visit began (an earlier
   * visit's choice). The consent timeline puts it in force from the visit's first request.
   */
  carried?: true | undefined;
  /** For 'google-request': the four Consent Mode v2 types, as the request's gcd says them. */
  googleConsent?: GcdState | undefined;
}

/** Where a consent tool keeps its record. */
export type ConsentRecordStore = 'cookie' | 'localStorage' | 'sessionStorage';

export const NO_CHOICE: ConsentSnapshot = {
  status: 'no-choice',
  granted: { necessary: true, preferences: false, statistics: false, marketing: false },
  since: null,
  source: null,
};
