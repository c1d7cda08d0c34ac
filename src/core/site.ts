import { getDomain, getHostname } from 'tldts';

/**
 * Registrable domain (eTLD+1) of a hostname, public-suffix aware (including private
 * suffixes such as github.io). Falls back to the hostname itself for IPs and
 * single-label hosts, so two requests to `localhost` still count as the same site.
 */
export function siteOf(hostname: string): string {
  const cached = SITE_CACHE.get(hostname);
  if (cached !== undefined) return cached;
  const host = normaliseHost(hostname);
  // The input is a hostname already: tldts need not look for one in a URL.
  const site = getDomain(host, { allowPrivateDomains: true, extractHostname: false }) ?? host;
  // A page talks to a few hundred hosts over and over; the public-suffix walk is the
  // expensive part of classifying a request, so remember it (bounded).
  if (SITE_CACHE.size >= SITE_CACHE_LIMIT) SITE_CACHE.clear();
  SITE_CACHE.set(hostname, site);
  return site;
}

const SITE_CACHE_LIMIT = 10_000;
const SITE_CACHE = new Map<string, string>();

/** Hostname of a URL, lower-cased, without a trailing dot; '' when the URL has none. */
export function hostOf(url: string): string {
  return normaliseHost(getHostname(url) ?? '');
}

export function normaliseHost(hostname: string): string {
  const lower = hostname.toLowerCase();
  const noDot = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  return noDot.startsWith('[') && noDot.endsWith(']') ? noDot.slice(1, -1) : noDot;
}

/** True when `host` belongs to a different registrable domain than the page's site. */
export function isThirdParty(host: string, pageSite: string): boolean {
  return siteOf(host) !== pageSite;
}

/**
 * The hostname and each parent domain down to (and including) its eTLD+1, most specific
 * first: `a.b.example.co.uk` → [a.b.example.co.uk, b.example.co.uk, example.co.uk].
 * Used for hash lookups, never for list scans.
 */
export function domainLadder(hostname: string): string[] {
  const host = normaliseHost(hostname);
  const site = siteOf(host);
  const ladder: string[] = [host];
  let current = host;
  while (current !== site) {
    const dot = current.indexOf('.');
    if (dot < 0) break;
    current = current.slice(dot + 1);
    ladder.push(current);
  }
  return ladder;
}

/** A cookie's Domain (with or without leading dot) matches the host per RFC 6265 §5.1.3. */
export function cookieDomainMatches(cookieDomain: string, host: string): boolean {
  const domain = normaliseHost(cookieDomain.startsWith('.') ? cookieDomain.slice(1) : cookieDomain);
  const h = normaliseHost(host);
  return h === domain || h.endsWith(`.${domain}`);
}
