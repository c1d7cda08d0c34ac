import browser from 'webextension-polyfill';
import { keyFingerprint } from '../core/report/evidence-signature';
import { signingKeyFromHex } from '../core/report/signing-key-file';
import { SIGNING_KEY_SETTING } from '../messaging/settings-keys';

/** The stored signing key's secret (hex), or null; a malformed value counts as none. */
export async function storedSigningKey(): Promise<{ secretKey: string } | null> {
  const value = (await browser.storage.local.get(SIGNING_KEY_SETTING))[SIGNING_KEY_SETTING];
  return signingKeyFromHex(value) ? { secretKey: value as string } : null;
}

export async function signingKeyFingerprint(): Promise<string | null> {
  const stored = await storedSigningKey();
  const key = stored ? signingKeyFromHex(stored.secretKey) : null;
  return key ? keyFingerprint(key.publicKey) : null;
}

export async function setSigningKey(secretKey: string | null): Promise<void> {
  if (secretKey === null) await browser.storage.local.remove(SIGNING_KEY_SETTING);
  else await browser.storage.local.set({ [SIGNING_KEY_SETTING]: secretKey });
}
