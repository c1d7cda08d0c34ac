import { hostOf, normaliseHost } from '../site.ts';
import { UNKNOWN_COUNTRY, type Vendor, type VendorCategory, type VendorStorageType } from './schema.ts';
import type { AttributionBasis, AttributionConfidence, VendorIndex } from './vendor-index.ts';

/** What one `who` argument asks about. */
export type WhoQuery = { kind: 'host'; input: string; host: string } | { kind: 'name'; input: string; name: string };

/** A vendor as `who` reports it: unknown facts are null, never a placeholder. */
export interface WhoVendor {
  id: string;
  name: string;
  company: string;
  /** null when the layer that knows the vendor names no legal entity (every layer but the catalogue). */
  legalEntity: string | null;
  /** ISO 3166-1 alpha-2, or null when the source does not know it. */
  country: string | null;
  category: VendorCategory;
  /** 'catalogue' or the id of the layer that answered ('third-party-web', …). */
  source: string;
}

export interface WhoHostAnswer {
  kind: 'host';
  input: string;
  host: string;
  /** The catalogue or layer entry that matched: the host itself or a parent domain. */
  matchedDomain: string | null;
  vendor: WhoVendor | null;
  confidence: AttributionConfidence | null;
}

export interface WhoDocumentedName {
  vendor: WhoVendor;
  /** The documented entry's own name (with {placeholders} for patterns). */
  documentedAs: string;
  type: VendorStorageType;
  purpose: string;
  lifetimeDays: number | null;
  via: 'exact' | 'pattern';
}

export interface WhoNameAnswer {
  kind: 'name';
  input: string;
  name: string;
  /** Every vendor documenting the name (cookie or storage key), exact entries first. */
  documentedBy: WhoDocumentedName[];
  /** The vendor the name alone points to: set only when exactly one vendor documents it. */
  vendor: WhoVendor | null;
  confidence: AttributionConfidence | null;
  basis: AttributionBasis | null;
}

export type WhoAnswer = WhoHostAnswer | WhoNameAnswer;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/**
 * A hostname with at least one dot whose last label starts with a letter (not a version such
 * as 1.2). No underscores: they are common in cookie names (_pk_id.1.abcd) and rare in hosts.
 */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/;
const NAME_PREFIX = 'cookie:';
const HOST_PREFIX = 'host:';

/**
 * Reads one argument: a URL (anything with a scheme) gives its host; `host:` and `cookie:`
 * force a reading; otherwise a lower-case-able hostname with a dot is a host and anything
 * else a cookie or storage key name. Cookie names with a dot that look like hostnames
 * ("ab.example") need the `cookie:` prefix.
 */
export function parseWhoArgument(input: string): WhoQuery | { kind: 'invalid'; input: string; message: string } {
  const arg = input.trim();
  if (arg.startsWith(NAME_PREFIX)) {
    const name = arg.slice(NAME_PREFIX.length);
    return name === '' ? { kind: 'invalid', input, message: 'cookie: needs a name after it' } : { kind: 'name', input, name };
  }
  if (SCHEME.test(arg)) {
    const host = hostOf(arg);
    return host === '' ? { kind: 'invalid', input, message: 'this URL has no host' } : { kind: 'host', input, host };
  }
  const forcedHost = arg.startsWith(HOST_PREFIX);
  const bare = forcedHost ? arg.slice(HOST_PREFIX.length) : arg;
  if (forcedHost || HOSTNAME.test(bare.toLowerCase())) {
    const host = normaliseHost(bare);
    return host === '' ? { kind: 'invalid', input, message: 'host: needs a hostname after it' } : { kind: 'host', input, host };
  }
  if (arg === '') return { kind: 'invalid', input, message: 'empty argument' };
  return { kind: 'name', input, name: arg };
}

/** The attribution PolicyLens makes for one host or name, through the same index the audit uses. */
export function whoIs(index: VendorIndex, query: WhoQuery): WhoAnswer {
  if (query.kind === 'host') {
    const match = index.lookupHost(query.host);
    return {
      kind: 'host',
      input: query.input,
      host: query.host,
      matchedDomain: match?.matchedDomain ?? null,
      vendor: match ? whoVendor(match.vendor, match.source) : null,
      confidence: match?.confidence ?? null,
    };
  }
  const matches = index.matchCookieName(query.name);
  const documentedBy = matches.map((m) => ({
    vendor: whoVendor(m.vendor, 'catalogue'),
    documentedAs: m.cookie.name,
    type: m.cookie.type,
    purpose: m.cookie.purpose,
    lifetimeDays: m.cookie.lifetimeDays,
    via: m.via,
  }));
  const vendors = new Set(matches.map((m) => m.vendor.id));
  // Without a domain or a setting host the name is the only evidence, rated as the index
  // rates it for a first-party cookie: one vendor documents it → medium, several → low.
  const only = vendors.size === 1 ? matches[0]?.vendor : undefined;
  return {
    kind: 'name',
    input: query.input,
    name: query.name,
    documentedBy,
    vendor: only ? whoVendor(only, 'catalogue') : null,
    confidence: vendors.size === 1 ? 'medium' : vendors.size > 1 ? 'low' : null,
    basis: vendors.size === 1 ? 'unique-name' : vendors.size > 1 ? 'ambiguous-name' : null,
  };
}

function whoVendor(vendor: Vendor, source: string): WhoVendor {
  return {
    id: vendor.id,
    name: vendor.name,
    company: vendor.organisation,
    legalEntity: source === 'catalogue' ? vendor.legalEntity : null,
    country: vendor.country === UNKNOWN_COUNTRY ? null : vendor.country,
    category: vendor.category,
    source,
  };
}
