import { Window } from 'happy-dom';
import { extractPageDeclarations, type DeclarationElementLike } from '../../../../src/core/policy/page-declaration/extract-page-declaration.ts';
import { PAGE_DECLARATION_SELECTORS } from '../../../../src/core/policy/page-declaration/page-declaration-readers.ts';
import type { PageDeclaration } from '../../../../src/core/policy/page-declaration/page-declaration.ts';

export const PAGE_URL = 'https://www.lampenhuis.nl/cookieverklaring';

/** A page's body as a parsed document, read by the content script's extractor (the same code path). */
export function declarationsIn(bodyHtml: string, url = PAGE_URL): PageDeclaration[] {
  const window = new Window({ url });
  window.document.body.innerHTML = bodyHtml;
  return extractPageDeclarations(window.document as unknown as DeclarationElementLike, url, PAGE_DECLARATION_SELECTORS);
}
