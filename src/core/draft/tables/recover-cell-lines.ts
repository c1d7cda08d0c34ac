import { columnOfHeader } from './bind-columns.ts';

const MIN_COLUMNS = 3;
const MAX_COLUMNS = 8;
// A cell longer than this is prose: the recovered table ends there.
const MAX_CELL_CHARS = 160;

interface TextLine {
  start: number;
  end: number;
  text: string;
}

/**
 * Text copied from a page often puts one table cell per line ("Name", "Anbieter", "Zweck",
 * "Speicherdauer", "_ga", "Google", …). Where a run of three to eight header lines naming
 * distinct columns (a name among them) is followed by rows of that many cells, the line
 * breaks inside each row become tabs, so the segmenter reads a table. The text keeps its
 * length: every offset into it stays an offset into the user's text.
 */
export function recoverCellPerLineTables(text: string): string {
  const lines = nonBlankLines(text);
  // Indexed by UTF-16 offset, like the line offsets.
  const units = text.split('');
  for (let i = 0; i < lines.length; i++) {
    const width = headerRun(lines, i);
    if (width === 0) continue;
    const rows: TextLine[][] = [lines.slice(i, i + width)];
    let j = i + width;
    while (j + width <= lines.length) {
      const row = lines.slice(j, j + width);
      if (row.some((l) => l.text.length > MAX_CELL_CHARS || columnOfHeader(l.text) !== null)) break;
      rows.push(row);
      j += width;
    }
    if (rows.length < 2) continue;
    for (const row of rows) joinCells(units, row);
    i = j - 1;
  }
  // Definition lists and label/value grids flatten to a label line, then its value line.
  for (let i = 0; i < lines.length; i++) {
    const pairs = pairRun(lines, i);
    if (pairs === 0) continue;
    for (let p = 0; p < pairs; p++) joinCells(units, lines.slice(i + 2 * p, i + 2 * p + 2));
    i += 2 * pairs - 1;
  }
  return units.join('');
}

/** The line breaks between a row's cells become tabs. */
function joinCells(units: string[], row: readonly TextLine[]): void {
  for (let c = 1; c < row.length; c++) {
    const prev = row[c - 1] as TextLine;
    const cur = row[c] as TextLine;
    for (let k = prev.end; k < cur.start; k++) units[k] = '\t';
  }
}

/**
 * Label/value pairs from line i ("Cookie", "_ga", "Provider", "Google", "Retention", "2 years",
 * …): how many, when there are at least three naming distinct columns, a name among them (0
 * otherwise). A value may repeat its label's word ("Consent", "Consent requested"); a value
 * that names another column ends the run.
 */
function pairRun(lines: readonly TextLine[], i: number): number {
  const kinds = new Set<string>();
  let n = 0;
  for (;;) {
    const label = lines[i + 2 * n];
    const value = lines[i + 2 * n + 1];
    if (!label || !value || label.text.includes('\t') || label.text.includes('|') || value.text.length > MAX_CELL_CHARS) break;
    const kind = columnOfHeader(label.text);
    const valueKind = columnOfHeader(value.text);
    if (!kind || (valueKind !== null && (valueKind !== kind || value.text.length <= label.text.length))) break;
    kinds.add(kind);
    n++;
  }
  return n >= MIN_COLUMNS && kinds.size >= MIN_COLUMNS && kinds.has('name') ? n : 0;
}

function nonBlankLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t !== '') out.push({ start: pos + lead, end: pos + lead + t.length, text: t });
    pos += raw.length + 1;
  }
  return out;
}

/** Width of a header run starting at line i (0 when there is none). */
function headerRun(lines: readonly TextLine[], i: number): number {
  const kinds = new Set<string>();
  let n = 0;
  while (i + n < lines.length && n < MAX_COLUMNS) {
    const line = lines[i + n] as TextLine;
    if (line.text.includes('\t') || line.text.includes('|')) break;
    const kind = columnOfHeader(line.text);
    if (!kind || kinds.has(kind)) break;
    kinds.add(kind);
    n++;
  }
  return n >= MIN_COLUMNS && kinds.has('name') ? n : 0;
}
