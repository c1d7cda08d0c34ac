import type { DeclarationParseResult } from '../cookie-declaration.ts';
import type { DeclarationSelectors } from './extract-page-declaration.ts';
import type { PageDeclaration, PageDeclarationTool } from './page-declaration.ts';
import { COOKIEBOT_PAGE_SELECTORS, readCookiebotPage } from './read-cookiebot-page.ts';
import { ONETRUST_PAGE_SELECTORS, readOneTrustPage } from './read-onetrust-page.ts';
import { readUsercentricsPage, USERCENTRICS_PAGE_SELECTORS } from './read-usercentrics-page.ts';

/** Where each tool renders its declaration: what the content script extracts. */
export const PAGE_DECLARATION_SELECTORS: readonly DeclarationSelectors[] = [COOKIEBOT_PAGE_SELECTORS, ONETRUST_PAGE_SELECTORS, USERCENTRICS_PAGE_SELECTORS];

const READERS: Record<PageDeclarationTool, (page: PageDeclaration) => DeclarationParseResult> = {
  cookiebot: readCookiebotPage,
  onetrust: readOneTrustPage,
  usercentrics: readUsercentricsPage,
};

/** The declaration a page showed, read by its tool's reader. */
export function readPageDeclaration(page: PageDeclaration): DeclarationParseResult {
  return READERS[page.tool](page);
}
