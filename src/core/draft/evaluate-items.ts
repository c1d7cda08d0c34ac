import type { CookieClaim, LegalBasisKind, PolicyModel, Safeguard } from '../policy/schema.ts';
import type { PageTruth } from './evaluate-truth.ts';

/**
 * The claims of a drafted model, in the shape the drafting benchmark scores them (one list per
 * claim kind). The matching rules are in src/cli/eval-extract.ts's header and
 * test/fixtures/drafting/README.md.
 */

export interface LifetimeItem {
  /** Cookie name as drafted, or the pattern's source when the draft gives a pattern. */
  name: string;
  isPattern: boolean;
  days: number;
}

export interface TransferItem {
  processor: string;
  country: string;
  mechanism: Safeguard;
}

export interface DraftItems {
  processors: Set<string>;
  lifetimes: LifetimeItem[];
  /** "vendorId 6(1)(x)" (or "vendorId 6" when only the article is cited). */
  legalBases: Set<string>;
  /** "vendorId required" / "vendorId not-required", and "cookie:<name> required" via cookie categories. */
  consent: Set<string>;
  transfers: TransferItem[];
}

const KIND_LETTER: Record<LegalBasisKind, string | null> = {
  consent: '6(1)(a)',
  contract: '6(1)(b)',
  'legal-obligation': '6(1)(c)',
  'vital-interest': '6(1)(d)',
  'public-task': '6(1)(e)',
  'legitimate-interest': '6(1)(f)',
  unspecified: null,
};

/** A basis's art. 6(1) letter: the cited one, else the one its kind stands for (bases named in words). */
export function letterOf(b: { article: string | null; kind: LegalBasisKind }): string | null {
  if (b.article !== null && /^6\(1\)\([a-f]\)$/.test(b.article)) return b.article;
  return KIND_LETTER[b.kind] ?? b.article;
}

/** Collects the draft's claims per kind; cookie categories lend their basis and consent flag to their cookies' vendors. */
export function draftItems(model: PolicyModel): DraftItems {
  const categories = new Map(model.cookieCategories.map((c) => [c.id, c]));
  const categoryOf = (id: string | null | undefined) => (id ? categories.get(id) : undefined);
  const items: DraftItems = { processors: new Set(), lifetimes: [], legalBases: new Set(), consent: new Set(), transfers: [] };
  const consentByVendor = new Map<string, boolean>();
  const addLifetimes = (cookies: readonly CookieClaim[]) => {
    for (const c of cookies) {
      if (c.maxLifetimeDays === null) continue;
      const name = c.name ?? c.pattern ?? '';
      if (!items.lifetimes.some((l) => l.name === name && l.days === c.maxLifetimeDays)) {
        items.lifetimes.push({ name, isPattern: c.name === undefined, days: c.maxLifetimeDays });
      }
      const category = categoryOf(c.category);
      if (c.name !== undefined && category && category.consentRequired !== null) {
        items.consent.add(`cookie:${c.name} ${category.consentRequired ? 'required' : 'not-required'}`);
      }
    }
  };
  for (const p of model.processors) {
    addLifetimes(p.cookies);
    if (p.vendorId === null) continue;
    const id = p.vendorId;
    items.processors.add(id);
    const lent = [categoryOf(p.category), ...p.cookies.map((c) => categoryOf(c.category))].filter((c) => c !== undefined);
    for (const b of [...p.legalBasis, ...lent.flatMap((c) => c.legalBasis)]) {
      const letter = letterOf(b);
      if (letter !== null) items.legalBases.add(`${id} ${letter}`);
    }
    const required = p.consentRequired ?? lent.find((c) => c.consentRequired !== null)?.consentRequired ?? null;
    // Several processors of one vendor: one that needs consent makes the vendor need it.
    if (required !== null) consentByVendor.set(id, (consentByVendor.get(id) ?? false) || required);
    const t = p.thirdCountryTransfer;
    if (t) for (const country of t.countries) items.transfers.push({ processor: id, country, mechanism: t.safeguard });
  }
  addLifetimes(model.firstPartyCookies);
  for (const [id, required] of consentByVendor) items.consent.add(`${id} ${required ? 'required' : 'not-required'}`);
  return items;
}

/** The truth's claims as item keys, in the same shapes as draftItems(). */
export function truthItems(truth: PageTruth): { legalBases: Set<string>; consent: Set<string> } {
  const legalBases = new Set(Object.entries(truth.legalBases).flatMap(([id, letters]) => letters.map((l) => `${id} ${l}`)));
  const consent = new Set([
    ...Object.entries(truth.consent).map(([id, required]) => `${id} ${required ? 'required' : 'not-required'}`),
    ...Object.entries(truth.cookieConsent ?? {}).map(([name, required]) => `cookie:${name} ${required ? 'required' : 'not-required'}`),
  ]);
  return { legalBases, consent };
}
