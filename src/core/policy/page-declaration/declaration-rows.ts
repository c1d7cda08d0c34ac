import type { DeclarationIssue, DeclarationOrigin, DeclarationParseResult, DeclaredCategory, DeclaredCookie } from '../cookie-declaration.ts';
import { categoryLabel, declaredCategoryOf } from './declared-category-label.ts';
import type { PageDeclaration } from './page-declaration.ts';

/** One row of a rendered declaration table, with the category of the section it sits in. */
export interface DeclarationRow {
  cells: string[];
  /** The section's heading without its count ("Statistieken"), '' when it has none. */
  label: string;
  category: DeclaredCategory;
}

/**
 * The walk every page reader shares: each table's rows with their section's category, a row's
 * cookies or the reason it was skipped (located as "Statistieken, row 3"), and the empty case.
 * The tool-specific part is only how one row reads (`readRow`).
 */
export function readDeclarationRows(
  page: PageDeclaration,
  source: { origin: DeclarationOrigin; empty: string },
  readRow: (row: DeclarationRow) => DeclaredCookie[] | { skip: string },
): DeclarationParseResult {
  const cookies: DeclaredCookie[] = [];
  const skipped: DeclarationIssue[] = [];
  page.tables.forEach((table, t) => {
    const label = categoryLabel(table.heading);
    const category = declaredCategoryOf(label);
    table.rows.forEach((cells, r) => {
      const read = readRow({ cells, label, category });
      if (Array.isArray(read)) cookies.push(...read);
      else skipped.push({ where: `${label || `table ${t + 1}`}, row ${r + 1}`, message: read.skip });
    });
  });
  if (cookies.length === 0 && skipped.length === 0) return { ok: false, issues: [{ where: page.url, message: source.empty }] };
  return { ok: true, declaration: { origin: source.origin, document: page.url, cookies }, skipped };
}
