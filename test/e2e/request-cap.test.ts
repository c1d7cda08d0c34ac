import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHOP, startHarness, type Harness } from './harness';

// Firing 20,000+ requests takes minutes in this browser; a build with a lower cap shows the
// same code path (cap, overflow count, persisted state) in seconds. The default cap itself is
// covered by the core's unit tests.
const CAP = 300;
const FIRED = 800;

describe('a page that fires more requests than the per-tab cap', () => {
  let harness: Harness;
  let buildDir: string;
  beforeAll(async () => {
    buildDir = mkdtempSync(path.join(tmpdir(), 'policylens-capped-'));
    execFileSync('npx', ['vite', 'build', '--outDir', buildDir, '--logLevel', 'error'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, VITE_POLICYLENS_REQUEST_CAP: String(CAP) },
      stdio: 'inherit',
    });
    harness = await startHarness({ variant: 'clean', extensionDir: buildDir });
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('keeps requests up to the cap and counts the rest as overflow', async () => {
    const page = await harness.session.context.newPage();
    await page.goto(`${SHOP}/heavy?n=${FIRED}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'done', undefined, { timeout: 60_000 });
    await page.waitForTimeout(1_500);
    const tabId = await harness.session.tabIdOf(page);
    const summary = await harness.session.tabSummary(tabId);
    const state = await harness.session.tabState(tabId);
    // The main document plus FIRED fetches.
    expect(state?.requests.length).toBe(CAP);
    expect(state?.overflow.requests).toBe(FIRED + 1 - CAP);
    expect(summary?.requests).toBe(FIRED + 1);
  });
});
