import { tokenize } from './tokenize.ts';

/** Languages the drafter has grammars for. */
export type DraftLanguage = 'nl' | 'de' | 'en';

export const DRAFT_LANGUAGES: readonly DraftLanguage[] = ['nl', 'de', 'en'];

// High-frequency function words that are (mostly) exclusive to one language. Words shared
// by two of them ("die", "in", "van"/"von" differ) are left out so they cannot tip a tie.
const STOPWORDS: Readonly<Record<DraftLanguage, ReadonlySet<string>>> = {
  nl: new Set([
    'de',
    'het',
    'een',
    'en',
    'van',
    'wij',
    'u',
    'uw',
    'je',
    'zijn',
    'niet',
    'voor',
    'met',
    'op',
    'worden',
    'wordt',
    'deze',
    'dat',
    'ook',
    'bij',
    'als',
    'aan',
    'naar',
    'onze',
    'gegevens',
    'kunt',
    'heeft',
  ]),
  de: new Set([
    'der',
    'das',
    'und',
    'ist',
    'nicht',
    'wir',
    'sie',
    'ihre',
    'mit',
    'für',
    'auf',
    'werden',
    'wird',
    'eine',
    'einer',
    'dem',
    'den',
    'zu',
    'von',
    'bei',
    'auch',
    'oder',
    'unsere',
    'daten',
    'sind',
    'diese',
  ]),
  en: new Set([
    'the',
    'and',
    'of',
    'to',
    'is',
    'are',
    'you',
    'your',
    'with',
    'for',
    'on',
    'not',
    'this',
    'that',
    'be',
    'by',
    'or',
    'our',
    'will',
    'which',
    'data',
    'may',
    'it',
    'if',
  ]),
};

// Enough words to decide; long policies would otherwise cost a full pass for nothing.
const MAX_WORDS = 5_000;

export interface LanguageGuess {
  language: DraftLanguage;
  /** Stopword hits per language, so the UI can show why. */
  scores: Record<DraftLanguage, number>;
}

/**
 * Guesses the language by counting language-specific stopwords. Ties (including a text
 * with no stopwords at all) resolve to English, the most common language of shop texts
 * we do not have a grammar for.
 */
export function detectLanguage(text: string): LanguageGuess {
  const scores: Record<DraftLanguage, number> = { nl: 0, de: 0, en: 0 };
  let n = 0;
  for (const token of tokenize(text)) {
    if (token.kind !== 'word') continue;
    for (const lang of DRAFT_LANGUAGES) if (STOPWORDS[lang].has(token.lower)) scores[lang]++;
    if (++n >= MAX_WORDS) break;
  }
  let best: DraftLanguage = 'en';
  for (const lang of DRAFT_LANGUAGES) if (scores[lang] > scores[best]) best = lang;
  return { language: best, scores };
}
