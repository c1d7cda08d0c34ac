import { describe, expect, it } from 'vitest';
import { readCookiebotPage } from '../../../../src/core/policy/page-declaration/read-cookiebot-page.ts';
import type { DeclaredCookie } from '../../../../src/core/policy/cookie-declaration.ts';
import { COOKIEBOT_DECLARATION, cookiebotDeclarationHtml, type CookiebotCategory } from '../../../fixtures/storefront/vendors/cookiebot-declaration.ts';
import { declarationsIn, PAGE_URL } from './page-dom.ts';

const HOST = 'www.lampenhuis.nl';

function read(categories: readonly CookiebotCategory[] = COOKIEBOT_DECLARATION) {
  const pages = declarationsIn(cookiebotDeclarationHtml(categories).split('{{host}}').join(HOST));
  expect(pages.map((p) => p.tool)).toEqual(['cookiebot']);
  const result = readCookiebotPage(pages[0]!);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

const byName = (cookies: DeclaredCookie[], name: string) => cookies.filter((c) => c.name === name);

describe('Cookiebot declaration rendered by cd.js', () => {
  it('reads every storage row of every category, one cookie per provider line, and skips pixels with why', () => {
    const { declaration, skipped } = read();
    expect(declaration).toMatchObject({ origin: 'cookiebot-declaration', document: PAGE_URL });
    const expected = COOKIEBOT_DECLARATION.flatMap((c) =>
      c.rows.filter((r) => !/pixel/i.test(r.type)).flatMap((r) => r.providers.map(() => r.name.replace(/ \[x\d+\]$/, ''))),
    );
    expect(declaration.cookies.map((c) => c.name).sort()).toEqual(expected.sort());
    expect(skipped).toEqual([{ where: 'Statistieken, row 3', message: expect.stringContaining('"collect"') }]);
  });

  it('maps the Dutch category headings, lifetimes, storage types and providers', () => {
    const { cookies } = read().declaration;
    expect(byName(cookies, 'CookieConsent')[0]).toMatchObject({
      category: 'necessary',
      categoryLabel: 'Noodzakelijk',
      maxLifetimeDays: 365,
      storage: 'cookie',
      provider: 'Cookiebot',
      host: null,
    });
    expect(byName(cookies, 'shop_session')[0]).toMatchObject({ maxLifetimeDays: 0, host: HOST });
    expect(byName(cookies, 'shop_recently_viewed')[0]).toMatchObject({ category: 'preferences', storage: 'localStorage', maxLifetimeDays: null });
    expect(byName(cookies, '_ga')[0]).toMatchObject({ category: 'statistics', maxLifetimeDays: 731, provider: 'Google' });
    expect(byName(cookies, '_ga_#')[0]).toMatchObject({ pattern: '^_ga_.+$' });
    expect(byName(cookies, 'IDE')[0]).toMatchObject({ category: 'marketing', host: 'doubleclick.net', maxLifetimeDays: 400 });
    expect(byName(cookies, 'test_cookie').map((c) => c.host)).toEqual(['doubleclick.net', 'www.doubleclick.net']);
  });

  it("quotes the row as the page shows it: the claim's source sentence", () => {
    const ga = byName(read().declaration.cookies, '_ga')[0]!;
    expect(ga.quote).toBe('_ga | Google | Registreert een uniek ID dat wordt gebruikt om statistische gegevens te genereren. | 2 jaar | HTTP Cookie');
  });

  it('reads the categories in other languages by their names, not their order', () => {
    const categories: CookiebotCategory[] = [
      { heading: 'Marketing', description: '', rows: [{ name: 'fr', providers: ['facebook.com'], purpose: 'Ads', expiry: '3 months', type: 'HTTP Cookie' }] },
      {
        heading: 'Statistiken',
        description: '',
        rows: [{ name: '_pk_id.#', providers: ['{{host}}'], purpose: 'Matomo', expiry: '13 Monate', type: 'HTTP Cookie' }],
      },
      {
        heading: 'Nicht klassifiziert',
        description: '',
        rows: [{ name: 'x_flag', providers: ['{{host}}'], purpose: '', expiry: 'Sitzung', type: 'HTML Local Storage' }],
      },
      { heading: 'Nödvändiga', description: '', rows: [{ name: 'sess', providers: ['{{host}}'], purpose: '', expiry: '1 dag', type: 'HTTP Cookie' }] },
    ];
    const cookies = read(categories).declaration.cookies;
    expect(cookies.map((c) => [c.name, c.category])).toEqual([
      ['fr', 'marketing'],
      ['_pk_id.#', 'statistics'],
      ['x_flag', 'unclassified'],
      ['sess', 'necessary'],
    ]);
    expect(cookies[1]).toMatchObject({ maxLifetimeDays: 396 });
  });

  it('keeps page-controlled markup as text and skips short rows without failing the rest', () => {
    const pages = declarationsIn(`<div class="CookieDeclarationType"><p class="CookieDeclarationTypeHeader">Statistics (2)</p>
      <table class="CookieDeclarationTable"><thead><tr><th>Name</th></tr></thead><tbody>
      <tr><td>&lt;img src=x onerror=alert(1)&gt;</td><td>evil.example</td><td>x</td><td>1 day</td><td>HTTP Cookie</td></tr>
      <tr><td>half</td><td>row</td></tr></tbody></table></div>`);
    const result = readCookiebotPage(pages[0]!);
    if (!result.ok) throw new Error('expected a declaration');
    expect(result.declaration.cookies.map((c) => c.name)).toEqual(['<img src=x onerror=alert(1)>']);
    expect(result.skipped).toEqual([{ where: 'Statistics, row 2', message: expect.stringContaining('expected 5 cells') }]);
  });

  it('answers an empty declaration with a clear issue', () => {
    const result = readCookiebotPage({ tool: 'cookiebot', url: PAGE_URL, tables: [{ heading: 'Necessary (0)', header: [], rows: [] }] });
    expect(result).toEqual({ ok: false, issues: [{ where: PAGE_URL, message: expect.stringContaining('no rows') }] });
  });
});
