import { DRAFT_LANGUAGES, LEXICONS } from './lexicon/lexicons.ts';
import type { DraftLanguage } from './lexicon/lexicon-types.ts';
import { tokenize } from './tokenize.ts';

export type { DraftLanguage } from './lexicon/lexicon-types.ts';

// Languages the drafter has no lexicon for but that shops publish in and that share words with
// one of the eight (Portuguese with Spanish, Norwegian with Danish, …). Knowing them turns a
// silent wrong guess into an explicit "not supported".
const OTHER_STOPWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  pt: new Set([
    'não',
    'você',
    'seus',
    'suas',
    'nossos',
    'nossa',
    'dos',
    'das',
    'em',
    'ao',
    'os',
    'uma',
    'é',
    'são',
    'pelo',
    'pela',
    'dados',
    'seu',
    'sua',
    'ou',
  ]),
  nb: new Set([
    'ikke',
    'og',
    'av',
    'vår',
    'våre',
    'dine',
    'deg',
    'hvis',
    'også',
    'opplysninger',
    'eller',
    'fra',
    'har',
    'vil',
    'blir',
    'som',
    'til',
    'personopplysninger',
  ]),
  pl: new Set(['i', 'w', 'z', 'na', 'się', 'nie', 'jest', 'do', 'że', 'oraz', 'dane', 'przez', 'twoje', 'nasz', 'lub', 'są', 'jak', 'dla', 'osobowe']),
  fi: new Set(['ja', 'on', 'ei', 'tai', 'että', 'me', 'sinun', 'meidän', 'tiedot', 'voi', 'kanssa', 'jos', 'ovat', 'tietoja', 'evästeet']),
  cs: new Set(['a', 'je', 'se', 'na', 've', 'že', 'nebo', 'údaje', 'osobní', 'vaše', 'naše', 'jsou', 'pro', 'jako', 'které']),
};

const STOPWORDS = new Map<DraftLanguage, ReadonlySet<string>>(DRAFT_LANGUAGES.map((l) => [l, new Set(LEXICONS[l].stopwords)]));

// Enough words to decide; long policies would otherwise cost a full pass for nothing.
const MAX_WORDS = 5_000;
// An unknown language must beat the best supported one clearly: Norwegian and Danish share most
// of their function words, and a Danish text must not become "not supported".
const OTHER_MARGIN = 1.25;

export interface LanguageGuess {
  /** The best supported language (the fallback drafting language even when `supported` is false). */
  language: DraftLanguage;
  /** Stopword hits per supported language, so the UI can show why. */
  scores: Record<DraftLanguage, number>;
  /** False when the text is in a language outside the eight. */
  supported: boolean;
  /** The other language recognised ("pt", "nb", …) when `supported` is false; null when unknown. */
  other: string | null;
}

/**
 * Guesses the language by counting language-specific stopwords. Ties (including a text
 * with no stopwords at all) resolve to English. A text in one of the known other languages
 * (Portuguese, Norwegian, Polish, Finnish, Czech) is reported as not supported.
 */
export function detectLanguage(text: string): LanguageGuess {
  const scores = Object.fromEntries(DRAFT_LANGUAGES.map((l) => [l, 0])) as Record<DraftLanguage, number>;
  const others = new Map<string, number>();
  let n = 0;
  for (const token of tokenize(text)) {
    if (token.kind !== 'word') continue;
    for (const lang of DRAFT_LANGUAGES) if (STOPWORDS.get(lang)?.has(token.lower)) scores[lang]++;
    for (const [lang, words] of Object.entries(OTHER_STOPWORDS)) if (words.has(token.lower)) others.set(lang, (others.get(lang) ?? 0) + 1);
    if (++n >= MAX_WORDS) break;
  }
  let best: DraftLanguage = 'en';
  for (const lang of DRAFT_LANGUAGES) if (scores[lang] > scores[best]) best = lang;
  let other: string | null = null;
  let otherScore = 0;
  for (const [lang, score] of others) {
    if (score > otherScore) {
      other = lang;
      otherScore = score;
    }
  }
  const supported = other === null || otherScore < Math.max(3, scores[best] * OTHER_MARGIN);
  return { language: best, scores, supported, other: supported ? null : other };
}
