import { isLanguage, LANGUAGES, pickLanguage, type Language } from '../presenter/languages';

/** --lang, else the locale environment (nl_NL.UTF-8 → nl), else English. */
export function languageOption(value: string | undefined, problems: string[]): Language {
  if (value === undefined) return pickLanguage([process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG]);
  const lang = value.trim().toLowerCase();
  if (isLanguage(lang)) return lang;
  problems.push(`--lang: unknown language "${value}" (${LANGUAGES.join(', ')})`);
  return 'en';
}
