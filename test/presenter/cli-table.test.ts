import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/cli/audit-record';
import { formatDiscrepancies, formatRunSummary } from '../../src/cli/print-summary';
import type { TabState } from '../../src/core/observe/tab-state';
import { createPresenter } from '../../src/presenter/presenter';
import { connoxReport } from '../fixtures/reports/connox-report';
import { englishIn } from './english-fragments';

const RECORDS: AuditRecord[] = [
  {
    ok: true,
    url: 'https://www.connox.nl/',
    finalUrl: 'https://www.connox.nl/',
    scenario: 'reject',
    report: connoxReport(),
    observations: {} as TabState,
    consent: { cmp: 'Cybotcookiebot', bannerShown: true, applied: true, state: 'refused', detail: 'refused all, then reloaded', steps: [] },
    choiceVisit: null,
    durationMs: 1000,
    browserVersion: 'Chromium',
    extensionVersion: '0.1.0',
  },
  { ok: false, url: 'https://nx.invalid/', scenario: 'none', error: 'net::ERR_NAME_NOT_RESOLVED', consent: null, durationMs: 10 },
];

describe('CLI tables', () => {
  it.each(['nl', 'de', 'fr', 'it', 'es', 'da', 'sv'] as const)('%s: the discrepancy and summary tables have no English text', (lang) => {
    const p = createPresenter(lang);
    const text = [...RECORDS.map((r) => formatDiscrepancies(r, p)), formatRunSummary(RECORDS, p)].join('\n');
    expect(englishIn(text)).toEqual([]);
    expect(text).toContain(p.verdict(connoxReport().summary.verdict));
  });

  it('words the English table, with the scenario state and the finding titles', () => {
    const p = createPresenter('en');
    const text = formatDiscrepancies(RECORDS[0]!, p);
    expect(text).toContain('consent tool: Cybotcookiebot; scenario applied: refused all, then reloaded');
    expect(text).toContain('Before consent: Google Ads (marketing)');
    expect(englishIn(text).length).toBeGreaterThanOrEqual(2);
  });
});
