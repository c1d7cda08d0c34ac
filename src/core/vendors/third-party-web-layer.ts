import { UNKNOWN_COUNTRY, type Vendor, type VendorCategory } from './schema.ts';
import { THIRD_PARTY_WEB_INDEX_FORMAT, unpackEntity, type ThirdPartyWebIndexEntity } from './third-party-web-index.ts';
import type { ExtraVendorSource } from './vendor-index.ts';

/** Source id reported in HostMatch.source for hosts this layer attributes. */
export const THIRD_PARTY_WEB_SOURCE_ID = 'third-party-web';

/** Prefix of this layer's vendor ids, so they never collide with a catalogue id a policy model refers to. */
export const THIRD_PARTY_WEB_ID_PREFIX = 'tpw-';

/** Where a reader of an attribution learns about the data (the layer knows no vendor's policy URL). */
const REFERENCE_URL = 'https://github.com/patrickhulce/third-party-web';

/**
 * third-party-web's categories onto PolicyLens's. "marketing" holds marketing widgets and
 * automation (pop-ups, e-mail capture, review widgets, account-based marketing): consent
 * tools file them under marketing, which `personalisation` maps to. "utility" (SDKs,
 * payments, captchas, error monitoring, consent libraries), "content" (embedded content
 * from publishers) and "other" are too mixed to claim anything more specific.
 */
export const THIRD_PARTY_WEB_CATEGORIES: Readonly<Record<string, VendorCategory>> = {
  ad: 'advertising',
  analytics: 'analytics',
  social: 'social',
  video: 'video',
  cdn: 'cdn',
  hosting: 'hosting',
  'tag-manager': 'tag-manager',
  'customer-success': 'customer-service',
  'consent-provider': 'consent',
  marketing: 'personalisation',
  utility: 'other',
  content: 'other',
  other: 'other',
};

export interface ThirdPartyWebLayerStats {
  entities: number;
  /** Domains standing for themselves and all subdomains (third-party-web's `*.domain`). */
  wildcardDomains: number;
  exactHosts: number;
}

export type ThirdPartyWebLayerResult = { ok: true; source: ExtraVendorSource; stats: ThirdPartyWebLayerStats } | { ok: false; issues: string[] };

/**
 * Turns the bundled third-party-web index into the base vendor layer, consulted after the
 * policy model and the catalogue. Every entity becomes a Vendor (built on first lookup)
 * with third-party-web's company and a mapped category; third-party-web names no legal
 * entity and no country, so `legalEntity` says so and `country` is UNKNOWN_COUNTRY.
 * Lookups are hash probes: the exact host, then the host and each parent domain.
 */
export function thirdPartyWebLayer(json: unknown): ThirdPartyWebLayerResult {
  const read = readEntities(json);
  if (!read.ok) return read;
  const entities = read.entities;
  const exact = new Map<string, number>();
  const wildcard = new Map<string, number>();
  entities.forEach(([, , , domains], i) => {
    for (const domain of domains.split(' ')) {
      if (domain === '') continue;
      if (domain.startsWith('=')) exact.set(domain.slice(1), i);
      else wildcard.set(domain, i);
    }
  });
  const vendors: (Vendor | undefined)[] = new Array(entities.length);

  function vendorOf(i: number): Vendor {
    return (vendors[i] ??= toVendor(entities[i] as ThirdPartyWebIndexEntity));
  }

  const source: ExtraVendorSource = {
    id: THIRD_PARTY_WEB_SOURCE_ID,
    confidence: 'medium',
    lookupHost(hostname) {
      const hit = exact.get(hostname);
      if (hit !== undefined) return vendorOf(hit);
      // Walks on to the TLD: third-party-web lists hosting platforms' public suffixes
      // (cloudfront.net, akamaihd.net), whose every subdomain is served by the platform.
      let candidate = hostname;
      for (;;) {
        const found = wildcard.get(candidate);
        if (found !== undefined) return vendorOf(found);
        const dot = candidate.indexOf('.');
        if (dot < 0) return null;
        candidate = candidate.slice(dot + 1);
      }
    },
  };
  return { ok: true, source, stats: { entities: entities.length, wildcardDomains: wildcard.size, exactHosts: exact.size } };
}

/** The vendor id third-party-web's entity `name` gets in this layer. */
export function thirdPartyWebVendorId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${THIRD_PARTY_WEB_ID_PREFIX}${slug === '' ? 'unnamed' : slug}`;
}

function toVendor([name, category, company, domains]: ThirdPartyWebIndexEntity): Vendor {
  const organisation = company === '' ? name : company;
  return {
    id: thirdPartyWebVendorId(name),
    name,
    organisation,
    legalEntity: `unknown (third-party-web names the company: ${organisation})`,
    country: UNKNOWN_COUNTRY,
    category: THIRD_PARTY_WEB_CATEGORIES[category] ?? 'other',
    products: [],
    domains: domains
      .split(' ')
      .filter((d) => d !== '')
      .map((d) => (d.startsWith('=') ? d.slice(1) : d)),
    cookies: [],
    privacyPolicyUrl: REFERENCE_URL,
    aliases: [],
  };
}

/** Unpacks every entity line once, failing with a message on a different or damaged file (not a full schema). */
function readEntities(json: unknown): { ok: true; entities: ThirdPartyWebIndexEntity[] } | { ok: false; issues: string[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, issues: ['third-party-web index must be an object'] };
  const o = json as Record<string, unknown>;
  if (o.format !== THIRD_PARTY_WEB_INDEX_FORMAT) return { ok: false, issues: [`third-party-web index: "format" is not "${THIRD_PARTY_WEB_INDEX_FORMAT}"`] };
  if (!Array.isArray(o.entities)) return { ok: false, issues: ['third-party-web index has no "entities" array'] };
  const issues: string[] = [];
  const entities: ThirdPartyWebIndexEntity[] = [];
  o.entities.forEach((e: unknown, i) => {
    const fields = typeof e === 'string' ? unpackEntity(e) : null;
    if (fields !== null && fields[0] !== '') entities.push(fields);
    else if (issues.length < 10) issues.push(`entity ${i} is not a line "name<TAB>category<TAB>company<TAB>domains"`);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, entities };
}
