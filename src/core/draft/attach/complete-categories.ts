import { categoriesInText } from './category-of-text.ts';
import { COOKIE_WORD_RE } from './cookie-word.ts';
import type { CookieCategory } from '../../policy/schema.ts';
import type { Analysed, DraftAssembly } from './draft-context.ts';

/**
 * A category's consent and legal bases come from the section it was drafted from (the
 * sentences of its source's section, tables excluded); first-party only from its promise.
 */
export function completeCategories(ctx: DraftAssembly): void {
  ctx.categories.forEach((category, i) => {
    const source = ctx.body.find((a) => a.s.text === category.source.quote);
    if (!source || source.s.section < 0 || ctx.inferredCategories.has(category.id)) return;
    const own = ctx.body.filter((a) => a.s.section === source.s.section && !a.s.tableRow);
    const consent = own.find((a) => a.consent && a.consent.kind !== 'mention' && a.consent.kind !== 'withdrawal')?.consent;
    if (consent && category.consentRequired === null) {
      category.consentRequired = consent.kind === 'not-required' ? false : consent.kind === 'condition' ? null : true;
    }
    for (const a of own) lendBases(ctx, category, i, a, 0.7);
    if (ctx.promises.some((p) => p.kind === 'first-party-only' && p.categoryId === category.id)) category.firstPartyOnly = true;
  });
  completeCategoriesFromTopics(ctx);
}

/**
 * A category its own section says nothing about takes what the sentences about it say
 * elsewhere ("Functionele cookies zijn nodig … Die plaatsen wij op grond van ons
 * gerechtvaardigd belang (artikel 6, eerste lid, onder f AVG) zonder uw toestemming."): a
 * sentence is about the categories it names, or, naming none and no vendor, about those of
 * the sentence before it in the same paragraph.
 */
function completeCategoriesFromTopics(ctx: DraftAssembly): void {
  const open = ctx.categories.filter((c) => c.legalBasis.length === 0 || c.consentRequired === null);
  if (open.length === 0) return;
  let previous: { paragraph: number; kinds: readonly string[] } = { paragraph: -1, kinds: [] };
  for (const a of ctx.body) {
    if (a.s.tableRow) continue;
    // "necessary to perform our contract" is no cookie category: only sentences about cookies name one.
    const named = COOKIE_WORD_RE.test(a.s.text) ? categoriesInText(a.s.text, ctx.language) : [];
    const kinds = named.length > 0 ? named : a.mentions.length === 0 && previous.paragraph === a.s.paragraph ? previous.kinds : [];
    previous = { paragraph: a.s.paragraph, kinds };
    for (const category of open) {
      if (!kinds.includes(category.id)) continue;
      const i = ctx.categories.indexOf(category);
      if (
        category.consentRequired === null &&
        a.consent &&
        (a.consent.kind === 'required' || a.consent.kind === 'not-required' || a.consent.kind === 'basis')
      ) {
        category.consentRequired = a.consent.kind !== 'not-required';
        ctx.claim(a.s, a.consent, {
          extractor: 'consent',
          kind: category.consentRequired ? 'required' : 'not-required',
          confidence: 0.6,
          modelPath: `cookieCategories[${i}].consentRequired`,
        });
      }
      if (!open.includes(category) || a.bases.length === 0 || category.legalBasis.some((b) => b.source.quote !== a.s.text)) continue;
      lendBases(ctx, category, i, a, 0.6);
    }
  }
}

/** The sentence's legal bases become the category's (each article once), claimed at most at `confidence`. */
function lendBases(ctx: DraftAssembly, category: CookieCategory, i: number, a: Analysed, confidence: number): void {
  for (const b of a.bases) {
    if (category.legalBasis.some((x) => x.article === b.article)) continue;
    category.legalBasis.push({ article: b.article, kind: b.kind, citation: b.citation, source: ctx.source(a.s) });
    ctx.claim(a.s, b, {
      extractor: 'legal-basis',
      article: b.article,
      kind: b.kind,
      confidence: Math.min(b.confidence, confidence),
      modelPath: `cookieCategories[${i}].legalBasis[${category.legalBasis.length - 1}]`,
    });
  }
}
