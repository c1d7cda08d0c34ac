import { z } from 'zod';
import type { PolicyModel } from '../policy/schema.ts';
import { letterOf } from './evaluate-items.ts';

/**
 * The annotated ground truth of one drafting-benchmark page (test/fixtures/drafting/<page>/truth.json).
 * The annotation format and the matching rules are described in test/fixtures/drafting/README.md.
 */

const ARTICLE_RE = /^6\(1\)\([a-f]\)$/;
const COUNTRY_RE = /^[A-Z]{2}$/;
const VENDOR_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The eight languages the drafter is meant to read. */
export const CORPUS_LANGUAGES = ['nl', 'de', 'en', 'fr', 'it', 'es', 'da', 'sv'] as const;

export const LAYOUTS = [
  'prose',
  'numbered-headings',
  'table-header-row',
  'table-header-column',
  'definition-list',
  'one-cell-per-line',
  'glued-cells',
  'pipe-separated',
  'pdf-reflow',
] as const;

const vendorId = z.string().regex(VENDOR_ID_RE, { message: 'expected a catalogue vendor id such as "google-analytics"' });
const article = z.string().regex(ARTICLE_RE, { message: 'expected an art. 6(1) letter such as "6(1)(a)"' });
const mechanism = z.enum(['adequacy', 'dpf', 'scc', 'bcr', 'consent', 'none-stated']);

const trapSchema = z.discriminatedUnion('kind', [
  /** A vendor the text names only to say it is not used, or a generic word that looks like a vendor's name. */
  z.strictObject({ kind: z.enum(['negation', 'generic-word']), quote: z.string().min(1), notProcessors: z.array(vendorId).min(1) }),
  /** The shop's own operating company must not become a processor. */
  z.strictObject({ kind: z.literal('own-company'), quote: z.string().min(1), name: z.string().min(2) }),
  /** One cookie's lifetime (e.g. the consent cookie's) must not become a limit for other cookies. */
  z.strictObject({ kind: z.literal('site-wide-limit'), quote: z.string().min(1), days: z.number().min(0) }),
]);

export const pageTruthSchema = z.strictObject({
  id: z.string().regex(VENDOR_ID_RE),
  language: z.enum(CORPUS_LANGUAGES),
  layouts: z.array(z.enum(LAYOUTS)).min(1),
  description: z.string().min(1),
  /** The page's flattened text, relative to the truth file; default "page.txt". */
  text: z.string().min(1).optional(),
  /** The drafter's rules were written on this text: listed per page, left out of every aggregate and target. */
  seed: z.boolean().optional(),
  /** A bundled model's id: the scored fields are taken from that hand-written model (the Connox seed). */
  fromModel: z.string().min(1).optional(),
  shop: z.strictObject({ name: z.string().min(1), domains: z.array(z.string().min(1)).min(1), company: z.string().min(1) }),
  processors: z.array(vendorId),
  /** Cookie name as written → stated lifetime in days (0 = session). */
  lifetimes: z.record(z.string().min(1), z.number().min(0)),
  /** Vendor id → the art. 6(1) letters the text gives for it (directly or through its purpose or cookie category). */
  legalBases: z.record(vendorId, z.array(article).min(1)),
  /** Vendor id → whether the text says it needs consent (true) or runs without (false). Absent: the text does not say. */
  consent: z.record(vendorId, z.boolean()),
  /** Cookie name → whether the text says it needs consent. */
  cookieConsent: z.record(z.string().min(1), z.boolean()).optional(),
  transfers: z.array(z.strictObject({ processor: vendorId, country: z.string().regex(COUNTRY_RE), mechanisms: z.array(mechanism).min(1) })),
  traps: z.array(trapSchema),
});

export type PageTruth = z.infer<typeof pageTruthSchema>;
export type Trap = PageTruth['traps'][number];

/**
 * Parses a truth file's JSON; issues are "path: message" strings. A file with `fromModel` gets the
 * scored fields from that model (found in `models`).
 */
export function parsePageTruth(json: unknown, models: readonly PolicyModel[] = []): { ok: true; truth: PageTruth } | { ok: false; issues: string[] } {
  let input = json;
  if (typeof json === 'object' && json !== null && 'fromModel' in json) {
    const model = models.find((m) => m.id === json.fromModel);
    if (!model) return { ok: false, issues: [`fromModel: no bundled model "${String(json.fromModel)}"`] };
    input = { ...truthFromModel(model), ...json };
  }
  const parsed = pageTruthSchema.safeParse(input);
  if (parsed.success) return { ok: true, truth: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

/**
 * The ground truth a hand-written model records for its text (used for the Connox seed). Only what
 * the truth format scores is taken: vendor ids, named cookies with a lifetime, art. 6(1) bases,
 * consent flags, third-country transfers with their countries.
 */
function truthFromModel(model: PolicyModel): Pick<PageTruth, 'processors' | 'lifetimes' | 'legalBases' | 'consent' | 'transfers'> {
  const withVendor = model.processors.filter((p) => p.vendorId !== null);
  const lifetimes: Record<string, number> = {};
  for (const c of [...model.processors.flatMap((p) => p.cookies), ...model.firstPartyCookies]) {
    if (c.name !== undefined && c.maxLifetimeDays !== null) lifetimes[c.name] = c.maxLifetimeDays;
  }
  const legalBases: Record<string, string[]> = {};
  const consent: Record<string, boolean> = {};
  const transfers: PageTruth['transfers'] = [];
  for (const p of withVendor) {
    const id = p.vendorId as string;
    const letters = p.legalBasis.flatMap((b) => {
      const letter = letterOf(b);
      return letter !== null && ARTICLE_RE.test(letter) ? [letter] : [];
    });
    if (letters.length) legalBases[id] = [...new Set([...(legalBases[id] ?? []), ...letters])].sort();
    if (p.consentRequired !== null) consent[id] = (consent[id] ?? false) || p.consentRequired;
    const t = p.thirdCountryTransfer;
    if (t && t.safeguard !== 'none-stated') {
      for (const country of t.countries) {
        const mechanisms = [t.safeguard, ...(t.alsoCited ?? [])];
        const same = transfers.find((x) => x.processor === id && x.country === country);
        if (same) same.mechanisms = [...new Set([...same.mechanisms, ...mechanisms])];
        else transfers.push({ processor: id, country, mechanisms });
      }
    }
  }
  return { processors: [...new Set(withVendor.map((p) => p.vendorId as string))].sort(), lifetimes, legalBases, consent, transfers };
}
