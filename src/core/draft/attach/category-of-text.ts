import { DRAFT_LANGUAGES, LEXICONS } from '../lexicon/lexicons.ts';
import type { CategoryKind, DraftLanguage } from '../lexicon/lexicon-types.ts';

const ORDER: readonly CategoryKind[] = ['necessary', 'statistics', 'marketing', 'preferences'];

/**
 * The consent category a cell or heading names ("Statistik", "Marketing cookies",
 * "Cookies de mesure d'audience"), the document's language first, then the others. Necessary
 * is tried first: "functional and necessary" is necessary, "functional" alone a preference.
 */
export function categoryOfText(text: string, language: DraftLanguage): CategoryKind | null {
  for (const lang of [language, ...DRAFT_LANGUAGES.filter((l) => l !== language)]) {
    for (const kind of ORDER) if (LEXICONS[lang].categories[kind].test(text)) return kind;
  }
  return null;
}

/**
 * Every consent category a sentence names, in its language ("Analytische cookies en
 * marketingcookies plaatsen wij alleen …" → statistics and marketing).
 */
export function categoriesInText(text: string, language: DraftLanguage): CategoryKind[] {
  return ORDER.filter((kind) => LEXICONS[language].categories[kind].test(text));
}
