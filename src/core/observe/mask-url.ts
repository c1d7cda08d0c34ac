import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Turns a URL as the browser reported it into the URL PolicyLens keeps. */
export type UrlMask = (url: string) => string;

/** Keeps every value (the CLI's --keep-url-values, and tests that look at raw URLs). */
export const keepUrlValues: UrlMask = (url) => url;

/**
 * Query (and fragment) parameters whose values are kept: none of them identifies a visitor,
 * and the audit reads them. Consent Mode (gcs, gcd, npa, dma), Universal Analytics' IP
 * anonymisation (aip, utmip), protocol version and hit type (v, t), the property id (tid,
 * utmac: the shop's account, not the visitor's) and the TCF applicability flag (gdpr: 0/1).
 * Never cid, uid, _fbp, gdpr_consent or anything else: those are the visitor's.
 */
export const KEPT_PARAM_VALUES: ReadonlySet<string> = new Set(['gcs', 'gcd', 'npa', 'dma', 'aip', 'utmip', 'v', 't', 'tid', 'utmac', 'gdpr']);

/** A masked value: `~<length>.<8 hex digits of a salted hash>`. */
const MASKED = /^~\d+\.[0-9a-f]{8}$/;
const EMAIL_LIKE = /@|%40/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const LONG_NUMBER = /^\d{5,}$/;
const LONG_HEX = /^[0-9a-f]{16,}$/i;
const TOKEN = /^[\w~+=-]{20,}$/;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[a-z]/i;
const SCHEME_AND_AUTHORITY = /^([a-z][a-z\d+.-]*:\/\/)([^/?#]*)/i;

/**
 * A mask that replaces query and fragment values (and path segments that look like an id or
 * an e-mail address) by their length and a hash keyed with `salt`; parameter names, hosts and
 * ordinary path segments stay. The same value gives the same mask under one salt, so two hits
 * carrying one client id still read as one; without the salt the value cannot be recovered
 * by trying candidates. Masking a masked URL changes nothing.
 */
export function urlMasker(salt: Uint8Array): UrlMask {
  // The keyed state is made once; each value hashes from a copy of it (half the work of hmac()).
  const keyed = hmac.create(sha256, salt);
  const maskValue = (value: string): string =>
    MASKED.test(value) ? value : `~${value.length}.${bytesToHex(keyed.clone().update(utf8ToBytes(value)).digest()).slice(0, 8)}`;
  // A request's URL is masked again when it ends, and busy pages repeat URLs: the recent ones
  // are remembered (bounded, cleared when full) so the hash runs once per URL.
  const recent = new Map<string, string>();
  return (url) => {
    let masked = recent.get(url);
    if (masked === undefined) {
      masked = maskUrl(url, maskValue);
      if (recent.size >= RECENT_URLS) recent.clear();
      recent.set(url, masked);
    }
    return masked;
  };
}

const RECENT_URLS = 500;

function maskUrl(url: string, maskValue: (value: string) => string): string {
  const authority = SCHEME_AND_AUTHORITY.exec(url);
  // data:, blob:, about: and the like carry no visitor's value in a query: kept as they are.
  if (!authority) return url;
  const [prefix, scheme = '', userAndHost = ''] = authority;
  const at = userAndHost.lastIndexOf('@');
  const host = at < 0 ? userAndHost : `${maskValue(userAndHost.slice(0, at))}${userAndHost.slice(at)}`;
  let rest = url.slice(prefix.length);
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = `#${maskFragment(rest.slice(hash + 1), maskValue)}`;
    rest = rest.slice(0, hash);
  }
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = `?${maskParams(rest.slice(q + 1), maskValue)}`;
    rest = rest.slice(0, q);
  }
  return `${scheme}${host}${maskPath(rest, maskValue)}${query}${fragment}`;
}

function maskParams(query: string, maskValue: (value: string) => string): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return looksLikeIdentifier(part) ? maskValue(part) : part;
      const name = part.slice(0, eq);
      const value = part.slice(eq + 1);
      if (value === '' || KEPT_PARAM_VALUES.has(safeDecode(name).toLowerCase())) return part;
      return `${name}=${maskValue(value)}`;
    })
    .join('&');
}

/** A fragment is either parameters (`#access_token=…`) or a client-side route (`#/account/42817`). */
function maskFragment(fragment: string, maskValue: (value: string) => string): string {
  return fragment.includes('=') ? maskParams(fragment, maskValue) : maskPath(fragment, maskValue);
}

function maskPath(path: string, maskValue: (value: string) => string): string {
  return path
    .split('/')
    .map((segment) => (looksLikeIdentifier(segment) ? maskValue(segment) : segment))
    .join('/');
}

/** An e-mail address, a UUID, a long number, a long hex string or a long mixed token: someone's id, not a route. */
function looksLikeIdentifier(segment: string): boolean {
  if (segment === '' || MASKED.test(segment)) return false;
  if (EMAIL_LIKE.test(segment)) return true;
  if (UUID.test(segment) || LONG_NUMBER.test(segment) || LONG_HEX.test(segment)) return true;
  return TOKEN.test(segment) && HAS_DIGIT.test(segment) && HAS_LETTER.test(segment);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
