import type { ConsentObservation } from './consent-state';
import { decodeGcd } from './google-consent-gcd';

// gcs=G1<ad_storage><analytics_storage>, e.g. G100 (both denied), G111 (both granted).
const GCS = /^G1([01-])([01-])$/;

/**
 * The Consent Mode state a Google request says it was sent under (`gcs`, and `gcd` with the
 * two v2 types), or null when the request carries neither. Evidence of the mechanism, not
 * of the visitor's choice. gcs decides ad_storage and analytics_storage where both are there.
 */
export function googleConsentFromUrl(url: string, at: number): ConsentObservation | null {
  const q = url.indexOf('?');
  if (q < 0 || (!url.includes('gcs=', q) && !url.includes('gcd=', q))) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(q + 1).split('#')[0]);
  } catch {
    return null;
  }
  const gcs = params.get('gcs');
  const match = gcs ? GCS.exec(gcs) : null;
  const gcdValue = params.get('gcd');
  const gcd = gcdValue ? decodeGcd(gcdValue) : null;
  if (!match && !gcd) return null;
  const granted: ConsentObservation['granted'] = {};
  if (gcd) {
    if (gcd.adStorage.state) granted.marketing = gcd.adStorage.state === 'granted';
    if (gcd.analyticsStorage.state) granted.statistics = gcd.analyticsStorage.state === 'granted';
  }
  // '-' means the tag did not set that type: no value, not a denial.
  if (match && match[1] !== '-') granted.marketing = match[1] === '1';
  if (match && match[2] !== '-') granted.statistics = match[2] === '1';
  // Only values that parsed go into the detail: the rest of the URL is the page's text.
  const detail = [match ? `gcs=${gcs}` : null, gcd ? `gcd=${gcdValue}` : null].filter((d) => d !== null).join(' ');
  return {
    kind: 'consent',
    at,
    source: 'google-request',
    tool: null,
    phase: 'update',
    granted,
    explicit: false,
    detail,
    ...(gcd ? { googleConsent: gcd } : {}),
  };
}

/**
 * Reads the Consent Mode state Google requests echo, as one signal per change and host: a
 * busy page sends thousands of hits with the same gcs, and only a change tells anything new.
 * Feed it the requests in the order they were made.
 */
export class GoogleConsentEchoes {
  private readonly lastByHost = new Map<string, string>();

  read(url: string, host: string, at: number): ConsentObservation | null {
    // Nearly every request has neither gcs nor gcd: two scans of the URL say so.
    if (!url.includes('gcs=') && !url.includes('gcd=')) return null;
    const gcs = rawQueryParam(url, 'gcs');
    const gcd = rawQueryParam(url, 'gcd');
    if (gcs === null && gcd === null) return null;
    const echo = `${gcs ?? ''}|${gcd ?? ''}`;
    if (echo === this.lastByHost.get(host)) return null;
    const signal = googleConsentFromUrl(url, at);
    if (signal) this.lastByHost.set(host, echo);
    return signal;
  }
}

/** A query parameter's raw (undecoded) value, without parsing the whole query. */
function rawQueryParam(url: string, name: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const hash = url.indexOf('#', q);
  const end = hash < 0 ? url.length : hash;
  let at = url.indexOf(`${name}=`, q);
  while (at >= 0 && at < end) {
    const before = url.charCodeAt(at - 1);
    if (before === 0x3f /* ? */ || before === 0x26 /* & */) {
      const amp = url.indexOf('&', at);
      return url.slice(at + name.length + 1, amp < 0 || amp > end ? end : amp);
    }
    at = url.indexOf(`${name}=`, at + 1);
  }
  return null;
}
