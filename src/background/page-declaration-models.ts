import browser from 'webextension-polyfill';
import type { CookieDeclaration } from '../core/policy/cookie-declaration';
import { draftFromPageDeclaration } from '../core/policy/page-declaration/draft-from-page-declaration';
import { readPageDeclaration } from '../core/policy/page-declaration/page-declaration-readers';
import type { PolicyModel } from '../core/policy/schema';
import { hostOf } from '../core/site';
import type { VendorIndex } from '../core/vendors/vendor-index';
import { consentDeclarationsAnswerSchema, type BackgroundToContent } from '../messaging/protocol';

const LANG_RE = /^([a-z]{2,3})\b/i;

/**
 * Models drafted from the consent tool's declaration a tab's page shows, for shops without a
 * model. The tab's content script is asked (a DOM read in the isolated world, nothing the
 * page can notice); a found model is kept for the rest of that visit, a page that shows none
 * yet is asked again at its next audit (cd.js renders its tables after load).
 */
export class PageDeclarationModels {
  private readonly found = new Map<number, { visit: number; model: PolicyModel }>();

  constructor(private readonly vendors: () => VendorIndex) {}

  async modelFor(tabId: number, visit: { startedAt: number; pageHost: string }): Promise<PolicyModel | null> {
    const known = this.found.get(tabId);
    if (known && known.visit === visit.startedAt) return known.model;
    this.found.delete(tabId);
    const answer = await ask(tabId);
    // The answer must be about this visit's page, not one the tab has navigated from.
    if (!answer || hostOf(answer.url) !== visit.pageHost) return null;
    const declarations: CookieDeclaration[] = [];
    for (const page of answer.declarations) {
      const read = readPageDeclaration(page);
      if (read.ok && (read.declaration.cookies.length > 0 || (read.declaration.services?.length ?? 0) > 0)) declarations.push(read.declaration);
    }
    if (declarations.length === 0) return null;
    const language = LANG_RE.exec(answer.lang)?.[1]?.toLowerCase() ?? 'und';
    const draft = draftFromPageDeclaration(declarations, { host: visit.pageHost, language }, this.vendors());
    if (!draft.ok) return null;
    this.found.set(tabId, { visit: visit.startedAt, model: draft.model });
    return draft.model;
  }

  forget(tabId: number): void {
    this.found.delete(tabId);
  }
}

async function ask(tabId: number): Promise<BackgroundToContent['content/get-consent-declarations']['response'] | null> {
  try {
    const request: { type: keyof BackgroundToContent } = { type: 'content/get-consent-declarations' };
    // The answer comes from a page: parsed (and its size bounded), never trusted.
    const parsed = consentDeclarationsAnswerSchema.safeParse(await browser.tabs.sendMessage(tabId, request, { frameId: 0 }));
    return parsed.success ? parsed.data : null;
  } catch {
    // No content script in the tab (a browser page, a page still loading): no declaration.
    return null;
  }
}
