import type { DraftLanguage } from './lexicon/lexicon-types.ts';
import { LEXICONS } from './lexicon/lexicons.ts';
import { gluedHeader, gluedRow } from './tables/glued-cells.ts';
import type { GluedCell } from './tables/glued-cells.ts';
import { semicolonTableLines, splitTableLine } from './document/table-line.ts';

/** A heading found in the text. Level 2 = numbered sub-heading ("1) Werking"). */
export interface DocumentSection {
  index: number;
  title: string;
  level: 1 | 2;
  /** Index of the level-1 section this one belongs to (itself for level 1). */
  top: number;
  /** Offsets of the heading in the original text. */
  start: number;
  end: number;
}

/** One sentence (or heading line), normalised, with offsets into the original text. */
export interface DocumentSentence {
  index: number;
  /** Whitespace-normalised; PDF line breaks after a hyphen are joined ("e-mailadres"). */
  text: string;
  /** Offsets in the original text: `original.slice(start, end)` is what to highlight. */
  start: number;
  end: number;
  /** Offsets in `SegmentedDocument.clean`. */
  cleanStart: number;
  cleanEnd: number;
  /** Nearest heading (-1 before the first one). */
  section: number;
  /** Level-1 heading it belongs to (-1 before the first one). */
  top: number;
  paragraph: number;
  listItem: boolean;
  heading: boolean;
  /** A table row: `text` holds its cells joined by TABLE_CELL_SEPARATOR. */
  tableRow: boolean;
}

/** How a table row's cells are joined in its sentence text (and so in the source quote). */
export const TABLE_CELL_SEPARATOR = ' | ';

/** Options for segmentText. */
export interface SegmentOptions {
  /**
   * Headings already known (from a structured document): line start offset → level. When
   * given, only these lines are headings; the heading heuristics are not applied.
   */
  headings?: ReadonlyMap<number, 1 | 2>;
  /** Every line is a block of its own (a rendered structured document); list items join their paragraph. */
  lineBlocks?: boolean;
}

export interface SegmentedDocument {
  original: string;
  /** The normalised text; blocks (headings, list items, paragraphs) are separated by "\n". */
  clean: string;
  sections: DocumentSection[];
  sentences: DocumentSentence[];
  /** Offset in the original text of the character at `cleanOffset`. */
  toOriginal(cleanOffset: number): number;
}

/** Marks where PDF link annotations interrupted a sentence; the README allows it in quotes. */
export const OMISSION_MARK = ' […] ';

// Abbreviations after which a full stop does not end a sentence. Lower-case, without the dot.
const SHARED_ABBREVIATIONS = [
  'art',
  'nr',
  'no',
  'abs',
  'lit',
  'para',
  'par',
  'str',
  'inc',
  'ltd',
  'co',
  'corp',
  'ca',
  'vs',
  'etc',
  'tel',
  'fax',
  'dr',
  'prof',
  'incl',
  'excl',
  'resp',
  'max',
  'min',
  'vol',
  'cf',
  'sub',
  'mio',
  'mrd',
];
// Function words a heading does not end with ("…van", "…der") but a wrapped line often does.
const FUNCTION_WORDS = new Set([
  'de',
  'het',
  'een',
  'en',
  'van',
  'in',
  'op',
  'met',
  'voor',
  'aan',
  'te',
  'om',
  'bij',
  'door',
  'of',
  'dat',
  'die',
  'uw',
  'je',
  'we',
  'wij',
  'der',
  'die',
  'das',
  'und',
  'von',
  'zu',
  'mit',
  'für',
  'auf',
  'im',
  'den',
  'dem',
  'ein',
  'eine',
  'oder',
  'ihre',
  'sie',
  'wir',
  'the',
  'a',
  'an',
  'and',
  'of',
  'to',
  'for',
  'on',
  'with',
  'by',
  'or',
  'our',
  'your',
  'we',
  'is',
  'are',
  'that',
  'this',
  'as',
  'at',
  'from',
  'le',
  'la',
  'les',
  'des',
  'du',
  'et',
  'pour',
  'par',
  'sur',
  'dans',
  'il',
  'della',
  'del',
  'per',
  'el',
  'los',
  'las',
  'y',
  'para',
  'con',
  'og',
  'til',
  'af',
  'för',
  'och',
  'av',
  'till',
  'med',
]);

const URL_ONLY_RE = /^(?:(?:https?:\/\/|www\.|mailto:|javascript:)\S*\s*)+$/i;
const ALWAYS_ARTEFACT_RE = /^(?:mailto:|javascript:)/i;
const BULLET_RE = /^(?:[-–—•·▪◦*])\s*/;
const NUMBERED_HEADING_RE = /^\d{1,2}[.)]\s+\p{Lu}/u;
// "IV. Hosting", "1.2 Cookies", "§ 3 Hosting": numbered headings whose number is not "1)".
const NUMBER_PREFIX_RE = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.|§\s*\d{1,2}\.?|[A-Z]\.)\s+(?=\p{Lu})/u;
const SUB_NUMBER_RE = /^(?:\d{1,2}\)|\d{1,2}\.\d{1,2})/;
const TERMINAL_RE = /[.!?]["'”’)\]»]*$/;
const LAST_TOKEN_URL_RE = /(?:https?:\/\/|www\.)\S+$/i;

interface Line {
  /** Offset of the first non-blank character. */
  start: number;
  text: string;
  kind: 'blank' | 'url' | 'content' | 'artefact';
  /** Cells of a table row (pipe, tab or semicolon separated); absent for other lines. */
  cells?: Array<{ text: string; offset: number }>;
}

/** A paragraph, list item or heading line before it is cut into sentences. */
type Block = Pick<DocumentSentence, 'cleanStart' | 'cleanEnd' | 'section' | 'top' | 'paragraph' | 'listItem' | 'heading' | 'tableRow'>;

/**
 * Splits a policy text into headings and sentences, keeping offsets into the original.
 *
 * Built for text copied or extracted from web pages and PDFs: lines are re-joined (a line
 * ending in "word-" is glued to the next), link annotations that PDF extraction puts on
 * lines of their own are dropped (marked " […] " when they interrupt a sentence), and the
 * usual line spacing is learnt from the text so a larger gap can mark a paragraph.
 * Headings are short lines without final punctuation that follow a sentence end or a
 * paragraph gap; "1) Werking"-style numbered headings are level 2.
 */
export function segmentText(text: string, language: DraftLanguage, options: SegmentOptions = {}): SegmentedDocument {
  const lines = splitLines(text);
  markArtefacts(lines);
  markTableLines(lines);
  const content = lines.map((l, i) => ({ line: l, i })).filter((x) => x.line.kind === 'content');
  // gaps[k] = blank lines between content[k-1] and content[k]; artefact lines do not count.
  const gaps: number[] = [];
  const artefactBefore: boolean[] = [];
  for (let k = 0; k < content.length; k++) {
    let blanks = 0;
    let artefacts = false;
    const from = k === 0 ? 0 : (content[k - 1]?.i ?? 0) + 1;
    for (let j = from; j < (content[k]?.i ?? 0); j++) {
      if (lines[j]?.kind === 'blank') blanks++;
      else artefacts = true;
    }
    gaps.push(blanks);
    artefactBefore.push(artefacts && k > 0);
  }
  const baseline = modeOf(gaps.slice(1));
  const texts = content.map((c) => c.line.text);
  const paraBefore = (k: number) => k === 0 || (gaps[k] ?? 0) > baseline;

  const known = options.headings;
  const headingLines = known
    ? new Map(content.flatMap((c, k) => (known.has(c.line.start) && !c.line.cells ? [[k, 1] as [number, number]] : [])))
    : detectHeadings(texts, paraBefore, language, (k) => content[k]?.line.cells !== undefined);

  // Built as a char array: appending to a string and asking it endsWith() per character
  // flattens the string each time (quadratic on a 60 kB policy).
  const chars: string[] = [];
  const map: number[] = [];
  const blocks: Block[] = [];
  const sections: DocumentSection[] = [];
  let section = -1;
  let top = -1;
  let paragraph = 0;
  let block: Block | null = null;

  const closeBlock = () => {
    if (block && chars.length > block.cleanStart) {
      block.cleanEnd = chars.length;
      blocks.push(block);
    }
    block = null;
  };
  const append = (s: string, origin: (k: number) => number) => {
    for (let k = 0; k < s.length; k++) {
      const ch = s[k] as string;
      const ws = ch === ' ' || ch === '\t' || ch === '\u00a0' || /\s/.test(ch);
      const last = chars[chars.length - 1];
      if (ws && (last === undefined || last === ' ' || last === '\n')) continue;
      chars.push(ws ? ' ' : ch);
      map.push(origin(k));
    }
  };
  const newBlock = (fields: Omit<Block, 'cleanStart' | 'cleanEnd' | 'section' | 'top' | 'paragraph'>, at: number) => {
    closeBlock();
    if (chars.length > 0) {
      if (chars[chars.length - 1] === ' ') {
        chars.pop();
        map.pop();
      }
      chars.push('\n');
      map.push(at);
    }
    block = { cleanStart: chars.length, cleanEnd: chars.length, section, top, paragraph, ...fields };
  };

  for (let k = 0; k < content.length; k++) {
    const line = content[k]?.line as Line;
    const heading = headingLines.get(k);
    if (heading !== undefined) {
      paragraph++;
      const level: 1 | 2 = known ? (known.get(line.start) ?? 1) : SUB_NUMBER_RE.test(line.text) && top >= 0 ? 2 : 1;
      section = sections.length;
      if (level === 1) top = section;
      newBlock({ listItem: false, heading: true, tableRow: false }, line.start);
      const startClean = chars.length;
      append(line.text, (j) => line.start + j);
      for (let extra = 1; extra < heading; extra++) {
        const next = content[k + extra]?.line as Line;
        append(' ', () => next.start);
        append(next.text, (j) => next.start + j);
      }
      const title = chars.slice(startClean).join('');
      sections.push({ index: section, title, level, top, start: line.start, end: (map[chars.length - 1] ?? line.start) + 1 });
      closeBlock();
      k += heading - 1;
      continue;
    }
    if (line.cells) {
      paragraph++;
      newBlock({ listItem: false, heading: false, tableRow: true }, line.start);
      appendCells(line, append);
      closeBlock();
      continue;
    }
    const prev = k > 0 ? texts[k - 1] : undefined;
    const bullet = BULLET_RE.exec(line.text);
    // A wider gap ends a paragraph only where a sentence could end: PDF page breaks also
    // widen gaps mid-sentence. Dropped link annotations followed by a capital count as an end.
    const paragraphBreak = options.lineBlocks
      ? bullet === null
      : prev !== undefined &&
        paraBefore(k) &&
        (TERMINAL_RE.test(prev) || prev.endsWith(':') || LAST_TOKEN_URL_RE.test(prev) || (artefactBefore[k] === true && /^\p{Lu}/u.test(line.text)));
    if (block === null || bullet !== null || paragraphBreak || (k > 0 && content[k - 1]?.line.cells !== undefined)) {
      if (paragraphBreak || block === null) paragraph++;
      newBlock({ listItem: bullet !== null, heading: false, tableRow: false }, line.start);
    } else if (prev !== undefined && /\S-$/.test(prev)) {
      // Hyphen at the end of a line: join without a space ("e-" + "mailadres").
    } else if (artefactBefore[k]) {
      append(OMISSION_MARK, () => line.start);
    } else {
      append(' ', () => line.start);
    }
    const skip = bullet ? bullet[0].length : 0;
    append(line.text.slice(skip), (j) => line.start + skip + j);
  }
  closeBlock();
  const clean = chars.join('');

  const abbreviations = new Set([...SHARED_ABBREVIATIONS, ...LEXICONS[language].abbreviations]);
  const sentenceFinal = new Set(LEXICONS[language].sentenceFinalAbbreviations ?? []);
  const sentences: DocumentSentence[] = [];
  for (const b of blocks) {
    const body = clean.slice(b.cleanStart, b.cleanEnd);
    const spans = b.heading || b.tableRow ? [[0, body.length] as [number, number]] : splitSentences(body, abbreviations, sentenceFinal);
    for (const [s, e] of spans) {
      let a = b.cleanStart + s;
      let z = b.cleanStart + e;
      while (a < z && clean[a] === ' ') a++;
      while (z > a && clean[z - 1] === ' ') z--;
      if (z <= a) continue;
      sentences.push({
        index: sentences.length,
        text: clean.slice(a, z),
        start: map[a] ?? 0,
        end: (map[z - 1] ?? 0) + 1,
        cleanStart: a,
        cleanEnd: z,
        section: b.section,
        top: b.top,
        paragraph: b.paragraph,
        listItem: b.listItem,
        heading: b.heading,
        tableRow: b.tableRow,
      });
    }
  }

  return {
    original: text,
    clean,
    sections,
    sentences,
    toOriginal: (i: number) => map[Math.max(0, Math.min(i, map.length - 1))] ?? 0,
  };
}

/** Marks pipe/tab rows, and runs of semicolon rows, as table lines with their cells. */
function markTableLines(lines: Line[]): void {
  const content = lines.filter((l) => l.kind === 'content');
  const semicolon = semicolonTableLines(content.map((l) => l.text));
  content.forEach((line, i) => {
    const bySeparator = splitTableLine(line.text);
    if (bySeparator === null && !semicolon.has(i)) return;
    const separator = bySeparator === null ? /;/g : /\s*\|\s*|\t+/g;
    const cells: Array<{ text: string; offset: number }> = [];
    let from = 0;
    const push = (to: number) => {
      const raw = line.text.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      cells.push({ text: raw.trim(), offset: from + lead });
    };
    for (const m of line.text.matchAll(separator)) {
      push(m.index);
      from = m.index + m[0].length;
    }
    push(line.text.length);
    // "| a | b |": the frame's empty first and last cells are no cells.
    if (cells[0]?.text === '' && line.text.startsWith('|')) cells.shift();
    if (cells.at(-1)?.text === '' && line.text.endsWith('|')) cells.pop();
    if (cells.every((c) => c.text === '' || /^:?-{2,}:?$/.test(c.text))) {
      line.kind = 'artefact';
      return;
    }
    line.cells = cells;
  });
  markGluedTables(content);
}

/** Tables of inline elements flattened without separators: a glued header line, then rows that cut into as many cells. */
function markGluedTables(content: readonly Line[]): void {
  for (let i = 0; i < content.length; i++) {
    const line = content[i] as Line;
    if (line.cells || line.kind !== 'content') continue;
    const header = gluedHeader(line.text);
    if (!header) continue;
    const rows: Array<[Line, GluedCell[]]> = [];
    for (let j = i + 1; j < content.length; j++) {
      const next = content[j] as Line;
      const cells = next.cells || next.kind !== 'content' ? null : gluedRow(next.text, header.length);
      if (!cells) break;
      rows.push([next, cells]);
    }
    if (rows.length === 0) continue;
    line.cells = header;
    for (const [row, cells] of rows) row.cells = cells;
    i += rows.length;
  }
}

/** Appends a table row's cells joined by TABLE_CELL_SEPARATOR; an empty cell becomes "-" so columns stay aligned. */
function appendCells(line: Line, append: (s: string, origin: (k: number) => number) => void): void {
  (line.cells ?? []).forEach((cell, i) => {
    const at = line.start + cell.offset;
    if (i > 0) append(TABLE_CELL_SEPARATOR, () => at);
    append(cell.text === '' ? EMPTY_CELL : cell.text.replace(/\s*\|\s*/g, ' '), (j) => (cell.text === '' ? at : at + j));
  });
}

/** Stands for an empty table cell in a row's text. */
export const EMPTY_CELL = '-';

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (;;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    lines.push({ start: pos + lead, text: t, kind: t === '' ? 'blank' : URL_ONLY_RE.test(t) ? 'url' : 'content' });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  return lines;
}

/**
 * A line holding only URLs is text when it stands alone and continues a sentence;
 * otherwise it is a PDF link annotation and is dropped. mailto: and javascript: lines are
 * always annotations.
 */
function markArtefacts(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'url') continue;
    let p = i - 1;
    while (p >= 0 && lines[p]?.kind === 'blank') p--;
    let n = i + 1;
    while (n < lines.length && lines[n]?.kind === 'blank') n++;
    const prev = lines[p];
    const single = prev?.kind !== 'url' && lines[n]?.kind !== 'url';
    // Text when it continues a sentence: after "…namens PayPal:" or as the sentence's last word ("… op https://….html.").
    const continues = prev?.kind === 'content' && (prev.text.endsWith(':') || (!TERMINAL_RE.test(prev.text) && line.text.endsWith('.')));
    const isText = single && !ALWAYS_ARTEFACT_RE.test(line.text) && continues;
    line.kind = isText ? 'content' : 'artefact';
  }
}

/** Content-line index → number of lines the heading spans (1, or 2 for a wrapped heading). */
function detectHeadings(
  texts: readonly string[],
  paraBefore: (k: number) => boolean,
  language: DraftLanguage,
  isTableRow: (k: number) => boolean,
): Map<number, number> {
  const headings = new Map<number, number>();
  const wordsOf = (t: string) => t.split(/\s+/).length;
  // A line ending in "-" continues on the next line, even when it ends inside a URL.
  const terminal = (t: string) => !t.endsWith('-') && (TERMINAL_RE.test(t) || LAST_TOKEN_URL_RE.test(t));
  for (let k = 0; k < texts.length; k++) {
    const t = texts[k] as string;
    const prev = texts[k - 1];
    const next = texts[k + 1];
    if (isTableRow(k) || !isHeadingShaped(t)) continue;
    const before = paraBefore(k);
    const prevEnds = prev === undefined || terminal(prev);
    if (prev !== undefined && prev.endsWith(':') && !before) continue;
    const words = wordsOf(t);
    if (/^\p{Ll}/u.test(t) && !(before && words <= 4)) continue;
    const after = next === undefined || paraBefore(k + 1);
    const nextStarts = after || /^[\p{Lu}\d"'“„‘«•·▪(–-]/u.test(next ?? '');
    const short = words <= 10 && t.length <= 80;
    const long = words <= 18 && t.length <= 120 && before && !endsWithFunctionWord(t) && (language !== 'de' || after);
    if (nextStarts && ((short && (prevEnds || before)) || long)) {
      headings.set(k, 1);
      continue;
    }
    // A heading wrapped onto a second, short line: "… en tools van andere" + "dienstverleners".
    const after2 = texts[k + 2];
    if (
      (prevEnds || before) &&
      words <= 18 &&
      t.length <= 120 &&
      next !== undefined &&
      !endsWithFunctionWord(t) &&
      isHeadingShaped(next) &&
      /^\p{Ll}/u.test(next) &&
      wordsOf(next) <= 3 &&
      !/[.!?:;,]$/.test(next) &&
      (after2 === undefined || (paraBefore(k + 2) && /^[\p{Lu}\d]/u.test(after2)))
    ) {
      headings.set(k, 2);
      k++;
    }
  }
  return headings;
}

function isHeadingShaped(line: string): boolean {
  if (BULLET_RE.test(line) && !/^[-–—]\w/.test(line)) return false;
  // "1. Bestellabwicklung", "IV. Hosting": the number's full stop is no sentence end.
  const numbered = NUMBER_PREFIX_RE.exec(line);
  const t = numbered ? line.slice(numbered[0].length) : line;
  if (numbered && t.length === 0) return false;
  if (/[.!?:;,]$/.test(t)) return false;
  if (t.includes('@') || /^(?:tel|fax|e-?mail|phone|telefon|telefoon)\b/i.test(t)) return false;
  if (LAST_TOKEN_URL_RE.test(t)) return false;
  // File names and host names ("…-DSGVO.pdf", "connox.de") are link remnants, not headings.
  if (/\.[a-z]{2,4}$/i.test(t) && !/\s/.test(t)) return false;
  if (/^\d/.test(t) && !NUMBERED_HEADING_RE.test(t)) return false;
  if (numbered && /^\d/.test(line) && Number(line.split(/[.)\s]/)[0]) > 40) return false;
  // A full stop followed by a capital inside the line means it holds a sentence end.
  if (/[.!?]\s+\p{Lu}/u.test(t)) return false;
  return true;
}

function endsWithFunctionWord(t: string): boolean {
  const last = t.split(/\s+/).at(-1)?.toLowerCase() ?? '';
  return FUNCTION_WORDS.has(last);
}

function modeOf(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, c] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Sentence spans in one block. A full stop ends a sentence when whitespace and a capital,
 * digit, quote or bracket follow, unless it ends an abbreviation, a single letter ("S."),
 * a dotted abbreviation ("d.w.z.", "z.B.") or a one- or two-digit ordinal ("3. Stock").
 * A citation glued after the stop — "leveren.(Art. 6 DSGVO) Dit" — stays with its sentence.
 */
export function splitSentences(s: string, abbreviations: ReadonlySet<string>, sentenceFinal: ReadonlySet<string> = new Set()): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    const ch = s[k];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let e = k + 1;
    while (e < s.length && /["'”’)\]»]/.test(s[e] as string)) e++;
    if (ch === '.' && s[e] === '(') {
      const close = s.indexOf(')', e);
      if (close > 0 && close - e < 60 && /^\s+[\p{Lu}\d]/u.test(s.slice(close + 1))) {
        spans.push([start, close + 1]);
        start = close + 1;
        while (s[start] === ' ') start++;
        k = start - 1;
        continue;
      }
    }
    if (e < s.length && s[e] !== ' ') continue;
    let n = e;
    while (n < s.length && s[n] === ' ') n++;
    if (n >= s.length) break;
    if (!/[\p{Lu}\d"'“„‘«([¿¡]/u.test(s[n] as string)) continue;
    if (ch === '.' && e === k + 1 && isAbbreviation(s, k, abbreviations, sentenceFinal)) continue;
    spans.push([start, e]);
    start = n;
    k = n - 1;
  }
  if (s.slice(start).trim() !== '') spans.push([start, s.length]);
  return spans;
}

function isAbbreviation(s: string, dot: number, abbreviations: ReadonlySet<string>, sentenceFinal: ReadonlySet<string>): boolean {
  let b = dot;
  while (b > 0 && !/[\s(["'“„‘]/.test(s[b - 1] as string)) b--;
  const word = s.slice(b, dot);
  if (word === '' || sentenceFinal.has((word.split('-').at(-1) ?? word).toLowerCase())) return false;
  if (/^\d{1,2}$/.test(word)) return true;
  // Check the whole word and its last hyphen part: "EU-U.S." ends in the abbreviation "U.S.".
  const last = word.split('-').at(-1) ?? word;
  for (const w of [word, last]) {
    if (/^\p{L}$/u.test(w) || /^\p{L}+(?:\.\p{L}+)+$/u.test(w) || abbreviations.has(w.toLowerCase())) return true;
  }
  return false;
}
