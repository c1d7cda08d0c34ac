import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { renderHtmlReport } from '../../src/presenter/html-report.ts';
import { escapeHtml } from '../../src/core/report/escape-html.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';
import { englishIn } from './english-fragments.ts';
import { HOSTILE, cleanReport, connoxReport, hostileReport, noModelReport } from '../fixtures/reports/connox-report.ts';

function parseHtml(html: string) {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html');
}

const OPTIONS = { extensionVersion: '0.1.0', browserVersion: 'Chromium 156.0.0.0', presenter: createPresenter('en') };

describe('escapeHtml', () => {
  it('escapes the five HTML specials and the backtick', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
  });
  it('prints null and undefined as empty and numbers as text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('renderHtmlReport', () => {
  it('is a self-contained document: no scripts, no external resources, a CSP that forbids loading', () => {
    const html = renderHtmlReport(connoxReport(), OPTIONS);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
  });

  it('lists verdict, findings with evidence, quoted clauses with their language, vendors, cookies, storage, uncheckable claims and warnings', () => {
    const html = renderHtmlReport(connoxReport(), { ...OPTIONS, bundleHash: 'a'.repeat(64) });
    expect(html).toContain('3 promises broken, 1 undeclared company');
    expect(html).toContain('Before consent: Google Ads (marketing)');
    expect(html).toContain('Google Ads (Google Ireland Limited, Ireland) is a marketing service, yet it ran before the visitor made any consent choice.');
    expect(html).toContain('https://www.googleadservices.com/pagead/conversion/123456/?random=1');
    expect(html).toMatch(/<blockquote lang="nl">De rechtsgrondslag/);
    expect(html).toMatch(/<blockquote lang="de">Ihre Daten/);
    expect(html).toContain('The policy says nothing about this:');
    expect(html).toContain('id="vendors"');
    expect(html).toContain('PHPSESSID');
    expect(html).toContain('_hjSessionUser_12345');
    expect(html).toContain('Cannot be checked from the browser');
    expect(html).toContain('3 requests were blocked by another extension');
    expect(html).toContain('Retention: Order data — 10 years');
    expect(html).toContain('a'.repeat(64));
    expect(html).toContain('3 more evidence items left out');
  });

  it('prints every timestamp as ISO 8601 UTC', () => {
    const html = renderHtmlReport(connoxReport(), OPTIONS);
    expect(html).toContain('<time datetime="2025-03-14T09:30:00.000Z">2025-03-14T09:30:00.000Z</time>');
    expect(html).toContain('2025-03-14T09:30:01.200Z');
  });

  it('groups violations by severity, most severe first, and keeps notices apart', () => {
    const html = renderHtmlReport(connoxReport(), OPTIONS);
    const critical = html.indexOf('Critical (1)');
    const high = html.indexOf('High (2)');
    const medium = html.indexOf('Medium (1)');
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(medium).toBeGreaterThan(high);
    expect(html).toContain('Notices (1)');
  });

  it('escapes hostile page strings everywhere: cookie names, URLs, keys, hosts, quotes, labels, lang', () => {
    const html = renderHtmlReport(hostileReport(), OPTIONS);
    for (const raw of Object.values(HOSTILE)) expect(html).not.toContain(raw);
    // The report's own SVG (the consent timeline and its legend) is the only markup of its kind.
    const own = /<svg class="timeline-plot"|<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">/g;
    expect(html.replace(own, '')).not.toMatch(/<img|<svg|<iframe|<script|<a href/i);
    // Parsed as a browser would: the hostile strings must come out as text, not elements or handlers.
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('img, iframe, script, a, b').length).toBe(0);
    expect([...doc.querySelectorAll('svg')].every((svg) => svg.closest('#timeline') !== null)).toBe(true);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on')));
    expect(handlers).toEqual([]);
    expect(doc.querySelector('blockquote')?.getAttribute('lang')).toBe('nl" onmouseover="alert(6)');
    expect(doc.body.textContent).toContain(HOSTILE.cookie);
    expect(doc.body.textContent).toContain(HOSTILE.key);
    expect(html).toContain(escapeHtml(HOSTILE.cookie));
    expect(html).toContain(escapeHtml(HOSTILE.url));
    expect(html).toContain(escapeHtml(HOSTILE.key));
    expect(html).toContain(escapeHtml(HOSTILE.host));
    expect(html).toContain(escapeHtml(HOSTILE.quote));
    expect(html).toContain('lang="nl&quot; onmouseover=&quot;alert(6)"');
  });

  it('says so when nothing is wrong, and never says so when nothing was compared', () => {
    expect(renderHtmlReport(cleanReport(), OPTIONS)).toContain('No discrepancy was found');
    const noModel = renderHtmlReport(noModelReport(), OPTIONS);
    expect(noModel).toContain('none for this shop');
    expect(noModel).not.toMatch(/No discrepanc/i);
  });

  it.each(['nl', 'de', 'fr', 'it', 'es', 'da', 'sv'] as const)('%s: has no English text outside policy quotes', (lang) => {
    const doc = parseHtml(renderHtmlReport(connoxReport(), { ...OPTIONS, presenter: createPresenter(lang) }));
    for (const quote of [...doc.querySelectorAll('blockquote')]) quote.remove();
    expect(englishIn(doc.body.textContent ?? '')).toEqual([]);
    const en = parseHtml(renderHtmlReport(connoxReport(), OPTIONS));
    expect(englishIn(en.body.textContent ?? '').length).toBeGreaterThan(5);
  });

  it('is written in the chosen language, and keeps policy quotes in theirs', () => {
    const nl = renderHtmlReport(connoxReport(), { ...OPTIONS, presenter: createPresenter('nl') });
    const doc = parseHtml(nl);
    expect(doc.documentElement.getAttribute('lang')).toBe('nl');
    expect(nl).toContain('Kritiek (1)');
    expect(nl).not.toContain('Critical (1)');
    expect(doc.querySelector('blockquote')?.getAttribute('lang')).toBe('nl');
    const de = renderHtmlReport(connoxReport(), { ...OPTIONS, presenter: createPresenter('de') });
    expect(de).toContain('Vereinigte Staaten');
    expect(de).toContain('Ihre Daten werden nicht an Dritte außerhalb der EU übermittelt.');
  });
});
