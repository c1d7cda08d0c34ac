import type { Analysed, DraftContext, ProcessorDraft } from './attach/draft-context.ts';
import { isNegatedMention } from './attach/negated-mention.ts';
import type { LegalEntityMatch } from './extract-legal-entities.ts';
import { tokenize } from './tokenize.ts';
import { findVendorMentions } from './vendor-phrase-index.ts';

/**
 * Which processors the text names: heading vendors first (a section about one vendor), then
 * every sentence's vendor mentions (short names joined to the full names they abbreviate),
 * group names joined to the group's products, companies with a legal form the catalogue does
 * not know, and "Google" or "Meta" named alone.
 */
export interface CollectContext extends DraftContext {
  readonly processors: ProcessorDraft[];
  /** Vendors the text names only by the first words of another's full name. */
  readonly shortNameOf: Map<string, string>;
}

// Companies whose name alone is kept as an (unresolved) processor: written capitalised, as names.
const COMPANY_ALONE = new Set(['Google', 'Meta', 'Amazon', 'Microsoft', 'Apple']);
export const CONTROLLER_RE =
  /verwerkingsverantwoordelijke|verantwortliche[rn]?\b|\bcontroller\b|responsible (?:party|body)|verantwoordelijke voor de verwerking|responsable du traitement|titolare del trattamento|responsable del tratamiento|dataansvarlig|personuppgiftsansvarig/i;

function headingVendors(ctx: CollectContext, top: number): Set<string> {
  const out = new Set<string>();
  const heading = ctx.analysed.find((a) => a.s.heading && a.s.section === top);
  for (const m of heading?.mentions ?? []) if (m.vendorId !== null) out.add(m.vendorId);
  return out;
}

/**
 * One processor per vendor and section whose heading names it ("Google Conversion
 * Tracking" and "Google Customer Match" stay apart); mentions outside such sections go to
 * the vendor's first heading processor, or to one processor for the vendor's loose mentions.
 */
export function collectProcessors(ctx: CollectContext): void {
  const anchored = new Map<string, ProcessorDraft[]>();
  const byKey = new Map<string, ProcessorDraft>();
  const ensure = (key: string, vendorId: string, anchorTop: number | null): ProcessorDraft => {
    let p = byKey.get(key);
    if (!p) {
      const vendor = ctx.index.vendorsById.get(vendorId) ?? null;
      p = { key, vendor, anchorTop, mentionSentences: new Map(), entity: null, entitySentence: null, id: '', name: '', claims: [] };
      byKey.set(key, p);
      ctx.processors.push(p);
      if (anchorTop !== null) anchored.set(vendorId, [...(anchored.get(vendorId) ?? []), p]);
    }
    return p;
  };
  // Heading processors first, so loose mentions earlier in the text can join them.
  for (const a of ctx.analysed) {
    if (!a.s.heading || ctx.doc.sections[a.s.section]?.level !== 1) continue;
    for (const v of headingVendors(ctx, a.s.section)) ensure(`${v}@${a.s.section}`, v, a.s.section);
  }
  const abbreviations = shortNames(ctx);
  for (const a of ctx.analysed) {
    for (const mention of a.mentions) {
      if (mention.vendorId === null) continue;
      const longer = abbreviations.get(mention.text.toLowerCase());
      if (longer && longer !== mention.vendorId) ctx.shortNameOf.set(mention.vendorId, longer);
      const m = longer && longer !== mention.vendorId ? { ...mention, vendorId: longer } : mention;
      if (m.vendorId === null) continue;
      const inHeadingSection = a.s.top >= 0 && byKey.has(`${m.vendorId}@${a.s.top}`);
      const p = inHeadingSection
        ? (byKey.get(`${m.vendorId}@${a.s.top}`) as ProcessorDraft)
        : (anchored.get(m.vendorId)?.[0] ?? ensure(`${m.vendorId}@text`, m.vendorId, null));
      p.mentionSentences.set(a.s.index, [...(p.mentionSentences.get(a.s.index) ?? []), m]);
    }
  }
  joinGroupNames(ctx);
  ctx.processors.sort((a, b) => firstKey(a) - firstKey(b));
  for (const p of ctx.processors) pickEntity(ctx, p);
}

/**
 * A product named once in full and then by its first words ("the LinkedIn Insight Tag", then
 * "Provider: LinkedIn") is one processor: the short name stands for the full one of the same
 * company. A short name two full names share stays as the catalogue reads it.
 */
function shortNames(ctx: CollectContext): Map<string, string> {
  const out = new Map<string, string | null>();
  for (const a of ctx.analysed) {
    for (const m of a.mentions) {
      if (m.vendorId === null || m.role !== 'service') continue;
      const words = m.text.split(/\s+/);
      for (let n = 1; n < words.length; n++) {
        const prefix = words.slice(0, n).join(' ').toLowerCase();
        const seen = out.get(prefix);
        out.set(prefix, seen === undefined || seen === m.vendorId ? m.vendorId : null);
      }
    }
  }
  const result = new Map<string, string>();
  for (const [prefix, id] of out) {
    const vendor = id ? ctx.index.vendorsById.get(id) : undefined;
    if (!id || !vendor) continue;
    result.set(prefix, id);
  }
  return result;
}

/**
 * A company named for its group ("TikTok Technology Limited states …", "Google LLC is
 * certified …") speaks for the group's products the text names: the sentence joins each of
 * them. Never creates a processor: which product the company runs is the text's to say.
 */
function joinGroupNames(ctx: CollectContext): void {
  for (const a of ctx.body) {
    const groups = new Set<string>();
    for (const m of a.mentions) {
      if (m.vendorId !== null || m.role !== 'entity') continue;
      for (const id of m.candidates) groups.add(ctx.index.vendorsById.get(id)?.organisation.toLowerCase() ?? '');
    }
    // "Google en Microsoft kunnen gegevens verwerken in de Verenigde Staten."
    for (const t of a.tokens) {
      if (t.kind !== 'word' || !COMPANY_ALONE.has(t.text) || a.mentions.some((m) => m.start <= t.start && t.end <= m.end)) continue;
      groups.add(t.lower);
    }
    if (groups.size === 0) continue;
    for (const p of ctx.processors) {
      if (!p.vendor || !groups.has(p.vendor.organisation.toLowerCase()) || p.mentionSentences.has(a.s.index)) continue;
      p.mentionSentences.set(a.s.index, []);
    }
  }
}

/** Companies with a legal form that match no catalogue phrase and are not the shop. */
export function collectUnlistedCompanies(ctx: CollectContext): void {
  const used = new Set(ctx.processors.flatMap((p) => (p.entity ? [`${p.entitySentence}:${p.entity.start}`] : [])));
  // The shop's own operating company (the controller) is no processor of the shop.
  const controller = new Set(controllerEntity(ctx)?.nameTokens ?? []);
  const seen = new Set<string>();
  for (const a of ctx.body) {
    for (const e of a.entities) {
      if (used.has(`${a.s.index}:${e.start}`)) continue;
      if (e.nameTokens.some((t) => ctx.shopTokens.has(t))) continue;
      if (controller.size > 0 && e.nameTokens.every((t) => controller.has(t))) continue;
      if (findVendorMentions(ctx.index, e.text).length > 0) continue;
      const key = e.nameTokens.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.processors.push({
        key: `unlisted:${key}`,
        vendor: null,
        anchorTop: null,
        mentionSentences: new Map([[a.s.index, []]]),
        entity: e,
        entitySentence: a.s.index,
        id: '',
        name: e.text,
        claims: [],
      });
    }
  }
}

/**
 * "Google" or "Meta" alone, where the draft has no processor of that company: kept as the
 * company, unresolved, for the reviewer (the catalogue cannot tell which of its products).
 */
export function collectCompanyNamesAlone(ctx: CollectContext): void {
  const organisations = new Set(ctx.processors.flatMap((p) => (p.vendor ? [p.vendor.organisation.toLowerCase()] : [])));
  const seen = new Set<string>();
  for (const a of ctx.body) {
    for (const t of a.tokens) {
      if (t.kind !== 'word' || !COMPANY_ALONE.has(t.text) || organisations.has(t.lower) || seen.has(t.lower)) continue;
      if (a.mentions.some((m) => m.start <= t.start && t.end <= m.end) || a.entities.some((e) => e.start <= t.start && t.end <= e.end)) continue;
      if (isNegatedMention(a.s.text, t.start, ctx.lexicon)) continue;
      seen.add(t.lower);
      ctx.processors.push({
        key: `company:${t.lower}`,
        vendor: null,
        anchorTop: null,
        mentionSentences: new Map([[a.s.index, []]]),
        entity: { text: t.text, nameTokens: [t.lower], start: t.start, end: t.end },
        entitySentence: a.s.index,
        id: '',
        name: t.text,
        claims: [],
      });
    }
  }
}

/** The company the controller sentence names, if any. */
export function controllerEntity(ctx: CollectContext): LegalEntityMatch | null {
  const a = ctx.analysed.find((x) => CONTROLLER_RE.test(x.s.text) && x.entities.length > 0);
  return a?.entities[0] ?? null;
}

/** The legal entity named next to the processor, preferring one with the vendor's own words in it. */
function pickEntity(ctx: CollectContext, p: ProcessorDraft): void {
  if (!p.vendor) return;
  const own = new Set([p.vendor.name, p.vendor.organisation, p.vendor.legalEntity, ...p.vendor.aliases].flatMap((n) => tokenize(n).map((t) => t.lower)));
  for (const [si, mentions] of p.mentionSentences) {
    const a = ctx.analysed[si] as Analysed;
    if (a.s.heading || a.entities.length === 0) continue;
    const named = a.entities.find((e) => e.nameTokens.some((t) => own.has(t)));
    const othersMentioned = a.mentions.some((m) => m.vendorId !== null && m.vendorId !== p.vendor?.id);
    const after = othersMentioned ? undefined : a.entities.find((e) => e.start >= (mentions[0]?.end ?? 0));
    const pick = named ?? after;
    if (pick) {
      p.entity = pick;
      p.entitySentence = si;
      return;
    }
  }
}

function firstKey(p: ProcessorDraft): number {
  return Math.min(...p.mentionSentences.keys(), Number.MAX_SAFE_INTEGER);
}
