/**
 * The popup part of the browser benchmark alone (`npm run bench:popup`, after
 * `npx vite build`): the extension's popup for a tab with 5,000 requests (navigation start →
 * verdict), then the App over 5- and 500-finding fixture reports in one run. Prints the
 * figures with the machine's load average, since the machine may be shared.
 */
import { loadavg } from 'node:os';
import { DEFAULT_DIST } from '../../src/cli/ensure-build.ts';
import { ExtensionSession } from '../../src/cli/extension-session.ts';
import { launchWithExtension } from '../../src/cli/launch-browser.ts';
import { startStorefront } from '../fixtures/storefront/server.ts';
import { benchPopupFixture, benchRealPopup } from './popup-timing.ts';

const SHOP = 'https://www.connox.nl';
const HEAVY_REQUESTS = 5_000;

const log = (line: string) => console.log(line);
const storefront = await startStorefront({ variant: 'clean' });
const launched = await launchWithExtension({
  extensionDir: DEFAULT_DIST,
  allowThirdPartyCookies: true,
  browserArgs: [`--host-resolver-rules=${storefront.hostResolverRules}`, '--ignore-certificate-errors'],
});
try {
  const session = new ExtensionSession(launched);
  await session.warmUp(`${SHOP}/blank`);
  log(
    `Chromium ${launched.context.browser()?.version() ?? (await session.browserVersion())}; load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const page = await launched.context.newPage();
  await page.goto(`${SHOP}/heavy?n=${HEAVY_REQUESTS}`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'done', null, { timeout: 240_000 });
  const tabId = await session.tabIdOf(page);
  for (let tries = 0; tries < 50 && ((await session.tabState(tabId))?.requests.length ?? 0) < HEAVY_REQUESTS; tries++) await page.waitForTimeout(200);
  // The worker audits a tab once it is quiet; the popup is opened on a finished audit, as in the full bench.
  await page.waitForTimeout(1_000);
  for (let tries = 0; tries < 50 && (await session.report(tabId)) === null; tries++) await page.waitForTimeout(200);
  log(`heavy tab: ${(await session.tabState(tabId))?.requests.length ?? 0} requests recorded`);
  const fixture = await benchPopupFixture(launched.context, log);
  await benchRealPopup(launched.context, session.popupUrl(tabId, '&static=1'), log);
  for (const size of fixture.sizes) log(`  ${size.findings}: ${size.runs.map((r) => (r.firstScreenFromMountMs ?? NaN).toFixed(1)).join(', ')} ms from mount`);
  log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await launched.close();
  await storefront.close();
}
