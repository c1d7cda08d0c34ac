import type { DeclarationIssue, DeclarationParseResult, DeclaredService } from '../cookie-declaration.ts';
import { categoryLabel, declaredCategoryOf } from './declared-category-label.ts';
import { TAG_MARK, type ListDeclarationSelectors } from './extract-page-declaration.ts';
import type { PageDeclaration } from './page-declaration.ts';

/**
 * Usercentrics' services list as its Browser UI v3 "Embeddings" render it into the shop's
 * privacy page: the shop writes `<div class="uc-embed" uc-embed-type="all|category">` and
 * loader.js (web.cmp.usercentrics.eu/ui/loader.js) finds it by that class and renders the
 * list into an open shadow root on a `.embeddings-shadow-wrapper` child.
 *
 * Sources (read 2026-12): Usercentrics' own docs in their public docs repository (Embeddings:
 * `uc-embed`, `uc-embed-type`, `uc-embed-show-toggle`; the V3 migration guide: `uc-data` and
 * `uc-styling` are deprecated, embeddings mirror the CMP's second layer; Custom CSS entry
 * points: `.uc-details-title`, `.uc-details-description`, `.uc-details-tag` inside each
 * service's card); the v4.14.0 loader.js bundle (`EmbedAttributeNames`, `.embeddings-shadow-wrapper`,
 * `hydrateEmbeddings`); a shop's public override stylesheet for the rendered embed, which also
 * shows the root is open (it reads `.embeddings-shadow-wrapper`.shadowRoot from the page):
 * `.uc-embeddings`, `.list-header-title` (a category), `.embedding-list-item` with
 * `.embedding-list-item-header-title` (a service), `.details-tags li` / `.uc-details-tag`.
 * The section labels are the CMP's defaults ("Processing Company" / "Verarbeitendes
 * Unternehmen", "Data Processing Purposes" / "Datenverarbeitungszwecke", as a shop's copy
 * of the list reproduces them); the other six languages' labels are not verified.
 *
 * The list names services, their company and purposes, not cookies: Usercentrics shows a
 * service's stored identifiers only after a click, from a disclosure it fetches then.
 * V2's light-DOM embeddings (`uc-data`, `uc-styling`) are not read: no source documents
 * which element holds which field.
 */
export const USERCENTRICS_PAGE_SELECTORS: ListDeclarationSelectors = {
  layout: 'list',
  tool: 'usercentrics',
  root: '.uc-embed',
  shadowHost: '.embeddings-shadow-wrapper',
  heading: '.list-header-title',
  item: '.embedding-list-item',
  itemTitle: '.embedding-list-item-header-title',
  sectionTitle: '.uc-details-title',
  sectionText: '.uc-details-description',
  sectionTag: '.uc-details-tag',
};

const COMPANY_RE =
  /^(?:processing company|verarbeitendes unternehmen|verwerkend bedrijf|verwerkingsbedrijf|société de traitement|entreprise de traitement|società di trattamento|azienda di elaborazione|empresa (?:de procesamiento|procesadora|de tratamiento)|behandlende virksomhed|behandlande företag)\b/i;
const PURPOSES_RE =
  /^(?:data processing purposes|datenverarbeitungszwecke|doeleinden van (?:de )?gegevensverwerking|finalités du traitement|finalità del trattamento|finalidades del tratamiento|formål med databehandling|ändamål med databehandling)/i;

/** The services the page's embedding lists, as a declaration of services (origin `usercentrics-declaration`, document = the page). */
export function readUsercentricsPage(page: PageDeclaration): DeclarationParseResult {
  const services: DeclaredService[] = [];
  const skipped: DeclarationIssue[] = [];
  page.tables.forEach((table, t) => {
    const label = categoryLabel(table.heading);
    const category = declaredCategoryOf(label);
    table.rows.forEach((cells, r) => {
      const name = (cells[0] ?? '').trim();
      if (name === '') {
        skipped.push({ where: `${label || `list ${t + 1}`}, entry ${r + 1}`, message: 'entry has no service name' });
        return;
      }
      const sections = cells.slice(1).map((cell) => {
        const [title = '', ...lines] = cell.split('\n');
        return { title: title.trim(), lines };
      });
      const company = sections.find((s) => COMPANY_RE.test(s.title));
      const legalEntity = company?.lines.find((l) => !l.startsWith(TAG_MARK))?.trim() || null;
      const purposes = (sections.find((s) => PURPOSES_RE.test(s.title))?.lines ?? [])
        .filter((l) => l.startsWith(TAG_MARK))
        .map((l) => l.slice(TAG_MARK.length).trim());
      const quote = [name, legalEntity ?? '', purposes.join(', ')].filter((part) => part !== '').join(' | ');
      services.push({ name, legalEntity, category, categoryLabel: label || category, purposes, quote });
    });
  });
  if (services.length === 0 && skipped.length === 0)
    return { ok: false, issues: [{ where: page.url, message: 'the Usercentrics embedding on the page lists no service' }] };
  return { ok: true, declaration: { origin: 'usercentrics-declaration', document: page.url, cookies: [], services }, skipped };
}
