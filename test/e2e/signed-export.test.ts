import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOP, settle, startHarness, type Harness } from './harness';
import { verifyEvidence } from '../../src/core/report/verify-evidence';
import { defaultVendorIndex } from '../../src/cli/default-vendor-index';
import { nodeData } from '../../src/data/node-data';

/**
 * The popup's evidence export in the loaded extension: signed with the key the options page
 * made, sealed with the model its report rests on, and re-derivable by `policylens verify`.
 */
describe('signed evidence export from the popup', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('signs with the options page key and the bundle verifies with re-derivation and --expect-key', async () => {
    harness = await startHarness({ variant: 'planted', locale: 'en-US' });
    const options = await harness.session.context.newPage();
    await options.goto(`chrome-extension://${harness.session.extensionId}/src/options/index.html`);
    await options.getByTestId('signing-generate').click();
    await options.getByTestId('signing-remove').waitFor();
    const fingerprint = /fingerprint ([0-9a-f]{64})/.exec((await options.getByTestId('signing-status').textContent()) ?? '')?.[1];
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const shop = await harness.session.context.newPage();
    await shop.goto(`${SHOP}/`);
    await settle(shop);
    const tabId = await harness.session.tabIdOf(shop);
    await shop.waitForTimeout(500);
    const popup = await harness.session.context.newPage();
    await popup.goto(harness.session.popupUrl(tabId, '&static=1'));
    await popup.getByTestId('state-ready').waitFor();
    await popup.locator('[data-testid="report-tabs"][data-report="whole"]').waitFor();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('export-json').click()]);
    const text = readFileSync((await download.path())!, 'utf8');

    const models = nodeData.models();
    const deps = { vendors: defaultVendorIndex(), bundledModel: (id: string) => models.find((m) => m.id === id) ?? null };
    const result = verifyEvidence(text, deps, { verifierVersion: 'e2e', expectKey: fingerprint! });
    expect(result, JSON.stringify(result.ok ? null : { problem: result.problem, differences: result.differences.slice(0, 5) })).toMatchObject({
      ok: true,
      signedBy: fingerprint,
    });
    const bundle = JSON.parse(text) as { report: { policy: { id: string } | null; summary: { violations: number } }; policyModel?: { id: string } };
    expect(bundle.report.summary.violations).toBeGreaterThan(0);
    expect(bundle.policyModel?.id).toBe(bundle.report.policy?.id);
  });
});
