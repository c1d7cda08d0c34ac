import type { DeclaredCategory } from '../cookie-declaration.ts';

/**
 * A declaration's category heading ("Statistieken (4)", "Strictly Necessary Cookies",
 * "Werbe-Cookies") as one of the categories declarations are mapped onto, in the eight
 * supported languages. Cookiebot's and OneTrust's default names; "unclassified" is tested
 * first, since "Nicht klassifiziert" must not fall through to another category.
 */
const LABELS: ReadonlyArray<[RegExp, DeclaredCategory]> = [
  [/unclassif|niet[ -]geclassific|nicht[ -]klassifiz|non[ -]class|sin[ -]clasific|no[ -]clasific|ikke[ -]klassific|oklassific/i, 'unclassified'],
  [/necess|essential|noodzakelijk|notwendig|erforderlich|nécessaire|necesari|nødvendig|nödvändig|strikt/i, 'necessary'],
  [/statisti|estadístic|analyti|analys|performance|prestatie|leistung|prestazion|rendimiento/i, 'statistics'],
  [/prefer|präferenz|voorkeur|præferenc|inställning|functional|functione|funktion|fonctionnal|funzional|funcional/i, 'preferences'],
  [/marketing|marknadsföring|target|ciblé|publicit|pubblicit|werbung|werbe|reclame|advertis|doelgericht|målrett|social/i, 'marketing'],
];
const COUNT_RE = /\s*\(\d+\)\s*$/;

/** The heading without Cookiebot's "(N)" count. */
export function categoryLabel(heading: string): string {
  return heading.replace(COUNT_RE, '').trim() || heading.trim();
}

export function declaredCategoryOf(label: string): DeclaredCategory {
  for (const [re, category] of LABELS) if (re.test(label)) return category;
  return 'unclassified';
}
