import { getDomain } from 'tldts';
import { VendorFileSchema } from './schema.ts';
import type { Vendor } from './schema.ts';

export interface CatalogueIssue {
  /** Data file name as handed to parseVendorFiles, when the issue is tied to one. */
  file?: string;
  vendorId?: string;
  /** Dotted path inside the file or record, e.g. "3.cookies.0.pattern". */
  path: string;
  message: string;
}

export type CatalogueResult = { ok: true; vendors: Vendor[] } | { ok: false; issues: CatalogueIssue[] };

/**
 * Validates data files (schema per file, then cross-file rules) and concatenates them in
 * path order, so ids and the first-claim winner of a domain are deterministic.
 */
export function parseVendorFiles(files: Readonly<Record<string, unknown>>): CatalogueResult {
  const issues: CatalogueIssue[] = [];
  const vendors: Vendor[] = [];
  for (const file of Object.keys(files).sort()) {
    const parsed = VendorFileSchema.safeParse(files[file]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const index = typeof issue.path[0] === 'number' ? issue.path[0] : undefined;
        const raw = index === undefined ? undefined : (files[file] as unknown[])[index];
        const id = raw && typeof raw === 'object' && 'id' in raw ? String(raw.id) : undefined;
        issues.push({ file, ...(id ? { vendorId: id } : {}), path: issue.path.join('.'), message: issue.message });
      }
      continue;
    }
    vendors.push(...parsed.data);
  }
  issues.push(...checkCatalogue(vendors));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, vendors };
}

/**
 * Rules that span records and so cannot live in the per-record schema: unique ids, no
 * domain claimed twice, and no public suffix in `domains` (listing "github.io" there by
 * mistake would claim every site below it). A vendor that operates a suffix as a hosting
 * platform (cloudfront.net) says so in `suffixDomains`, which must hold public suffixes only.
 */
export function checkCatalogue(vendors: readonly Vendor[]): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const ids = new Map<string, number>();
  const domainOwner = new Map<string, string>();
  vendors.forEach((vendor, index) => {
    if (ids.has(vendor.id)) {
      issues.push({ vendorId: vendor.id, path: `${index}.id`, message: `duplicate vendor id "${vendor.id}"` });
    }
    ids.set(vendor.id, index);
    vendor.domains.forEach((domain, d) => {
      const owner = domainOwner.get(domain);
      if (owner !== undefined) {
        issues.push({
          vendorId: vendor.id,
          path: `${index}.domains.${d}`,
          message: `domain "${domain}" is already claimed by "${owner}"`,
        });
      } else {
        domainOwner.set(domain, vendor.id);
      }
      if (getDomain(domain, { allowPrivateDomains: true }) === null) {
        issues.push({
          vendorId: vendor.id,
          path: `${index}.domains.${d}`,
          message: `domain "${domain}" is a public suffix, so no host lookup can reach it`,
        });
      }
    });
    (vendor.suffixDomains ?? []).forEach((domain, d) => {
      const owner = domainOwner.get(domain);
      if (owner !== undefined) {
        issues.push({ vendorId: vendor.id, path: `${index}.suffixDomains.${d}`, message: `domain "${domain}" is already claimed by "${owner}"` });
      } else {
        domainOwner.set(domain, vendor.id);
      }
      if (getDomain(domain, { allowPrivateDomains: true }) !== null) {
        issues.push({
          vendorId: vendor.id,
          path: `${index}.suffixDomains.${d}`,
          message: `domain "${domain}" is not a public suffix: list it in "domains"`,
        });
      }
    });
    const cookieKeys = new Set<string>();
    vendor.cookies.forEach((cookie, c) => {
      const key = `${cookie.type}\u0000${cookie.name}`;
      if (cookieKeys.has(key)) {
        issues.push({
          vendorId: vendor.id,
          path: `${index}.cookies.${c}`,
          message: `${cookie.type} "${cookie.name}" is listed twice`,
        });
      }
      cookieKeys.add(key);
    });
  });
  return issues;
}

/**
 * The validated catalogue from the data files a composition root hands in (see src/data/).
 * Throws when the data is invalid: bundled data is checked by the tests, so an invalid file
 * is a build defect, not a runtime condition to recover from.
 */
export function loadCatalogue(files: Readonly<Record<string, unknown>>): readonly Vendor[] {
  const result = parseVendorFiles(files);
  if (!result.ok) {
    const first = result.issues
      .slice(0, 5)
      .map((i) => `${i.file ?? ''} ${i.vendorId ?? ''} ${i.path}: ${i.message}`)
      .join('; ');
    throw new Error(`Bundled vendor catalogue is invalid (${result.issues.length} issues): ${first}`);
  }
  return Object.freeze(result.vendors);
}
