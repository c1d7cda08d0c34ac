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

/**
 * Reads the Consent Mode state Google requests echo, as one signal per change and host: a
 * busy page sends thousands of hits with the same gcs, and only a change tells anything new.
 * Feed it the requests in the order they were made.
 */
export class GoogleConsentEchoes {
  private readonly lastByHost = new Map<string, string>();

  read(url: string, host: string, at: number): ConsentObservation | null {
    // Nearly every request has no gcs at all: one scan of the URL says so.
    if (!url.includes('gcs=')) return null;
    const gcs = rawQueryParam(url, 'gcs');
    if (gcs === null) return null;
    const echo = `${gcs}|${rawQueryParam(url, 'gcd') ?? ''}`;
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
