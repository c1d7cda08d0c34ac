import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { compareScenarios } from '../../src/core/audit/scenario-comparison.ts';
import { renderScenarioComparison } from '../../src/presenter/scenario-comparison-html.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';
import { LANGUAGES } from '../../src/presenter/languages.ts';
import { englishIn } from './english-fragments.ts';
import { HOSTILE, connoxReport, hostileReport } from '../fixtures/reports/connox-report.ts';

const parse = (html: string) => new new Window().DOMParser().parseFromString(html, 'text/html');

function page(lang: (typeof LANGUAGES)[number] = 'en', report = connoxReport()) {
  const comparison = compareScenarios(report.page.url, [
    { scenario: 'none', href: 'shop.none.html', report },
    {
      scenario: 'reject',
      href: `x"><script>alert(7)</script>.html`,
      report: { ...report, scenario: { name: 'reject', parts: [], actions: [{ action: 'refuse', at: 1, ok: true }] } },
    },
  ]);
  return renderScenarioComparison([comparison], {
    presenter: createPresenter(lang),
    toolVersion: '0.1.0',
    createdAt: Date.UTC(2025, 2, 14),
    failed: new Map([[report.page.url, ['accept']]]),
  });
}

describe('renderScenarioComparison', () => {
  it('is a self-contained page with one column per scenario and a link to each scenario report', () => {
    const html = page();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    const doc = parse(html);
    const heads = [...doc.querySelectorAll('table.vendors thead th[data-scenario]')].map((th) => th.getAttribute('data-scenario'));
    expect(heads).toEqual(['none', 'reject']);
    expect([...doc.querySelectorAll('table.scenarios a')].map((a) => a.getAttribute('href'))).toEqual(['shop.none.html', `x"><script>alert(7)</script>.html`]);
    expect(doc.querySelector('.failed')?.textContent).toContain('accept');
  });

  it('escapes every page-controlled name, host and URL', () => {
    const html = page('en', hostileReport());
    for (const s of [HOSTILE.cookie, HOSTILE.host, HOSTILE.url]) expect(html).not.toContain(s);
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, iframe, svg')).toHaveLength(0);
    expect(doc.querySelector('tr[data-cookie] th')?.textContent).toContain(HOSTILE.cookie);
    expect(doc.querySelector('tr[data-vendor] th')?.textContent).toContain(HOSTILE.host);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('words the page in %s, without English', (lang) => {
    const doc = parse(page(lang));
    for (const el of [...doc.querySelectorAll('.mono')]) el.remove();
    expect(englishIn(doc.body.textContent ?? '')).toEqual([]);
  });
});
