import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../src/cli/launch-browser';
import { ExtensionSession } from '../../src/cli/extension-session';
import type { AuditReport } from '../../src/core/audit/report-types';
import { startDeclaredShop, type DeclaredShopServer } from '../fixtures/declared-shop/server';
import { DECLARED_SHOP } from '../fixtures/declared-shop/page';
import { DIST, settle } from './harness';

interface Visit {
  report: AuditReport;
  touches: string[];
  mutations: string[];
  page: Page;
}

const pageLog = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __declTouches: string[]; __declMutations: string[] };
    return { touches: w.__declTouches.slice(), mutations: w.__declMutations.slice() };
  });

describe("a shop without a model: the consent tool's declaration on its page becomes the model, unseen by the page", () => {
  let server: DeclaredShopServer;
  let session: ExtensionSession;
  let visit: Visit;
  beforeAll(async () => {
    server = await startDeclaredShop();
    const browser = await launchWithExtension({
      extensionDir: DIST,
      allowThirdPartyCookies: true,
      browserArgs: [`--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors'],
    });
    session = new ExtensionSession(browser);
    await session.warmUp(`${DECLARED_SHOP}/blank`);
    const page = await session.context.newPage();
    await page.goto(`${DECLARED_SHOP}/`);
    await page.waitForFunction(() => (window as unknown as { __declRendered?: boolean }).__declRendered === true);
    await settle(page);
    const tabId = await session.tabIdOf(page);
    const report = await session.report(tabId);
    if (!report) throw new Error('no report for the declared shop');
    // The content script's later polls have run by now too.
    await page.waitForTimeout(1_000);
    visit = { report, page, ...(await pageLog(page)) };
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it("is checked against the shop's own words, with no user action: the model is drafted from the Cookiebot declaration", () => {
    expect(visit.report.policy).toMatchObject({ origin: 'consent-declaration', id: 'declaration-lampenhuis-nl', language: 'nl' });
    expect(visit.report.summary).toMatchObject({ checkedAgainst: 'shop-policy', verdict: { code: 'discrepancies' } });
  });

  it('cites the declaration row a cookie breaks, as the clause (quote = the row, the tool as origin, the page as document)', () => {
    const ga = visit.report.findings.find((f) => f.ruleId === 'cookie-lifetime-exceeded' && f.subject.label === '_ga');
    expect(ga).toMatchObject({
      grounds: 'shop-policy',
      clause: {
        origin: 'cookiebot-declaration',
        document: `${DECLARED_SHOP}/`,
        section: 'Statistieken',
        quote: '_ga | Google | Registreert een uniek ID dat wordt gebruikt om statistische gegevens te genereren. | 2 jaar | HTTP Cookie',
      },
    });
    const session = visit.report.findings.find((f) => f.ruleId === 'cookie-lifetime-exceeded' && f.subject.label === 'shop_session');
    expect(session?.clause).toMatchObject({
      origin: 'cookiebot-declaration',
      quote: expect.stringMatching(/^shop_session \| www\.lampenhuis\.nl \| .* \| Sessie \| HTTP Cookie$/),
    });
  });

  it("also reads Usercentrics' services list from the embedding's open shadow root: a vendor only that list names is declared", () => {
    expect(visit.report.vendors.find((v) => v.vendorId === 'hotjar')).toMatchObject({ declared: true, observed: true });
    expect(visit.report.findings.filter((f) => f.ruleId === 'undeclared-third-party' && f.subject.vendorId === 'hotjar')).toEqual([]);
  });

  it('leaves no trace the page can see: no wrapped DOM method or getter of its world ran, and the DOM did not change', () => {
    expect(visit.touches).toEqual([]);
    expect(visit.mutations).toEqual([]);
  });

  it("the page's traps do see a DOM read in the page's own world (so an empty log means the extension's read is invisible)", async () => {
    await visit.page.evaluate(() => document.querySelectorAll('.CookieDeclarationTable td').length);
    await visit.page.evaluate(() => document.body.firstElementChild?.shadowRoot);
    const { touches } = await pageLog(visit.page);
    expect(touches).toContain('Document.querySelectorAll');
    expect(touches).toContain('Element.shadowRoot');
  });
});
