import { z } from 'zod';

/**
 * Vendor categories. Kept coarse on purpose: the report groups findings by them and the
 * policy model maps purposes onto them, so a new category is a product decision, not a
 * data-entry one.
 */
export const VENDOR_CATEGORIES = [
  'analytics',
  'advertising',
  'affiliate',
  'session-recording',
  'ab-testing',
  'tag-manager',
  'consent',
  'payment',
  'reviews',
  'customer-service',
  'email-marketing',
  'search-recommendations',
  'fraud-captcha',
  'cdn',
  'fonts',
  'social',
  'video',
  'maps',
  'hosting',
  'personalisation',
  'other',
] as const;

/**
 * Country of a vendor whose source does not know it (third-party-web, TrackerDB without
 * one). The schema has no "unknown" value; ZZ is the ISO 3166 user-assigned code that CLDR
 * uses for "unknown region", so no real country is claimed. Catalogue records never use it.
 */
export const UNKNOWN_COUNTRY = 'ZZ';

export const VENDOR_STORAGE_TYPES = ['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage'] as const;

/** kebab-case, ASCII; ids are referenced from policy models, so they must stay stable. */
const VENDOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Lower-case hostname with at least one dot; no scheme, port, path or wildcard. */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
/** `{id}`-style placeholders in a cookie's display name mean "there is a pattern for this". */
const PLACEHOLDER = /\{[^}]*\}/;

function isAnchoredRegex(source: string): boolean {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return false;
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const VendorCategorySchema = z.enum(VENDOR_CATEGORIES);

export const VendorCookieSchema = z
  .strictObject({
    name: z.string().min(1).describe('Cookie or storage key name; may contain {placeholders} when `pattern` is set'),
    pattern: z
      .string()
      .regex(/^\^.*\$$/, 'pattern must be anchored with ^ and $')
      .refine(isAnchoredRegex, 'pattern must be a valid, anchored JavaScript regular expression source')
      .optional()
      .describe('JavaScript regular expression source (no flags), anchored with ^ and $'),
    type: z.enum(VENDOR_STORAGE_TYPES),
    purpose: z.string().min(1),
    lifetimeDays: z.number().nonnegative().nullable().describe('Typical lifetime in days; 0 = session, null = unknown'),
  })
  .refine((c) => c.pattern !== undefined || !PLACEHOLDER.test(c.name), {
    message: 'a name with a {placeholder} needs a pattern',
    path: ['pattern'],
  });

export const VendorSchema = z.strictObject({
  id: z.string().regex(VENDOR_ID, 'id must be kebab-case'),
  name: z.string().min(1),
  organisation: z.string().min(1).describe('Company group, e.g. "Google" for every Google product'),
  legalEntity: z.string().min(1).describe('Contracting legal entity for users in the EU'),
  country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code'),
  category: VendorCategorySchema,
  products: z.array(z.string().min(1)),
  domains: z
    .array(z.string().regex(HOSTNAME, 'domain must be a lower-case hostname'))
    .describe('Registrable domains or specific hostnames the vendor serves from'),
  suffixDomains: z
    .array(z.string().regex(HOSTNAME, 'domain must be a lower-case hostname'))
    .optional()
    .describe(
      'Public suffixes the vendor operates as a platform (cloudfront.net, akamaihd.net): every site below them is served by it. Only names on the public suffix list belong here; other domains go in `domains`',
    ),
  cookies: z.array(VendorCookieSchema),
  privacyPolicyUrl: z.url({ protocol: /^https$/ }),
  aliases: z.array(z.string().min(1)),
});

/** One data file: a JSON array of vendor records. */
export const VendorFileSchema = z.array(VendorSchema);

export type VendorCategory = z.infer<typeof VendorCategorySchema>;
export type VendorStorageType = (typeof VENDOR_STORAGE_TYPES)[number];
export type VendorCookie = z.infer<typeof VendorCookieSchema>;
export type Vendor = z.infer<typeof VendorSchema>;

/**
 * JSON Schema of a vendor data file, for editors and external tooling. The committed copy
 * in data/vendor.schema.json is kept in sync by a test (see test/core/vendors/schema.test.ts).
 * Cross-record rules (unique ids and domains, reachable domains) are not expressible there;
 * they live in checkCatalogue().
 */
export function vendorFileJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(VendorFileSchema, { target: 'draft-2020-12' });
  return {
    $schema,
    $id: 'https://policylens.invalid/schemas/vendor-file.json',
    title: 'PolicyLens vendor catalogue data file',
    ...rest,
  };
}
