import { domainLadder, normaliseHost } from '../site.ts';
import { UNKNOWN_COUNTRY, type Vendor, type VendorCategory } from './schema.ts';
import type { ExtraVendorSource } from './vendor-index.ts';

/** Source id reported in HostMatch.source for hosts this layer attributes. */
export const TRACKERDB_SOURCE_ID = 'ghostery-trackerdb';

/** The parts of TrackerDB's exported trackerdb.json this layer reads. */
export interface TrackerDbOrganization {
  name: string;
  country?: string | null;
  privacy_policy_url?: string | null;
  website_url?: string | null;
}

export interface TrackerDbPattern {
  name: string;
  category: string;
  organization: string | null;
  domains: string[];
}

export interface TrackerDbJson {
  categories: Record<string, { name: string }>;
  organizations: Record<string, TrackerDbOrganization>;
  patterns: Record<string, TrackerDbPattern>;
  /** domain → pattern key */
  domains: Record<string, string>;
}

export interface TrackerDbLayerStats {
  patterns: number;
  organizations: number;
  domains: number;
}

export type TrackerDbLayerResult = { ok: true; source: ExtraVendorSource; stats: TrackerDbLayerStats } | { ok: false; issues: string[] };

/**
 * TrackerDB's categories onto PolicyLens's coarser ones. "utilities" (tag managers, CDNs,
 * widgets) and "extensions" have no consent-relevant equivalent, so they become "other".
 */
const CATEGORY: Record<string, VendorCategory> = {
  advertising: 'advertising',
  pornvertising: 'advertising',
  site_analytics: 'analytics',
  audio_video_player: 'video',
  consent: 'consent',
  customer_interaction: 'customer-service',
  hosting: 'hosting',
  social_media: 'social',
  extensions: 'other',
  misc: 'other',
  utilities: 'other',
};

const COUNTRY = /^[A-Z]{2}$/;

/**
 * Turns Ghostery's TrackerDB export (`@ghostery/trackerdb/dist/trackerdb.json`,
 * CC-BY-NC-SA-4.0, so never part of the default build) into an extra vendor source. One
 * Vendor per TrackerDB pattern, built on first lookup; hosts are resolved by hash lookups
 * along the domain ladder, most specific first, like the catalogue.
 *
 * TrackerDB names organisations, not the contracting legal entity, and its country is the
 * organisation's headquarters: `legalEntity` says the entity is unknown, and `country` is
 * that headquarters country or ZZ when TrackerDB has none.
 */
export function trackerDbLayer(json: unknown): TrackerDbLayerResult {
  const issues = shapeIssues(json);
  if (issues.length > 0) return { ok: false, issues };
  const db = json as TrackerDbJson;
  const byDomain = new Map<string, string>();
  for (const [domain, patternKey] of Object.entries(db.domains)) {
    if (db.patterns[patternKey]) byDomain.set(normaliseHost(domain), patternKey);
  }
  const vendors = new Map<string, Vendor>();

  function vendorOf(patternKey: string): Vendor {
    const cached = vendors.get(patternKey);
    if (cached) return cached;
    const vendor = toVendor(patternKey, db.patterns[patternKey] as TrackerDbPattern, db.organizations);
    vendors.set(patternKey, vendor);
    return vendor;
  }

  const source: ExtraVendorSource = {
    id: TRACKERDB_SOURCE_ID,
    confidence: 'medium',
    lookupHost(hostname) {
      if (hostname === '') return null;
      for (const candidate of domainLadder(hostname)) {
        const key = byDomain.get(candidate);
        if (key !== undefined) return vendorOf(key);
      }
      return null;
    },
  };
  return {
    ok: true,
    source,
    stats: { patterns: Object.keys(db.patterns).length, organizations: Object.keys(db.organizations).length, domains: byDomain.size },
  };
}

function toVendor(key: string, pattern: TrackerDbPattern, organizations: Record<string, TrackerDbOrganization>): Vendor {
  const org = pattern.organization ? organizations[pattern.organization] : undefined;
  const organisation = org?.name ?? pattern.name;
  return {
    id: `trackerdb-${kebab(key)}`,
    name: pattern.name,
    organisation,
    legalEntity: `unknown (Ghostery TrackerDB names the organisation: ${organisation})`,
    country: org?.country && COUNTRY.test(org.country) ? org.country : UNKNOWN_COUNTRY,
    category: CATEGORY[pattern.category] ?? 'other',
    products: [],
    domains: [...pattern.domains],
    cookies: [],
    // The schema wants an https policy URL; without one, the tracker's WhoTracks.me page
    // (Ghostery's public profile of it) is the best reference and is not presented as a policy of the vendor.
    privacyPolicyUrl: org?.privacy_policy_url?.startsWith('https://')
      ? org.privacy_policy_url
      : `https://www.ghostery.com/whotracksme/trackers/${encodeURIComponent(key)}`,
    aliases: [],
  };
}

function kebab(key: string): string {
  const id = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'unnamed' : id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Enough of a check to fail with a message on a different export format, not a full schema. */
function shapeIssues(json: unknown): string[] {
  if (!isRecord(json)) return ['TrackerDB JSON must be an object'];
  const issues: string[] = [];
  for (const field of ['organizations', 'patterns', 'domains'] as const) {
    if (!isRecord(json[field])) issues.push(`TrackerDB JSON has no "${field}" object`);
  }
  if (issues.length > 0) return issues;
  for (const [key, pattern] of Object.entries(json.patterns as Record<string, unknown>)) {
    if (!isRecord(pattern) || typeof pattern.name !== 'string' || typeof pattern.category !== 'string' || !Array.isArray(pattern.domains)) {
      issues.push(`pattern "${key}" lacks name, category or domains`);
      if (issues.length >= 10) break;
    }
  }
  for (const [domain, key] of Object.entries(json.domains as Record<string, unknown>)) {
    if (typeof key !== 'string') {
      issues.push(`domain "${domain}" does not name a pattern`);
      if (issues.length >= 20) break;
    }
  }
  return issues;
}
