import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { renderHtmlReport } from '../../src/presenter/html-report.ts';
import { requestLogSection } from '../../src/presenter/request-log-html.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';
import { requestLog, type RequestLog } from '../../src/core/report/request-log.ts';
import type { RequestObservation } from '../../src/core/observation.ts';
import { emptyOverflow } from '../../src/core/observe/tab-state.ts';
import { englishFragments, englishIn } from './english-fragments.ts';
import { HOSTILE, connoxReport, hostileReport, VISIT_START } from '../fixtures/reports/connox-report.ts';

const OPTIONS = { extensionVersion: '0.1.0', browserVersion: 'Chromium 156.0.0.0', presenter: createPresenter('en') };

function request(url: string, host: string, at: number): RequestObservation {
  return {
    kind: 'request',
    requestId: `${url}@${at}`,
    url,
    host,
    site: host,
    party: 'third',
    method: 'GET',
    resourceType: 'script',
    frame: { frameId: 2, kind: 'sub', url: null },
    initiator: null,
    startedAt: VISIT_START + at,
    status: 200,
    error: null,
  };
}

function logOf(requests: RequestObservation[], report = connoxReport(), notKept = 0): RequestLog {
  const state = { requests, consent: [], overflow: { ...emptyOverflow(), requests: notKept }, startedAt: VISIT_START };
  return requestLog([{ part: null, state, report }]);
}

const FRAGMENTS = englishFragments();

function section(html: string) {
  const doc = new new Window().DOMParser().parseFromString(html, 'text/html');
  return doc.querySelector('section#requests');
}

describe('the HTML report’s request log', () => {
  it('is a collapsed table with a row per log row, in order, each with its company and consent phase', () => {
    const log = logOf([
      request('https://www.googleadservices.com/pagead/1?x=1', 'www.googleadservices.com', 100),
      request('https://script.hotjar.com/m.js', 'script.hotjar.com', 200),
    ]);
    const s = section(renderHtmlReport(connoxReport(), { ...OPTIONS, requestLog: log }))!;
    expect(s.querySelector('h2')?.textContent).toBe('Request log (2 requests)');
    expect(s.querySelector('details')?.hasAttribute('open')).toBe(false);
    const rows = [...s.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['+0.1 s', 'Google Ads', 'marketing', 'third party', 'www.googleadservices.com/pagead/1', 'script', 'subframe 2', 'HTTP 200', 'before any choice'],
      ['+0.2 s', 'Hotjar', 'statistics', 'third party', 'script.hotjar.com/m.js', 'script', 'subframe 2', 'HTTP 200', 'before any choice'],
    ]);
  });

  it('is left out when no log is given, and says when the tab kept fewer requests than the page made', () => {
    expect(section(renderHtmlReport(connoxReport(), OPTIONS))).toBeNull();
    const s = section(renderHtmlReport(connoxReport(), { ...OPTIONS, requestLog: logOf([], connoxReport(), 7) }))!;
    expect(s.textContent).toMatch(/did not keep 7 further requests \(it keeps at most 20,000\)/);
    expect(s.textContent).toMatch(/No requests recorded/);
  });

  it("shows the page's host and path as text, never as HTML", () => {
    const report = hostileReport();
    const html = renderHtmlReport(report, { ...OPTIONS, requestLog: logOf([request(HOSTILE.url, HOSTILE.host, 100)], report) });
    const s = section(html)!;
    expect(s.querySelectorAll('script, iframe, img, svg')).toHaveLength(0);
    const cells = [...s.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells[1]).toBe(HOSTILE.host);
    expect(cells[4]).toBe(`${HOSTILE.host}${new URL(HOSTILE.url).pathname}`);
  });

  it.each(['nl', 'de', 'fr', 'it', 'es', 'da', 'sv'] as const)('%s: words the log with no English left', (lang) => {
    const log = logOf(
      [
        request('https://www.googleadservices.com/pagead/1', 'www.googleadservices.com', 100),
        { ...request('https://x.example/a', 'x.example', 200), status: null },
      ],
      connoxReport(),
      3,
    );
    const cut = { ...log, overLimit: 2 };
    const text = (l: typeof lang | 'en') => section(requestLogSection(cut, createPresenter(l)))!.textContent ?? '';
    expect(englishIn(text(lang), FRAGMENTS)).toEqual([]);
    expect(englishIn(text('en'), FRAGMENTS).length).toBeGreaterThan(2);
  });
});
