import { PAGE_DECLARATION_LIMITS } from './page-declaration.ts';
import type { PageDeclaration, PageDeclarationTable, PageDeclarationTool } from './page-declaration.ts';

/**
 * The few DOM members the extractor uses, so the core reads a live page (content script,
 * isolated world) and a parsed test document alike without DOM types.
 */
export interface DeclarationElementLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DeclarationElementLike>;
  readonly textContent: string | null;
  /** An element's open shadow root (null when it has none or a closed one); absent on documents. */
  readonly shadowRoot?: DeclarationElementLike | null;
  querySelector(selector: string): DeclarationElementLike | null;
  querySelectorAll(selector: string): ArrayLike<DeclarationElementLike>;
  matches?(selector: string): boolean;
  contains?(other: DeclarationElementLike): boolean;
}

/**
 * Where a consent tool renders its declaration as tables: one element per category
 * (`group`), in it the category's heading and its table. Selectors come from the tools' own
 * rendered markup (Cookiebot's cd.js, OneTrust's cookie list); see each reader.
 */
export interface TableDeclarationSelectors {
  layout: 'table';
  tool: PageDeclarationTool;
  group: string;
  heading: string;
  table: string;
}

/**
 * Where a consent tool renders its declaration as a list of entries (Usercentrics'
 * services): inside each `root`, and inside the open shadow root of its `shadowHost`
 * children, category headings and entries in document order; an entry has a title and
 * sections, each a title followed by its text and its tags. See the reader.
 */
export interface ListDeclarationSelectors {
  layout: 'list';
  tool: PageDeclarationTool;
  root: string;
  shadowHost: string;
  heading: string;
  item: string;
  itemTitle: string;
  sectionTitle: string;
  sectionText: string;
  sectionTag: string;
}

export type DeclarationSelectors = TableDeclarationSelectors | ListDeclarationSelectors;

/** Marks a tag's line in a list entry's section cell, so a reader tells tags ("Analytics") from the section's prose. */
export const TAG_MARK = '• ';

const ELEMENT = 1;
const TEXT = 3;
const SPACE_RE = /[^\S\n]+/g;

/**
 * Reads every consent tool's rendered declaration present under `root`: text only, from the
 * DOM as it is (hidden tables too: the preference centre's lists are declarations even while
 * closed), never changing it and never touching the page's JavaScript objects.
 */
export function extractPageDeclarations(root: DeclarationElementLike, url: string, tools: readonly DeclarationSelectors[]): PageDeclaration[] {
  const found: PageDeclaration[] = [];
  for (const selectors of tools) {
    const tables = selectors.layout === 'list' ? readLists(root, selectors) : readGroups(root, selectors);
    if (tables.length > 0) found.push({ tool: selectors.tool, url, tables });
  }
  return found;
}

function readGroups(root: DeclarationElementLike, selectors: TableDeclarationSelectors): PageDeclarationTable[] {
  const tables: PageDeclarationTable[] = [];
  const groups = root.querySelectorAll(selectors.group);
  for (let g = 0; g < groups.length && tables.length < PAGE_DECLARATION_LIMITS.tables; g++) {
    const group = groups[g] as DeclarationElementLike;
    const table = group.querySelector(selectors.table);
    if (!table) continue;
    const heading = clip(oneLine(cellText(group.querySelector(selectors.heading))));
    tables.push({ heading, ...readTable(table) });
  }
  return tables;
}

/**
 * A list declaration as tables: one per category heading, one row per entry (its title, then
 * one cell per section). An open shadow root is read through `shadowRoot` — in the isolated
 * world that is the browser's own getter, not one the page could wrap. A closed root reads
 * as null and stays unread.
 */
function readLists(root: DeclarationElementLike, selectors: ListDeclarationSelectors): PageDeclarationTable[] {
  const tables: PageDeclarationTable[] = [];
  const containers = root.querySelectorAll(selectors.root);
  for (let c = 0; c < containers.length; c++) {
    const container = containers[c] as DeclarationElementLike;
    const scopes: DeclarationElementLike[] = [container];
    const hosts = container.querySelectorAll(selectors.shadowHost);
    for (let h = 0; h < hosts.length; h++) {
      const shadow = (hosts[h] as DeclarationElementLike).shadowRoot;
      if (shadow) scopes.push(shadow);
    }
    for (const scope of scopes) readListScope(scope, selectors, tables);
  }
  return tables.filter((t) => t.rows.length > 0);
}

function readListScope(scope: DeclarationElementLike, selectors: ListDeclarationSelectors, tables: PageDeclarationTable[]): void {
  let current: PageDeclarationTable | null = null;
  // Headings and entries come back in document order: an entry belongs to the heading before it.
  const marks = scope.querySelectorAll(`${selectors.heading}, ${selectors.item}`);
  for (let m = 0; m < marks.length; m++) {
    const mark = marks[m] as DeclarationElementLike;
    if (mark.matches?.(selectors.heading) === true) {
      if (tables.length >= PAGE_DECLARATION_LIMITS.tables) return;
      current = { heading: clip(oneLine(cellText(mark))), header: [], rows: [] };
      tables.push(current);
      continue;
    }
    if (current === null) {
      current = { heading: '', header: [], rows: [] };
      tables.push(current);
    }
    if (current.rows.length < PAGE_DECLARATION_LIMITS.rows) current.rows.push(readEntry(mark, selectors));
  }
}

function readEntry(item: DeclarationElementLike, selectors: ListDeclarationSelectors): string[] {
  const title = clip(oneLine(cellText(item.querySelector(selectors.itemTitle))));
  const sections: string[][] = [];
  let last = null as DeclarationElementLike | null;
  const parts = item.querySelectorAll(`${selectors.sectionTitle}, ${selectors.sectionText}, ${selectors.sectionTag}`);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as DeclarationElementLike;
    // A tag inside a text block is already in that block's text.
    if (last?.contains?.(part) === true) continue;
    last = part;
    const text = cellText(part);
    if (part.matches?.(selectors.sectionTitle) === true) sections.push([oneLine(text)]);
    else {
      if (sections.length === 0) sections.push(['']);
      const lines = part.matches?.(selectors.sectionTag) === true ? [TAG_MARK + oneLine(text)] : text.split('\n');
      (sections[sections.length - 1] as string[]).push(...lines.filter((l) => l.trim() !== '' && l !== TAG_MARK));
    }
  }
  return [title, ...sections.map((lines) => clip(lines.join('\n')))].slice(0, PAGE_DECLARATION_LIMITS.cells);
}

function oneLine(text: string): string {
  return text.replace(/\n/g, ' ').trim();
}

function readTable(table: DeclarationElementLike): { header: string[]; rows: string[][] } {
  const header = Array.from(table.querySelectorAll('thead th'), (th) => clip(cellText(th)));
  const rows: string[][] = [];
  const trs = table.querySelectorAll('tbody tr');
  for (let r = 0; r < trs.length && rows.length < PAGE_DECLARATION_LIMITS.rows; r++) {
    const cells = Array.from((trs[r] as DeclarationElementLike).querySelectorAll('td'), (td) => clip(cellText(td))).slice(0, PAGE_DECLARATION_LIMITS.cells);
    if (cells.some((c) => c !== '')) rows.push(cells);
  }
  return { header: header.slice(0, PAGE_DECLARATION_LIMITS.cells), rows };
}

/** A cell's text with `<br>` as a line break and runs of other white space as one space. */
function cellText(node: DeclarationElementLike | null): string {
  if (!node) return '';
  const parts: string[] = [];
  const walk = (n: DeclarationElementLike): void => {
    if (n.nodeType === TEXT) parts.push(n.textContent ?? '');
    else if (n.nodeType === ELEMENT) {
      if (n.nodeName.toUpperCase() === 'BR') parts.push('\n');
      else for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i] as DeclarationElementLike);
    }
  };
  walk(node);
  return parts
    .join('')
    .replace(SPACE_RE, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

function clip(text: string): string {
  return text.slice(0, PAGE_DECLARATION_LIMITS.cellText);
}
