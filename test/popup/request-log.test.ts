import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { requestLog, type RequestLog } from '../../src/core/report/request-log';
import type { RequestObservation } from '../../src/core/observation';
import { emptyOverflow } from '../../src/core/observe/tab-state';
import type { AuditReport } from '../../src/core/audit/report-types';
import { acceptedAll } from '../fixtures/consent-observations';
import { csvRecords } from '../fixtures/parse-csv';
import { connoxReport, VISIT_START } from '../fixtures/reports/connox-report';
import { renderPopup, type Lang } from './helpers';

afterEach(() => cleanup());

const ADS = 'https://www.googleadservices.com/pagead/conversion/1/?label=x';
const HOTJAR = 'https://script.hotjar.com/modules.js';
const SHOP_IMG = 'https://www.connox.nl/media/logo.svg';

function request(url: string, at: number, type = 'script'): RequestObservation {
  const host = new URL(url).hostname;
  return {
    kind: 'request',
    requestId: `${url}@${at}`,
    url,
    host,
    site: host.split('.').slice(-2).join('.'),
    party: host.endsWith('connox.nl') ? 'first' : 'third',
    method: 'GET',
    resourceType: type,
    frame: { frameId: 0, kind: 'top', url: 'https://www.connox.nl/' },
    initiator: null,
    startedAt: VISIT_START + at,
    status: 200,
    error: null,
  };
}

const ACCEPT = acceptedAll(VISIT_START + 1_000);

/**
 * The Connox report's companies (its attribution) over a visit of the shop, Google Ads and
 * Hotjar, before and after an acceptance; `extraShop` more shop images after it.
 */
function scenario(extraShop = 0): { report: AuditReport; log: RequestLog } {
  const report = connoxReport();
  const requests = [request(ADS, 100), request(SHOP_IMG, 150, 'image'), request(HOTJAR, 1_200), request(ADS, 1_300)];
  for (let i = 0; i < extraShop; i++) requests.push(request(`${SHOP_IMG}?n=${i}`, 2_000 + i, 'image'));
  const state = { requests, consent: [ACCEPT], overflow: emptyOverflow(), startedAt: VISIT_START };
  return { report, log: requestLog([{ part: null, state, report }]) };
}

async function openRequests(extraShop = 0, lang: Lang = 'en') {
  const { report, log } = scenario(extraShop);
  const rendered = renderPopup({ state: 'ready', report }, { requestLog: log, lang });
  await screen.findByTestId('state-ready');
  await fireEvent.click(screen.getByTestId('tab-requests'));
  await screen.findByTestId('request-log');
  return { ...rendered, report, log };
}

function companies(): string[] {
  return screen.getAllByTestId('request-log-company').map((c) => c.textContent ?? '');
}

async function choose(testId: string, value: string): Promise<void> {
  await fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('popup request log', () => {
  it('asks for the log only when the Requests tab opens, and lists every request in time order', async () => {
    const { report, log } = scenario();
    const { client } = renderPopup({ state: 'ready', report }, { requestLog: log });
    await screen.findByTestId('state-ready');
    expect(client.requestLogRequests).toEqual([]);
    expect(screen.getByTestId('tab-requests').querySelector('.count')?.textContent).toBe(String(report.counts.requests));
    await fireEvent.click(screen.getByTestId('tab-requests'));
    await screen.findByTestId('request-log');
    expect(client.requestLogRequests).toEqual([1]);
    expect(screen.getAllByTestId('request-log-row')).toHaveLength(log.rows.length);
    expect(screen.getAllByTestId('request-log-url').map((u) => u.textContent)).toEqual(log.rows.map((r) => `${r.host}${r.path}`));
    expect(screen.getByTestId('request-log-shown').textContent).toBe(`Showing ${log.rows.length} of ${log.rows.length} requests`);
  });

  it('filters by company, category, party and consent phase, and the filters combine', async () => {
    const { log } = await openRequests();
    const ads = log.rows.find((r) => r.host === 'www.googleadservices.com')!;
    await choose('filter-vendor', ads.vendorKey);
    expect(companies()).toEqual([ads.vendor, ads.vendor]);
    await choose('filter-phase', 'before-choice');
    expect(screen.getAllByTestId('request-log-url').map((u) => u.textContent)).toEqual(['www.googleadservices.com/pagead/conversion/1/']);
    expect(screen.getAllByTestId('request-log-phase').map((p) => p.textContent)).toEqual(['before any choice']);
    await choose('filter-vendor', '');
    await choose('filter-phase', '');
    await choose('filter-party', 'first');
    expect(new Set(companies())).toEqual(new Set(['the shop itself']));
    await choose('filter-party', 'third');
    await choose('filter-category', 'marketing');
    await choose('filter-phase', 'after-accept');
    expect(screen.getAllByTestId('request-log-url').map((u) => u.textContent)).toEqual(['www.googleadservices.com/pagead/conversion/1/']);
    await choose('filter-category', 'statistics');
    expect(companies()).toEqual(['Hotjar']);
    await choose('filter-party', 'first');
    expect(screen.getByTestId('request-log-empty').textContent).toBe('No request matches these filters.');
  });

  it('offers only the values the log holds, each with its count', async () => {
    const { log } = await openRequests();
    const options = (id: string) => [...screen.getByTestId(id).querySelectorAll('option')].map((o) => o.textContent);
    const shop = log.rows.filter((r) => r.vendorKey === 'shop').length;
    expect(options('filter-party')).toEqual(['All', `first party (${shop})`, `third party (${log.rows.length - shop})`]);
    expect(options('filter-phase')).toEqual([
      'All',
      `before any choice (${log.rows.filter((r) => r.phase === 'before-choice').length})`,
      `after acceptance (${log.rows.filter((r) => r.phase === 'after-accept').length})`,
    ]);
  });

  it('renders 200 rows at first and the rest per "show more", focusing the first new row; a filter starts again at 200', async () => {
    const { log } = await openRequests(250);
    expect(screen.getAllByTestId('request-log-row')).toHaveLength(200);
    const more = screen.getByTestId('request-log-more');
    expect(more.textContent).toBe(`Show ${log.rows.length - 200} more`);
    await fireEvent.click(more);
    await waitFor(() => expect(screen.getAllByTestId('request-log-row')).toHaveLength(log.rows.length));
    expect(document.activeElement).toBe(screen.getAllByTestId('request-log-row')[200]);
    expect(screen.queryByTestId('request-log-more')).toBeNull();
    await choose('filter-party', 'first');
    expect(screen.getAllByTestId('request-log-row')).toHaveLength(200);
    expect(screen.getByTestId('request-log-shown').textContent).toBe(`Showing 200 of ${log.rows.filter((r) => r.party === 'first').length} requests`);
  });

  it('saves the log as CSV from the export bar, a row per request', async () => {
    const { client, log } = await openRequests();
    await fireEvent.click(screen.getByTestId('export-requests-csv'));
    await waitFor(() => expect(client.saved).toHaveLength(1));
    const file = client.saved[0]!;
    expect(file).toMatchObject({ mime: 'text/csv', name: expect.stringMatching(/^policylens-www\.connox\.nl-.*\.requests\.csv$/) });
    expect(csvRecords(file.text).map((r) => `${r['host']}${r['path']}`)).toEqual(log.rows.map((r) => `${r.host}${r.path}`));
    expect(screen.getByTestId('export-status').textContent).toBe(`Request log saved (${log.rows.length} rows).`);
  });

  it('words the log in the reader’s language', async () => {
    await openRequests(0, 'de');
    expect(within(screen.getByTestId('request-filters')).getByText('Einwilligungsphase')).toBeTruthy();
    expect(screen.getAllByTestId('request-log-phase')[0]?.textContent).toBe('vor einer Wahl');
  });

  it('falls back to the requests per company when the tab has no log', async () => {
    const { report } = scenario();
    renderPopup({ state: 'ready', report }, { requestLog: null });
    await screen.findByTestId('state-ready');
    await fireEvent.click(screen.getByTestId('tab-requests'));
    await screen.findByTestId('requests-list');
    expect(screen.queryByTestId('request-log')).toBeNull();
  });
});
