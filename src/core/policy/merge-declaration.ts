import { siteOf } from '../site.ts';
import type { CookieDeclaration, DeclaredCategory, DeclaredCookie, DeclaredService } from './cookie-declaration.ts';
import type { CookieCategory, CookieClaim, PolicyModel, Processor, Source } from './schema.ts';

export interface MergeDeclarationOptions {
  /**
   * Vendor id for a declared cookie (from the vendor catalogue's cookie/host knowledge),
   * or null. Used first, because providers like "Google" or "connox.nl" are ambiguous.
   */
  resolveVendor?: (cookie: DeclaredCookie) => string | null;
  /** Vendor id for a declared service (by its name), or null. */
  resolveService?: (service: DeclaredService) => string | null;
}

const URL_RE = /^https?:\/\//;
const SLUG_RE = /[^a-z0-9]+/g;

/**
 * Merge a cookie declaration into a model as a second source: every declared cookie
 * becomes a cookie claim (source.origin = the declaration's origin) under the processor it
 * belongs to, under `firstPartyCookies`, or under a new processor for providers the model
 * does not know. Merging the same declaration document again replaces its earlier claims,
 * so refreshing a declaration never duplicates. A declared service (a list of services, not
 * cookies) is a processor: the one the model already has for its vendor or name, else a new
 * one with its company and purposes and no cookies. Pure: returns a new model.
 */
export function mergeDeclaration(model: PolicyModel, declaration: CookieDeclaration, options: MergeDeclarationOptions = {}): PolicyModel {
  const fromThis = (s: Source) => s.origin === declaration.origin && s.document === declaration.document;
  const keepCookie = (c: CookieClaim) => !fromThis(c.source);

  const documents = [...model.documents];
  let documentRef = declaration.document;
  if (!URL_RE.test(documentRef) && !documents.some((d) => d.id === documentRef)) {
    documentRef = uniqueId(slug(`${declaration.origin}-${declaration.document}`), new Set(documents.map((d) => d.id)));
    documents.push({ id: documentRef, url: null, title: `${declaration.origin}: ${declaration.document}`, language: model.shop.language });
  }
  const isThisDocument = (s: Source) => fromThis(s) || (s.origin === declaration.origin && s.document === documentRef);

  const processors: Processor[] = model.processors
    .filter((p) => !isThisDocument(p.source))
    .map((p) => ({ ...p, cookies: p.cookies.filter((c) => keepCookie(c) && !isThisDocument(c.source)) }));
  const firstPartyCookies = model.firstPartyCookies.filter((c) => keepCookie(c) && !isThisDocument(c.source));
  const categories: CookieCategory[] = model.cookieCategories.filter((c) => !isThisDocument(c.source));

  const shopSites = new Set(model.shop.domains.map((d) => siteOf(d)));
  const usedIds = new Set(processors.map((p) => p.id));

  for (const declared of declaration.cookies) {
    const source: Source = {
      quote: declared.quote,
      section: declared.categoryLabel,
      document: documentRef,
      origin: declaration.origin,
    };
    addCategory(categories, declared, source);
    const claim = toClaim(declared, source);
    const vendorId = options.resolveVendor?.(declared) ?? null;
    const target = findProcessor(processors, declared, vendorId);
    if (target) {
      target.cookies.push(claim);
      continue;
    }
    const host = declared.host;
    if (declared.provider === '' || (host !== null && shopSites.has(siteOf(host)))) {
      firstPartyCookies.push(claim);
      continue;
    }
    const id = uniqueId(`declared-${slug(declared.provider || host || 'unknown')}`, usedIds);
    usedIds.add(id);
    processors.push({
      id,
      name: declared.provider || host || 'unknown provider',
      kind: 'service',
      vendorId,
      legalEntity: null,
      country: null,
      role: 'unknown',
      purposes: [],
      legalBasis: [],
      consentRequired: null,
      category: declared.category,
      hosts: host ? [host] : [],
      cookies: [claim],
      thirdCountryTransfer: null,
      source,
      checkable: true,
    });
  }
  for (const declared of declaration.services ?? []) {
    const source: Source = { quote: declared.quote, section: declared.categoryLabel, document: documentRef, origin: declaration.origin };
    addCategory(categories, declared, source);
    const vendorId = options.resolveService?.(declared) ?? null;
    const name = declared.name.toLowerCase();
    const known = processors.some((p) => p.kind === 'service' && ((vendorId !== null && p.vendorId === vendorId) || p.name.toLowerCase() === name));
    if (known) continue;
    const id = uniqueId(`declared-${slug(declared.name)}`, usedIds);
    usedIds.add(id);
    processors.push({
      id,
      name: declared.name,
      kind: 'service',
      vendorId,
      legalEntity: declared.legalEntity,
      country: null,
      role: 'unknown',
      purposes: declared.purposes,
      legalBasis: [],
      consentRequired: null,
      category: declared.category,
      hosts: [],
      cookies: [],
      thirdCountryTransfer: null,
      source,
      checkable: true,
    });
  }
  return { ...model, documents, processors, firstPartyCookies, cookieCategories: categories };
}

/** The declaration's category, added once, quoting its label. */
function addCategory(categories: CookieCategory[], declared: { category: DeclaredCategory; categoryLabel: string }, source: Source): void {
  if (categories.some((c) => c.id === declared.category)) return;
  categories.push({
    id: declared.category,
    name: declared.categoryLabel,
    legalBasis: [],
    consentRequired: null,
    firstPartyOnly: null,
    maxLifetimeDays: null,
    source: { ...source, quote: declared.categoryLabel },
    checkable: true,
  });
}

function toClaim(declared: DeclaredCookie, source: Source): CookieClaim {
  const claim: CookieClaim = {
    ...(declared.pattern === null ? { name: declared.name } : { pattern: declared.pattern }),
    storage: declared.storage,
    maxLifetimeDays: declared.maxLifetimeDays,
    purpose: declared.purpose,
    category: declared.category,
    source,
    checkable: true,
  };
  if (declared.host !== null) claim.domain = declared.host;
  return claim;
}

/**
 * Processor a declared cookie belongs to. Order: catalogue vendor id, a claim already
 * naming the cookie, a host match (exact before same site), then provider name. Ties go
 * to the processor in the declared category, then to model order.
 */
function findProcessor(processors: Processor[], declared: DeclaredCookie, vendorId: string | null): Processor | undefined {
  const services = processors.filter((p) => p.kind === 'service');
  const pick = (candidates: Processor[]) => candidates.find((p) => p.category === declared.category) ?? candidates[0];

  if (vendorId !== null) {
    const byVendor = services.filter((p) => p.vendorId === vendorId);
    if (byVendor.length > 0) return pick(byVendor);
  }
  const byName = services.filter((p) => p.cookies.some((c) => cookieClaimMatches(c, declared.name, declared.host)));
  if (byName.length > 0) return pick(byName);
  const host = declared.host;
  if (host !== null) {
    const exact = services.filter((p) => p.hosts.some((h) => hostPatternMatches(h, host)));
    if (exact.length > 0) return pick(exact);
    const site = siteOf(host);
    const sameSite = services.filter((p) => p.hosts.some((h) => siteOf(h.replace(/^\*\./, '')) === site));
    if (sameSite.length > 0) return pick(sameSite);
    return undefined;
  }
  const provider = declared.provider.trim().toLowerCase();
  if (provider === '') return undefined;
  const byProvider = services.filter((p) => p.name.toLowerCase().includes(provider) || (p.legalEntity ?? '').toLowerCase().includes(provider));
  return byProvider.length > 0 ? pick(byProvider) : undefined;
}

/**
 * True when a cookie claim (by name or pattern) covers the given cookie. A claim bound to a
 * domain only covers cookies known to be on that domain, so a catch-all pattern such as
 * Google's unnamed conversion cookie does not swallow every cookie.
 */
export function cookieClaimMatches(claim: CookieClaim, name: string, host?: string | null): boolean {
  if (claim.domain !== undefined && (host == null || !hostPatternMatches(`*.${claim.domain.replace(/^\*\./, '')}`, host))) {
    return false;
  }
  if (claim.name !== undefined) return claim.name === name;
  if (claim.pattern === undefined) return false;
  try {
    return new RegExp(claim.pattern).test(name);
  } catch {
    return false;
  }
}

/** `*.example.com` matches subdomains and example.com itself; plain hosts match exactly. */
export function hostPatternMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const base = pattern.slice(2);
  return host === base || host.endsWith(`.${base}`);
}

function slug(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(SLUG_RE, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
