import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';
import { isLegalForm } from './vendor-phrase-index.ts';

/** A company named with its legal form ("BS PAYONE GmbH", "Anamantic Pty Ltd"). */
export interface LegalEntityMatch {
  /** As written, with the legal form's full stop when the text has one ("Google Inc."). */
  text: string;
  /** The words before the legal form, lower-cased ("bs payone"). */
  nameTokens: string[];
  start: number;
  end: number;
}

// Words that end a company name when walking back from the legal form.
const STOP = new Set([
  'de',
  'het',
  'een',
  'en',
  'van',
  'door',
  'met',
  'via',
  'aan',
  'bij',
  'naar',
  'voor',
  'op',
  'in',
  'uit',
  'of',
  'dat',
  'die',
  'zoals',
  'der',
  'die',
  'das',
  'und',
  'von',
  'durch',
  'mit',
  'über',
  'an',
  'bei',
  'zu',
  'für',
  'auf',
  'im',
  'den',
  'dem',
  'ein',
  'eine',
  'oder',
  'the',
  'a',
  'an',
  'and',
  'of',
  'by',
  'with',
  'via',
  'to',
  'for',
  'on',
  'in',
  'from',
  'or',
  'provided',
  'operated',
  'wij',
  'we',
  'wir',
  'our',
  'onze',
  'unsere',
  'dienst',
  'service',
  'tool',
]);
const MAX_NAME_TOKENS = 4;
// "S.à r.l. et Cie, S.C.A." and "GmbH & Co. KG" continue the legal form.
const CONTINUATION = new Set(['et', 'cie', '&', 'co', 'kg', 's.c.a', 'r.l', 'ltd', 'limited', 'pty', 'publ']);
// Legal forms written after a comma ("Amazon Web Services, Inc.", "Acme, LLC").
const COMMA_FORMS = new Set(['inc', 'llc', 'ltd', 'corp', 'limited', 'plc', 'l.p', 'lp']);

/**
 * Company names with a legal form. Walks back from the form over at most four name words
 * (capitalised, or one lower-case brand word right before the form: "zenloop GmbH"),
 * stopping at function words and punctuation other than a bracket.
 */
export function extractLegalEntities(text: string, tokens: readonly Token[] = tokenize(text)): LegalEntityMatch[] {
  const out: LegalEntityMatch[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const form = tokens[i] as Token;
    if (form.kind !== 'word' || !isLegalForm(form.text)) continue;
    let first = i;
    for (let j = i - 1; j >= 0 && i - j <= MAX_NAME_TOKENS; j--) {
      const t = tokens[j] as Token;
      const gap = text.slice(t.end, (tokens[j + 1] as Token).start);
      // "Amazon Web Services, Inc.": a comma may stand before the legal form itself.
      const commaBeforeForm = j === i - 1 && COMMA_FORMS.has(form.lower) && /^,\s*$/.test(gap);
      if (t.kind !== 'word' || STOP.has(t.lower) || (!/^\s*[()]?\s*$/.test(gap) && !commaBeforeForm)) break;
      const capital = /^[\p{Lu}\d]/u.test(t.text);
      if (!capital && j !== i - 1) break;
      if (isLegalForm(t.text) && j !== i - 1) break;
      first = j;
    }
    if (first === i) continue;
    let last = i;
    while (last + 1 < tokens.length && last - i < 6) {
      const next = tokens[last + 1] as Token;
      if (!/^[\s.,&(]*$/.test(text.slice((tokens[last] as Token).end, next.start))) break;
      if (!(isLegalForm(next.text) || CONTINUATION.has(next.lower))) break;
      last++;
    }
    const startTok = tokens[first] as Token;
    const endTok = tokens[last] as Token;
    let end = endTok.end;
    // "Klarna Bank AB (publ)": the bracket closes the form.
    if (endTok.lower === 'publ' && text[end] === ')') end++;
    // Keep the abbreviation's full stop ("Inc.", "S.C.A."), not a sentence-ending one.
    if (text[end] === '.' && /^(?:inc|ltd|corp|co|r\.l|s\.c\.a|b\.v|n\.v|s\.a|s\.r\.o|s\.a\.s|s\.à)$/i.test(endTok.lower)) end++;
    const nameTokens = tokens.slice(first, i).map((t) => t.lower);
    out.push({ text: text.slice(startTok.start, end), nameTokens, start: startTok.start, end });
    i = last;
  }
  return out;
}
