import { z } from 'zod';

/**
 * The declared policy model: what a shop's privacy policy (and, as second sources, its
 * cookie declarations) say about processors, cookies and limits. One schema is both the
 * runtime validator for model files and, via `z.infer`, the TypeScript types.
 *
 * Every claim carries a `source` (verbatim quote + where it came from), a `checkable` flag
 * (can a browser observe whether it holds?) and an optional `tension` note for vague or
 * self-contradicting text. Unverifiable claims stay in the model with `checkable: false`.
 */

/** Version written by this build; older files are upgraded by migrate.ts. */
export const CURRENT_SCHEMA_VERSION = 1;

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
// Lower-case DNS name; hosts may start with `*.` meaning "any subdomain of".
const DOMAIN_RE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const COUNTRY_RE = /^[A-Z]{2}$/;
const ARTICLE_RE = /^\d+(\(\d+\))?(\([a-z]\))?$/;
const URL_RE = /^https?:\/\/\S+$/;
const LANGUAGE_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const text = z.string().trim().min(1, { message: 'must not be empty' });
const idSchema = z.string().regex(ID_RE, { message: 'expected an id of lower-case letters, digits and dashes' });
const domainSchema = z.string().regex(DOMAIN_RE, { message: 'expected a lower-case domain name such as "connox.nl"' });
const hostPatternSchema = z.string().refine((h) => DOMAIN_RE.test(h.startsWith('*.') ? h.slice(2) : h), {
  message: 'expected a lower-case hostname, optionally starting with "*."',
});
const countrySchema = z.string().regex(COUNTRY_RE, { message: 'expected an ISO 3166 alpha-2 code such as "DE"' });
const regexSchema = z.string().min(1).refine(isValidRegex, { message: 'expected a valid regular expression' });
const lifetimeSchema = z.number().finite().min(0, { message: 'expected 0 (session) or more days' });

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const sourceOriginSchema = z.enum(['policy-text', 'cookiebot-declaration', 'onetrust-declaration', 'usercentrics-declaration', 'user']);

/** Where a claim comes from: the quote is verbatim, in the document's own language. */
export const sourceSchema = z.strictObject({
  quote: text,
  section: text,
  /** A `documents[].id` of the model, or a URL. */
  document: text,
  origin: sourceOriginSchema,
});

const claimFields = {
  source: sourceSchema,
  checkable: z.boolean(),
  tension: text.optional(),
};

export const legalBasisKindSchema = z.enum([
  'consent',
  'contract',
  'legal-obligation',
  'vital-interest',
  'public-task',
  'legitimate-interest',
  // The text cites "Art. 6" without saying which letter.
  'unspecified',
]);

export const legalBasisSchema = z.strictObject({
  /** Normalised GDPR article, e.g. `6(1)(a)`; null when the text names none. */
  article: z.string().regex(ARTICLE_RE, { message: 'expected an article such as "6(1)(a)"' }).nullable(),
  kind: legalBasisKindSchema,
  /** The citation exactly as written, e.g. `art. 6 lid 1 zin 1 punt f AVG`. */
  citation: text,
  source: sourceSchema,
});

export const storageTypeSchema = z.enum(['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage']);

export const cookieClaimSchema = z
  .strictObject({
    name: text.optional(),
    /** Regular expression over the cookie/storage key name. */
    pattern: regexSchema.optional(),
    /** Cookie domain (or host) the claim is about, when the source names it. */
    domain: hostPatternSchema.optional(),
    storage: storageTypeSchema,
    /** 0 = session; null = not stated. */
    maxLifetimeDays: lifetimeSchema.nullable(),
    purpose: z.string(),
    /** Category id (cookieCategories[].id) the source puts this cookie in. */
    category: idSchema.nullable().optional(),
    ...claimFields,
  })
  .refine((c) => (c.name === undefined) !== (c.pattern === undefined), {
    message: 'give exactly one of "name" or "pattern"',
  });

export const safeguardSchema = z.enum(['adequacy', 'dpf', 'scc', 'bcr', 'consent', 'none-stated']);

export const thirdCountryTransferSchema = z.strictObject({
  countries: z.array(countrySchema),
  safeguard: safeguardSchema,
  /** Further safeguards the text cites next to the main one. */
  alsoCited: z.array(safeguardSchema).optional(),
  ...claimFields,
});

export const processorRoleSchema = z.enum(['processor', 'independent-controller', 'joint-controller', 'unknown']);

export const processorSchema = z.strictObject({
  id: idSchema,
  name: text,
  /** `service`: a named company/tool; `recipient-category`: a class such as "courier services". */
  kind: z.enum(['service', 'recipient-category']),
  vendorId: idSchema.nullable(),
  legalEntity: text.nullable(),
  address: text.nullable().optional(),
  country: countrySchema.nullable(),
  role: processorRoleSchema,
  /** Processor id this one works for (e.g. a hosting provider of a captcha service). */
  subProcessorOf: idSchema.optional(),
  purposes: z.array(text),
  legalBasis: z.array(legalBasisSchema),
  consentRequired: z.boolean().nullable(),
  category: idSchema.nullable(),
  /** Expected technical endpoints; `*.example.com` matches any subdomain. */
  hosts: z.array(hostPatternSchema),
  cookies: z.array(cookieClaimSchema),
  thirdCountryTransfer: thirdCountryTransferSchema.nullable(),
  ...claimFields,
});

export const cookieCategorySchema = z.strictObject({
  id: idSchema,
  name: text,
  legalBasis: z.array(legalBasisSchema),
  consentRequired: z.boolean().nullable(),
  firstPartyOnly: z.boolean().nullable(),
  maxLifetimeDays: lifetimeSchema.nullable(),
  ...claimFields,
});

const lifetimeScopeSchema = z.enum(['all', 'first-party', 'third-party', 'category', 'processor', 'cookie']);

const promiseSchemas = [
  z.strictObject({
    kind: z.literal('max-cookie-lifetime'),
    scope: lifetimeScopeSchema,
    /** Category id, processor id or cookie name for the scopes that need one. */
    ref: text.optional(),
    maxDays: lifetimeSchema,
    /** The limit as written, when it is not in days ("22 jaar"). */
    asWritten: text.optional(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('session-cookies-expire'),
    scope: z.enum(['all', 'first-party']),
    /** When the text says they disappear ("leave-site" is not how browsers behave). */
    deletedWhen: z.enum(['browser-closed', 'leave-site']),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('no-cookies'),
    processorId: idSchema,
    allowedStorageKeys: z.array(text),
    /** Also no localStorage/indexedDB ("geen gegevens in het permanente geheugen"). */
    noPersistentStorage: z.boolean(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('ip-anonymisation'),
    /** Absent: the shop itself (e.g. its server logs). */
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('first-party-only'),
    /** null = every cookie. */
    categoryId: idSchema.nullable(),
    ...claimFields,
  }),
  z.strictObject({ kind: z.literal('not-shared-with-third-parties'), categoryId: idSchema, ...claimFields }),
  z.strictObject({
    kind: z.literal('consent-tool'),
    tool: z.enum(['cookiebot', 'onetrust', 'usercentrics', 'didomi', 'other']),
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('consent-mechanism'),
    mechanism: z.enum(['google-consent-mode', 'iab-tcf']),
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('consent-before-cookies'),
    categoryId: idSchema,
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('transport-encryption'),
    protocol: text,
    details: z.array(text),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('retention'),
    subject: text,
    /** The period as written; null when the text only says "until no longer needed". */
    period: text.nullable(),
    periodDays: z.number().finite().min(0).nullable(),
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({ kind: z.literal('no-sale-of-data'), processorId: idSchema.optional(), ...claimFields }),
  z.strictObject({
    kind: z.literal('no-identification'),
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('purpose-limitation'),
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({
    kind: z.literal('data-subject-right'),
    right: z.enum(['access', 'rectification', 'erasure', 'restriction', 'portability', 'withdraw-consent', 'complaint', 'object']),
    article: text,
    processorId: idSchema.optional(),
    ...claimFields,
  }),
  z.strictObject({ kind: z.literal('policy-changes'), ...claimFields }),
  z.strictObject({
    kind: z.literal('other'),
    /** Short label for a claim no other kind fits. */
    topic: text,
    processorId: idSchema.optional(),
    ...claimFields,
  }),
] as const;

export const policyPromiseSchema = z.discriminatedUnion('kind', promiseSchemas);

export const contactSchema = z.strictObject({
  name: text.nullable(),
  address: z.array(text),
  email: text.nullable(),
  phone: text.nullable().optional(),
  ...claimFields,
});

export const policyDocumentSchema = z.strictObject({
  id: idSchema,
  url: z.string().regex(URL_RE, { message: 'expected an http(s) URL' }).nullable(),
  title: text,
  language: z.string().regex(LANGUAGE_RE, { message: 'expected a language tag such as "nl"' }),
});

export const shopSchema = z.strictObject({
  name: text,
  /** Registrable domains (and their subdomains) this model applies to. */
  domains: z.array(domainSchema).min(1, { message: 'list at least one domain' }),
  language: z.string().regex(LANGUAGE_RE, { message: 'expected a language tag such as "nl"' }),
  policyDate: z.string().regex(DATE_RE, { message: 'expected a date as YYYY-MM-DD' }).nullable(),
  policyVersion: text.nullable(),
  controller: contactSchema,
  dpo: contactSchema.nullable(),
});

const baseModelSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: idSchema,
  title: text,
  description: text.optional(),
  documents: z.array(policyDocumentSchema),
  shop: shopSchema,
  processors: z.array(processorSchema),
  /** Cookies the shop sets itself (e.g. from a cookie declaration). */
  firstPartyCookies: z.array(cookieClaimSchema),
  cookieCategories: z.array(cookieCategorySchema),
  promises: z.array(policyPromiseSchema),
});

/** Full model schema, including cross-references (ids exist, are unique, documents resolve). */
export const policyModelSchema = baseModelSchema.superRefine((model, ctx) => {
  const documentIds = new Set<string>();
  const processorIds = new Set<string>();
  const categoryIds = new Set<string>();
  const report = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  model.documents.forEach((d, i) => {
    if (documentIds.has(d.id)) report(['documents', i, 'id'], `duplicate document id "${d.id}"`);
    documentIds.add(d.id);
  });
  model.processors.forEach((p, i) => {
    if (processorIds.has(p.id)) report(['processors', i, 'id'], `duplicate processor id "${p.id}"`);
    processorIds.add(p.id);
  });
  model.cookieCategories.forEach((c, i) => {
    if (categoryIds.has(c.id)) report(['cookieCategories', i, 'id'], `duplicate category id "${c.id}"`);
    categoryIds.add(c.id);
  });

  const checkSource = (source: Source, path: (string | number)[]) => {
    if (!documentIds.has(source.document) && !URL_RE.test(source.document)) {
      report([...path, 'document'], `unknown document "${source.document}" (declare it under documents or use a URL)`);
    }
  };
  const checkCategory = (id: string | null | undefined, path: (string | number)[]) => {
    if (id != null && !categoryIds.has(id)) report(path, `unknown cookie category "${id}"`);
  };
  const checkProcessor = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !processorIds.has(id)) report(path, `unknown processor "${id}"`);
  };
  const checkBases = (bases: LegalBasis[], path: (string | number)[]) => bases.forEach((b, i) => checkSource(b.source, [...path, i, 'source']));
  const checkCookies = (cookies: CookieClaim[], path: (string | number)[]) =>
    cookies.forEach((c, i) => {
      checkSource(c.source, [...path, i, 'source']);
      checkCategory(c.category, [...path, i, 'category']);
    });

  checkSource(model.shop.controller.source, ['shop', 'controller', 'source']);
  if (model.shop.dpo) checkSource(model.shop.dpo.source, ['shop', 'dpo', 'source']);
  checkCookies(model.firstPartyCookies, ['firstPartyCookies']);
  model.processors.forEach((p, i) => {
    const at = ['processors', i];
    checkSource(p.source, [...at, 'source']);
    checkBases(p.legalBasis, [...at, 'legalBasis']);
    checkCategory(p.category, [...at, 'category']);
    checkCookies(p.cookies, [...at, 'cookies']);
    checkProcessor(p.subProcessorOf, [...at, 'subProcessorOf']);
    if (p.thirdCountryTransfer) checkSource(p.thirdCountryTransfer.source, [...at, 'thirdCountryTransfer', 'source']);
  });
  model.cookieCategories.forEach((c, i) => {
    checkSource(c.source, ['cookieCategories', i, 'source']);
    checkBases(c.legalBasis, ['cookieCategories', i, 'legalBasis']);
  });
  model.promises.forEach((p, i) => {
    const at = ['promises', i];
    checkSource(p.source, [...at, 'source']);
    if ('processorId' in p) checkProcessor(p.processorId, [...at, 'processorId']);
    if ('categoryId' in p) checkCategory(p.categoryId, [...at, 'categoryId']);
    if (p.kind === 'max-cookie-lifetime') {
      const needsRef = p.scope === 'category' || p.scope === 'processor' || p.scope === 'cookie';
      if (needsRef && p.ref === undefined) report([...at, 'ref'], `scope "${p.scope}" needs a ref`);
      if (!needsRef && p.ref !== undefined) report([...at, 'ref'], `scope "${p.scope}" takes no ref`);
      if (p.scope === 'category') checkCategory(p.ref, [...at, 'ref']);
      if (p.scope === 'processor') checkProcessor(p.ref, [...at, 'ref']);
    }
  });
});

export type SourceOrigin = z.infer<typeof sourceOriginSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type LegalBasisKind = z.infer<typeof legalBasisKindSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
export type StorageType = z.infer<typeof storageTypeSchema>;
export type CookieClaim = z.infer<typeof cookieClaimSchema>;
export type Safeguard = z.infer<typeof safeguardSchema>;
export type ThirdCountryTransfer = z.infer<typeof thirdCountryTransferSchema>;
export type ProcessorRole = z.infer<typeof processorRoleSchema>;
export type Processor = z.infer<typeof processorSchema>;
export type CookieCategory = z.infer<typeof cookieCategorySchema>;
export type PolicyPromise = z.infer<typeof policyPromiseSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type PolicyModel = z.infer<typeof policyModelSchema>;
