import { LEXICONS } from '../lexicon/lexicons.ts';
import type { DraftLexicon } from '../lexicon/lexicon-types.ts';

// Where a clause starts: a "but" turns "we do not use X, but Y" back to Y being used.
const CLAUSE_BREAK_RE = /[;:()]|\b(?:but|however|aber|jedoch|maar|echter|mais|ma|pero|sino|men)\b/giu;

/**
 * True when the sentence says the vendor at `start` is NOT used ("We do NOT use Meta Pixel,
 * TikTok Pixel", "Wir setzen keine Google Fonts ein"): a negated use verb earlier in the same
 * clause, in the document's language or in English.
 */
export function isNegatedMention(text: string, start: number, lexicon: DraftLexicon): boolean {
  let clauseStart = 0;
  for (const m of text.slice(0, start).matchAll(CLAUSE_BREAK_RE)) clauseStart = m.index + m[0].length;
  const before = text.slice(clauseStart, start);
  return lexicon.negatedUse.test(before) || (lexicon.language !== 'en' && LEXICONS.en.negatedUse.test(before));
}
