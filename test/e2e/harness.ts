import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchWithExtension } from '../../src/cli/launch-browser';
import { ExtensionSession } from '../../src/cli/extension-session';
import { startStorefront, type Storefront } from '../fixtures/storefront/server';
import type { Variant } from '../fixtures/storefront/types';

export const DIST = path.resolve(import.meta.dirname, '../../dist');
export const SHOP = 'https://www.connox.nl';

export interface Harness {
  storefront: Storefront;
  session: ExtensionSession;
  close(): Promise<void>;
}

/** The built extension in real Chromium, with every fixture hostname mapped to the local storefront. */
export async function startHarness(options: { variant?: Variant; allowThirdPartyCookies?: boolean } = {}): Promise<Harness> {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first');
  const storefront = await startStorefront({ variant: options.variant ?? 'planted' });
  const browser = await launchWithExtension({
    extensionDir: DIST,
    allowThirdPartyCookies: options.allowThirdPartyCookies ?? true,
    browserArgs: [`--host-resolver-rules=${storefront.hostResolverRules}`, '--ignore-certificate-errors'],
  });
  const session = new ExtensionSession(browser);
  await session.warmUp(`${SHOP}/blank`);
  return {
    storefront,
    session,
    async close() {
      await session.close();
      await storefront.close();
    },
  };
}

/** Waits until the page has been quiet on the network for a while, then a settle time. */
export async function settle(page: import('playwright-core').Page, ms = 1_500): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(ms);
}
