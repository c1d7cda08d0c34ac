import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOP, settle, startHarness, type Harness } from './harness';
import { seriousAxeViolations } from './axe';
import type { AuditReport } from '../../src/core/audit/report-types';
import { renderHtmlReport } from '../../src/presenter/html-report';
import { createPresenter } from '../../src/presenter/presenter';

const SCHEMES = ['light', 'dark'] as const;

/** Every control a keyboard user should reach, and what the page reports for it when focused from the keyboard. */
async function tabThrough(page: Page, presses: number): Promise<Array<{ id: string; outline: string; tag: string }>> {
  const seen: Array<{ id: string; outline: string; tag: string }> = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          id: el?.dataset.testid ?? el?.id ?? el?.tagName ?? '',
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
          tag: el?.tagName ?? '',
        };
      }),
    );
  }
  return seen;
}

describe('accessibility: popup, options page and HTML report (axe-core, light and dark)', () => {
  let harness: Harness;
  let popup: Page;
  let tabId: number;
  let report: AuditReport;

  beforeAll(async () => {
    harness = await startHarness({ variant: 'planted', locale: 'en-US' });
    const shop = await harness.session.context.newPage();
    await shop.goto(`${SHOP}/`);
    await settle(shop);
    tabId = await harness.session.tabIdOf(shop);
    await shop.waitForTimeout(500);
    popup = await harness.session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(harness.session.popupUrl(tabId, '&static=1'));
    await popup.getByTestId('state-ready').waitFor();
    await popup.locator('[data-testid="report-tabs"][data-report="whole"]').waitFor();
    report = (await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-report', tabId: id }), tabId)) as AuditReport;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it.each(SCHEMES)('the popup has no serious or critical violations in the %s scheme (findings open, timeline, cookies, request log)', async (scheme) => {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByTestId('tab-findings').click();
    const toggle = popup.getByTestId('finding-toggle').first();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    expect(await seriousAxeViolations(popup)).toEqual([]);
    for (const tab of ['timeline', 'cookies', 'requests']) {
      await popup.getByTestId(`tab-${tab}`).click();
      // The request log comes on demand: check it once its rows are there.
      if (tab === 'requests') await popup.getByTestId('request-log-row').first().waitFor();
      expect(await seriousAxeViolations(popup), tab).toEqual([]);
    }
    // The scheme really changed what is drawn (dark: a dark ground).
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(23, 24, 28)' : 'rgb(255, 255, 255)');
  });

  it('the check itself fails on a page with a contrast violation (so a pass means something)', async () => {
    const page = await harness.session.context.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><p style="color:#777;background:#888">low contrast</p></main></html>');
    expect((await seriousAxeViolations(page)).map((v) => v.id)).toContain('color-contrast');
    await page.close();
  });

  it.each(SCHEMES)('the options page has no serious or critical violations in the %s scheme', async (scheme) => {
    const options = await harness.session.context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${harness.session.extensionId}/src/options/index.html`);
    await options.getByTestId('model-row').first().waitFor();
    expect(await seriousAxeViolations(options)).toEqual([]);
    await options.close();
  });

  it.each(SCHEMES)('the HTML report has no serious or critical violations in the %s scheme', async (scheme) => {
    const html = renderHtmlReport(report, { extensionVersion: '0.1.0', browserVersion: 'test', presenter: createPresenter('en') });
    const page = await harness.session.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setContent(html);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('reaches every popup control with Tab, each with a visible focus ring, and switches tabs with the arrow keys', async () => {
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.reload();
    await popup.locator('[data-testid="report-tabs"][data-report="whole"]').waitFor();
    const controls = await popup.evaluate(() => document.querySelectorAll('button:not([disabled]), [tabindex="0"], a[href]').length);
    const pressed = await tabThrough(popup, controls + 2);
    // Tab leaves the page (focus on BODY) after the last control, then wraps around: one lap ends there.
    const lap = pressed.findIndex((s, i) => s.tag === 'BODY' || (i > 0 && s.id === pressed[0]?.id && s.tag === pressed[0]?.tag));
    const seen = lap > 0 ? pressed.slice(0, lap) : pressed;
    const ids = seen.map((s) => s.id);
    for (const id of ['refresh', 'open-options', 'tab-findings', 'panel-findings', 'finding-toggle', 'export-json', 'export-html']) expect(ids).toContain(id);
    // One tab stop for the tablist (roving tabindex): the other tabs are reached with arrows.
    expect(ids.filter((id) => id.startsWith('tab-'))).toEqual(['tab-findings']);
    expect(seen.filter((s) => /^none/.test(s.outline)).map((s) => `${s.tag} ${s.id}`)).toEqual([]);
    await popup.getByTestId('tab-findings').focus();
    await popup.keyboard.press('ArrowRight');
    expect(await popup.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('tab-companies');
    expect(await popup.getByTestId('tab-companies').getAttribute('aria-selected')).toBe('true');
    await popup.keyboard.press('End');
    expect(await popup.getByTestId('tab-uncheckable').getAttribute('aria-selected')).toBe('true');
    // A finding opens from the keyboard.
    await popup.keyboard.press('Home');
    await popup.getByTestId('finding-toggle').first().focus();
    await popup.keyboard.press('Enter');
    expect(await popup.getByTestId('finding-toggle').first().getAttribute('aria-expanded')).toBe('true');
  });
});
