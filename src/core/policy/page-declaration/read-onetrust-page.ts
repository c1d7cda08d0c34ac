import { declaredHost, parseDeclaredName, parseExpiryDays } from '../cookie-declaration.ts';
import type { DeclarationParseResult, DeclaredCookie } from '../cookie-declaration.ts';
import type { TableDeclarationSelectors } from './extract-page-declaration.ts';
import { readDeclarationRows, type DeclarationRow } from './declaration-rows.ts';
import type { PageDeclaration } from './page-declaration.ts';

/**
 * OneTrust's cookie list as its SDK renders it into `<div id="ot-sdk-cookie-policy">` (the
 * shop's cookie policy page): per category a `section` with `h4.ot-sdk-cookie-policy-group`
 * and a table whose columns are host ("Cookie Subgroup"), cookies (comma-separated names),
 * first or third party, and lifespan ("Session, 365 Days": one per cookie, in the same order).
 */
export const ONETRUST_PAGE_SELECTORS: TableDeclarationSelectors = {
  layout: 'table',
  tool: 'onetrust',
  // The list itself is a section too (#ot-sdk-cookie-policy-v2): a group is a section with its own table.
  // Shops that paste the rendered list into their page keep only the v2 container, and some
  // drop the heading's class: the group's own h4 is its heading either way.
  group: '#ot-sdk-cookie-policy section, #ot-sdk-cookie-policy-v2 section',
  heading: ':scope > h4',
  table: ':scope > table',
};

const LIST_RE = /\s*[,\n]\s*/;

/** The cookie list the page shows, as the importer's declaration type (origin `onetrust-declaration`, document = the page). */
export function readOneTrustPage(page: PageDeclaration): DeclarationParseResult {
  return readDeclarationRows(page, { origin: 'onetrust-declaration', empty: 'the OneTrust cookie list on the page has no rows' }, readRow);
}

function readRow({ cells, label, category }: DeclarationRow): DeclaredCookie[] | { skip: string } {
  if (cells.length < 3) return { skip: 'expected host, cookies and lifespan cells' };
  const hostCell = (cells[0] ?? '').trim();
  const names = splitList(cells[1] ?? '');
  const lifespans = splitList((cells[cells.length - 1] ?? '').trim());
  if (names.length === 0) return { skip: 'row names no cookie' };
  const host = declaredHost(hostCell);
  const quote = cells.map((c) => c.replace(/\n/g, ' ').trim()).join(' | ');
  return names.map((raw, i) => {
    // One lifespan per cookie in order; a single lifespan covers every cookie of the row. Otherwise unknown.
    const expiryText = lifespans.length === names.length ? (lifespans[i] as string) : lifespans.length === 1 ? (lifespans[0] as string) : '';
    const { name, pattern } = parseDeclaredName(raw);
    return {
      name,
      pattern,
      provider: hostCell,
      host,
      category,
      categoryLabel: label || category,
      purpose: '',
      // OneTrust's list names cookies only; storage keys are not part of it.
      storage: 'cookie',
      maxLifetimeDays: expiryText === '' ? null : parseExpiryDays(expiryText),
      expiryText,
      quote,
    };
  });
}

function splitList(cell: string): string[] {
  return cell
    .split(LIST_RE)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
