import { siteOf } from '../../site.ts';
import type { VendorIndex } from '../../vendors/vendor-index.ts';
import type { CookieDeclaration, DeclaredCookie, DeclaredService } from '../cookie-declaration.ts';
import { mergeDeclaration } from '../merge-declaration.ts';
import { CURRENT_SCHEMA_VERSION, policyModelSchema } from '../schema.ts';
import type { PolicyModel } from '../schema.ts';

export type PageDeclarationDraft = { ok: true; model: PolicyModel } | { ok: false; message: string };

const TOOL_NAMES: Record<CookieDeclaration['origin'], string> = {
  'cookiebot-declaration': 'Cookiebot',
  'onetrust-declaration': 'OneTrust',
  'usercentrics-declaration': 'Usercentrics',
};
const SLUG_RE = /[^a-z0-9]+/g;

/**
 * A model for a shop that has none, from the consent tool's own declaration on its page: the
 * shop's own words. It starts empty (no policy text) and gets the declaration merged in exactly
 * as the options page's import does, so every cookie claim quotes its declaration row and
 * carries the tool as its origin and the page as its document. Pure.
 */
export function draftFromPageDeclaration(
  declarations: readonly CookieDeclaration[],
  page: { host: string; language: string },
  vendors: VendorIndex,
): PageDeclarationDraft {
  const first = declarations[0];
  if (!first) return { ok: false, message: 'no declaration' };
  const site = siteOf(page.host);
  const tools = [...new Set(declarations.map((d) => TOOL_NAMES[d.origin]))].join(' + ');
  const empty: PolicyModel = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: `declaration-${slug(site)}`,
    title: `${site} — ${tools}`,
    description: "Drafted from the consent tool's declaration on the shop's page (the shop's own words); no policy text.",
    documents: [],
    shop: {
      name: site,
      domains: [site],
      language: page.language,
      policyDate: null,
      policyVersion: null,
      controller: {
        name: null,
        address: [],
        email: null,
        source: { quote: tools, section: tools, document: first.document, origin: first.origin },
        checkable: false,
      },
      dpo: null,
    },
    processors: [],
    firstPartyCookies: [],
    cookieCategories: [],
    promises: [],
  };
  const resolveVendor = declaredVendorResolver(vendors);
  const resolveService = serviceVendorResolver(vendors);
  const model = declarations.reduce((m, d) => mergeDeclaration(m, d, { resolveVendor, resolveService }), empty);
  const checked = policyModelSchema.safeParse(model);
  if (!checked.success) return { ok: false, message: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, model: checked.data };
}

/**
 * Vendor of a declared cookie: by its host, else — when the declaration names a provider
 * ("Google") rather than a host — by the catalogue's documented cookie name (`_ga`).
 */
function declaredVendorResolver(vendors: VendorIndex): (cookie: DeclaredCookie) => string | null {
  return (cookie) => {
    if (cookie.host !== null) return vendors.lookupHost(cookie.host)?.vendor.id ?? null;
    if (cookie.pattern !== null) return null;
    return vendors.matchCookieName(cookie.name).find((m) => m.via === 'exact')?.vendor.id ?? null;
  };
}

/**
 * Vendor of a declared service by its name: the one catalogue record whose name, product or
 * alias it is ("Google Analytics"), compared case-insensitively; none when several share it.
 */
function serviceVendorResolver(vendors: VendorIndex): (service: DeclaredService) => string | null {
  const byName = new Map<string, Set<string>>();
  for (const vendor of vendors.vendors)
    for (const name of [vendor.name, ...vendor.products, ...vendor.aliases]) {
      const key = name.trim().toLowerCase();
      byName.set(key, (byName.get(key) ?? new Set()).add(vendor.id));
    }
  return (service) => {
    const ids = byName.get(service.name.trim().toLowerCase());
    return ids?.size === 1 ? ([...ids][0] as string) : null;
  };
}

function slug(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(SLUG_RE, '-')
      .replace(/^-+|-+$/g, '') || 'shop'
  );
}
