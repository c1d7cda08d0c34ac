import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../src/popup/App.svelte';
import type { AuditReport } from '../../src/core/audit/report-types';
import { LEAD_FINDINGS, orderFindings } from '../../src/core/report/report-preview';
import { mockPopupClient } from '../../src/popup/mock-popup-client';
import { createPresenter } from '../../src/presenter/presenter';
import { FINDINGS, connoxReport } from '../fixtures/reports/connox-report';

afterEach(() => cleanup());

const MANY = 120;

/** The fixture's findings repeated with unique ids: a report far longer than one screen. */
function longReport(): AuditReport {
  const findings = Array.from({ length: MANY }, (_, i) => {
    const base = FINDINGS[i % FINDINGS.length] as (typeof FINDINGS)[number];
    return { ...base, id: `${base.id}-${i}`, subject: { ...base.subject, label: `${base.subject.label} (#${i})` } };
  });
  return connoxReport({ findings });
}

/** A mock popup whose whole report arrives only when the test releases it. */
function heldPopup(report: AuditReport) {
  const client = mockPopupClient({ state: 'ready', report });
  const whole = client.getFullReport.bind(client);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  client.getFullReport = async (tabId) => {
    const answer = await whole(tabId);
    await released;
    return answer;
  };
  render(App, { props: { client, presenter: createPresenter('en'), pollMs: 0 } });
  return { client, release };
}

const sentences = () => screen.queryAllByTestId('finding-sentence').map((el) => el.textContent);

describe('popup first screen', () => {
  it('shows the verdict, the full counts and the first findings before the whole report is there', async () => {
    const report = longReport();
    const { client } = heldPopup(report);
    await screen.findByTestId('state-ready');
    expect(screen.getByTestId('verdict').textContent).toContain(createPresenter('en').verdict(report.summary.verdict));
    expect(screen.getAllByTestId('finding')).toHaveLength(LEAD_FINDINGS);
    // Group headings count the whole report, not what is shown yet.
    const groups = screen.getAllByTestId('severity-group');
    for (const group of groups) {
      const inReport = report.findings.filter((f) => f.kind === 'violation' && f.severity === group.dataset.severity).length;
      expect(group.querySelector('h3')?.textContent).toContain(`(${inReport})`);
      expect(group.querySelectorAll('[data-testid="finding"]').length).toBeLessThanOrEqual(inReport);
    }
    expect(screen.getByTestId('tab-findings').textContent).toContain(String(report.findings.filter((f) => f.kind === 'violation').length));
    expect(screen.getByTestId('findings-pending').textContent).toBe(`${MANY - LEAD_FINDINGS} more findings on the way…`);
    await waitFor(() => expect(client.fullReportRequests).toEqual([1]));
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    expect(screen.getByTestId('panel-loading').getAttribute('role')).toBe('status');
  });

  it('then adds the rest frame by frame, in display order, keeping what was shown', async () => {
    const report = longReport();
    const { release } = heldPopup(report);
    await screen.findByTestId('state-ready');
    const first = screen.getAllByTestId('finding')[0];
    release();
    // happy-dom is slow at mounting: allow the frames plenty of time.
    await waitFor(() => expect(screen.getAllByTestId('finding')).toHaveLength(MANY), { timeout: 10_000 });
    expect(screen.queryByTestId('findings-pending')).toBeNull();
    // The same element: the first screen's findings are kept, not re-created (an open one stays open).
    expect(screen.getAllByTestId('finding')[0]).toBe(first);
    const present = createPresenter('en');
    expect(sentences()).toEqual(orderFindings(report.findings).map((f) => present.findingExplanation(f)));
  });

  it('exports the whole report, fetched on demand, not the preview', async () => {
    const report = longReport();
    const { client, release } = heldPopup(report);
    await screen.findByTestId('state-ready');
    await fireEvent.click(screen.getByTestId('export-html'));
    expect(client.saved).toHaveLength(0);
    release();
    await waitFor(() => expect(client.saved).toHaveLength(1));
    const html = client.saved[0]?.text ?? '';
    expect(html.match(/<article class="finding"/g)).toHaveLength(MANY);
  });

  it('says so when the report is gone by the time it is asked for (other tabs, exports)', async () => {
    const client = mockPopupClient({ state: 'ready', report: longReport() });
    client.getFullReport = async () => null;
    render(App, { props: { client, presenter: createPresenter('en'), pollMs: 0 } });
    await screen.findByTestId('state-ready');
    await fireEvent.click(screen.getByTestId('export-json'));
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toMatch(/no longer available/));
    expect(client.saved).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    expect(screen.getByTestId('panel-loading').textContent).toMatch(/no longer available/);
  });
});
