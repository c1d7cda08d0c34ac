import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchWithExtension } from '../../src/cli/launch-browser';
import { ExtensionSession } from '../../src/cli/extension-session';
import { startStorefront, type Storefront } from '../fixtures/storefront/server';
import type { Variant } from '../fixtures/storefront/types';

export const DIST = path.resolve(process.env.POLICYLENS_DIST ?? path.join(import.meta.dirname, '../../dist'));
export const SHOP = 'https://www.connox.nl';

export interface Harness {
  storefront: Storefront;
  session: ExtensionSession;
  close(): Promise<void>;
}

/** The built extension in real Chromium, with every fixture hostname mapped to the local storefront. */
export async function startHarness(
  options: { variant?: Variant; allowThirdPartyCookies?: boolean; extensionDir?: string; locale?: string } = {},
): Promise<Harness> {
  const extensionDir = options.extensionDir ?? DIST;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no build: run \`npm run build\` first`);
  const storefront = await startStorefront({ variant: options.variant ?? 'planted' });
  const browser = await launchWithExtension({
    extensionDir,
    allowThirdPartyCookies: options.allowThirdPartyCookies ?? true,
    ...(options.locale ? { locale: options.locale } : {}),
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

export { waitForQuiet as settle } from '../../src/cli/wait-for-quiet';
