import type { Processor } from '../../policy/schema.ts';
import type { CategoryKind } from '../lexicon/lexicon-types.ts';
import { categoriesInText, consentKindOf } from './category-of-text.ts';
import type { Analysed, DraftContext } from './draft-context.ts';

/**
 * A processor the text runs only with consent (or without it) sets its cookies on the same
 * terms: its cookies that no table or section files get the category that says so (the
 * vendor's kind; necessary for those that need none), inferred, so no prose lends it a basis.
 */
export function fileCookiesUnderConsent(ctx: DraftContext, processors: readonly Processor[]): void {
  const agreed = new Map<string, { values: Set<boolean>; at: Analysed }>();
  for (const p of processors) {
    if (p.consentRequired === null) continue;
    const vendor = p.vendorId ? ctx.index.vendorsById.get(p.vendorId) : undefined;
    const kind = consentKindOf(p.consentRequired, vendor);
    for (const c of p.cookies) {
      if (c.category !== undefined && c.category !== null) continue;
      const at = ctx.body.find((a) => a.s.text === c.source.quote);
      if (!at) continue;
      // "im notwendigen Cookie CookieConsent": the cookie's own sentence names its category.
      const named = categoriesInText(at.s.text, ctx.language);
      c.category = ctx.category(named.length === 1 ? (named[0] as CategoryKind) : kind, at, undefined, true);
      const seen = agreed.get(c.category) ?? { values: new Set<boolean>(), at };
      seen.values.add(p.consentRequired);
      agreed.set(c.category, seen);
    }
  }
  for (const [id, { values, at }] of agreed) {
    if (values.size === 1) ctx.categoryConsent(id, [...values][0] as boolean, at.s, { start: 0, end: at.s.text.length });
  }
}
