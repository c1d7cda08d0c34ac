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

export type ConsentTool = 'cookiebot' | 'iab-tcf' | 'onetrust' | 'usercentrics' | 'didomi' | 'other';

export interface ConsentSnapshot {
  status: ConsentStatus;
  /** Which optional categories are granted; all false while no choice was made. */
  granted: Record<ConsentCategory, boolean>;
  /** The observation that set this state; null before any choice. */
  since: number | null;
  source: ConsentSignalSource | null;
}

export type ConsentSignalSource =
  /** window.Cookiebot / CookieConsent cookie, read in the page's main world. */
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
}

export const NO_CHOICE: ConsentSnapshot = {
  status: 'no-choice',
  granted: { necessary: true, preferences: false, statistics: false, marketing: false },
  since: null,
  source: null,
};
