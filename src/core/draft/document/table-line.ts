/** Separators a plain-text table puts between cells: a pipe or a tab (semicolons need a run, see below). */
const PIPE_OR_TAB_RE = /\s*\|\s*|\t+/;
// A cell this long is prose, not a table cell: a sentence with a stray "|" stays a sentence.
const MAX_CELL_CHARS = 400;

/**
 * The cells of one plain-text table line ("_ga | Google | 2 years", "_ga\tGoogle\t2 Jahre"),
 * or null when the line is no table row. Leading and trailing pipes ("| a | b |") are frame.
 */
export function splitTableLine(line: string): string[] | null {
  if (!line.includes('|') && !line.includes('\t')) return null;
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells = body.split(PIPE_OR_TAB_RE).map((c) => c.trim());
  if (cells.length < 2 || cells.some((c) => c.length > MAX_CELL_CHARS)) return null;
  // Markdown's header rule ("---|---") carries no cells.
  if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) return [];
  if (cells.filter((c) => c !== '').length < 2) return null;
  return cells;
}

/**
 * Semicolon-separated rows are tables only in a run: two or more consecutive lines with the
 * same number (≥ 2) of semicolons and no sentence end. Returns the indexes of such lines.
 */
export function semicolonTableLines(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  const count = (t: string) => (/[.!?]$/.test(t) ? 0 : (t.match(/;/g)?.length ?? 0));
  for (let i = 0; i < lines.length;) {
    const c = count(lines[i] as string);
    let j = i + 1;
    while (c >= 2 && j < lines.length && count(lines[j] as string) === c) j++;
    if (c >= 2 && j - i >= 2) for (let k = i; k < j; k++) out.add(k);
    i = Math.max(j, i + 1);
  }
  return out;
}
