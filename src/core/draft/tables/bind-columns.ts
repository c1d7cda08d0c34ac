import { DRAFT_LANGUAGES, LEXICONS } from '../lexicon/lexicons.ts';
import type { ColumnKind } from '../lexicon/lexicon-types.ts';

interface HeaderPhrase {
  words: string[];
  column: ColumnKind;
}

// Header words of all eight languages at once: a German page often has an English table
// (a consent tool's), and a header cell is too short to detect its language.
const PHRASES: readonly HeaderPhrase[] = DRAFT_LANGUAGES.flatMap((lang) =>
  (Object.entries(LEXICONS[lang].headers) as Array<[ColumnKind, readonly string[]]>).flatMap(([column, phrases]) =>
    phrases.map((p) => ({ words: wordsOf(p), column })),
  ),
);
// A header cell is a label: longer cells are data even when they start with "Name".
const MAX_HEADER_WORDS = 5;

function wordsOf(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}_'-]+/u)
    .filter((w) => w !== '');
}

/**
 * The column a header cell names ("Cookie name", "Speicherdauer", "Finalité", "Udløb"), or
 * null. The phrase that starts earliest in the cell wins, the longest among those: "Zweck des
 * Cookies" is a purpose, "Cookie category" a category. A word matches its inflections by
 * prefix ("Anbieters" → "anbieter").
 */
export function columnOfHeader(cell: string): ColumnKind | null {
  const words = wordsOf(cell);
  if (words.length === 0 || words.length > MAX_HEADER_WORDS) return null;
  let best: { at: number; length: number; column: ColumnKind } | null = null;
  for (const p of PHRASES) {
    for (let at = 0; at + p.words.length <= words.length; at++) {
      if (!matchesAt(words, at, p.words)) continue;
      // A label names its column first ("Name des Anbieters", "Max. Speicherdauer"); a word deep
      // in a phrase ("Remembers your cookie choices") is data that happens to contain it.
      if (at > 1 && p.words.length * 2 < words.length) break;
      if (!best || at < best.at || (at === best.at && p.words.length > best.length)) best = { at, length: p.words.length, column: p.column };
      break;
    }
  }
  return best?.column ?? null;
}

function matchesAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((w, i) => {
    const word = words[at + i] as string;
    // The last phrase word may be inflected ("anbieters", "cookies"); earlier ones must be exact.
    return i === phrase.length - 1 ? word === w || (w.length >= 4 && word.startsWith(w) && word.length - w.length <= 2) : word === w;
  });
}
