import { describe, expect, it } from 'vitest';
import { PAGE_DECLARATION_LIMITS, pageDeclarationsSchema } from '../../../../src/core/policy/page-declaration/page-declaration.ts';
import { declarationsIn } from './page-dom.ts';

describe('reading a consent tool declaration from the DOM', () => {
  it('finds nothing on a page without one (an ordinary table is not a declaration)', () => {
    expect(declarationsIn('<h1>Cookies</h1><table><tbody><tr><td>_ga</td><td>2 years</td></tr></tbody></table>')).toEqual([]);
  });

  it('keeps line breaks inside a cell and folds other white space', () => {
    const [page] = declarationsIn(`<div class="CookieDeclarationType"><p class="CookieDeclarationTypeHeader">  Necessary
      (1) </p><table class="CookieDeclarationTable"><tbody><tr><td> a   b </td><td>one.example<br>two.example</td></tr></tbody></table></div>`);
    expect(page?.tables).toEqual([{ heading: 'Necessary (1)', header: [], rows: [['a b', 'one.example\ntwo.example']] }]);
  });

  it('reads a list the page keeps hidden (a closed preference centre still declares)', () => {
    const pages = declarationsIn(`<div id="ot-sdk-cookie-policy" style="display:none"><section><h4 class="ot-sdk-cookie-policy-group">Performance Cookies</h4>
      <table><tbody><tr><td>x.example</td><td>_ga</td><td>First Party</td><td>730 Days</td></tr></tbody></table></section></div>`);
    expect(pages[0]?.tables[0]?.rows).toEqual([['x.example', '_ga', 'First Party', '730 Days']]);
  });

  it('bounds what it reads, so the background parses what the page sends', () => {
    const rows = Array.from(
      { length: PAGE_DECLARATION_LIMITS.rows + 5 },
      (_, i) => `<tr><td>c${i}</td><td>x.example</td><td>p</td><td>1 day</td><td>HTTP Cookie</td></tr>`,
    ).join('');
    const pages = declarationsIn(
      `<div class="CookieDeclarationType"><p class="CookieDeclarationTypeHeader">Statistics</p><table class="CookieDeclarationTable"><tbody>${rows}</tbody></table></div>`,
    );
    expect(pages[0]?.tables[0]?.rows).toHaveLength(PAGE_DECLARATION_LIMITS.rows);
    expect(pageDeclarationsSchema.safeParse(pages).success).toBe(true);
  });

  it('refuses an answer beyond the bounds at the trust boundary', () => {
    const long = 'x'.repeat(PAGE_DECLARATION_LIMITS.cellText + 1);
    expect(
      pageDeclarationsSchema.safeParse([{ tool: 'cookiebot', url: 'https://a.example/', tables: [{ heading: long, header: [], rows: [] }] }]).success,
    ).toBe(false);
    expect(pageDeclarationsSchema.safeParse([{ tool: 'unknown-tool', url: 'https://a.example/', tables: [] }]).success).toBe(false);
  });
});
