import browser from 'webextension-polyfill';

const MISSING_BADGE = '!';
const MISSING_COLOR = '#b45309';

/**
 * Host permissions are optional in Firefox MV3 (the user may withhold or revoke them) and can
 * be restricted in Chrome. Without them webRequest, cookies and content scripts go quiet, so a
 * report would look cleaner than the page is: the toolbar button says so (the popup offers to
 * grant) until access is back. Registered synchronously at start like every listener.
 */
export function watchHostAccess(): void {
  const update = (): void => void showHostAccess();
  browser.permissions.onRemoved.addListener(update);
  browser.permissions.onAdded.addListener(update);
  update();
}

async function showHostAccess(): Promise<void> {
  const origins = (browser.runtime.getManifest() as { host_permissions?: string[] }).host_permissions ?? [];
  const granted = await browser.permissions.contains({ origins }).catch(() => false);
  // Global values: a tab's own badge (its audit) still shows over them where it is set.
  await browser.action.setBadgeText({ text: granted ? '' : MISSING_BADGE }).catch(() => {});
  if (!granted) await browser.action.setBadgeBackgroundColor({ color: MISSING_COLOR }).catch(() => {});
  const title = granted ? browser.i18n.getMessage('extName') : `${browser.i18n.getMessage('extName')}: ${browser.i18n.getMessage('hostAccess_missing')}`;
  await browser.action.setTitle({ title }).catch(() => {});
}
