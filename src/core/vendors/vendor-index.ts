import { hostOf, normaliseHost, siteOf } from '../site.ts';
import type { Vendor, VendorCookie, VendorStorageType } from './schema.ts';

/**
 * An optional, non-bundled vendor database consulted after the catalogue (for example a
 * user-installed list). It maps its own records onto the Vendor shape; where it does not
 * know a legal entity it should say so in `legalEntity` rather than invent one.
 */
export interface ExtraVendorSource {
  /** Stable id of the source, reported back in HostMatch.source so the UI can qualify it. */
  readonly id: string;
  /** How sure a host attribution through this source is; below the catalogue's 'high'. Default 'medium'. */
  readonly confidence?: AttributionConfidence;
  /** Most specific vendor serving `hostname` (already lower-cased, no trailing dot), or null. */
  lookupHost(hostname: string): Vendor | null;
}

export interface HostMatch {
  readonly vendor: Vendor;
  /** The catalogue entry that matched: the host itself or one of its parents. */
  readonly matchedDomain: string;
  /** 'catalogue' for bundled data, otherwise the ExtraVendorSource id. */
  readonly source: string;
  /** 'high' for the catalogue; an extra source's own confidence ('medium' unless it says otherwise). */
  readonly confidence: AttributionConfidence;
}

export interface CookieNameMatch {
  vendor: Vendor;
  cookie: VendorCookie;
  via: 'exact' | 'pattern';
}

export type AttributionConfidence = 'high' | 'medium' | 'low';

/** Why an attribution was made; the UI words it, tests pin it. */
export type AttributionBasis =
  /** The cookie lives on (or was set by) a host of the vendor that documents this name. */
  | 'vendor-host-and-name'
  /** The host belongs to a sibling product of the same organisation that documents the name. */
  | 'organisation-host-and-name'
  /** Only one vendor documents the name; typical for first-party cookies set by vendor JS. */
  | 'unique-name'
  /** The host belongs to a vendor, but the vendor is not known to use this name. */
  | 'vendor-host-unknown-name'
  /** Several vendors document the name and nothing tells them apart. */
  | 'ambiguous-name';

export interface CookieAttribution {
  /** null only when the basis is 'ambiguous-name': then see `candidates`. */
  vendor: Vendor | null;
  confidence: AttributionConfidence;
  basis: AttributionBasis;
  /** One sentence for people, e.g. in the report's "why" column. */
  reason: string;
  /** Every vendor whose documented cookies match the name (may be empty). */
  candidates: readonly Vendor[];
  /** The documented entry that matched for `vendor`, when there is one. */
  cookie: VendorCookie | null;
}

export interface CookieAttributionInput {
  name: string;
  /** The cookie's Domain (leading dot allowed) or, for web storage, the origin's host. */
  domain: string;
  type?: VendorStorageType;
  /** URL of the response or script that set it, when the observer knows. */
  setByUrl?: string;
  /** Host of the response or script that set it; wins over setByUrl. */
  setByHost?: string;
  /** eTLD+1 of the page; lets a name-only match on a foreign unknown domain count as weaker. */
  pageSite?: string;
}

export interface VendorIndex {
  readonly vendors: readonly Vendor[];
  vendorById(id: string): Vendor | undefined;
  /** Catalogue first (host, then parents down to eTLD+1), then each extra source in order. */
  lookupHost(hostname: string): HostMatch | null;
  /** Documented cookies/storage keys with this name; exact entries first. */
  matchCookieName(name: string, type?: VendorStorageType): readonly CookieNameMatch[];
  attributeCookie(input: CookieAttributionInput): CookieAttribution | null;
}

interface CookieRef {
  vendor: Vendor;
  cookie: VendorCookie;
}

interface PatternRef extends CookieRef {
  regex: RegExp;
  /** The pattern's literal prefix: a name that does not start with it cannot match. */
  prefix: string;
  /** Shorter prefixes first, then catalogue order: the order matches are reported in. */
  rank: number;
}

const NONE: readonly never[] = Object.freeze([]);

/** Patterns are bucketed by the first LEAD characters of their literal prefix. */
const LEAD = 2;

/**
 * Builds the lookup structures once. Host lookups are a handful of Map.get calls along
 * the domain ladder; cookie names hit an exact Map, then only the regexes whose literal
 * prefix the name starts with — never a scan over every vendor or pattern.
 */
export function buildVendorIndex(vendors: readonly Vendor[], extraLayers: readonly ExtraVendorSource[] = []): VendorIndex {
  const byId = new Map<string, Vendor>();
  const byDomain = new Map<string, Vendor>();
  const exactNames = new Map<string, CookieRef[]>();
  const patternsByLead = new Map<string, PatternRef[]>();
  /** Patterns whose literal prefix is shorter than LEAD: tried for every name. */
  const shortPatterns: PatternRef[] = [];
  const patterns: Omit<PatternRef, 'rank'>[] = [];

  for (const vendor of vendors) {
    byId.set(vendor.id, vendor);
    // First claim wins; duplicates are a data error reported by checkCatalogue(), and a
    // deterministic winner keeps lookups stable while that is being fixed.
    for (const domain of vendor.domains) if (!byDomain.has(domain)) byDomain.set(domain, vendor);
    for (const domain of vendor.suffixDomains ?? []) if (!byDomain.has(domain)) byDomain.set(domain, vendor);
    for (const cookie of vendor.cookies) {
      if (cookie.pattern !== undefined) {
        patterns.push({ vendor, cookie, regex: new RegExp(cookie.pattern), prefix: literalPrefix(cookie.pattern) });
      } else {
        const refs = exactNames.get(cookie.name) ?? [];
        refs.push({ vendor, cookie });
        exactNames.set(cookie.name, refs);
      }
    }
  }
  const ranked = patterns.map((p, i) => ({ ...p, rank: i })).sort((a, b) => a.prefix.length - b.prefix.length || a.rank - b.rank);
  ranked.forEach((p, rank) => {
    const ref: PatternRef = { ...p, rank };
    if (p.prefix.length < LEAD) shortPatterns.push(ref);
    else {
      const lead = p.prefix.slice(0, LEAD);
      const bucket = patternsByLead.get(lead);
      if (bucket) bucket.push(ref);
      else patternsByLead.set(lead, [ref]);
    }
  });

  // One match object per catalogue domain, made on first use: a lookup allocates nothing else.
  const matchByDomain = new Map<string, HostMatch>();
  function catalogueMatch(domain: string, vendor: Vendor): HostMatch {
    let match = matchByDomain.get(domain);
    if (!match) {
      match = { vendor, matchedDomain: domain, source: 'catalogue', confidence: 'high' };
      matchByDomain.set(domain, match);
    }
    return match;
  }

  function lookupHost(hostname: string): HostMatch | null {
    const host = normaliseHost(hostname);
    if (host === '') return null;
    // The host, then each parent domain up to the TLD, with no public-suffix lookup (the
    // costly part of classifying a host): `domains` never hold a suffix (checkCatalogue), so
    // the only entries past the eTLD+1 are a platform's `suffixDomains` (cloudfront.net),
    // which are meant to match every site below them.
    let candidate = host;
    for (;;) {
      const vendor = byDomain.get(candidate);
      if (vendor) return catalogueMatch(candidate, vendor);
      const dot = candidate.indexOf('.');
      if (dot < 0) break;
      candidate = candidate.slice(dot + 1);
    }
    for (const layer of extraLayers) {
      const vendor = layer.lookupHost(host);
      if (vendor) return { vendor, matchedDomain: host, source: layer.id, confidence: layer.confidence ?? 'medium' };
    }
    return null;
  }

  // Most names match nothing: that answer allocates nothing.
  function matchCookieName(name: string, type?: VendorStorageType): readonly CookieNameMatch[] {
    let out: CookieNameMatch[] | null = null;
    for (const ref of exactNames.get(name) ?? NONE) {
      if (type === undefined || ref.cookie.type === type) (out ??= []).push({ vendor: ref.vendor, cookie: ref.cookie, via: 'exact' });
    }
    // One hash lookup finds the few patterns that share the name's first characters.
    let found: PatternRef[] | null = null;
    const test = (ref: PatternRef): void => {
      if ((type === undefined || ref.cookie.type === type) && name.startsWith(ref.prefix) && ref.regex.test(name)) (found ??= []).push(ref);
    };
    shortPatterns.forEach(test);
    patternsByLead.get(name.slice(0, LEAD))?.forEach(test);
    if (found !== null) {
      const refs: PatternRef[] = found;
      if (refs.length > 1) refs.sort((a, b) => a.rank - b.rank);
      for (const ref of refs) (out ??= []).push({ vendor: ref.vendor, cookie: ref.cookie, via: 'pattern' });
    }
    return out ?? NONE;
  }

  function attributeCookie(input: CookieAttributionInput): CookieAttribution | null {
    const matches = matchCookieName(input.name, input.type ?? 'cookie');
    const candidates = uniqueVendors(matches);
    const domainHost = normaliseHost(input.domain.startsWith('.') ? input.domain.slice(1) : input.domain);
    const setterHost = input.setByHost ?? (input.setByUrl ? hostOf(input.setByUrl) : '');
    const owners: { match: HostMatch; where: string }[] = [];
    const domainOwner = domainHost ? lookupHost(domainHost) : null;
    if (domainOwner) owners.push({ match: domainOwner, where: `its domain ${domainHost}` });
    const setterOwner = setterHost ? lookupHost(setterHost) : null;
    if (setterOwner) owners.push({ match: setterOwner, where: `the host that set it (${setterHost})` });

    for (const { match, where } of owners) {
      const own = matches.find((m) => m.vendor.id === match.vendor.id);
      if (own) {
        return {
          vendor: own.vendor,
          confidence: 'high',
          basis: 'vendor-host-and-name',
          reason: `${own.vendor.name} documents "${own.cookie.name}" and ${where} belongs to ${own.vendor.name}.`,
          candidates,
          cookie: own.cookie,
        };
      }
    }
    for (const { match, where } of owners) {
      const siblings = uniqueVendors(matches.filter((m) => m.vendor.organisation === match.vendor.organisation));
      const sibling = siblings.length === 1 ? siblings[0] : undefined;
      if (sibling) {
        const cookie = matches.find((m) => m.vendor.id === sibling.id)?.cookie ?? null;
        return {
          vendor: sibling,
          confidence: 'high',
          basis: 'organisation-host-and-name',
          reason: `${sibling.name} documents "${input.name}" and ${where} belongs to ${match.vendor.name}, also run by ${sibling.organisation}.`,
          candidates,
          cookie,
        };
      }
    }
    if (domainOwner) {
      const known = candidates.length > 0 ? ` (the name is documented by ${names(candidates)})` : '';
      return {
        vendor: domainOwner.vendor,
        confidence: 'medium',
        basis: 'vendor-host-unknown-name',
        reason: `Stored on ${domainHost}, which belongs to ${domainOwner.vendor.name}${known}.`,
        candidates,
        cookie: null,
      };
    }
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only) {
      const foreign = input.pageSite !== undefined && domainHost !== '' && siteOf(domainHost) !== input.pageSite;
      const cookie = matches[0]?.cookie ?? null;
      return {
        vendor: only,
        confidence: foreign ? 'low' : 'medium',
        basis: 'unique-name',
        reason: foreign
          ? `Only ${only.name} documents "${input.name}", but it is stored on an unrecognised third-party domain.`
          : `Only ${only.name} documents "${input.name}"; its script sets it on the site's own domain.`,
        candidates,
        cookie,
      };
    }
    if (setterOwner) {
      return {
        vendor: setterOwner.vendor,
        confidence: 'medium',
        basis: 'vendor-host-unknown-name',
        reason: `Set by ${setterHost}, which belongs to ${setterOwner.vendor.name}.`,
        candidates,
        cookie: null,
      };
    }
    if (candidates.length > 1) {
      return {
        vendor: null,
        confidence: 'low',
        basis: 'ambiguous-name',
        reason: `"${input.name}" is documented by several vendors (${names(candidates)}) and nothing tells them apart.`,
        candidates,
        cookie: null,
      };
    }
    return null;
  }

  return {
    vendors,
    vendorById: (id) => byId.get(id),
    lookupHost,
    matchCookieName,
    attributeCookie,
  };
}

function uniqueVendors(matches: readonly CookieNameMatch[]): Vendor[] {
  const seen = new Map<string, Vendor>();
  for (const m of matches) if (!seen.has(m.vendor.id)) seen.set(m.vendor.id, m.vendor);
  return [...seen.values()];
}

function names(vendors: readonly Vendor[]): string {
  return vendors.map((v) => v.name).join(', ');
}

const REGEX_META = new Set(['.', '[', ']', '(', ')', '{', '}', '*', '+', '?', '|', '^', '$']);

/**
 * The literal text every match of an anchored pattern must start with, used as the bucket
 * key. Conservative: stops at the first metacharacter, drops a character made optional by
 * a following ?, * or {, and gives '' when the pattern has a top-level alternation.
 */
export function literalPrefix(source: string): string {
  if (!source.startsWith('^') || hasTopLevelAlternation(source)) return '';
  let out = '';
  let i = 1;
  while (i < source.length) {
    const ch = source[i] ?? '';
    let literal: string;
    let step: number;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      // \d, \w, \s, \b, \u… are classes or escapes with meaning, not literals.
      if (next === '' || /[A-Za-z0-9]/.test(next)) break;
      literal = next;
      step = 2;
    } else if (REGEX_META.has(ch)) {
      break;
    } else {
      literal = ch;
      step = 1;
    }
    const after = source[i + step];
    if (after === '?' || after === '*' || after === '{') break;
    out += literal;
    i += step;
    if (after === '+') break;
  }
  return out;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === '|' && depth === 0) {
      return true;
    }
  }
  return false;
}
