/**
 * The optional main-world consent reader (off by default): the setting that turns it on and
 * the two scripts the background registers while it is on. The files are built outside
 * crxjs (build/registered-scripts.ts), so they are no web_accessible_resources: a page
 * cannot fetch them to learn that PolicyLens is installed.
 */

/** extension storage.local key: true when the user turned the page-reported reader on. */
export const PAGE_CONSENT_READER_SETTING = 'settings.pageConsentReader';

export const PAGE_CONSENT_READER_SCRIPTS = [
  /** Isolated world: passes the reader's events to the background (listens only while registered). */
  { id: 'policylens-consent-bridge', entry: 'src/content/consent-bridge.ts', file: 'registered/consent-bridge.js', world: 'ISOLATED' },
  /** Main world: reads window.Cookiebot, __tcfapi and dataLayer (page-reported, forgeable). */
  { id: 'policylens-page-consent-reader', entry: 'src/page/main-world.ts', file: 'registered/main-world.js', world: 'MAIN' },
] as const;
