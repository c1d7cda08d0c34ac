/**
 * The request log at the tab's cap: 20,000 requests (a seeded corpus of shop, catalogue
 * vendor and unknown hosts, with a consent choice half-way) recorded through TabRecorder,
 * audited with the Connox model, then the log derived, filtered, written as CSV and as the
 * HTML report's table, and copied as the popup's message would be. Measurements, not tests.
 * Run: npm run bench:request-log
 */
import { audit } from '../../src/core/audit/audit.ts';
import { TabRecorder } from '../../src/core/observe/tab-recorder.ts';
import { REQUEST_LOG_MAX_ROWS, requestLog } from '../../src/core/report/request-log.ts';
import { filterRequestLog, requestLogFacets, NO_REQUEST_FILTER } from '../../src/core/report/request-log-filter.ts';
import { requestLogCsv } from '../../src/core/report/request-log-csv.ts';
import { renderHtmlReport } from '../../src/presenter/html-report.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';
import { nodeData } from '../../src/data/node-data.ts';
import { buildCorpus, PAGE_URL } from './corpus.ts';
import os from 'node:os';
import { acceptedAll } from '../fixtures/consent-observations.ts';
import { fmt, table, timed } from './stats.ts';

const T0 = Date.UTC(2025, 2, 14, 9, 30, 0);
const RUNS = 7;

const timedRuns = <T>(f: () => T) => timed(f, RUNS);

const vendors = nodeData.vendorIndex();
const model = nodeData.models().find((m) => m.id === 'connox')!;
const pool = buildCorpus(nodeData.catalogue(), 2_000, 0x9001);
const recorder = TabRecorder.startVisit(1, PAGE_URL, T0, { mainRequestId: '1' });
for (let i = 0; i < REQUEST_LOG_MAX_ROWS; i++) {
  const req = pool[i % pool.length]!;
  const url = i === 0 ? PAGE_URL : `${req.url}${req.url.includes('?') ? '&' : '?'}_=${i}`;
  const type = i === 0 ? 'main_frame' : req.type === 'xhr' ? 'xmlhttprequest' : req.type;
  recorder.recordRequest({ requestId: String(i + 1), url, method: 'GET', type, frameId: 0, parentFrameId: -1, tabId: 1, timeStamp: T0 + i });
  recorder.recordRequestEnd(String(i + 1), url, 200, null);
}
recorder.recordConsent(acceptedAll(T0 + REQUEST_LOG_MAX_ROWS / 2));
const state = recorder.state;
const report = audit({ state, policy: { model, origin: 'bundled' }, vendors, now: T0 + 60_000 });
const presenter = createPresenter('en');

const log = timedRuns(() => requestLog([{ part: null, state, report }]));
const rows = log.value.rows;
const marketing = timedRuns(() => filterRequestLog(rows, { ...NO_REQUEST_FILTER, category: 'marketing', phase: 'before-choice' }));
const facets = timedRuns(() => requestLogFacets(rows));
const csv = timedRuns(() => requestLogCsv(log.value));
const options = { extensionVersion: 'bench', browserVersion: 'bench', presenter };
const plain = timedRuns(() => renderHtmlReport(report, options));
const html = timedRuns(() => renderHtmlReport(report, { ...options, requestLog: log.value }));
// Chrome's runtime messaging serialises to JSON, Firefox's makes a structured clone.
const clone = timedRuns(() => structuredClone(log.value));
const jsonTrip = timedRuns(() => JSON.parse(JSON.stringify(log.value)) as unknown);
const json = JSON.stringify(log.value);
const mb = (chars: number) => fmt(chars / 2 ** 20, 2);

process.stdout.write(
  `${[
    `### Request log at the tab's cap (${rows.length.toLocaleString('en')} requests, ${facets.value.vendors.length} companies, median of ${RUNS})`,
    '',
    table(
      ['step', 'ms', 'size'],
      [
        ['requestLog(): rows from the observation log and the report', fmt(log.ms, 1), `${rows.length.toLocaleString('en')} rows`],
        ['filterRequestLog(): marketing before any choice', fmt(marketing.ms, 2), `${marketing.value.length.toLocaleString('en')} rows`],
        ['requestLogFacets(): filter values with counts', fmt(facets.ms, 2), ''],
        ['requestLogCsv()', fmt(csv.ms, 1), `${mb(csv.value.length)} MB`],
        ['renderHtmlReport() without the request table', fmt(plain.ms, 1), `${mb(plain.value.length)} MB`],
        ['renderHtmlReport() with the request table', fmt(html.ms, 1), `${mb(html.value.length)} MB`],
        ['the popup message, as Firefox copies it (structuredClone)', fmt(clone.ms, 1), ''],
        ['the popup message, as Chrome copies it (JSON out and back)', fmt(jsonTrip.ms, 1), `${mb(json.length)} MB as JSON`],
      ],
    ),
    '',
    `Load average at the end: ${fmt(os.loadavg()[0] ?? 0, 1)} (1 min) on ${os.cpus().length} cores; above the core count the times include waiting for the CPU.`,
  ].join('\n')}\n`,
);
