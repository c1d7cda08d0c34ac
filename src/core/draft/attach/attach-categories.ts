import { categoryOfText } from './category-of-text.ts';
import type { DraftContext } from './draft-context.ts';

// A heading about cookies, in any of the eight languages ("Statistik-Cookies", "Cookies de mesure d'audience").
const COOKIE_WORD_RE = /cookie|kakor|traceur|tracker|tecnologi/i;

/**
 * Cookie categories the text makes: a section whose heading names a category and cookies
 * ("Noodzakelijke cookies", "Marketing-Cookies") becomes a category quoting its heading's
 * first sentence; the section's consent statements and legal bases are the category's.
 */
export function attachCategories(ctx: DraftContext): void {
  for (const section of ctx.doc.sections) {
    if (!COOKIE_WORD_RE.test(section.title)) continue;
    const kind = categoryOfText(section.title, ctx.language);
    if (!kind) continue;
    const own = ctx.body.filter((a) => a.s.section === section.index && !a.s.tableRow);
    const first = own[0];
    if (!first) continue;
    ctx.category(kind, first, section.title);
  }
}
