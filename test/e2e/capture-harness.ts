import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type LaunchedBrowser } from '../../src/cli/launch-browser';
import { ExtensionSession } from '../../src/cli/extension-session';
import { CdpConnection } from '../../src/cli/devtools/cdp-connection';
import { DevtoolsRecorder } from '../../src/cli/devtools/devtools-recorder';
import { startCaptureServer, type CaptureServer } from '../fixtures/capture/server';
import { SHOP } from '../fixtures/capture/techniques';
import type { TabState } from '../../src/core/observe/tab-state';
import { DIST } from './harness';

export interface CaptureHarness {
  server: CaptureServer;
  browser: LaunchedBrowser;
  session: ExtensionSession;
  cdp: CdpConnection;
  devtools: DevtoolsRecorder;
  close(): Promise<void>;
}

/** The built extension in Chromium against the capture page, with a DevTools-protocol recorder on every target as ground truth. */
export async function startCaptureHarness(): Promise<CaptureHarness> {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build: run \`npm run build\` first`);
  const server = await startCaptureServer();
  const browser = await launchWithExtension({
    extensionDir: DIST,
    allowThirdPartyCookies: true,
    devtoolsPort: true,
    browserArgs: [`--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors'],
  });
  const session = new ExtensionSession(browser);
  await session.warmUp(`${SHOP}/blank`);
  const cdp = await CdpConnection.fromProfile(browser.profileDir);
  const devtools = await DevtoolsRecorder.start(cdp, { hookCookies: false });
  return {
    server,
    browser,
    session,
    cdp,
    devtools,
    async close() {
      await cdp.close();
      await session.close();
      await server.close();
    },
  };
}

/** Waits until `done(state)` holds for the page's tab (the extension records asynchronously), at most `maxMs`. */
export async function stateWhen(h: CaptureHarness, page: Page, done: (state: TabState) => boolean, maxMs = 10_000): Promise<TabState> {
  const tabId = await h.session.tabIdOf(page);
  const deadline = Date.now() + maxMs;
  for (;;) {
    const state = await h.session.tabState(tabId);
    if (state && (done(state) || Date.now() > deadline)) return state;
    if (!state && Date.now() > deadline) throw new Error('the extension has no state for the capture page');
    await page.waitForTimeout(250);
  }
}

/** scheme://host/path of a URL: techniques are told apart by host and path. */
export function bare(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}
