import type { CDPSession, Page } from 'playwright-core';
import type { Harness } from './harness';

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

/**
 * Stops the extension's service worker through the DevTools protocol (attached to an
 * extension page, the worker's own origin) and waits for Chromium to report it 'stopped'.
 * Playwright keeps the same Worker handle across a restart, so its 'close' event is no proof;
 * the version's runningStatus is.
 */
export async function stopServiceWorker(harness: Harness): Promise<void> {
  const page: Page = await harness.session.context.newPage();
  await page.goto(`${harness.session.popupUrl(-1)}&static=1`);
  const cdp: CDPSession = await harness.session.context.newCDPSession(page);
  const versions: WorkerVersion[] = [];
  let onStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
    for (const v of event.versions) {
      versions.push(v);
      if (v.scriptURL.includes(harness.session.extensionId) && v.runningStatus === 'stopped') onStopped();
    }
  });
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(300);
  const running = versions.filter((v) => v.scriptURL.includes(harness.session.extensionId) && v.runningStatus === 'running');
  if (running.length === 0) throw new Error('no running extension worker version found');
  for (const v of running) await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
  await stopped;
  await cdp.detach();
  await page.close();
}
