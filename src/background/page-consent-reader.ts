import browser from 'webextension-polyfill';
import { PAGE_CONSENT_READER_SCRIPTS, PAGE_CONSENT_READER_SETTING } from '../messaging/page-consent-reader';

const IDS = PAGE_CONSENT_READER_SCRIPTS.map((s) => s.id);
let pending: Promise<void> = Promise.resolve();

/** Whether the user turned the page-reported consent reader on (off unless stored true). */
export async function pageConsentReaderOn(): Promise<boolean> {
  return (await browser.storage.local.get(PAGE_CONSENT_READER_SETTING))[PAGE_CONSENT_READER_SETTING] === true;
}

export async function setPageConsentReader(on: boolean): Promise<void> {
  await browser.storage.local.set({ [PAGE_CONSENT_READER_SETTING]: on });
  await syncPageConsentReader();
}

/**
 * Registers the main-world reader and its bridge while the setting is on, unregisters them
 * while it is off. Run at every start (registrations and the setting must agree, whatever
 * happened while the worker was gone) and after each change; runs one at a time.
 */
export function syncPageConsentReader(): Promise<void> {
  pending = pending.then(applySetting).catch((error: unknown) => console.warn('PolicyLens: could not update the page consent reader', error));
  return pending;
}

async function applySetting(): Promise<void> {
  const on = await pageConsentReaderOn();
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: IDS });
  if (on && registered.length === IDS.length) return;
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((r) => r.id) });
  if (!on) return;
  await browser.scripting.registerContentScripts(
    PAGE_CONSENT_READER_SCRIPTS.map((s) => ({
      id: s.id,
      js: [s.file],
      matches: ['http://*/*', 'https://*/*'],
      runAt: 'document_start' as const,
      allFrames: false,
      world: s.world,
    })),
  );
}
