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
  querySelector(selector: string): DeclarationElementLike | null;
  querySelectorAll(selector: string): ArrayLike<DeclarationElementLike>;
}

/**
 * Where a consent tool renders its declaration: one element per category (`group`), in it
 * the category's heading and its table. Selectors come from the tools' own rendered markup
 * (Cookiebot's cd.js, OneTrust's cookie list); see each reader.
 */
export interface DeclarationSelectors {
  tool: PageDeclarationTool;
  group: string;
  heading: string;
  table: string;
}

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
    const tables: PageDeclarationTable[] = [];
    const groups = root.querySelectorAll(selectors.group);
    for (let g = 0; g < groups.length && tables.length < PAGE_DECLARATION_LIMITS.tables; g++) {
      const group = groups[g] as DeclarationElementLike;
      const table = group.querySelector(selectors.table);
      if (!table) continue;
      const heading = clip(cellText(group.querySelector(selectors.heading)).replace(/\n/g, ' ').trim());
      tables.push({ heading, ...readTable(table) });
    }
    if (tables.length > 0) found.push({ tool: selectors.tool, url, tables });
  }
  return found;
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
