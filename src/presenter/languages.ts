/** The languages PolicyLens speaks; every catalogue in ./catalogues is kept complete by a test. */
export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'it', 'es', 'da', 'sv'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

const SUPPORTED: ReadonlySet<string> = new Set(LANGUAGES);

export function isLanguage(value: string): value is Language {
  return SUPPORTED.has(value);
}

/**
 * The first supported language among the reader's preferences (BCP 47 tags such as
 * `nl-BE`, `de`, `pt-BR`), by primary subtag; English when none is supported.
 */
export function pickLanguage(preferences: readonly (string | null | undefined)[]): Language {
  for (const tag of preferences) {
    if (!tag) continue;
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}
