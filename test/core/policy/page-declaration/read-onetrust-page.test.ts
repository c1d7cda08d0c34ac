import { describe, expect, it } from 'vitest';
import { readOneTrustPage } from '../../../../src/core/policy/page-declaration/read-onetrust-page.ts';
import { ONETRUST_COOKIE_LIST, oneTrustCookieListHtml } from '../../../fixtures/storefront/vendors/onetrust-cookie-list.ts';
import { declarationsIn, PAGE_URL } from './page-dom.ts';

function read(html: string) {
  const pages = declarationsIn(html);
  expect(pages.map((p) => p.tool)).toEqual(['onetrust']);
  const result = readOneTrustPage(pages[0]!);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.declaration;
}

const LIST = `<div id="ot-sdk-cookie-policy">${oneTrustCookieListHtml().split('{{host}}').join('lampenhuis.nl')}</div>`;

describe('OneTrust cookie list rendered by its SDK', () => {
  it('reads every cookie of every group, with the host and the group as category', () => {
    const declaration = read(LIST);
    expect(declaration).toMatchObject({ origin: 'onetrust-declaration', document: PAGE_URL });
    const expected = ONETRUST_COOKIE_LIST.flatMap((g) => g.rows.flatMap((r) => r.cookies));
    expect(declaration.cookies.map((c) => c.name)).toEqual(expected);
    expect(declaration.cookies.map((c) => `${c.name}:${c.category}`)).toEqual([
      'OptanonConsent:necessary',
      'OptanonAlertBoxClosed:necessary',
      'shop_session:necessary',
      '_ga:statistics',
      '_gid:statistics',
      '__zlcmid:preferences',
      'IDE:marketing',
      'test_cookie:marketing',
      'fr:marketing',
    ]);
    expect(declaration.cookies.find((c) => c.name === 'fr')).toMatchObject({
      host: 'facebook.com',
      provider: 'facebook.com',
      categoryLabel: 'Targeting Cookies',
    });
  });

  it("pairs each cookie with its own lifespan, in order ('A few seconds' stays unknown)", () => {
    const lifetimes = Object.fromEntries(read(LIST).cookies.map((c) => [c.name, c.maxLifetimeDays]));
    expect(lifetimes).toMatchObject({ OptanonConsent: 365, shop_session: 0, _ga: 730, _gid: 1, IDE: 400, test_cookie: null, fr: 90 });
  });

  it('never guesses a lifespan when the counts do not line up', () => {
    const html = `<div id="ot-sdk-cookie-policy"><section><h4 class="ot-sdk-cookie-policy-group">Performance Cookies</h4><table><tbody>
      <tr><td>shop.example</td><td>a, b, c</td><td>First Party</td><td>1 Day, 30 Days</td></tr>
      <tr><td>shop.example</td><td>d, e</td><td>First Party</td><td>7 Days</td></tr></tbody></table></section></div>`;
    const lifetimes = read(html).cookies.map((c) => [c.name, c.maxLifetimeDays]);
    expect(lifetimes).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
      ['d', 7],
      ['e', 7],
    ]);
  });

  it('quotes the row as the page shows it', () => {
    expect(read(LIST).cookies.find((c) => c.name === '_ga')?.quote).toBe('lampenhuis.nl | _ga, _gid | First Party | 730 Days, 1 Day');
  });

  it('reads a list pasted into the page (only the v2 container, a heading without its class)', () => {
    const html = `<div id="ot-sdk-cookie-policy-v2" class="ot-sdk-cookie-policy"><section>Intro without a table</section><section><h4>Strictly Necessary Cookies</h4>
      <table><tbody><tr><td>europe.shop.example</td><td>OptanonConsent, OptanonAlertBoxClosed</td><td>First Party</td><td>364 Days, 364 Days</td></tr></tbody></table></section></div>`;
    expect(read(html).cookies.map((c) => [c.name, c.category, c.maxLifetimeDays, c.host])).toEqual([
      ['OptanonConsent', 'necessary', 364, 'europe.shop.example'],
      ['OptanonAlertBoxClosed', 'necessary', 364, 'europe.shop.example'],
    ]);
  });
});
