import { describe, expect, it } from 'vitest';
import { requestLog, type RequestLogRow } from '../../../src/core/report/request-log.ts';
import { filterRequestLog, requestLogFacets, NO_REQUEST_FILTER } from '../../../src/core/report/request-log-filter.ts';
import { requestLogCsv, REQUEST_LOG_CSV_HEADER } from '../../../src/core/report/request-log-csv.ts';
import { TabRecorder } from '../../../src/core/observe/tab-recorder.ts';
import { TAB_LIMITS } from '../../../src/core/observe/limits.ts';
import type { AuditReport } from '../../../src/core/audit/report-types.ts';
import type { TabState } from '../../../src/core/observe/tab-state.ts';
import { csvRecords } from '../../fixtures/parse-csv.ts';
import { clicked, run, T0, visit, type VisitBuilder } from '../../core/audit/build-visit.ts';

const ADS = 'https://www.googleadservices.com/pagead/conversion/123456/?label=secret-value';
const HOTJAR = 'https://in.hotjar.com/api/v2/client/sites/1/visit-data?sv=7';
const META = 'https://connect.facebook.net/tr/?id=1&ev=PageView';
const SHOP_IMG = 'https://www.connox.nl/media/logo.svg?v=3';

function logOf(v: VisitBuilder): { report: AuditReport; rows: RequestLogRow[]; state: TabState } {
  const report = run(v);
  return { report, state: v.state, rows: requestLog([{ part: null, state: v.state, report }]).rows };
}

function rowOf(rows: readonly RequestLogRow[], host: string, at: number): RequestLogRow {
  const row = rows.find((r) => r.host === host && r.at === T0 + at);
  if (!row) throw new Error(`no row for ${host} at +${at}`);
  return row;
}

describe('requestLog', () => {
  it("lists every request the tab kept, with the report's company for its host and the report's per-company counts", () => {
    const v = visit()
      .request(ADS, { at: 100 })
      .request(HOTJAR, { at: 150, type: 'xmlhttprequest', method: 'POST' })
      .request(SHOP_IMG, { at: 200, type: 'image' })
      .request(META, { at: 300, type: 'image' })
      .request(ADS, { at: 400, requestId: 'again' });
    const { report, rows, state } = logOf(v);
    expect(rows).toHaveLength(state.requests.length);
    const perVendor = new Map<string, number>();
    for (const r of rows) if (r.party === 'third') perVendor.set(r.vendorKey, (perVendor.get(r.vendorKey) ?? 0) + 1);
    const reported = new Map(report.vendors.filter((x) => x.requests > 0).map((x) => [x.key, x.requests]));
    expect(perVendor).toEqual(reported);
    expect(rows.filter((r) => r.party === 'third')).toHaveLength(report.counts.thirdPartyRequests);
    const ads = rowOf(rows, 'www.googleadservices.com', 100);
    const vendorRow = report.vendors.find((x) => x.hosts.includes('www.googleadservices.com'))!;
    expect(ads).toMatchObject({ vendorKey: vendorRow.key, vendor: vendorRow.name, category: vendorRow.consentCategory, party: 'third' });
    expect(rowOf(rows, 'www.connox.nl', 200)).toMatchObject({ vendorKey: 'shop', vendor: null, party: 'first', type: 'image' });
  });

  it('keeps host and path but never the query', () => {
    const { rows } = logOf(visit().request(ADS, { at: 100 }));
    const ads = rowOf(rows, 'www.googleadservices.com', 100);
    expect(ads.path).toBe('/pagead/conversion/123456/');
    expect(JSON.stringify(rows)).not.toContain('secret-value');
  });

  it('gives each request the consent state in force when it started, the same the findings’ evidence carries', () => {
    const v = visit().cookiebotBanner(50).request(ADS, { at: 100 }).cookiebot('accept', 1_000).request(ADS, { at: 1_000, requestId: 'at-accept' });
    v.request(META, { at: 2_000, type: 'image' }).cookiebot('withdraw', 3_000).request(META, { at: 3_500, type: 'image', requestId: 'after-withdraw' });
    const { report, rows } = logOf(v);
    expect(rowOf(rows, 'www.googleadservices.com', 100)).toMatchObject({ consent: 'no-choice', phase: 'before-choice' });
    expect(rowOf(rows, 'www.googleadservices.com', 1_000)).toMatchObject({ consent: 'accepted', phase: 'after-accept' });
    expect(rowOf(rows, 'connect.facebook.net', 3_500)).toMatchObject({ consent: 'refused', phase: 'after-withdrawal' });
    const evidence = report.findings.flatMap((f) => f.evidence).filter((e) => e.type === 'request');
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(rowOf(rows, e.host, e.at - T0).consent, `${e.host} +${e.at - T0}`).toBe(e.consent.status);
  });

  it("tells a refusal from a withdrawal, and a partial choice from acceptance; the visitor's click decides from its moment", () => {
    const refused = logOf(visit().consent(clicked('refuse', 500)).request(META, { at: 600, type: 'image' })).rows;
    expect(rowOf(refused, 'connect.facebook.net', 600).phase).toBe('after-refusal');
    const partial = logOf(visit().cookiebot({ statistics: true }, 500).request(HOTJAR, { at: 600 })).rows;
    expect(rowOf(partial, 'in.hotjar.com', 600)).toMatchObject({ consent: 'partial', phase: 'after-partial' });
  });

  it('says which frame made the request and how it ended', () => {
    const v = visit()
      .request(ADS, { at: 100, frameId: 3, parentFrameId: 0, requestId: 'framed' })
      .request(META, { at: 200, requestId: 'blocked', error: 'net::ERR_BLOCKED_BY_CLIENT' });
    v.recorder.recordRequestEnd('framed', ADS, 204, null);
    const { rows } = logOf(v);
    expect(rowOf(rows, 'www.googleadservices.com', 100)).toMatchObject({ frame: 'sub', frameId: 3, status: 204, error: null });
    expect(rowOf(rows, 'connect.facebook.net', 200)).toMatchObject({ frame: 'top', frameId: 0, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    expect(rows[0]).toMatchObject({ host: 'www.connox.nl', type: 'main_frame', status: null });
  });

  it('is bounded: the earliest rows up to the limit, the rest counted, and what the tab did not keep counted apart', () => {
    const recorder = TabRecorder.startVisit(7, 'https://www.connox.nl/', T0, { limits: { ...TAB_LIMITS, requests: 5 } });
    for (let i = 0; i < 8; i++) {
      recorder.recordRequest({
        requestId: `r${i}`,
        url: `${META}&n=${i}`,
        method: 'GET',
        type: 'image',
        frameId: 0,
        parentFrameId: -1,
        tabId: 7,
        timeStamp: T0 + 10 * (8 - i),
      });
    }
    const report = run(recorder.state);
    const full = requestLog([{ part: null, state: recorder.state, report }]);
    expect(full).toMatchObject({ overLimit: 0, notKept: 3 });
    expect(full.rows.map((r) => r.at)).toEqual([40, 50, 60, 70, 80].map((ms) => T0 + ms));
    const cut = requestLog([{ part: null, state: recorder.state, report }], 2);
    expect(cut.rows.map((r) => r.at)).toEqual([T0 + 40, T0 + 50]);
    expect(cut).toMatchObject({ overLimit: 3, notKept: 3 });
  });

  it("puts a scenario's visits in order, each with its own consent timeline and part", () => {
    const choice = visit()
      .request(META, { at: 100, type: 'image' })
      .consent(clicked('refuse', 500))
      .request(META, { at: 600, type: 'image', requestId: 'late' });
    const reload = visit().request(META, { at: 9_000, type: 'image' });
    const log = requestLog([
      { part: 'choice', state: choice.state, report: run(choice) },
      { part: 'reload', state: reload.state, report: run(reload) },
    ]);
    const meta = log.rows.filter((r) => r.host === 'connect.facebook.net');
    expect(meta.map((r) => [r.part, r.at - T0, r.phase])).toEqual([
      ['choice', 100, 'before-choice'],
      ['choice', 600, 'after-refusal'],
      // The reload's own timeline holds no choice (its consent tool stored none): before choice.
      ['reload', 9_000, 'before-choice'],
    ]);
    const cut = requestLog(
      [
        { part: 'choice', state: choice.state, report: run(choice) },
        { part: 'reload', state: reload.state, report: run(reload) },
      ],
      3,
    );
    expect(cut.rows).toHaveLength(3);
    expect(cut.overLimit).toBe(choice.state.requests.length + reload.state.requests.length - 3);
  });
});

describe('request log filters and CSV', () => {
  const v = visit()
    .request(ADS, { at: 100 })
    .request(SHOP_IMG, { at: 200, type: 'image' })
    .cookiebot('accept', 1_000)
    .request(META, { at: 1_500, type: 'image' });
  const report = run(v);
  const log = requestLog([{ part: null, state: v.state, report }]);

  it('narrows by company, category, party and consent phase, each alone and together', () => {
    expect(filterRequestLog(log.rows, NO_REQUEST_FILTER)).toEqual(log.rows);
    const ads = log.rows.find((r) => r.host === 'www.googleadservices.com')!;
    expect(filterRequestLog(log.rows, { ...NO_REQUEST_FILTER, vendorKey: ads.vendorKey }).map((r) => r.host)).toEqual(['www.googleadservices.com']);
    expect(filterRequestLog(log.rows, { ...NO_REQUEST_FILTER, party: 'first' }).every((r) => r.vendorKey === 'shop')).toBe(true);
    expect(filterRequestLog(log.rows, { ...NO_REQUEST_FILTER, category: 'marketing', phase: 'before-choice' }).map((r) => r.host)).toEqual([
      'www.googleadservices.com',
    ]);
    expect(filterRequestLog(log.rows, { ...NO_REQUEST_FILTER, category: 'marketing', phase: 'after-accept' }).map((r) => r.host)).toEqual([
      'connect.facebook.net',
    ]);
    expect(filterRequestLog(log.rows, { ...NO_REQUEST_FILTER, party: 'first', phase: 'after-accept' })).toEqual([]);
  });

  it('offers as filter values only what the log holds, with counts that add up to the rows', () => {
    const facets = requestLogFacets(log.rows);
    expect(facets.phases.map((p) => p.value)).toEqual(['before-choice', 'after-accept']);
    expect(facets.parties.map((p) => p.value)).toEqual(['first', 'third']);
    for (const list of [facets.vendors, facets.categories, facets.parties, facets.phases]) expect(list.reduce((n, x) => n + x.count, 0)).toBe(log.rows.length);
  });

  it('writes a CSV row per log row, in order, with ISO times and codes', () => {
    const csv = requestLogCsv(log);
    expect(csv.split('\r\n')[0]).toBe(REQUEST_LOG_CSV_HEADER.join(','));
    const records = csvRecords(csv);
    expect(records.map((r) => r['host'])).toEqual(log.rows.map((r) => r.host));
    const meta = records.find((r) => r['host'] === 'connect.facebook.net')!;
    const row = log.rows.find((r) => r.host === 'connect.facebook.net')!;
    expect(meta).toEqual({
      part: '',
      at: new Date(T0 + 1_500).toISOString(),
      offset_ms: '1500',
      method: 'GET',
      host: 'connect.facebook.net',
      path: '/tr/',
      type: 'image',
      frame: 'top',
      frame_id: '0',
      status: '',
      error: '',
      vendor_key: row.vendorKey,
      vendor: row.vendor,
      consent_category: 'marketing',
      party: 'third',
      consent_at_request: 'accepted',
      consent_phase: 'after-accept',
    });
  });
});
