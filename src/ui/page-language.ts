import { pickLanguage, type Language } from '../presenter/languages';

/**
 * The language an extension page speaks: the reader's choice when one is saved, else the
 * browser's UI language, else the page's preferred languages, else English.
 */
export function pageLanguage(chosen: string | null): Language {
  const browserLanguage = typeof chrome !== 'undefined' && chrome.i18n ? chrome.i18n.getUILanguage() : null;
  return pickLanguage([chosen, browserLanguage, ...(typeof navigator !== 'undefined' ? navigator.languages : [])]);
}
