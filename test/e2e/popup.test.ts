import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SHOP, settle, startHarness, type Harness } from './harness';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../out/screenshots');

describe('popup of the loaded extension', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows the counts the background observed for the shop tab', async () => {
    const shop = await harness.session.context.newPage();
    await shop.goto(`${SHOP}/`);
    await settle(shop);
    const tabId = await harness.session.tabIdOf(shop);
    const summary = await harness.session.tabSummary(tabId);
    if (!summary) throw new Error('no summary');
    const popup = await harness.session.context.newPage();
    await popup.setViewportSize({ width: 360, height: 300 });
    await popup.goto(harness.session.popupUrl(tabId));
    await popup.getByTestId('count-requests').waitFor();
    // The popup refreshes every second; compare against a summary taken at the same moment.
    const fresh = await harness.session.tabSummary(tabId);
    expect(await popup.getByTestId('page-site').textContent()).toBe('connox.nl');
    expect(Number(await popup.getByTestId('count-third-parties').textContent())).toBe(fresh?.thirdPartyHosts.length);
    expect(Number(await popup.getByTestId('count-cookies').textContent())).toBe(fresh?.cookies);
    expect(Number(await popup.getByTestId('count-storage-keys').textContent())).toBe(fresh?.storageKeys);
    expect(Number(await popup.getByTestId('count-requests').textContent())).toBeGreaterThanOrEqual(summary.requests);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-counts.png') });
  });
});
