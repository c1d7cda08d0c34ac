import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { verifyEvidenceBundle } from '../../src/core/report/evidence-bundle';
import type { PolicyModel } from '../../src/core/policy/schema';
import { keyFingerprint, signingKeyFromSeed } from '../../src/core/report/evidence-signature';
import { HOSTILE, cleanReport, connoxReport, hostileReport, noModelReport } from '../fixtures/reports/connox-report';
import { renderPopup, wholeReport } from './helpers';
import { timelineLayout } from '../../src/core/report/timeline-layout';

afterEach(() => cleanup());

describe('popup states', () => {
  it('says it only checks web pages when the tab is not http(s)', async () => {
    renderPopup({ state: 'not-http' });
    expect((await screen.findByTestId('state-not-http')).textContent).toMatch(/only checks web pages/);
  });

  it('says so when there is no tab to show', async () => {
    renderPopup({ state: 'ready', report: connoxReport() }, { tabId: null });
    await screen.findByTestId('state-not-http');
  });

  it('shows loading, and keeps asking until the report is ready', async () => {
    const { client } = renderPopup({ state: 'loading' });
    const loading = await screen.findByTestId('state-loading');
    expect(loading.getAttribute('role')).toBe('status');
    client.setView({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    const asked = client.reportRequests.length;
    await new Promise((r) => setTimeout(r, 30));
    // A ready report is not polled again (an open disclosure must not collapse).
    expect(client.reportRequests.length).toBe(asked);
  });

  it('offers import and drafting when there is no model, lists detected policy links as text, and still shows observations', async () => {
    const { client } = renderPopup({
      state: 'no-model',
      report: noModelReport(),
      policyLinks: [{ url: 'https://shop.example/privacy', text: 'Privacy <b>policy</b>' }],
    });
    await screen.findByTestId('state-no-model');
    await wholeReport();
    expect(screen.getByTestId('policy-model').textContent).toMatch(/No policy model/);
    expect(screen.getByTestId('policy-link').textContent).toContain('Privacy <b>policy</b>');
    expect(screen.getByTestId('policy-link').querySelector('b, a')).toBeNull();
    await fireEvent.click(screen.getByTestId('open-import'));
    await fireEvent.click(screen.getByTestId('open-draft'));
    expect(client.openedOptions).toEqual(['import', 'draft']);
    // Without a model the shop is held to the law: the verdict says so, never "no discrepancies".
    expect(screen.getByTestId('checked-against').textContent).toMatch(/legal baseline only/);
    expect(screen.getByTestId('verdict').textContent).toMatch(/1 breach of the law \(checked against the legal baseline only\)/);
    expect(screen.getByTestId('tab-findings').getAttribute('aria-selected')).toBe('true');
    const [finding] = screen.getAllByTestId('finding');
    await fireEvent.click(finding!.querySelector('[data-testid="finding-toggle"]') as HTMLElement);
    expect(screen.getByTestId('finding-grounds').textContent).toMatch(/Rests on the law/);
    expect(screen.getByTestId('clause').textContent).toMatch(/^The law says/);
    expect(screen.getByTestId('clause-quote').getAttribute('lang')).toBe('en');
    await fireEvent.click(screen.getByTestId('tab-companies'));
    expect(screen.getAllByTestId('company-row').length).toBe(4);
  });

  it('lists located errors of an invalid model as file:line:col path: message', async () => {
    const { client } = renderPopup({
      state: 'invalid-model',
      errors: [
        { file: 'shop.yaml', line: 12, column: 7, path: 'processors[2].country', message: 'expected a two-letter country code' },
        { file: 'shop.yaml', path: '', message: 'could not read the file' },
      ],
    });
    await screen.findByTestId('state-invalid-model');
    const items = screen.getAllByTestId('located-error').map((li) => li.textContent);
    expect(items).toEqual(['shop.yaml:12:7 processors[2].country: expected a two-letter country code', 'shop.yaml: could not read the file']);
    await fireEvent.click(screen.getByTestId('open-import'));
    expect(client.openedOptions).toEqual(['import']);
  });
});

describe('ready report', () => {
  it('shows host, model, consent now and the verdict in the header', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    expect(screen.getByTestId('shop-host').textContent).toBe('www.connox.nl');
    expect(screen.getByTestId('policy-model').textContent).toMatch(/Connox — privacyverklaring \(NL\).*dated 2024-11-05.*bundled/s);
    expect(screen.getByTestId('consent-now').textContent).toBe('Partly accepted: preferences and statistics');
    expect(screen.getByTestId('verdict').textContent).toMatch(/3 promises broken, 1 undeclared company/);
    expect(screen.getByTestId('verdict-severity').textContent).toBe('Critical');
  });

  it('shows discrepancies first, grouped by severity, most severe first, and notices apart', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    expect(screen.getByTestId('tab-findings').getAttribute('aria-selected')).toBe('true');
    const groups = screen.getAllByTestId('severity-group').map((g) => g.getAttribute('data-severity'));
    expect(groups).toEqual(['critical', 'high', 'medium']);
    expect(screen.getAllByTestId('finding')).toHaveLength(5);
    expect(screen.getByTestId('notices').textContent).toMatch(/Trustpilot/);
  });

  it('shows audit warnings prominently', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    const warnings = await screen.findByTestId('warnings');
    expect(warnings.textContent).toMatch(/may be incomplete/);
    expect(screen.getByTestId('warning').textContent).toMatch(/^3 requests were blocked by another extension/);
  });

  it('says nothing was found when a report has zero findings', async () => {
    renderPopup({ state: 'ready', report: cleanReport() });
    expect((await screen.findByTestId('no-findings')).textContent).toMatch(/No discrepancies found/);
    expect(screen.queryByTestId('finding')).toBeNull();
    expect(screen.queryByTestId('warnings')).toBeNull();
    expect(screen.queryByTestId('verdict-severity')).toBeNull();
  });

  it('expands a finding to its evidence and the clause it contradicts, quoted in its own language', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    const [first] = screen.getAllByTestId('finding');
    const toggle = first?.querySelector('[data-testid="finding-toggle"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(first?.querySelector('[data-testid="finding-details"]')).toBeNull();
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = first?.querySelector('[data-testid="finding-details"]') as HTMLElement;
    expect(toggle.getAttribute('aria-controls')).toBe(details.id);
    const items = details.querySelectorAll('[data-testid="evidence-item"]');
    expect(items).toHaveLength(2);
    expect(items[0]?.querySelector('[data-testid="evidence-where"]')?.textContent).toBe('https://www.googleadservices.com/pagead/conversion/123456/?random=1');
    expect(items[0]?.querySelector('[data-testid="evidence-when"]')?.getAttribute('datetime')).toBe('2025-03-14T09:30:01.200Z');
    expect(items[0]?.querySelector('[data-testid="evidence-consent"]')?.textContent).toBe('No choice made yet');
    expect(details.textContent).toMatch(/3 more in the evidence bundle/);
    const quote = details.querySelector('[data-testid="clause-quote"]');
    expect(quote?.getAttribute('lang')).toBe('nl');
    expect(quote?.textContent).toMatch(/^De rechtsgrondslag/);
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the absence text when the policy is silent, and German quotes with lang="de"', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    const findings = screen.getAllByTestId('finding');
    for (const f of findings) await fireEvent.click(f.querySelector('[data-testid="finding-toggle"]') as HTMLElement);
    expect(screen.getByTestId('finding-absence').textContent).toMatch(/names no processor or third party for Hotjar/);
    const langs = screen.getAllByTestId('clause-quote').map((q) => q.getAttribute('lang'));
    expect(langs).toContain('de');
  });

  it('moves between tabs with the arrow keys, Home and End (roving tabindex)', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    await wholeReport();
    const tablist = screen.getByRole('tablist');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('data-testid'))).toEqual([
      'tab-findings',
      'tab-companies',
      'tab-cookies',
      'tab-storage',
      'tab-requests',
      'tab-timeline',
      'tab-uncheckable',
    ]);
    expect(tablist.getAttribute('aria-label')).toBe('Report sections');
    const findings = screen.getByTestId('tab-findings');
    findings.focus();
    await fireEvent.keyDown(findings, { key: 'ArrowRight' });
    const companies = screen.getByTestId('tab-companies');
    await waitFor(() => expect(document.activeElement).toBe(companies));
    expect(companies.getAttribute('aria-selected')).toBe('true');
    expect(companies.tabIndex).toBe(0);
    expect(findings.tabIndex).toBe(-1);
    expect(screen.getByTestId('panel-companies').hidden).toBe(false);
    expect(screen.getByTestId('panel-findings').hidden).toBe(true);
    expect(screen.getByTestId('panel-companies').getAttribute('aria-labelledby')).toBe('tab-companies');
    await fireEvent.keyDown(companies, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tab-uncheckable')));
    expect(screen.getByTestId('uncheckable-row').textContent).toMatch(/cannot be checked|10 years/);
    await fireEvent.keyDown(screen.getByTestId('tab-uncheckable'), { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(findings));
    await fireEvent.keyDown(findings, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tab-uncheckable')));
    await fireEvent.keyDown(screen.getByTestId('tab-uncheckable'), { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(findings));
  });

  it("draws the consent timeline: one focusable mark per item of the report's evidence, in time order, each with its evidence on focus", async () => {
    const report = connoxReport();
    renderPopup({ state: 'ready', report });
    await screen.findByTestId('state-ready');
    await wholeReport();
    await fireEvent.click(screen.getByTestId('tab-timeline'));
    const marks = screen.getAllByTestId('timeline-mark');
    const expected = timelineLayout(report).marks;
    expect(screen.getByTestId('tab-timeline').textContent).toContain(String(expected.length));
    expect(marks.map((m) => Number(m.getAttribute('data-at')))).toEqual(expected.map((m) => m.at));
    expect(marks.filter((m) => m.classList.contains('violation'))).toHaveLength(expected.filter((m) => m.violation).length);
    const ads = marks.find((m) => m.querySelector('title')?.textContent?.includes('www.googleadservices.com'))!;
    expect(ads.getAttribute('tabindex')).toBe('0');
    await fireEvent.focus(ads);
    expect(screen.getByTestId('timeline-active').textContent).toBe(ads.querySelector('title')?.textContent);
    expect(screen.getByTestId('timeline-active').textContent).toContain('tracking-before-consent');
    expect(screen.getAllByTestId('timeline-change')).toHaveLength(timelineLayout(report).lines.length);
  });

  it('draws hostile names in the timeline as text', async () => {
    const { container } = renderPopup({ state: 'ready', report: hostileReport() });
    await screen.findByTestId('state-ready');
    await wholeReport();
    await fireEvent.click(screen.getByTestId('tab-timeline'));
    expect(container.querySelector('img, iframe, script, a, svg svg')).toBeNull();
    expect(screen.getByTestId('timeline-plot').textContent).toContain(HOSTILE.cookie);
  });

  it('lists cookies with party, lifetime, before/after consent and declared', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    await wholeReport();
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    const rows = screen.getAllByTestId('cookie-row').map((r) => r.textContent ?? '');
    expect(rows[0]).toMatch(/_ga.*first party.*400 days.*set after the consent choice: Refused/s);
    expect(rows[1]).toMatch(/IDE.*third party.*set before consent.*not stored by the browser/s);
    expect(rows[2]).toMatch(/PHPSESSID.*session.*not declared/s);
  });

  it('lists requests by company, busiest first', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    await wholeReport();
    await fireEvent.click(screen.getByTestId('tab-requests'));
    expect(screen.getByTestId('request-totals').textContent).toBe('84 requests, 31 to third parties');
    const rows = screen.getAllByTestId('requests-row').map((r) => r.querySelector('strong')?.textContent);
    expect(rows).toEqual(['Google Ads', 'Hotjar', 'cdn.unknown-tracker.example']);
  });

  it('puts undeclared companies first in the companies tab', async () => {
    renderPopup({ state: 'ready', report: connoxReport() });
    await screen.findByTestId('state-ready');
    await wholeReport();
    await fireEvent.click(screen.getByTestId('tab-companies'));
    const declared = screen.getAllByTestId('company-declared').map((d) => d.textContent);
    expect(declared.slice(0, 2)).toEqual(['not declared', 'not declared']);
  });
});

describe('hostile page strings', () => {
  it('renders a cookie named <img src=x onerror=alert(1)> as text, creating no element', async () => {
    const { container } = renderPopup({ state: 'ready', report: hostileReport() });
    await screen.findByTestId('state-ready');
    await wholeReport();
    expect(screen.getByTestId('shop-host').textContent).toBe(HOSTILE.host);
    for (const f of screen.getAllByTestId('finding')) await fireEvent.click(f.querySelector('[data-testid="finding-toggle"]') as HTMLElement);
    for (const tab of ['cookies', 'storage', 'companies', 'requests', 'uncheckable']) {
      await fireEvent.click(screen.getByTestId(`tab-${tab}`));
      expect(container.querySelector('img, svg, iframe, script, a')).toBeNull();
    }
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    expect(screen.getByTestId('cookie-name').textContent).toBe(HOSTILE.cookie);
    const handlers = [...container.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on')));
    expect(handlers).toEqual([]);
  });
});

describe('long page-made names', () => {
  it('shows the start of a 10,000-character cookie name and keeps the whole name in its title', async () => {
    const report = hostileReport();
    const long = `_tracker_${'x'.repeat(10_000)}`;
    report.cookies[0]!.name = long;
    renderPopup({ state: 'ready', report });
    await screen.findByTestId('state-ready');
    await wholeReport();
    await fireEvent.click(screen.getByTestId('tab-cookies'));
    const name = screen.getAllByTestId('cookie-name')[0]!;
    expect(name.textContent!.length).toBeLessThan(200);
    expect(name.textContent!.startsWith('_tracker_x')).toBe(true);
    expect(name.getAttribute('title')).toBe(long);
  });
});

describe('export', () => {
  it('signs the exported bundle with the options page key', async () => {
    const signingKey = signingKeyFromSeed(new Uint8Array(32).fill(4));
    const { client } = renderPopup({ state: 'ready', report: connoxReport() }, { signingKey });
    await screen.findByTestId('state-ready');
    await fireEvent.click(screen.getByTestId('export-json'));
    await waitFor(() => expect(client.saved).toHaveLength(1));
    const verified = verifyEvidenceBundle(client.saved[0]?.text ?? '', { expectKey: keyFingerprint(signingKey.publicKey) });
    expect(verified).toMatchObject({ ok: true, signedBy: keyFingerprint(signingKey.publicKey) });
  });

  it('saves a JSON evidence bundle that verifies, then an HTML report carrying its hash', async () => {
    const observations = { requests: [{ url: 'https://www.connox.nl/' }] };
    const reportModel = { id: 'connox', note: 'the model the report rests on' } as unknown as PolicyModel;
    const { client } = renderPopup({ state: 'ready', report: connoxReport() }, { observations, reportModel });
    await screen.findByTestId('state-ready');
    await fireEvent.click(screen.getByTestId('export-json'));
    await waitFor(() => expect(client.saved).toHaveLength(1));
    const bundleFile = client.saved[0];
    expect(bundleFile?.name).toBe('policylens-www.connox.nl-2025-03-14T10-00-00-000Z.json');
    expect(bundleFile?.mime).toBe('application/json');
    const verified = verifyEvidenceBundle(bundleFile?.text ?? '');
    expect(verified.ok).toBe(true);
    expect(JSON.parse(bundleFile?.text ?? '{}').observations).toEqual(observations);
    // Sealed with it, so policylens verify audits the observations again with this very model.
    expect(JSON.parse(bundleFile?.text ?? '{}').policyModel).toEqual(reportModel);
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toMatch(/Evidence saved \(SHA-256 [0-9a-f]{12}…\)/));
    await fireEvent.click(screen.getByTestId('export-html'));
    await waitFor(() => expect(client.saved).toHaveLength(2));
    const html = client.saved[1];
    expect(html?.mime).toBe('text/html');
    if (verified.ok) expect(html?.text).toContain(verified.hash);
  });
});
