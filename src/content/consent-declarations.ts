/**
 * The consent tool's own declaration as the page shows it (Cookiebot's tables, OneTrust's
 * cookie list, Usercentrics' services list in its embedding's open shadow root), for the
 * audit of a shop without a model. Read in the isolated world from the DOM only: no page
 * function is called and no page object is read, and a DOM read changes nothing a page
 * could observe (no mutation, no event, no getter of the page's world runs; `shadowRoot`
 * here is the browser's own getter).
 */
import { extractPageDeclarations } from '../core/policy/page-declaration/extract-page-declaration';
import type { DeclarationElementLike } from '../core/policy/page-declaration/extract-page-declaration';
import { PAGE_DECLARATION_SELECTORS } from '../core/policy/page-declaration/page-declaration-readers';
import { answerBackground } from './runtime';

/** Registers the answer to 'content/get-consent-declarations' (top frame only). */
export function answerConsentDeclarations(): void {
  answerBackground('content/get-consent-declarations', () => ({
    url: location.href,
    lang: (document.documentElement.lang || '').slice(0, 40),
    declarations: extractPageDeclarations(document as unknown as DeclarationElementLike, location.href, PAGE_DECLARATION_SELECTORS),
  }));
}
