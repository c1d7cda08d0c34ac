import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHOP, settle, startHarness, type Harness } from './harness';
import type { AuditReport } from '../../src/core/audit/report-types';

describe('options page against the real background', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ variant: 'clean' });
  });
  afterAll(async () => harness?.close());

  it('reads the page text through the content script, drafts, saves and assigns the model', async () => {
    const policyPage = await harness.session.context.newPage();
    await policyPage.goto(`${SHOP}/privacybeleid`);
    await settle(policyPage);
    const tabId = await harness.session.tabIdOf(policyPage);
    const options = await harness.session.context.newPage();
    await options.goto(`chrome-extension://${harness.session.extensionId}/src/options/index.html?sourceTab=${tabId}#draft`);
    await options.getByTestId('draft-use-page').click();
    await expect.poll(() => options.getByTestId('draft-text').inputValue(), { timeout: 10_000 }).toContain('Friendly Captcha');
    await options.getByTestId('draft-submit').click();
    await options.getByTestId('draft-claim').first().waitFor({ timeout: 30_000 });
    expect(await options.getByTestId('draft-claim').count()).toBeGreaterThan(20);
    await options.getByTestId('draft-save').click();
    await expect.poll(() => options.getByTestId('draft-status').textContent(), { timeout: 10_000 }).toContain('connox.nl');
    const assignments = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'options/list-models' }));
    expect((assignments as { assignments: Record<string, string> }).assignments['connox.nl']).toBeTruthy();
  });

  it('merges a Cookiebot declaration into the Connox model; the audit then uses it', async () => {
    const declaration = readFileSync(path.resolve(import.meta.dirname, '../core/policy/fixtures/cookiebot-cd.js'), 'utf8');
    const options = await harness.session.context.newPage();
    await options.goto(`chrome-extension://${harness.session.extensionId}/src/options/index.html`);
    // The drafting test above assigned connox.nl to its draft; give the domain back to the model's own match.
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'options/unassign-domain', domain: 'connox.nl' }));
    await options.getByTestId('declaration-model').selectOption('connox');
    await options.getByTestId('declaration-text').fill(declaration);
    await options.getByTestId('declaration-source').fill('https://consent.cookiebot.com/fixture/cd.js');
    await options.getByTestId('declaration-submit').click();
    await expect.poll(() => options.getByTestId('declaration-status').textContent(), { timeout: 10_000 }).toMatch(/declared cookies/);
    const shop = await harness.session.context.newPage();
    await shop.goto(`${SHOP}/`);
    await settle(shop);
    const tabId = await harness.session.tabIdOf(shop);
    await shop.waitForTimeout(500);
    const report = (await options.evaluate((id) => chrome.runtime.sendMessage({ type: 'popup/get-report', tabId: id }), tabId)) as AuditReport;
    expect(report.policy).toMatchObject({ id: 'connox', origin: 'user' });
  });
});
