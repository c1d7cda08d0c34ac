import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { reportCsv } from '../../src/core/report/report-csv.ts';
import { renderHtmlReport } from '../../src/presenter/html-report.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';
import { connoxReport, hostileReport, HOSTILE } from '../fixtures/reports/connox-report.ts';
import { csvRecords as records } from '../fixtures/parse-csv.ts';

const tableRows = (doc: Document, section: string) =>
  [...doc.querySelectorAll(`#${section} tbody tr`)].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));

describe('reportCsv', () => {
  for (const [name, report] of [
    ['the connox report', connoxReport()],
    ['a hostile report', hostileReport()],
  ] as const) {
    it(`has a row for each row of the HTML report's tables, in their order (${name})`, () => {
      const doc = new new Window().DOMParser().parseFromString(
        renderHtmlReport(report, { extensionVersion: '0', browserVersion: 'x', presenter: createPresenter('en') }),
        'text/html',
      ) as unknown as Document;
      const csv = reportCsv(report);
      const articles = [...doc.querySelectorAll('article.finding')].map((a) => a.id.replace(/^finding-/, ''));
      expect(
        records(csv.findings)
          .map((r) => r.id)
          .sort(),
      ).toEqual(articles.sort());
      expect(records(csv.findings).map((r) => r.id)).toEqual(report.findings.map((f) => f.id));
      const cookies = tableRows(doc, 'cookies');
      expect(records(csv.cookies).map((r) => [r.name, r.domain])).toEqual(cookies.map((c) => [c[0], c[1]]));
      const storage = tableRows(doc, 'storage');
      expect(records(csv.storage).map((r) => [r.area, r.key, r.origin, r.size])).toEqual(storage.map((s) => [s[0], s[1], s[2], s[3]]));
      const vendors = tableRows(doc, 'vendors');
      expect(records(csv.companies).map((r) => [r.requests, r.cookies, r.storage_keys])).toEqual(vendors.map((v) => [v[5], v[6], v[7]]));
      records(csv.companies).forEach((r, i) => expect(vendors[i]![0]!.startsWith(r.name!)).toBe(true));
    });
  }

  it('keeps hostile values as text a spreadsheet will not run', () => {
    const csv = reportCsv(hostileReport());
    expect(records(csv.cookies)[0]!.name).toBe(HOSTILE.cookie);
    const formula = reportCsv(connoxReport({ storage: [{ ...connoxReport().storage[0]!, key: '=HYPERLINK("http://x")' }] }));
    expect(records(formula.storage)[0]!.key).toBe(`'=HYPERLINK("http://x")`);
  });
});
