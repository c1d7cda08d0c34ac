import { isLanguage, LANGUAGES, type Language } from '../presenter/languages';
import { pageLanguage } from './page-language';

// Extension pages (popup, options) share this origin's localStorage; no web page can read it,
// and it is synchronous, so the popup speaks the chosen language from its first paint.
const KEY = 'policylens.language';

/** The language the reader chose in the options page, or null for "follow the browser". */
export function chosenLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(KEY) ?? null;
    return value !== null && isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function chooseLanguage(language: Language | null): void {
  try {
    if (language === null) globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, language);
  } catch {
    // Storage can be disabled; the page then follows the browser's language.
  }
}

/** The language an extension page speaks now. */
export function currentLanguage(): Language {
  return pageLanguage(chosenLanguage());
}

export { LANGUAGES };
