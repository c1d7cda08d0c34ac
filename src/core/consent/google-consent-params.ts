import type { ConsentObservation } from './consent-state';

// gcs=G1<ad_storage><analytics_storage>, e.g. G100 (both denied), G111 (both granted).
const GCS = /^G1([01-])([01-])$/;

/**
 * The Consent Mode state a Google request says it was sent under (`gcs`), or null when
 * the request carries none. Evidence of the mechanism, not of the visitor's choice.
 */
export function googleConsentFromUrl(url: string, at: number): ConsentObservation | null {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('gcs=', q)) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(q + 1).split('#')[0]);
  } catch {
    return null;
  }
  const gcs = params.get('gcs');
  const match = gcs ? GCS.exec(gcs) : null;
  if (!match) return null;
  // '-' means the tag did not set that type: no value, not a denial.
  const granted: ConsentObservation['granted'] = {};
  if (match[1] !== '-') granted.marketing = match[1] === '1';
  if (match[2] !== '-') granted.statistics = match[2] === '1';
  return {
    kind: 'consent',
    at,
    source: 'google-request',
    tool: null,
    phase: 'update',
    granted,
    explicit: false,
    detail: `gcs=${gcs}${params.get('gcd') ? ` gcd=${params.get('gcd')}` : ''}`,
  };
}
