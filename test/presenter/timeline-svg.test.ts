import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { renderHtmlReport } from '../../src/presenter/html-report.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';
import { LANGUAGES } from '../../src/presenter/languages.ts';
import { timelineLayout } from '../../src/core/report/timeline-layout.ts';
import { englishIn } from './english-fragments.ts';
import { HOSTILE, connoxReport, hostileReport } from '../fixtures/reports/connox-report.ts';

const OPTIONS = { extensionVersion: '0.1.0', browserVersion: 'Chromium 156.0.0.0', presenter: createPresenter('en') };
const parse = (html: string) => new new Window().DOMParser().parseFromString(html, 'text/html');

describe('the HTML report timeline', () => {
  const report = connoxReport();
  const doc = parse(renderHtmlReport(report, OPTIONS));
  const layout = timelineLayout(report);

  it('draws every mark of the layout as a focusable SVG mark with its evidence in a <title>, in the same order', () => {
    const marks = [...doc.querySelectorAll('#timeline svg g.mark')];
    expect(marks).toHaveLength(layout.marks.length);
    expect(marks.map((g) => Number(g.getAttribute('data-at')))).toEqual(layout.marks.map((m) => m.at));
    for (const g of marks) {
      expect(g.getAttribute('tabindex')).toBe('0');
      expect(g.querySelector('title')?.textContent?.length).toBeGreaterThan(10);
    }
    expect(doc.querySelectorAll('#timeline svg g.mark.violation')).toHaveLength(layout.marks.filter((m) => m.violation).length);
    const ads = marks.find((g) => g.querySelector('title')?.textContent?.includes('www.googleadservices.com'));
    expect(ads?.querySelector('title')?.textContent).toContain('tracking-before-consent');
  });

  it('has a title and a description for screen readers, and the same marks in a table in time order', () => {
    const svg = doc.querySelector('#timeline svg')!;
    expect(svg.getAttribute('aria-labelledby')).toBe('timeline-title');
    expect(doc.querySelector('#timeline-desc')?.textContent).toContain(`${layout.marks.length} marks`);
    const rows = [...doc.querySelectorAll('#timeline table tr.mark-row')];
    expect(rows.map((r) => Number(r.getAttribute('data-at')))).toEqual(layout.marks.map((m) => m.at));
    expect(doc.querySelectorAll('#timeline table tr.change-row')).toHaveLength(layout.lines.length);
  });

  it('holds no script and escapes page-controlled names in the SVG and its table', () => {
    const html = renderHtmlReport(hostileReport(), OPTIONS);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(HOSTILE.cookie);
    const hostile = parse(html);
    expect(hostile.querySelectorAll('#timeline img, #timeline iframe, #timeline svg svg[onload]')).toHaveLength(0);
    expect(hostile.querySelector('#timeline')?.textContent).toContain(HOSTILE.cookie);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('is worded in %s, without English', (lang) => {
    const worded = parse(renderHtmlReport(report, { ...OPTIONS, presenter: createPresenter(lang) }));
    const section = worded.querySelector('#timeline')!;
    for (const el of [...section.querySelectorAll('.mono')]) el.remove();
    expect(englishIn(section.textContent ?? '')).toEqual([]);
  });
});
