import { consentCategoryOfVendor } from '../../audit/consent-category.ts';
import type { Vendor } from '../../vendors/schema.ts';
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

/**
 * The category a cookie takes from whether it needs consent when nothing names one: necessary
 * when it needs none; else its vendor's kind, never necessary (a cookie that needs consent is not).
 */
export function consentKindOf(required: boolean, vendor: Vendor | undefined): CategoryKind {
  if (!required) return 'necessary';
  const kind = vendor ? consentCategoryOfVendor(vendor.category) : null;
  return kind && kind !== 'necessary' ? kind : 'preferences';
}
