import { describe, expect, it } from 'vitest';
import { draftFromPageDeclaration } from '../../../../src/core/policy/page-declaration/draft-from-page-declaration.ts';
import { readPageDeclaration } from '../../../../src/core/policy/page-declaration/page-declaration-readers.ts';
import type { CookieDeclaration } from '../../../../src/core/policy/cookie-declaration.ts';
import type { PolicyModel } from '../../../../src/core/policy/schema.ts';
import { cookiebotDeclarationHtml } from '../../../fixtures/storefront/vendors/cookiebot-declaration.ts';
import { oneTrustCookieListHtml } from '../../../fixtures/storefront/vendors/onetrust-cookie-list.ts';
import { run, vendors, visit } from '../../audit/build-visit.ts';
import { declarationsIn, PAGE_URL } from './page-dom.ts';

const HOST = 'www.lampenhuis.nl';

function declarations(html: string): CookieDeclaration[] {
  return declarationsIn(html.split('{{host}}').join(HOST)).map((page) => {
    const read = readPageDeclaration(page);
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    return read.declaration;
  });
}

function draft(html: string): PolicyModel {
  const result = draftFromPageDeclaration(declarations(html), { host: HOST, language: 'nl' }, vendors());
  if (!result.ok) throw new Error(result.message);
  return result.model;
}

const cookieClaims = (model: PolicyModel) => [...model.firstPartyCookies, ...model.processors.flatMap((p) => p.cookies)];

describe("a model drafted from the consent tool's declaration on the page", () => {
  it("is a valid model for the page's site, every claim quoting its row with the tool as origin and the page as document", () => {
    const model = draft(cookiebotDeclarationHtml());
    expect(model.shop).toMatchObject({ domains: ['lampenhuis.nl'], language: 'nl' });
    const claims = cookieClaims(model);
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims)
      expect(claim.source).toMatchObject({ origin: 'cookiebot-declaration', document: PAGE_URL, quote: expect.stringContaining(' | ') });
  });

  it('puts cookies under the vendor the catalogue knows (by host, or by a provider-named cookie), and the shop’s own under first party', () => {
    const model = draft(cookiebotDeclarationHtml());
    const owner = (name: string) =>
      model.processors.find((p) => p.cookies.some((c) => c.name === name))?.vendorId ??
      (model.firstPartyCookies.some((c) => c.name === name) ? 'first-party' : null);
    expect(owner('shop_session')).toBe('first-party');
    expect(owner('shop_recently_viewed')).toBe('first-party');
    expect(owner('_ga')).toBe(vendors().matchCookieName('_ga')[0]?.vendor.id);
    expect(owner('IDE')).toBe(vendors().lookupHost('doubleclick.net')?.vendor.id);
    expect(owner('IDE')).not.toBeNull();
  });

  it('merges two tools on one page as two declared sources', () => {
    const model = draft(`${cookiebotDeclarationHtml()}<div id="ot-sdk-cookie-policy">${oneTrustCookieListHtml()}</div>`);
    expect(new Set(cookieClaims(model).map((c) => c.source.origin))).toEqual(new Set(['cookiebot-declaration', 'onetrust-declaration']));
    expect(model.title).toContain('Cookiebot + OneTrust');
  });

  it('answers "no declaration" rather than an empty model', () => {
    expect(draftFromPageDeclaration([], { host: HOST, language: 'nl' }, vendors())).toEqual({ ok: false, message: 'no declaration' });
  });

  it("turns a baseline audit into a declared one: a cookie outliving its row is reported against the shop's own words", () => {
    const model = draft(cookiebotDeclarationHtml());
    const v = visit(`https://${HOST}/`)
      .request('https://www.googletagmanager.com/gtag/js?id=G-FIXTURE')
      .browserCookie({ name: '_ga', domain: '.lampenhuis.nl', hostOnly: false, lifetimeDays: 1000 });
    const withoutModel = run(v, { policy: null });
    expect(withoutModel.summary.checkedAgainst).toBe('legal-baseline');
    const report = run(v, { policy: model });
    expect(report.summary.checkedAgainst).toBe('shop-policy');
    const lifetime = report.findings.find((f) => f.ruleId === 'cookie-lifetime-exceeded' && f.subject.label === '_ga');
    expect(lifetime).toMatchObject({
      grounds: 'shop-policy',
      clause: {
        origin: 'cookiebot-declaration',
        document: PAGE_URL,
        section: 'Statistieken',
        quote: expect.stringMatching(/^_ga \| Google \| .* \| 2 jaar \| HTTP Cookie$/),
      },
    });
    expect(lifetime?.evidence[0]).toMatchObject({ type: 'cookie', lifetimeDays: expect.closeTo(1000, 0) });
  });
});
