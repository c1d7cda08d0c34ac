import { declaredHost, parseDeclaredName, parseExpiryDays } from '../cookie-declaration.ts';
import type { DeclarationParseResult, DeclaredCookie } from '../cookie-declaration.ts';
import { declaredStorageOf } from '../import-cookiebot.ts';
import type { TableDeclarationSelectors } from './extract-page-declaration.ts';
import { readDeclarationRows, type DeclarationRow } from './declaration-rows.ts';
import type { PageDeclaration } from './page-declaration.ts';

/**
 * Cookiebot's declaration as cd.js renders it into the page (`<script id="CookieDeclaration"
 * src="https://consent.cookiebot.com/<cbid>/cd.js">`): per category a `div.CookieDeclarationType`
 * with `p.CookieDeclarationTypeHeader` ("Statistics (4)") and `table.CookieDeclarationTable`,
 * whose columns are always name, provider, purpose, maximum storage duration and type, in the
 * page's language. A provider cell lists one host per line; a `[x2]` name folds similar keys.
 */
export const COOKIEBOT_PAGE_SELECTORS: TableDeclarationSelectors = {
  layout: 'table',
  tool: 'cookiebot',
  group: '.CookieDeclarationType',
  heading: '.CookieDeclarationTypeHeader',
  table: 'table.CookieDeclarationTable',
};

const MIN_COLUMNS = 5;

/** The declaration the page shows, as the importer's declaration type (origin `cookiebot-declaration`, document = the page). */
export function readCookiebotPage(page: PageDeclaration): DeclarationParseResult {
  return readDeclarationRows(page, { origin: 'cookiebot-declaration', empty: 'the Cookiebot declaration on the page has no rows' }, readRow);
}

function readRow({ cells, label, category }: DeclarationRow): DeclaredCookie[] | { skip: string } {
  if (cells.length < MIN_COLUMNS) return { skip: `expected ${MIN_COLUMNS} cells (name, provider, purpose, duration, type)` };
  const [nameCell, providerCell, purposeCell, expiry, type] = cells.map((c) => c.trim()) as [string, string, string, string, string];
  if (nameCell === '') return { skip: 'row has no cookie name' };
  const { name, pattern } = parseDeclaredName(nameCell);
  const maxLifetimeDays = parseExpiryDays(expiry);
  const storage = declaredStorageOf(type, maxLifetimeDays);
  if (storage === null) return { skip: `"${name}": type "${type}" is not browser storage (pixel or unknown)` };
  const purpose = purposeCell.replace(/\n/g, ' ');
  const providers = providerCell.split('\n').filter((p) => p !== '');
  const quote = [nameCell, providers.join(', '), purpose, expiry, type].join(' | ');
  // One cookie per provider line: "__cf_bm [x2]" on action.com and radar.cloudflare.com are two cookies.
  return (providers.length > 0 ? providers : ['']).map((provider) => ({
    name,
    pattern,
    provider: provider.replace(/^https?:\/\//, ''),
    host: declaredHost(provider.replace(/^https?:\/\//, '')),
    category,
    categoryLabel: label || category,
    purpose,
    storage,
    maxLifetimeDays,
    expiryText: expiry,
    quote,
  }));
}
