import type { LegalBasisKind } from '../policy/schema.ts';

/** An article citation as parsed, before deciding what it means. */
export interface ArticleCitation {
  article: number;
  /** Paragraph ("lid", "Abs.", "(1)", "para."); null when not given. */
  paragraph: number | null;
  /** The text has a paragraph word without a number ("artikel 6, lid, punt a"). */
  paragraphMissing: boolean;
  letters: string[];
  /** Law named after the citation (AVG, DSGVO, GDPR, BDSG, TTDSG, …) or null. */
  law: string | null;
  /** The citation exactly as written. */
  text: string;
  start: number;
  end: number;
}

/** A GDPR art. 6 legal basis, normalised. */
export interface LegalBasisMatch {
  /** e.g. "6(1)(a)"; "6" when the text gives no letter. */
  article: string;
  kind: LegalBasisKind;
  citation: string;
  start: number;
  end: number;
  confidence: number;
  /** Why the confidence is lowered, for the options page. */
  note?: string;
}

const LETTER_KIND: Readonly<Record<string, LegalBasisKind>> = {
  a: 'consent',
  b: 'contract',
  c: 'legal-obligation',
  d: 'vital-interest',
  e: 'public-task',
  f: 'legitimate-interest',
};

const ROMAN: Readonly<Record<string, number>> = { I: 1, II: 2, III: 3, IV: 4, V: 5 };
const ORDINAL: Readonly<Record<string, number>> = {
  eerste: 1,
  tweede: 2,
  derde: 3,
  vierde: 4,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  ersten: 1,
  zweiten: 2,
};
const NON_GDPR_LAWS = /^(?:BDSG|TTDSG|TDDDG|TMG|UWG|Telekommunikationswet|TKG)$/i;

// Each grammar step is a sticky regex tried at the current position.
const ARTICLE_RE = /(?<![\p{L}])(?:art(?:ikel|icle|ículo|iculo|icolo|\.)?)\s*(\d{1,3})(?![\d])/giu;
const SKIP_RE = /[\s.,]*/y;
const PARA_PAREN_RE = /\(\s*(\d{1,2})\s*\)/y;
const PARA_WORD_RE =
  /(?:lid|abs(?:atz)?\.?|para(?:graphe|graph|grafo)?\.?|paragraaf|par\.?|§|al\.|alinéa|comma|apartado|párrafo|stk\.?|punkt)\s*(\d{1,2}|[IVX]{1,4}\b)?/iy;
// "art. 6.1.a RGPD", "artikel 6.1 f": paragraph and letter glued on with full stops.
const PARA_DOTTED_RE = /\.(\d{1,2})(?![\d])/y;
const LETTER_DOTTED_RE = /[.\s]?\s?\(?([a-f])\)?(?![\p{L}\d])/uy;
const PARA_ORDINAL_RE = /(eerste|tweede|derde|vierde|first|second|third|fourth|ersten|zweiten)\s+(?:lid|paragraph|absatz)/iy;
const PARA_ROMAN_RE = /([IVX]{1,4})(?![\p{L}])/uy;
const SENTENCE_RE = /(?:zin|satz|s\.|sentence|subparagraph|uabs\.?|unterabsatz|alinea)\s*\d{1,2}/iy;
const LETTER_WORD_RE =
  /(?:punt|letter|lit(?:era)?\.?|sub|onder|buchst(?:abe)?\.?|points?|let\.|lettre|lett\.|lettera|letra|litra|bogstav|led)\s*\(?([a-f])\)?(?![\p{L}])/iuy;
const LETTER_PAREN_RE = /\(([a-f])\)/y;
const LETTER_BARE_RE = /([a-f])\)/y;
const MORE_LETTERS_RE = /\s*(?:,|en|und|and|of|oder|or|\/|&)\s*(?:(?:punt|letter|lit\.?|sub|point|buchst\.?)\s*)?\(?([a-f])\)?(?![\p{L}])/iuy;
const LAW_RE =
  /\s*(?:(?:van de|of the|der|des|de la|du|del|della|dell['’]|i|af)\s+)?(DS-GVO|DSGVO|AVG|GDPR|RGPD|UK GDPR|BDSG|TTDSG|TDDDG|TMG|Algemene Verordening Gegevensbescherming|Datenschutz-Grundverordnung|General Data Protection Regulation|dataskyddsförordningen|databeskyttelsesforordningen|databeskyttelsesforordningens|Règlement général sur la protection des données|Regolamento generale sulla protezione dei dati|Reglamento General de Protección de Datos)(?![\p{L}])/iuy;
const REVERSE_LETTER_RE = /(?:punt|letter|lit\.?|point|buchstabe|buchst\.?)\s*\(?([a-f])\)?\s+(?:of|van|von|des|der)\s*$/i;

/**
 * Every "art. N …" citation in `text`, parsed with a small grammar that covers the Dutch
 * ("art. 6 lid 1 zin 1 punt a AVG", "artikel 6, eerste lid, onder f"), German ("Art. 6 Abs. 1
 * S. 1 lit. f DSGVO", "Art. 6 I lit. b") and English ("Article 6(1)(b) GDPR", "point (f)
 * of Article 6(1)") ways of citing, including letter lists ("lid 1 punt b en f").
 */
export function extractArticleCitations(text: string): ArticleCitation[] {
  const out: ArticleCitation[] = [];
  for (const m of text.matchAll(ARTICLE_RE)) {
    const start = m.index ?? 0;
    let pos = start + m[0].length;
    let paragraph: number | null = null;
    let paragraphMissing = false;
    const letters: string[] = [];
    let end = pos;
    const tryAt = (re: RegExp): RegExpExecArray | null => {
      SKIP_RE.lastIndex = pos;
      SKIP_RE.exec(text);
      re.lastIndex = SKIP_RE.lastIndex;
      const r = re.exec(text);
      if (r) pos = end = re.lastIndex;
      return r;
    };
    // Paragraph.
    PARA_DOTTED_RE.lastIndex = pos;
    const dotted = PARA_DOTTED_RE.exec(text);
    let r: RegExpExecArray | null;
    if (dotted) {
      paragraph = Number(dotted[1]);
      pos = end = PARA_DOTTED_RE.lastIndex;
      LETTER_DOTTED_RE.lastIndex = pos;
      const letter = LETTER_DOTTED_RE.exec(text);
      if (letter) {
        letters.push((letter[1] as string).toLowerCase());
        pos = end = LETTER_DOTTED_RE.lastIndex;
      }
    } else if ((r = tryAt(PARA_PAREN_RE) ?? tryAt(PARA_ORDINAL_RE) ?? tryAt(PARA_WORD_RE))) {
      const value = r[1];
      if (value === undefined) paragraphMissing = true;
      else if (/^\d+$/.test(value)) paragraph = Number(value);
      else if (ORDINAL[value.toLowerCase()] !== undefined) paragraph = ORDINAL[value.toLowerCase()] as number;
      else paragraph = ROMAN[value] ?? null;
    } else if ((r = tryAt(PARA_ROMAN_RE))) {
      paragraph = ROMAN[r[1] as string] ?? null;
    }
    if (letters.length === 0) tryAt(SENTENCE_RE);
    r = letters.length > 0 ? null : (tryAt(LETTER_WORD_RE) ?? tryAt(LETTER_PAREN_RE) ?? tryAt(LETTER_BARE_RE));
    if (r) {
      letters.push((r[1] as string).toLowerCase());
      for (;;) {
        MORE_LETTERS_RE.lastIndex = pos;
        const more = MORE_LETTERS_RE.exec(text);
        if (!more) break;
        letters.push((more[1] as string).toLowerCase());
        pos = end = MORE_LETTERS_RE.lastIndex;
      }
    } else if (letters.length === 0) {
      // "point (f) of Article 6(1)": the letter comes first.
      const reverse = REVERSE_LETTER_RE.exec(text.slice(Math.max(0, start - 30), start));
      if (reverse) letters.push((reverse[1] as string).toLowerCase());
    }
    LAW_RE.lastIndex = pos;
    const law = LAW_RE.exec(text);
    if (law) end = LAW_RE.lastIndex;
    out.push({
      article: Number(m[1]),
      paragraph,
      paragraphMissing,
      letters,
      law: law ? (law[1] as string) : null,
      text: text.slice(start, end).trim(),
      start,
      end,
    });
  }
  return out;
}

/**
 * Art. 6 citations as legal bases, one per letter: "6(1)(a)" → consent … "6(1)(f)" →
 * legitimate interest, "Art. 6" alone → article "6", kind unspecified. Citations of other
 * laws (BDSG, TTDSG) are skipped. A missing paragraph with a letter is read as paragraph 1
 * (the only paragraph of art. 6 with letters) at lower confidence.
 */
export function extractLegalBases(text: string): LegalBasisMatch[] {
  const out: LegalBasisMatch[] = [];
  for (const c of extractArticleCitations(text)) {
    if (c.article !== 6) continue;
    if (c.law !== null && NON_GDPR_LAWS.test(c.law)) continue;
    let confidence = c.law !== null ? 0.95 : 0.85;
    let note: string | undefined;
    let paragraph = c.paragraph;
    if (c.letters.length > 0 && paragraph === null) {
      paragraph = 1;
      confidence = 0.6;
      note = c.paragraphMissing ? 'paragraph number missing in the citation; read as 6(1)' : 'no paragraph given; read as 6(1)';
    } else if (paragraph !== null && paragraph !== 1 && c.letters.length > 0) {
      confidence = 0.6;
      note = `art. 6(${paragraph}) has no lettered grounds; kind read from the letter`;
    }
    if (c.letters.length === 0) {
      out.push({
        article: paragraph === null ? '6' : `6(${paragraph})`,
        kind: 'unspecified',
        citation: c.text,
        start: c.start,
        end: c.end,
        confidence: 0.7,
        note: 'no letter given',
      });
      continue;
    }
    for (const letter of c.letters) {
      out.push({
        article: `6(${paragraph})(${letter})`,
        kind: LETTER_KIND[letter] as LegalBasisKind,
        citation: c.text,
        start: c.start,
        end: c.end,
        confidence,
        ...(note ? { note } : {}),
      });
    }
  }
  return out;
}

/** A legal basis named in words only ("op basis van onze gerechtvaardigde belangen"). */
export interface VerbalBasisMatch {
  kind: LegalBasisKind;
  text: string;
  start: number;
  end: number;
}

// Only read in a basis context ("op basis van", "auf Grundlage", "based on", "rechtsgrondslag").
const BASIS_CONTEXT_RE =
  /(?:\bop (?:basis|grond) van|\brechtsgrond(?:slag|slagen)?|\bwettelijke basis|\bauf (?:der )?grundlage|\baufgrund|\brechtsgrundlage|\bgestützt auf|\bbased on|\bon the basis of|\blegal basis|\blawful basis|\brelying on|\bsur la base d|\bfondement|\bbase (?:légale|juridique|legale|giuridica|legal|jurídica)|\bsulla base d|\bsobre la base d|\blegitimación|\bpå grundlag af|\bretsgrundlag|\bpå grundval av|\brättslig grund)/iu;
const VERBAL_BASES: ReadonlyArray<[RegExp, LegalBasisKind]> = [
  [
    /gerechtvaardigde? belang(?:en)?|berechtigte[nms]? interesse[ns]?|legitimate interests?|intérêts? légitimes?|legittim[oi] interess[ei]|interess[ei] legittim[oi]|interés legítimo|intereses legítimos|legitime? interesse[rn]?|berättigat intresse|berättigade intressen/iu,
    'legitimate-interest',
  ],
  [
    /uitvoering van (?:de |een )?overeenkomst(?:en)?|vertragserfüllung|erfüllung (?:eines|des) vertrag(?:e)?s|performance of (?:a|the|our) contract|exécution (?:du|d['’]un) contrat|esecuzione (?:del|di un) contratto|ejecución (?:del|de un) contrato|opfyldelse af (?:en |vores )?(?:kontrakt|aftale)|fullgörande av (?:ett )?avtal/iu,
    'contract',
  ],
  [
    /wettelijke verplichting|rechtliche[nr]? verpflichtung|legal obligation|obligation légale|obbligo legale|obligación legal|retlig forpligtelse|rättslig förpliktelse/iu,
    'legal-obligation',
  ],
];

/** Verbal bases in a sentence that cites no art. 6 itself. */
export function extractVerbalBases(text: string): VerbalBasisMatch[] {
  if (!BASIS_CONTEXT_RE.test(text) || extractLegalBases(text).length > 0) return [];
  const out: VerbalBasisMatch[] = [];
  for (const [re, kind] of VERBAL_BASES) {
    const m = re.exec(text);
    if (m) out.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
