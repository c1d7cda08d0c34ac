import type { Vendor } from '../vendors/schema.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

/** Which catalogue field a phrase came from. */
export type PhraseKind = 'name' | 'product' | 'alias' | 'entity' | 'organisation' | 'supplement';

interface PhraseRef {
  vendorId: string;
  kind: PhraseKind;
}

interface Phrase {
  tokens: readonly string[];
  /** Short all-caps phrases ("GA", "PA", "GTM") must match exactly as written. */
  exact: readonly string[] | null;
  refs: PhraseRef[];
}

/**
 * Vendor names, products, aliases, legal entities and organisations as token sequences,
 * bucketed by their first lower-cased token. A sentence is scanned once: each token looks up
 * its bucket (a Map.get) and tries only those phrases, longest first.
 */
export interface VendorPhraseIndex {
  readonly byFirstToken: ReadonlyMap<string, readonly Phrase[]>;
  readonly vendorsById: ReadonlyMap<string, Vendor>;
  readonly phraseCount: number;
  /** Exact cookie/storage key names the catalogue documents (distinctive ones only). */
  readonly knownKeyNames: ReadonlyMap<string, readonly string[]>;
  /** Vendors per organisation (lower-case): a company name identifies a product only when this is 1. */
  readonly organisationSize: ReadonlyMap<string, number>;
}

/** A vendor phrase found in a text. */
export interface VendorMention {
  /** Resolved vendor; null when the phrase fits several vendors ("Google", "Heatmaps"). */
  vendorId: string | null;
  candidates: readonly string[];
  /** `service`: names the product; `entity`: names the company behind it. */
  role: 'service' | 'entity';
  phraseKind: PhraseKind;
  /** The phrase as written in the text. */
  text: string;
  start: number;
  end: number;
  confidence: number;
}

/**
 * Single words that are also ordinary words in English, Dutch or German. They never match on
 * their own (the catalogue's multi-word names, e.g. "Microsoft Clarity", still do); without
 * this, "link", "feedback" or "segment" in a sentence would become vendors.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'link',
  'text',
  'smart',
  'feedback',
  'heatmaps',
  'recordings',
  'surveys',
  'frames',
  'flow',
  'impact',
  'ascend',
  'constructor',
  'empathy',
  'curator',
  'insider',
  'privy',
  'attentive',
  'sift',
  'human',
  'fingerprint',
  'clarity',
  'segment',
  'heap',
  'amplitude',
  'piano',
  'meta',
  'optimize',
  'nets',
  'sips',
  'clerk',
  'stamped',
  'rebuy',
  'alma',
  'billie',
  'ada',
  'oracle',
  'drift',
  'crisp',
  'mux',
  'kibo',
  'snap',
  'alphabet',
  'plausible',
  'fathom',
  'umami',
  'sentry',
  'snowplow',
  'braze',
  'iterable',
  'airship',
  'recharge',
  'turnstile',
  'juicer',
  'chatbot',
  'helpdesk',
  'livechat',
  'firework',
  'uberall',
  'tag',
  'tags',
  'consent',
  'partner',
  'pay',
  'wallet',
  'signals',
  'launch',
  'target',
  'x',
  'website',
  'app',
  'web',
  'habla',
  'embed',
  'mapp',
  'optimove',
  'twitch',
  'apple',
  'amazon',
  'google',
  'microsoft',
  // Card brands: "Mastercard" is a payment method on a shop's page, not Dynamic Yield's owner.
  'mastercard',
  'visa',
]);

/**
 * Multi-word phrases that are ordinary words for a shop: a feature or a payment method, not
 * the vendor whose product bears the name ("live chat" is not Lucky Orange, "direct debit" not Unzer).
 */
const GENERIC_PHRASES: ReadonlySet<string> = new Set([
  'live chat',
  'direct debit',
  'credit card',
  'debit card',
  'bank transfer',
  'gift card',
  'web chat',
  'chat widget',
  'push notifications',
  'email marketing',
  'online banking',
  'instant transfer',
]);

/**
 * Phrases the catalogue files under another record, with the reason. Applied only when the
 * vendor exists in the catalogue passed in.
 */
export const SUPPLEMENT_PHRASES: ReadonlyArray<{ phrase: string; vendorId: string; reason: string }> = [
  {
    phrase: 'Google Consent Mode',
    vendorId: 'google-tag-manager',
    reason: 'Consent Mode is configured in the Google tag (gtag.js / Tag Manager); the catalogue lists it under the shared "google" record',
  },
  {
    phrase: 'Consent Mode',
    vendorId: 'google-tag-manager',
    reason: 'as "Google Consent Mode"',
  },
  // The Romance languages put the product before the brand: "le pixel de Facebook".
  ...[
    ['pixel de Facebook', 'facebook-pixel'],
    ['pixel de Meta', 'facebook-pixel'],
    ['píxel de Facebook', 'facebook-pixel'],
    ['píxel de Meta', 'facebook-pixel'],
    ['pixel di Facebook', 'facebook-pixel'],
    ['pixel di Meta', 'facebook-pixel'],
    ['pixel de TikTok', 'tiktok-pixel'],
    ['píxel de TikTok', 'tiktok-pixel'],
    ['pixel di TikTok', 'tiktok-pixel'],
  ].map(([phrase, vendorId]) => ({
    phrase: phrase as string,
    vendorId: vendorId as string,
    reason: 'the product named before its brand (fr/es/it word order)',
  })),
];

// Legal-form words: a catalogue alias containing one names a company ("Google LLC"), so it
// counts as an entity phrase, not a product.
export const LEGAL_FORMS_LOWER: ReadonlySet<string> = new Set([
  'gmbh',
  'inc',
  'llc',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  's.a.s',
  's.r.o',
  'a/s',
  'aps',
  'b.v',
  'n.v',
  'pty',
  's.p.a',
  's.r.l',
  'sarl',
  's.à',
  'r.l',
  's.c.a',
  's.a',
  's.l',
  'llp',
  'gbr',
  'ohg',
  'ug',
  'ltda',
]);
export const LEGAL_FORMS_EXACT: ReadonlySet<string> = new Set([
  'AG',
  'SA',
  'SE',
  'AB',
  'Oy',
  'KG',
  'BV',
  'NV',
  'SAS',
  'SL',
  'LP',
  'Co',
  'SRL',
  'SpA',
  'KGaA',
  'AS',
  'ASA',
  'Oyj',
]);

export function isLegalForm(token: string): boolean {
  return LEGAL_FORMS_LOWER.has(token.toLowerCase()) || LEGAL_FORMS_EXACT.has(token);
}

const CONFIDENCE: Readonly<Record<PhraseKind, number>> = {
  name: 0.9,
  product: 0.9,
  alias: 0.8,
  supplement: 0.75,
  entity: 0.7,
  organisation: 0.6,
};

/** Builds the phrase index once per catalogue; cost is linear in the catalogue size. */
export function buildVendorPhraseIndex(vendors: readonly Vendor[]): VendorPhraseIndex {
  const phrases = new Map<string, Phrase>();
  const vendorsById = new Map<string, Vendor>();
  const knownKeyNames = new Map<string, string[]>();
  const organisationSize = new Map<string, number>();

  const add = (raw: string, vendorId: string, kind: PhraseKind, organisation: string) => {
    for (const variant of variantsOf(raw, organisation)) {
      const tokens = tokenize(variant).filter((t) => t.kind === 'word');
      if (tokens.length === 0) continue;
      const lowered = tokens.map((t) => t.lower);
      if (lowered.length === 1 && (GENERIC_WORDS.has(lowered[0] as string) || (lowered[0] as string).length < 2)) continue;
      if (GENERIC_PHRASES.has(lowered.join(' '))) continue;
      const resolved: PhraseKind = kind === 'alias' && tokens.some((t) => isLegalForm(t.text)) ? 'entity' : kind;
      const key = lowered.join(' ');
      const exact = lowered.length === 1 && (lowered[0] as string).length <= 3 ? tokens.map((t) => t.text) : null;
      const phrase = phrases.get(key) ?? { tokens: lowered, exact, refs: [] };
      if (!phrase.refs.some((r) => r.vendorId === vendorId && r.kind === resolved)) phrase.refs.push({ vendorId, kind: resolved });
      phrases.set(key, phrase);
    }
  };

  for (const vendor of vendors) {
    vendorsById.set(vendor.id, vendor);
    organisationSize.set(vendor.organisation.toLowerCase(), (organisationSize.get(vendor.organisation.toLowerCase()) ?? 0) + 1);
    add(vendor.name, vendor.id, 'name', vendor.organisation);
    for (const p of vendor.products) add(p, vendor.id, 'product', vendor.organisation);
    for (const a of vendor.aliases) add(a, vendor.id, 'alias', vendor.organisation);
    add(vendor.legalEntity, vendor.id, 'entity', vendor.organisation);
    // "Meta Platforms Ireland Ltd." for "… Limited" and the other way: texts abbreviate the legal form either way.
    const otherForm = /\bLimited$/.test(vendor.legalEntity)
      ? vendor.legalEntity.replace(/\bLimited$/, 'Ltd')
      : /\bLtd\.?$/.test(vendor.legalEntity)
        ? vendor.legalEntity.replace(/\bLtd\.?$/, 'Limited')
        : null;
    if (otherForm) add(otherForm, vendor.id, 'entity', vendor.organisation);
    add(vendor.organisation, vendor.id, 'organisation', vendor.organisation);
    for (const cookie of vendor.cookies) {
      if (cookie.pattern !== undefined || !isDistinctiveKeyName(cookie.name)) continue;
      const owners = knownKeyNames.get(cookie.name) ?? [];
      if (!owners.includes(vendor.id)) owners.push(vendor.id);
      knownKeyNames.set(cookie.name, owners);
    }
  }
  for (const s of SUPPLEMENT_PHRASES) {
    if (!vendorsById.has(s.vendorId)) continue;
    const tokens = tokenize(s.phrase).map((t) => t.lower);
    const key = tokens.join(' ');
    phrases.set(key, { tokens, exact: null, refs: [{ vendorId: s.vendorId, kind: 'supplement' }] });
  }

  const byFirstToken = new Map<string, Phrase[]>();
  for (const phrase of phrases.values()) {
    const first = phrase.tokens[0] as string;
    const bucket = byFirstToken.get(first) ?? [];
    bucket.push(phrase);
    byFirstToken.set(first, bucket);
  }
  for (const bucket of byFirstToken.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirstToken, vendorsById, phraseCount: phrases.size, knownKeyNames, organisationSize };
}

/**
 * "Zendesk Chat (formerly Zopim)" also as "Zendesk Chat"; "Google DoubleClick / Campaign
 * Manager 360" also as its two halves. A variant that is just the organisation ("Google"
 * from "Google (shared services)") is dropped: it would claim every mention of the company.
 */
function variantsOf(raw: string, organisation: string): string[] {
  const out = new Set<string>([raw]);
  const noParens = raw.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (noParens !== '' && noParens !== raw && noParens.toLowerCase() !== organisation.toLowerCase()) out.add(noParens);
  // Halves of "A / B" only when each is a phrase of its own: "Website / App Feedback" must not yield "Website".
  for (const part of noParens.split(/\s+\/\s+/)) {
    if (part !== noParens && /\s/.test(part.trim()) && part.toLowerCase() !== organisation.toLowerCase()) out.add(part.trim());
  }
  return [...out];
}

/** Catalogue names such as "uid", "C" or "fr" are words; only names like "_ga", "frc_sid", "MUID" are used. */
function isDistinctiveKeyName(name: string): boolean {
  if (name.length < 3) return false;
  // All-caps names need four letters: three-letter ones ("GCM", "IDE") are also abbreviations in prose.
  return /[_\-.:]|\d|[a-z][A-Z]/.test(name) || /^[A-Z]{4,}$/.test(name);
}

/**
 * Vendor phrases in `text`, longest match first and without overlaps. Service phrases
 * (name, product, alias) that fit exactly one vendor resolve to it; a legal entity or
 * organisation resolves only when its company has a single product in the catalogue
 * ("Trustpilot A/S"), otherwise
 * it is reported with `vendorId: null` so callers can still read it as a company name.
 */
export function findVendorMentions(index: VendorPhraseIndex, text: string, given: readonly Token[] = tokenize(text)): VendorMention[] {
  const out: VendorMention[] = [];
  const tokens = given.flatMap(splitSlashed);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'word') continue;
    const bucket = index.byFirstToken.get(token.lower);
    if (!bucket) continue;
    for (const phrase of bucket) {
      const n = phrase.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const t = tokens[i + j] as Token;
        ok = t.kind === 'word' && t.lower === phrase.tokens[j] && (phrase.exact === null || t.text === phrase.exact[j]);
        // Phrase words must be adjacent: "Google, Pay" or "Google (…) Pay" is not "Google Pay".
        // "Google (Analytics 4)" still names Google Analytics.
        if (ok && j > 0) ok = /^[\s-]*$|^\s*\(\s*$/.test(text.slice((tokens[i + j - 1] as Token).end, t.start));
      }
      if (!ok) continue;
      const last = tokens[i + n - 1] as Token;
      out.push(resolve(index, phrase, text.slice(token.start, last.end), token.start, last.end));
      i += n - 1;
      break;
    }
  }
  return out;
}

/** "DoubleClick/Google" names two companies; "A/S" (a legal form) and "24/7" stay whole. */
function splitSlashed(token: Token): Token[] {
  if (token.kind !== 'word' || !token.text.includes('/')) return [token];
  const parts = token.text.split('/');
  if (parts.some((p) => p.length < 3 || !/\p{L}/u.test(p))) return [token];
  let at = token.start;
  return parts.map((p) => {
    const t: Token = { text: p, lower: p.toLowerCase(), start: at, end: at + p.length, kind: 'word' };
    at += p.length + 1;
    return t;
  });
}

function resolve(index: VendorPhraseIndex, phrase: Phrase, text: string, start: number, end: number): VendorMention {
  const supplement = phrase.refs.find((r) => r.kind === 'supplement');
  if (supplement) return mention(supplement.vendorId, [supplement.vendorId], 'service', 'supplement');
  const service = phrase.refs.filter((r) => r.kind === 'name' || r.kind === 'product' || r.kind === 'alias');
  const serviceIds = unique(service.map((r) => r.vendorId));
  if (serviceIds.length === 1) {
    const best = service.find((r) => r.kind !== 'alias') ?? (service[0] as PhraseRef);
    return mention(serviceIds[0] as string, serviceIds, 'service', best.kind);
  }
  if (serviceIds.length > 1) return mention(null, serviceIds, 'service', (service[0] as PhraseRef).kind);
  // A company name stands for a product only when the company has one product in the
  // catalogue: "Trustpilot A/S" is Trustpilot, "Google LLC" is any of twenty Google records.
  const entityIds = unique(phrase.refs.map((r) => r.vendorId));
  const kind = phrase.refs.some((r) => r.kind === 'entity') ? 'entity' : 'organisation';
  const only = entityIds.length === 1 ? index.vendorsById.get(entityIds[0] as string) : undefined;
  // A legal entity that runs one record of its group is that record: "Klarna Bank AB (publ)"
  // is Klarna, not Sofort GmbH (both Klarna's). An alias with a legal form ("Google LLC") is not.
  const ownEntity = only !== undefined && isLegalEntityOf(phrase, only);
  const single = only !== undefined && (ownEntity || index.organisationSize.get(only.organisation.toLowerCase()) === 1);
  return mention(single ? only.id : null, entityIds, 'entity', kind);

  function mention(vendorId: string | null, candidates: string[], role: 'service' | 'entity', phraseKind: PhraseKind): VendorMention {
    const confidence = vendorId === null ? 0.3 : CONFIDENCE[phraseKind];
    return { vendorId, candidates, role, phraseKind, text, start, end, confidence };
  }
}

/** The phrase is the record's own legal entity (either form of "Limited"), not an alias that has a legal form. */
function isLegalEntityOf(phrase: Phrase, vendor: Vendor): boolean {
  const key = phrase.tokens.join(' ');
  const forms = [vendor.legalEntity, vendor.legalEntity.replace(/\bLimited$/, 'Ltd'), vendor.legalEntity.replace(/\bLtd\.?$/, 'Limited')];
  return forms.some(
    (f) =>
      tokenize(f)
        .map((t) => t.lower)
        .join(' ') === key,
  );
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
