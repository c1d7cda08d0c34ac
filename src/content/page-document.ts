/**
 * The page as a structured document for the options page's drafting, on the user's request
 * only: read in the isolated world from the DOM the page shows (text only, bounded by the
 * core's limits), never by running anything in the page's world and without changing the DOM.
 */
import { readStructuredDom } from '../core/draft/document/read-dom';
import type { DomNodeLike } from '../core/draft/document/read-dom';
import { answerBackground } from './runtime';

/** A subtree the page does not show: skipped, as a visitor never reads it. */
function isHidden(node: DomNodeLike): boolean {
  const element = node as unknown as Element;
  if (typeof (element as { checkVisibility?: unknown }).checkVisibility === 'function') {
    return !(element as Element & { checkVisibility(options?: object): boolean }).checkVisibility({ contentVisibilityAuto: false });
  }
  const style = getComputedStyle(element);
  return style.display === 'none' || style.visibility === 'hidden';
}

/** Registers the answer to 'content/get-page-document' (top frame only). */
export function answerPageDocument(): void {
  answerBackground('content/get-page-document', () => ({
    url: location.href,
    document: readStructuredDom(document.body ?? document.documentElement, document.title, { isHidden }),
  }));
}
