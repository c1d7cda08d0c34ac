import { columnOfHeader } from './bind-columns.ts';

/** A cell of a glued line, with its offset in the line. */
export interface GluedCell {
  text: string;
  offset: number;
}

// Where two cells meet when a list of inline elements is flattened without spaces: a lower-case
// letter, digit or closing mark before a capital ("_gaGoogle", "mesiNon"), a capital run before
// a capitalised word ("PHPSESSIDCasa"), a letter before a digit ("Statistica2"), a digit before
// a lower-case letter ("12345678iubenda").
const BOUNDARY_RE = /(?<=[\p{Ll}\d.)_\]])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\d)|(?<=\d)(?=\p{Ll})/gu;
const MIN_COLUMNS = 3;

function cut(line: string): GluedCell[] {
  const cells: GluedCell[] = [];
  let from = 0;
  for (const m of line.matchAll(BOUNDARY_RE)) {
    const at = m.index;
    if (at === 0 || at === from) continue;
    cells.push({ text: line.slice(from, at), offset: from });
    from = at;
  }
  cells.push({ text: line.slice(from), offset: from });
  return cells;
}

/** A header row glued into one word ("NomeFornitoreFinalitàDurataConsenso"): its cells, else null. */
export function gluedHeader(line: string): GluedCell[] | null {
  if (/\s/.test(line)) return null;
  const cells = cut(line);
  if (cells.length < MIN_COLUMNS) return null;
  const kinds = cells.map((c) => columnOfHeader(c.text));
  if (kinds.some((k) => k === null) || new Set(kinds).size !== kinds.length || !kinds.includes('name')) return null;
  return cells;
}

/**
 * A data row glued the same way ("_gaGoogle Ireland LimitedStatistica2 anniRichiesto"): its
 * cells when the line breaks into exactly as many as the header has, else null — a row that
 * could be cut several ways is left as text rather than guessed.
 */
export function gluedRow(line: string, columns: number): GluedCell[] | null {
  const cells = cut(line.trim());
  if (cells.length !== columns) return null;
  const lead = line.length - line.trimStart().length;
  return cells.map((c) => ({ text: c.text.trim(), offset: c.offset + lead + (c.text.length - c.text.trimStart().length) }));
}
