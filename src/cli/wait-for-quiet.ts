import type { Page } from 'playwright-core';

/**
 * Waits for the page's load event, then until no new request has started for `quietMs`
 * (at most `maxMs`; `quiet: false` then). Playwright's 'networkidle' never fires on pages whose credentialed
 * cross-origin fetches it does not see finish, so quiet is measured on request starts.
 */
export async function waitForQuiet(page: Page, quietMs = 1_000, maxMs = 15_000): Promise<{ quiet: boolean }> {
  const started = Date.now();
  let last = Date.now();
  const onRequest = (): void => {
    last = Date.now();
  };
  page.on('request', onRequest);
  try {
    await page.waitForLoadState('load', { timeout: maxMs }).catch(() => {});
    while (Date.now() - last < quietMs && Date.now() - started < maxMs) {
      await page.waitForTimeout(100);
    }
    // Says whether the wait ended by quiet or by the time limit: the report tells the reader which.
    return { quiet: Date.now() - last >= quietMs };
  } finally {
    page.off('request', onRequest);
  }
}
