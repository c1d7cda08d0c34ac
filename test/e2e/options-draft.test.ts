import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, settle, startHarness, type Harness } from './harness';

describe('drafting a model from the privacy page open in a tab', () => {
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
});
