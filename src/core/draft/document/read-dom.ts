import { STRUCTURED_LIMITS } from './structured-document.ts';
import type { StructuredBlock, StructuredDocument, StructuredRow } from './structured-document.ts';

/**
 * The few DOM members the reader uses, so the core reads a live page (content script) and a
 * DOMParser document (options page) alike without DOM types. Node types: 1 element, 3 text.
 */
export interface DomNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DomNodeLike>;
  readonly textContent: string | null;
  getAttribute?(name: string): string | null;
}

export interface ReadDomOptions {
  /** The adapter's own visibility test (computed style on a live page); hidden subtrees are skipped. */
  isHidden?: (node: DomNodeLike) => boolean;
}

const ELEMENT = 1;
const TEXT = 3;
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'NAV',
  'HEAD',
]);
const INLINE = new Set([
  'A',
  'SPAN',
  'STRONG',
  'B',
  'EM',
  'I',
  'U',
  'SMALL',
  'SUB',
  'SUP',
  'CODE',
  'ABBR',
  'MARK',
  'TIME',
  'LABEL',
  'FONT',
  'KBD',
  'Q',
  'CITE',
  'DFN',
  'S',
  'DEL',
  'INS',
  'WBR',
  '#TEXT',
]);
const HEADING_RE = /^H([1-6])$/;
// "<p><strong>Hosting</strong></p>": a paragraph that is one short bold phrase reads as a heading.
const PSEUDO_HEADING_LEVEL = 6;
const MAX_PSEUDO_HEADING_WORDS = 12;

/** Reads a page's text as structure: headings, paragraphs, lists, tables (with header cells) and definition lists. */
export function readStructuredDom(root: DomNodeLike, title: string, options: ReadDomOptions = {}): StructuredDocument {
  const reader = new DomReader(options);
  reader.walk(root);
  reader.flush();
  return { title: title.slice(0, 1_000), blocks: reader.blocks };
}

class DomReader {
  readonly blocks: StructuredBlock[] = [];
  private inline: string[] = [];
  private total = 0;

  constructor(private readonly options: ReadDomOptions) {}

  private full(): boolean {
    return this.blocks.length >= STRUCTURED_LIMITS.blocks || this.total >= STRUCTURED_LIMITS.totalText;
  }

  private push(block: StructuredBlock, chars: number): void {
    if (this.full()) return;
    this.blocks.push(block);
    this.total += chars;
  }

  private text(s: string): string {
    return s.replace(/\s+/g, ' ').trim().slice(0, STRUCTURED_LIMITS.blockText);
  }

  /** Ends the paragraph of loose inline text collected so far. */
  flush(): void {
    const t = this.text(this.inline.join(''));
    this.inline = [];
    if (t !== '') this.push({ kind: 'paragraph', text: t }, t.length);
  }

  private hidden(node: DomNodeLike): boolean {
    if (node.getAttribute?.('hidden') !== null && node.getAttribute?.('hidden') !== undefined) return true;
    if (node.getAttribute?.('aria-hidden') === 'true') return true;
    return this.options.isHidden?.(node) === true;
  }

  walk(node: DomNodeLike): void {
    if (this.full()) return;
    if (node.nodeType === TEXT) {
      this.inline.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== ELEMENT && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (node.nodeType === ELEMENT && (SKIPPED.has(name) || this.hidden(node))) return;
    const role = node.getAttribute?.('role') ?? null;
    const heading = HEADING_RE.exec(name);
    if (heading || role === 'heading') {
      this.flush();
      const t = this.text(this.inlineText(node));
      const level = heading ? Number(heading[1]) : Number(node.getAttribute?.('aria-level') ?? 2) || 2;
      if (t !== '') this.push({ kind: 'heading', level: Math.min(6, Math.max(1, level)), text: t }, t.length);
      return;
    }
    if (name === 'TABLE' || role === 'table' || role === 'grid') {
      this.flush();
      const rows = this.tableRows(node);
      if (rows.length > 0)
        this.push(
          { kind: 'table', rows },
          rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.text.length, 0), 0),
        );
      return;
    }
    if (name === 'UL' || name === 'OL') {
      this.flush();
      const items = children(node)
        .filter((c) => c.nodeType === ELEMENT && c.nodeName.toUpperCase() === 'LI' && !this.hidden(c))
        .map((li) => this.text(this.inlineText(li)))
        .filter((t) => t !== '')
        .slice(0, STRUCTURED_LIMITS.listItems);
      if (items.length > 0)
        this.push(
          { kind: 'list', items },
          items.reduce((n, t) => n + t.length, 0),
        );
      return;
    }
    if (name === 'DL') {
      this.flush();
      this.definitions(node);
      return;
    }
    if (name === 'BR') {
      this.flush();
      return;
    }
    if (name === 'P') {
      this.flush();
      const t = this.text(this.inlineText(node));
      if (t !== '' && isPseudoHeading(node, t)) this.push({ kind: 'heading', level: PSEUDO_HEADING_LEVEL, text: t }, t.length);
      else for (const part of this.paragraphParts(node)) this.push({ kind: 'paragraph', text: part }, part.length);
      return;
    }
    const block = !INLINE.has(name);
    if (block) this.flush();
    for (const child of children(node)) this.walk(child);
    if (block) this.flush();
  }

  /** A paragraph split at its line breaks (an address, a list written with <br>). */
  private paragraphParts(p: DomNodeLike): string[] {
    const parts: string[] = [];
    let current: string[] = [];
    const visit = (n: DomNodeLike) => {
      if (n.nodeType === TEXT) current.push(n.textContent ?? '');
      else if (n.nodeType === ELEMENT && n.nodeName.toUpperCase() === 'BR') {
        parts.push(current.join(''));
        current = [];
      } else if (n.nodeType === ELEMENT && !SKIPPED.has(n.nodeName.toUpperCase()) && !this.hidden(n)) {
        const spaced = !INLINE.has(n.nodeName.toUpperCase());
        if (spaced) current.push(' ');
        for (const c of children(n)) visit(c);
        if (spaced) current.push(' ');
      }
    };
    for (const c of children(p)) visit(c);
    parts.push(current.join(''));
    return parts.map((t) => this.text(t)).filter((t) => t !== '');
  }

  /** Text of a subtree; block children are separated by a space, so cells are never glued ("ga" + "Google"). */
  private inlineText(node: DomNodeLike): string {
    const out: string[] = [];
    const visit = (n: DomNodeLike) => {
      if (n.nodeType === TEXT) out.push(n.textContent ?? '');
      else if (n.nodeType === ELEMENT && !SKIPPED.has(n.nodeName.toUpperCase()) && !this.hidden(n)) {
        const spaced = !INLINE.has(n.nodeName.toUpperCase());
        if (spaced) out.push(' ');
        for (const c of children(n)) visit(c);
        if (spaced) out.push(' ');
      }
    };
    visit(node);
    return out.join('');
  }

  private tableRows(table: DomNodeLike): StructuredRow[] {
    const rows: StructuredRow[] = [];
    const visit = (n: DomNodeLike) => {
      if (n.nodeType !== ELEMENT || this.hidden(n) || rows.length >= STRUCTURED_LIMITS.rows) return;
      const name = n.nodeName.toUpperCase();
      const role = n.getAttribute?.('role') ?? null;
      if (name === 'TR' || role === 'row') {
        const cells = children(n)
          .filter((c) => c.nodeType === ELEMENT && !this.hidden(c) && isCell(c))
          .slice(0, STRUCTURED_LIMITS.cells)
          .map((c) => ({ text: this.text(this.inlineText(c)), header: isHeaderCell(c) }));
        if (cells.some((c) => c.text !== '')) rows.push({ cells });
        return;
      }
      // A table inside a cell is read with its own rows; captions are not rows.
      if (name === 'CAPTION') return;
      for (const c of children(n)) visit(c);
    };
    for (const c of children(table)) visit(c);
    return rows;
  }

  private definitions(dl: DomNodeLike): void {
    const items: Array<{ term: string; details: string }> = [];
    let term: string | null = null;
    const visit = (n: DomNodeLike) => {
      if (n.nodeType !== ELEMENT || this.hidden(n)) return;
      const name = n.nodeName.toUpperCase();
      if (name === 'DT') term = this.text(this.inlineText(n));
      else if (name === 'DD' && term !== null && items.length < STRUCTURED_LIMITS.listItems) items.push({ term, details: this.text(this.inlineText(n)) });
      else if (name === 'DIV') for (const c of children(n)) visit(c);
    };
    for (const c of children(dl)) visit(c);
    if (items.length > 0)
      this.push(
        { kind: 'definitions', items },
        items.reduce((n, i) => n + i.term.length + i.details.length, 0),
      );
  }
}

function children(node: DomNodeLike): DomNodeLike[] {
  return Array.from(node.childNodes);
}

function isCell(n: DomNodeLike): boolean {
  const name = n.nodeName.toUpperCase();
  const role = n.getAttribute?.('role') ?? null;
  return name === 'TD' || name === 'TH' || role === 'cell' || role === 'gridcell' || role === 'columnheader' || role === 'rowheader';
}

function isHeaderCell(n: DomNodeLike): boolean {
  const role = n.getAttribute?.('role') ?? null;
  return n.nodeName.toUpperCase() === 'TH' || role === 'columnheader' || role === 'rowheader';
}

function isPseudoHeading(p: DomNodeLike, text: string): boolean {
  if (/[.:;,!?]$/.test(text) || text.split(' ').length > MAX_PSEUDO_HEADING_WORDS) return false;
  const elements = Array.from(p.childNodes).filter((c) => c.nodeType === ELEMENT || (c.nodeType === TEXT && (c.textContent ?? '').trim() !== ''));
  const only = elements.length === 1 ? elements[0] : undefined;
  return only !== undefined && only.nodeType === ELEMENT && ['STRONG', 'B'].includes(only.nodeName.toUpperCase());
}
