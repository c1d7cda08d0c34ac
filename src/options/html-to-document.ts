import { readStructuredDom } from '../core/draft/document/read-dom';
import type { DomNodeLike } from '../core/draft/document/read-dom';
import type { StructuredDocument } from '../core/draft/document/structured-document';

/** Pasted HTML has no layout: only an inline style can hide an element. */
function inlineHidden(node: DomNodeLike): boolean {
  const style = node.getAttribute?.('style') ?? '';
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Pasted HTML (a copied policy page) as a structured document. Parsed with DOMParser into an
 * inert document of its own: nothing is inserted into the options page, no script runs, no
 * resource loads.
 */
export function documentFromHtml(html: string): StructuredDocument {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return readStructuredDom(parsed.body, parsed.title, { isHidden: inlineHidden });
}
