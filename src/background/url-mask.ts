import browser from 'webextension-polyfill';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { keepUrlValues, urlMasker, type UrlMask } from '../core/observe/mask-url';
import { KEEP_URL_VALUES_KEY, URL_MASK_SALT_KEY } from '../messaging/url-mask-keys';

const SALT_BYTES = 32;
const SALT_HEX = /^[0-9a-f]{64}$/;

let salted: UrlMask = urlMasker(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
let keep = false;

/**
 * The mask every recorder applies to URLs before it keeps them. The salt is made once per
 * browser session and kept in storage.session (memory only, gone when the browser closes) so a
 * worker restart hashes a value as before; it is never part of a tab's state or an export.
 */
export const urlMask: UrlMask = (url) => (keep ? keepUrlValues(url) : salted(url));

/**
 * Reads the salt (or stores the one made at start) and the keep setting, and follows their
 * changes. Registered at worker start, before the tab store reads its state, so the storage
 * reads answer in that order and events (queued behind the tab store) see the stored salt.
 */
export function followUrlMaskSettings(): void {
  const applySalt = (value: unknown): void => {
    if (typeof value === 'string' && SALT_HEX.test(value)) salted = urlMasker(hexToBytes(value));
  };
  void browser.storage.session.get(URL_MASK_SALT_KEY).then((stored) => {
    if (typeof stored[URL_MASK_SALT_KEY] === 'string') return applySalt(stored[URL_MASK_SALT_KEY]);
    const fresh = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    salted = urlMasker(fresh);
    return browser.storage.session.set({ [URL_MASK_SALT_KEY]: bytesToHex(fresh) });
  });
  void browser.storage.local.get(KEEP_URL_VALUES_KEY).then((stored) => {
    keep = stored[KEEP_URL_VALUES_KEY] === true;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && URL_MASK_SALT_KEY in changes) applySalt(changes[URL_MASK_SALT_KEY]?.newValue);
    if (area === 'local' && KEEP_URL_VALUES_KEY in changes) keep = changes[KEEP_URL_VALUES_KEY]?.newValue === true;
  });
}
