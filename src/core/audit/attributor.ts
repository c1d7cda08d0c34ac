import type { ConsentCategory } from '../consent/consent-state';
import { hostPatternMatches } from '../policy/merge-declaration';
import type { CookieClaim, PolicyModel, Processor } from '../policy/schema';
import { cookieDomainMatches, hostOf, normaliseHost, siteOf } from '../site';
import type { Vendor, VendorStorageType } from '../vendors/schema';
import type { VendorIndex } from '../vendors/vendor-index';
import type { Actor, Attribution } from './actor';
import { consentCategoryOfPolicyCategory, consentCategoryOfVendor } from './consent-category';

interface CompiledClaim {
  processor: Processor;
  claim: CookieClaim;
  /** null for exact names. */
  regex: RegExp | null;
}

const SHOP_KEY = 'shop';

/**
 * Attributes hosts, cookies and storage keys to actors in the order the audit trusts:
 * the policy model's own hosts and cookie claims, then the vendor catalogue (with any
 * opt-in extra layer behind it). Results per host are cached for the audit's lifetime.
 */
export class Attributor {
  private readonly hostCache = new Map<string, Actor>();
  private readonly cookieCache = new Map<string, Attribution>();
  private readonly ownerCache = new Map<string, Vendor | null>();
  private readonly originHosts = new Map<string, string>();
  private readonly vendorActors = new Map<string, Actor>();
  private readonly processorsByVendor = new Map<string, Processor[]>();
  private readonly exactHosts = new Map<string, Processor[]>();
  private readonly wildcardHosts: { pattern: string; processor: Processor }[] = [];
  private readonly claimsByName = new Map<string, CompiledClaim[]>();
  private readonly patternClaims: CompiledClaim[] = [];
  readonly shop: Actor;

  constructor(
    private readonly policy: PolicyModel | null,
    private readonly index: VendorIndex,
    private readonly pageSite: string,
    private readonly shopSites: ReadonlySet<string>,
    /** First-party host → canonical name, where the browser resolved them (Firefox). */
    private readonly canonicalNames: Readonly<Record<string, string>> = {},
  ) {
    this.shop = {
      key: SHOP_KEY,
      kind: 'shop',
      name: policy?.shop.name ?? pageSite,
      vendor: null,
      processors: [],
      source: 'shop',
      organisation: policy?.shop.controller.name ?? null,
      legalEntity: policy?.shop.controller.name ?? null,
      country: null,
      consentCategory: 'necessary',
    };
    for (const processor of policy?.processors ?? []) {
      if (processor.vendorId) push(this.processorsByVendor, processor.vendorId, processor);
      for (const host of processor.hosts) {
        if (host.startsWith('*.')) this.wildcardHosts.push({ pattern: host, processor });
        else push(this.exactHosts, normaliseHost(host), processor);
      }
      for (const claim of processor.cookies) {
        if (claim.name !== undefined) push(this.claimsByName, claim.name, { processor, claim, regex: null });
        else if (claim.pattern !== undefined) {
          const regex = compile(claim.pattern);
          // A catch-all pattern (".*") says "all cookies of this processor"; it cannot
          // identify who set a cookie, so it is used for limits, not for attribution.
          if (regex && !regex.test('\u0000policylens-probe')) this.patternClaims.push({ processor, claim, regex });
        }
      }
    }
  }

  isFirstPartyHost(host: string): boolean {
    const site = siteOf(host);
    return site === this.pageSite || this.shopSites.has(site);
  }

  /** The actor behind a request host. */
  host(hostname: string): Actor {
    const host = normaliseHost(hostname);
    const cached = this.hostCache.get(host);
    if (cached) return cached;
    const actor = this.resolveHost(host);
    this.hostCache.set(host, actor);
    return actor;
  }

  /**
   * The canonical name behind a first-party host that is a CNAME-cloaked tracker: the host
   * looks like the shop's own, but its name resolves into a statistics or marketing vendor's
   * domain. CNAMEs into CDNs and hosting (the shop's own servers) are not uncloaked.
   */
  cloakedAs(hostname: string): string | null {
    const host = normaliseHost(hostname);
    const canonical = this.canonicalNames[host];
    if (!canonical || !this.isFirstPartyHost(host) || this.isFirstPartyHost(canonical)) return null;
    const vendor = this.index.lookupHost(canonical)?.vendor;
    if (!vendor) return null;
    const category = consentCategoryOfVendor(vendor.category);
    return category === 'statistics' || category === 'marketing' ? canonical : null;
  }

  private resolveHost(host: string): Actor {
    if (this.isFirstPartyHost(host)) {
      const canonical = this.cloakedAs(host);
      const match = canonical ? this.index.lookupHost(canonical) : null;
      return match ? this.vendorActor(match.vendor, match.source === 'catalogue' ? 'catalogue' : 'extra') : this.shop;
    }
    const declared = this.exactHosts.get(host) ?? this.wildcardHosts.filter((w) => hostPatternMatches(w.pattern, host)).map((w) => w.processor);
    if (declared.length > 0) {
      const vendorId = declared.find((p) => p.vendorId)?.vendorId ?? null;
      const vendor = vendorId ? (this.index.vendorById(vendorId) ?? null) : null;
      if (vendor) return this.vendorActor(vendor, 'policy');
      return this.processorActor(declared);
    }
    const match = this.index.lookupHost(host);
    if (match) return this.vendorActor(match.vendor, match.source === 'catalogue' ? 'catalogue' : 'extra');
    const site = siteOf(host);
    return {
      key: `site:${site}`,
      kind: 'unknown',
      name: site,
      vendor: null,
      processors: [],
      source: 'unknown',
      organisation: null,
      legalEntity: null,
      country: null,
      consentCategory: 'unknown',
    };
  }

  /** A cookie (stored or attempted): name + the domain it lives on + the host that set it. */
  cookie(name: string, domain: string, setByHost: string | null): Attribution {
    // Most names on a heavy page are documented by no vendor; those resolve from cached host
    // lookups alone, and only the catalogue's answers are worth remembering.
    const documented = this.index.matchCookieName(name, 'cookie').length > 0;
    if (!documented) return this.resolveCookie(name, domain, setByHost, false);
    const key = `${name}\u0000${domain}\u0000${setByHost ?? ''}`;
    const cached = this.cookieCache.get(key);
    if (cached) return cached;
    const attribution = this.resolveCookie(name, domain, setByHost, true);
    this.cookieCache.set(key, attribution);
    return attribution;
  }

  private resolveCookie(name: string, domain: string, setByHost: string | null, documented: boolean): Attribution {
    const bareDomain = domain.replace(/^\./, '');
    const claimed = this.claimFor(name, 'cookie', bareDomain);
    if (claimed) {
      const onItsHost = [bareDomain, setByHost].some((h) => h && this.host(h).processors.includes(claimed.processor));
      return { actor: this.actorOfProcessor(claimed.processor), confidence: onItsHost ? 'high' : 'medium', basis: 'policy-cookie-claim' };
    }
    // The model's own hosts come before the catalogue's cookie names: a cookie set from (or
    // living on) a host the shop gives to one processor is that processor's, whatever vendor
    // the catalogue knows the name from (an IDE cookie set from a host declared for Google
    // Ads is Google Ads', and Google Ads' declared limits apply to it). Only for cookies on a
    // third party's domain: a first-party cookie is written by whatever script runs on the
    // page (gtag.js from a tag manager's host writes Google Ads' _gcl_au), so its name says more.
    for (const h of this.isFirstPartyHost(bareDomain) ? [] : [setByHost, bareDomain]) {
      if (!h || this.isFirstPartyHost(h) || !this.isDeclaredHost(h)) continue;
      return { actor: this.host(h), confidence: 'high', basis: 'policy-host' };
    }
    // For undocumented names the catalogue can only speak through the hosts involved, which
    // this method looks at itself. The catalogue knows which vendor documents this name on this domain / setting host.
    const catalogue = documented
      ? this.index.attributeCookie({ name, domain: bareDomain, type: 'cookie', pageSite: this.pageSite, ...(setByHost ? { setByHost } : {}) })
      : null;
    if (catalogue?.vendor && catalogue.confidence === 'high') {
      return { actor: this.vendorActor(catalogue.vendor, 'catalogue'), confidence: 'high', basis: catalogue.basis };
    }
    if (setByHost && !this.isFirstPartyHost(setByHost)) {
      const setter = this.host(setByHost);
      return { actor: setter, confidence: 'medium', basis: setter.kind === 'vendor' ? 'set-by-vendor-host' : 'set-by-unknown-host' };
    }
    if (!this.isFirstPartyHost(bareDomain)) {
      const owner = this.host(bareDomain);
      if (owner.kind === 'vendor') return { actor: owner, confidence: 'high', basis: 'cookie-domain-of-vendor' };
      const byName = documented ? this.index.attributeCookie({ name, domain: bareDomain, type: 'cookie', pageSite: this.pageSite }) : null;
      if (byName?.vendor) return { actor: this.vendorActor(byName.vendor, 'catalogue'), confidence: 'low', basis: byName.basis };
      return { actor: owner, confidence: null, basis: 'unknown-domain' };
    }
    // A first-party cookie: set by the shop or by a vendor's script running on its pages.
    if (!documented) {
      // Undocumented name: only a catalogue entry for the shop's own domain could name a vendor.
      const owner = this.catalogueOwner(bareDomain);
      if (owner) return { actor: this.vendorActor(owner, 'catalogue'), confidence: 'medium', basis: 'vendor-host-unknown-name' };
      return { actor: this.shop, confidence: null, basis: 'first-party-unknown-name' };
    }
    const byName = this.index.attributeCookie({ name, domain: bareDomain, type: 'cookie', pageSite: this.pageSite });
    if (byName?.vendor) return { actor: this.vendorActor(byName.vendor, 'catalogue'), confidence: byName.confidence, basis: byName.basis };
    return { actor: this.shop, confidence: byName ? 'low' : null, basis: byName ? 'ambiguous-name' : 'first-party-unknown-name' };
  }

  /** Whether the model itself names `host` (exactly or by a `*.` pattern) as a processor's. */
  private isDeclaredHost(hostname: string): boolean {
    const host = normaliseHost(hostname);
    return this.exactHosts.has(host) || this.wildcardHosts.some((w) => hostPatternMatches(w.pattern, host));
  }

  /** The catalogue vendor a domain belongs to, looked up once per domain. */
  private catalogueOwner(domain: string): Vendor | null {
    let owner = this.ownerCache.get(domain);
    if (owner === undefined) {
      owner = this.index.lookupHost(domain)?.vendor ?? null;
      this.ownerCache.set(domain, owner);
    }
    return owner;
  }

  /** A page has a handful of origins and thousands of storage keys: parse each origin once. */
  /** hostOf (src/core/site.ts) once per origin: a page writes many keys under few origins. */
  private cachedHostOf(origin: string): string {
    let host = this.originHosts.get(origin);
    if (host === undefined) {
      host = hostOf(origin);
      this.originHosts.set(origin, host);
    }
    return host;
  }

  /** A storage key in a document of `origin`. */
  storageKey(key: string, area: VendorStorageType, origin: string): Attribution {
    const host = this.cachedHostOf(origin);
    const claimed = this.claimFor(key, area, host || null);
    if (claimed) return { actor: this.actorOfProcessor(claimed.processor), confidence: 'high', basis: 'policy-storage-claim' };
    const matches = this.index.matchCookieName(key, area);
    const vendors = unique(matches.map((m) => m.vendor));
    if (vendors.length === 1 && vendors[0]) return { actor: this.vendorActor(vendors[0], 'catalogue'), confidence: 'medium', basis: 'unique-name' };
    if (host && !this.isFirstPartyHost(host)) return { actor: this.host(host), confidence: 'medium', basis: 'storage-of-vendor-frame' };
    if (vendors.length > 1 && vendors[0]) return { actor: this.vendorActor(vendors[0], 'catalogue'), confidence: 'low', basis: 'ambiguous-name' };
    return { actor: this.shop, confidence: null, basis: 'first-party-unknown-name' };
  }

  /**
   * Every declared processor's claims that cover `name` on `domain` (catch-all patterns
   * included). A claim restricted to a domain covers only cookies on that domain.
   */
  claimsCovering(processor: Processor, name: string, storage: CookieClaim['storage'], domain: string | null = null): CookieClaim[] {
    return this.claimsIn(processor.cookies, name, storage, domain);
  }

  /** The claims of a list (a processor's, or the shop's own first-party cookies) that cover `name` on `domain`. */
  claimsIn(claims: readonly CookieClaim[], name: string, storage: CookieClaim['storage'], domain: string | null = null): CookieClaim[] {
    return claims.filter((claim) => {
      if (claim.storage !== storage || !claimDomainCovers(claim, domain)) return false;
      if (claim.name !== undefined) return claim.name === name;
      const regex = claim.pattern !== undefined ? compile(claim.pattern) : null;
      return regex !== null && regex.test(name);
    });
  }

  vendorActor(vendor: Vendor, source: Actor['source']): Actor {
    const key = `vendor:${vendor.id}`;
    const existing = this.vendorActors.get(key);
    if (existing) return existing;
    const processors = this.processorsByVendor.get(vendor.id) ?? [];
    const actor: Actor = {
      key,
      kind: 'vendor',
      name: vendor.name,
      vendor,
      processors,
      source: processors.length > 0 ? 'policy' : source,
      organisation: vendor.organisation,
      // Extra layers (third-party-web, TrackerDB) know the company, never the legal entity: say nothing rather than guess.
      legalEntity: processors.find((p) => p.legalEntity)?.legalEntity ?? (source === 'extra' ? null : vendor.legalEntity),
      country: processors.find((p) => p.country)?.country ?? vendor.country,
      consentCategory: consentOf(processors, vendor, this.policy),
    };
    this.vendorActors.set(key, actor);
    return actor;
  }

  private actorOfProcessor(processor: Processor): Actor {
    const vendor = processor.vendorId ? this.index.vendorById(processor.vendorId) : undefined;
    return vendor ? this.vendorActor(vendor, 'policy') : this.processorActor([processor]);
  }

  private processorActor(processors: Processor[]): Actor {
    const first = processors[0] as Processor;
    const key = `processor:${first.id}`;
    const existing = this.vendorActors.get(key);
    if (existing) return existing;
    const actor: Actor = {
      key,
      kind: 'vendor',
      name: first.name,
      vendor: null,
      processors,
      source: 'policy',
      organisation: first.legalEntity,
      legalEntity: first.legalEntity,
      country: first.country,
      consentCategory: consentOf(processors, null, this.policy),
    };
    this.vendorActors.set(key, actor);
    return actor;
  }

  private claimFor(name: string, storage: CookieClaim['storage'], domain: string | null): CompiledClaim | null {
    const exact = this.claimsByName.get(name)?.filter((c) => claimDomainCovers(c.claim, domain));
    const sameStorage = exact?.find((c) => c.claim.storage === storage) ?? exact?.[0];
    if (sameStorage) return sameStorage;
    return this.patternClaims.find((c) => claimDomainCovers(c.claim, domain) && c.regex?.test(name)) ?? null;
  }
}

/** A claim without a domain covers any; one with a domain covers that domain and its subdomains. */
function claimDomainCovers(claim: CookieClaim, domain: string | null): boolean {
  if (claim.domain === undefined) return true;
  if (domain === null) return false;
  return cookieDomainMatches(claim.domain.replace(/^\*\./, ''), domain.replace(/^\./, ''));
}

/**
 * The consent a company needs: what the shop's own model says wins over the catalogue's
 * category — the processor's category, its "no consent needed", or the consent rule of the
 * model category it is put in (a search widget the model files under a category without
 * consent is not marketing because the catalogue says so).
 */
function consentOf(processors: readonly Processor[], vendor: Vendor | null, policy: PolicyModel | null): ConsentCategory | 'unknown' {
  for (const p of processors) {
    const fromPolicy = consentCategoryOfPolicyCategory(p.category);
    if (fromPolicy) return fromPolicy;
  }
  if (processors.some((p) => p.consentRequired === false)) return 'necessary';
  const categories = processors.map((p) => policy?.cookieCategories.find((c) => c.id === p.category)).filter((c) => c !== undefined);
  if (categories.length > 0 && categories.every((c) => c.consentRequired === false)) return 'necessary';
  return vendor ? consentCategoryOfVendor(vendor.category) : 'unknown';
}

const regexCache = new Map<string, RegExp | null>();
function compile(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    try {
      regexCache.set(pattern, new RegExp(pattern));
    } catch {
      regexCache.set(pattern, null);
    }
  }
  return regexCache.get(pattern) ?? null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
