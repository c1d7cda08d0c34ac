import type { ColumnKind } from '../lexicon/lexicon-types.ts';
import { EMPTY_CELL, TABLE_CELL_SEPARATOR } from '../segment-text.ts';
import type { DocumentSentence } from '../segment-text.ts';
import { columnOfHeader } from './bind-columns.ts';

/** One cell of a table row, with its offsets in the row sentence's text. */
export interface TableCell {
  text: string;
  start: number;
  end: number;
}

/** One record of a table (a cookie, usually): the cells bound to each column kind. */
export interface TableRecord {
  cells: Partial<Record<ColumnKind, TableCell>>;
  /** The sentence (row) each bound cell is in: one row for a header-row table, several for a header column. */
  rowOf: Partial<Record<ColumnKind, DocumentSentence>>;
  /** The row the record's name is in (its source). */
  row: DocumentSentence;
  layout: 'header-row' | 'header-column';
}

/** The cells of a table-row sentence. */
export function cellsOf(s: DocumentSentence): TableCell[] {
  const out: TableCell[] = [];
  let from = 0;
  for (;;) {
    const at = s.text.indexOf(TABLE_CELL_SEPARATOR, from);
    const end = at < 0 ? s.text.length : at;
    const text = s.text.slice(from, end);
    out.push({ text: text === EMPTY_CELL ? '' : text, start: from, end });
    if (at < 0) return out;
    from = at + TABLE_CELL_SEPARATOR.length;
  }
}

/** Consecutive table-row sentences: one table each. */
function tablesOf(sentences: readonly DocumentSentence[]): DocumentSentence[][] {
  const tables: DocumentSentence[][] = [];
  let current: DocumentSentence[] = [];
  for (const s of sentences) {
    if (s.tableRow) current.push(s);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  if (current.length > 0) tables.push(current);
  return tables;
}

/** Header row: at least two cells name distinct columns, one of them a name or a duration. */
function headerBinding(cells: readonly TableCell[]): Array<ColumnKind | null> | null {
  const kinds = cells.map((c) => columnOfHeader(c.text));
  const bound = kinds.filter((k): k is ColumnKind => k !== null);
  if (new Set(bound).size < 2 || bound.length < Math.ceil(cells.filter((c) => c.text !== '').length / 2)) return null;
  if (!bound.includes('name') && !bound.includes('duration')) return null;
  // The first occurrence of a kind wins ("Name | … | Name des Anbieters" keeps the first as the name).
  const seen = new Set<ColumnKind>();
  return kinds.map((k) => (k && !seen.has(k) ? (seen.add(k), k) : null));
}

/**
 * Reads every table of a segmented document row by row. Two layouts:
 * - header row ("Name | Anbieter | Zweck | Speicherdauer", then one row per cookie); a later
 *   header row starts a new table;
 * - header column ("Name | _ga", "Provider | Google", "Expiry | 2 years", …, one cookie per
 *   block of rows, or one cookie per column): a record ends where its name key comes again.
 * Definition lists arrive as header-column rows. A table with neither layout yields nothing.
 */
export function readTables(sentences: readonly DocumentSentence[]): TableRecord[] {
  const out: TableRecord[] = [];
  for (const table of tablesOf(sentences)) {
    let header: Array<ColumnKind | null> | null = null;
    const columnRows: DocumentSentence[] = [];
    for (const row of table) {
      const cells = cellsOf(row);
      const binding = headerBinding(cells);
      if (binding) {
        flushColumns(columnRows, out);
        header = binding;
        continue;
      }
      // A row of another width whose first cell is a header word starts a header-column table
      // (two tables one after the other: a cookie table, then a definition list).
      if (header && cells.length !== header.length && columnOfHeader(cells[0]?.text ?? '') !== null) header = null;
      if (header) {
        const record: TableRecord = { cells: {}, rowOf: {}, row, layout: 'header-row' };
        header.forEach((kind, i) => {
          const cell = cells[i];
          if (kind && cell && cell.text !== '') {
            record.cells[kind] = cell;
            record.rowOf[kind] = row;
          }
        });
        if (record.cells.name || record.cells.duration) out.push(record);
      } else {
        columnRows.push(row);
      }
    }
    flushColumns(columnRows, out);
  }
  return out;
}

/** Header-column rows: key in the first cell, one value per cookie in the cells after it. */
function flushColumns(rows: DocumentSentence[], out: TableRecord[]): void {
  let open: TableRecord[] = [];
  const close = () => {
    for (const r of open) if (r.cells.name) out.push(r);
    open = [];
  };
  for (const row of rows) {
    const cells = cellsOf(row);
    const kind = columnOfHeader(cells[0]?.text ?? '');
    if (!kind) {
      close();
      continue;
    }
    const values = cells.slice(1);
    if (kind === 'name' || open.length === 0 || open.some((r) => r.cells[kind])) {
      close();
      open = values.map(() => ({ cells: {}, rowOf: {}, row, layout: 'header-column' }) as TableRecord);
    }
    values.forEach((cell, i) => {
      const r = open[i];
      if (r && cell.text !== '') {
        r.cells[kind] = cell;
        r.rowOf[kind] = row;
        if (kind === 'name') r.row = row;
      }
    });
  }
  close();
  rows.length = 0;
}
