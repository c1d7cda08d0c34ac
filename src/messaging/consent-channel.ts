/**
 * Name of the DOM event that carries consent signals from the page's main world to the
 * isolated content script. Fixed per build (vite `define`), so no page learns it from the
 * extension's files (there are no web-accessible resources to read it from).
 */
declare const __POLICYLENS_CONSENT_CHANNEL__: string;

export const CONSENT_CHANNEL: string = __POLICYLENS_CONSENT_CHANNEL__;
