import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOP, settle, startHarness, type Harness } from './harness';
import type { AuditReport } from '../../src/core/audit/report-types';
import type { RequestLog } from '../../src/core/report/request-log';
import { renderHtmlReport } from '../../src/presenter/html-report';
import { createPresenter } from '../../src/presenter/presenter';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../out/screenshots');
const XSS_KEY = '<img src=x onerror=alert(1)>';
const XSS_COOKIE = '<b>pl-xss</b><i>cookie</i>';

async function openShopAndPopup(harness: Harness): Promise<{ popup: Page; report: AuditReport; tabId: number }> {
  const shop = await harness.session.context.newPage();
  await shop.goto(`${SHOP}/`);
  await settle(shop);
  const tabId = await harness.session.tabIdOf(shop);
  await shop.waitForTimeout(500);
  const popup = await harness.session.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  let dialogs = 0;
  popup.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await popup.goto(harness.session.popupUrl(tabId, '&static=1'));
  await popup.getByTestId('state-ready').waitFor();
  // The first screen is a preview; the whole report follows on its own request.
  await popup.locator('[data-testid="report-tabs"][data-report="whole"]').waitFor();
  const report = (await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-report', tabId: id }), tabId)) as AuditReport;
  expect(dialogs).toBe(0);
  return { popup, report, tabId };
}

describe('popup of the loaded extension on the planted storefront', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('lists exactly the discrepancies of the audit report (English), with header and verdict, and its request log on demand', async () => {
    harness = await startHarness({ variant: 'planted', locale: 'en-US' });
    const { popup, report, tabId } = await openShopAndPopup(harness);
    expect(await popup.getByTestId('shop-host').textContent()).toBe('www.connox.nl');
    const en = createPresenter('en');
    expect(await popup.getByTestId('verdict').textContent()).toContain(en.verdict(report.summary.verdict));
    const sentences = await popup.getByTestId('finding-sentence').allTextContents();
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.sort()).toEqual(report.findings.map((f) => en.findingExplanation(f)).sort());
    // Expanding a finding shows its evidence and the Dutch clause with its language.
    await popup.getByTestId('finding-toggle').first().click();
    const details = popup.getByTestId('finding-details').first();
    await details.waitFor();
    expect(await details.getByTestId('evidence-item').count()).toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-en.png'), fullPage: true });
    // The Requests tab asks for the log on demand (popup/get-request-log), attributed as the report's companies.
    await popup.getByTestId('tab-requests').click();
    await popup.getByTestId('request-log').waitFor();
    const log = (await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-request-log', tabId: id }), tabId)) as RequestLog;
    expect(log.rows.length + log.notKept).toBe(report.counts.requests);
    const perVendor = new Map<string, number>();
    for (const r of log.rows) if (r.vendorKey !== 'shop') perVendor.set(r.vendorKey, (perVendor.get(r.vendorKey) ?? 0) + 1);
    expect(perVendor).toEqual(new Map(report.vendors.filter((v) => v.requests > 0).map((v) => [v.key, v.requests])));
    expect(await popup.getByTestId('request-log-row').count()).toBe(Math.min(200, log.rows.length));
    // Filtering to third parties before any choice: what the planted shop's trackers did before the banner was answered.
    await popup.getByTestId('filter-party').selectOption('third');
    await popup.getByTestId('filter-phase').selectOption('before-choice');
    const expected = log.rows.filter((r) => r.party === 'third' && r.phase === 'before-choice');
    expect(expected.length).toBeGreaterThan(0);
    expect(await popup.getByTestId('request-log-url').allTextContents()).toEqual(expected.slice(0, 200).map((r) => `${r.host}${r.path}`));
  });

  it('renders in Dutch when the browser UI is Dutch; policy quotes keep their language', async () => {
    harness = await startHarness({ variant: 'planted', locale: 'nl' });
    const { popup, report } = await openShopAndPopup(harness);
    const nl = createPresenter('nl');
    const tabLabels = (await popup.getByRole('tab').allTextContents()).join(' ');
    expect(tabLabels).toMatch(/Afwijkingen/);
    expect(tabLabels).toMatch(/Bedrijven/);
    // The findings themselves are Dutch, worded by the same presenter.
    const sentences = await popup.getByTestId('finding-sentence').allTextContents();
    expect(sentences.sort()).toEqual(report.findings.map((f) => nl.findingExplanation(f)).sort());
    expect(await popup.getByTestId('verdict').textContent()).toContain(nl.verdict(report.summary.verdict));
    // The planted shop breaks promises of the Dutch Connox policy, so findings quote it; every
    // quote keeps its own language.
    const quotedLanguages = report.findings.flatMap((f) => (f.clause ? [f.clause.language] : [])).sort();
    expect(quotedLanguages).toContain('nl');
    for (const toggle of await popup.getByTestId('finding-toggle').all()) await toggle.click();
    const quotes = popup.getByTestId('finding-details').getByTestId('clause-quote');
    expect(await quotes.count()).toBe(quotedLanguages.length);
    const shownLanguages = await quotes.evaluateAll((elements) => elements.map((e) => e.getAttribute('lang')));
    expect(shownLanguages.sort()).toEqual(quotedLanguages);
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-nl.png'), fullPage: true });
  });

  it('shows hostile cookie names and storage keys as text, in the popup and in the HTML report', async () => {
    harness = await startHarness({ variant: 'planted' });
    const { popup, report } = await openShopAndPopup(harness);
    await popup.getByTestId('tab-cookies').click();
    const cookieNames = await popup.getByTestId('cookie-name').allTextContents();
    expect(cookieNames).toContain(XSS_COOKIE);
    await popup.getByTestId('tab-storage').click();
    expect(await popup.getByTestId('panel-storage').textContent()).toContain(XSS_KEY);
    // Nothing was parsed as markup: no injected elements anywhere in the popup.
    expect(await popup.locator('img[src="x"], b:text("pl-xss")').count()).toBe(0);

    const html = renderHtmlReport(report, { extensionVersion: '0.1.0', browserVersion: 'test', presenter: createPresenter('en') });
    const reportPage = await harness.session.context.newPage();
    let dialogs = 0;
    reportPage.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await reportPage.setContent(html);
    expect(await reportPage.locator('img[src="x"]').count()).toBe(0);
    expect(await reportPage.locator('b', { hasText: 'pl-xss' }).count()).toBe(0);
    expect(await reportPage.textContent('body')).toContain(XSS_KEY);
    expect(dialogs).toBe(0);
  });
});
