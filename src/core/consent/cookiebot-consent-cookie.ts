import type { ConsentObservation } from './consent-state';

const FLAG = /(preferences|statistics|marketing):(true|false|!0|!1)/g;

/**
 * The choice stored in Cookiebot's `CookieConsent` cookie by an earlier visit, as a
 * consent observation at the start of this visit. Only the three flags are read; the
 * cookie value itself is never kept. '-1' means Cookiebot decided no consent is needed
 * in the visitor's region: reported as no choice (null).
 */
export function consentFromCookiebotCookie(value: string, at: number): ConsentObservation | null {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // Keep the raw value; the flags are plain ASCII either way.
  }
  if (decoded.trim() === '-1') return null;
  const granted: ConsentObservation['granted'] = {};
  for (const [, category, flag] of decoded.matchAll(FLAG)) {
    granted[category as 'preferences' | 'statistics' | 'marketing'] = flag === 'true' || flag === '!0';
  }
  if (Object.keys(granted).length === 0) return null;
  return {
    kind: 'consent',
    at,
    source: 'cookiebot',
    tool: 'cookiebot',
    phase: 'update',
    granted,
    explicit: true,
    detail: 'CookieConsent cookie from an earlier visit',
  };
}
