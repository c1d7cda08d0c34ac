import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { bounded, POPUP_PATH, SHOP, startFirefoxHarness, type FirefoxHarness } from './firefox-harness';
import type { AuditReport } from '../../src/core/audit/report-types';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../out/screenshots');

describe('popup of the Firefox extension on the planted storefront', () => {
  let harness: FirefoxHarness;
  let popup: Page;
  let report: AuditReport;

  beforeAll(async () => {
    harness = await startFirefoxHarness({ variant: 'planted', locale: 'en-US' });
    const shop = await harness.newPage();
    await harness.visit(shop, `${SHOP}/`);
    const tabId = await harness.tabIdOf(shop);
    await harness.settledTabState(tabId);
    const answer = await harness.report(tabId);
    if (!answer) throw new Error('no report');
    report = answer;
    popup = await harness.openExtensionPage(`${POPUP_PATH}?tab=${tabId}&static=1`);
    await popup.setViewport({ width: 420, height: 600 });
    await bounded(popup.waitForSelector('[data-testid="state-ready"]'), 'popup ready');
    // The first screen is a preview; the whole report follows on its own request.
    await bounded(popup.waitForSelector('[data-testid="report-tabs"][data-report="whole"]'), 'whole report');
  });
  afterAll(async () => harness?.close());

  it('shows the shop and one line per finding of the audit report', async () => {
    expect(await popup.$eval('[data-testid="shop-host"]', (e) => e.textContent)).toBe('www.connox.nl');
    expect(report.findings.length).toBeGreaterThan(5);
    expect(await popup.$$eval('[data-testid="finding-sentence"]', (list) => list.length)).toBe(report.findings.length);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await bounded(popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-firefox.png'), fullPage: true }), 'screenshot');
  });

  it('expands a finding to its evidence', async () => {
    await popup.click('[data-testid="finding-toggle"]');
    await bounded(popup.waitForSelector('[data-testid="finding-details"] [data-testid="evidence-item"]'), 'finding details');
    expect(await popup.$$eval('[data-testid="finding-details"] [data-testid="evidence-item"]', (list) => list.length)).toBeGreaterThan(0);
  });

  it('asks for no host permission when Firefox granted them', async () => {
    expect(await popup.$('[data-testid="grant-host-access"]')).toBeNull();
    expect(await harness.inExtension(() => chrome.action.getBadgeText({}), null)).toBe('');
  });

  // Last: it leaves the extension without host access.
  it('reacts when the user revokes host access: the open popup asks for it, the toolbar button warns', async () => {
    const origins = await harness.inExtension(() => chrome.runtime.getManifest().host_permissions ?? [], null);
    expect(origins.length).toBeGreaterThan(0);
    expect(await harness.inExtension((o) => chrome.permissions.remove({ origins: o }), origins)).toBe(true);
    await bounded(popup.waitForSelector('[data-testid="grant-host-access"]'), 'host-access prompt');
    let badge = '';
    for (let i = 0; i < 50 && badge !== '!'; i += 1) {
      badge = await harness.inExtension(() => chrome.action.getBadgeText({}), null);
      if (badge !== '!') await new Promise((r) => setTimeout(r, 100));
    }
    expect(badge).toBe('!');
  });
});
