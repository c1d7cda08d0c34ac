import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { keyFingerprint, signingKeyFromSecret, type SigningKey } from './evidence-signature.ts';

/** The key files `policylens keygen` writes, read by the CLI and by the options page alike. */
const KEY_FORMAT = 'policylens-signing-key';
const PUBLIC_FORMAT = 'policylens-public-key';
const HEX64_RE = /^[0-9a-f]{64}$/;

/** The secret key file's JSON (keep it private: whoever holds it can sign as you). */
export function signingKeyFileText(key: SigningKey): string {
  const publicKey = bytesToHex(key.publicKey);
  return `${JSON.stringify({ format: KEY_FORMAT, algorithm: 'Ed25519', secretKey: bytesToHex(key.secretKey), publicKey, fingerprint: keyFingerprint(key.publicKey) }, null, 2)}\n`;
}

/** The public key file's JSON: what a reader of your bundles may have. */
export function publicKeyFileText(key: SigningKey): string {
  return `${JSON.stringify({ format: PUBLIC_FORMAT, algorithm: 'Ed25519', publicKey: bytesToHex(key.publicKey), fingerprint: keyFingerprint(key.publicKey) }, null, 2)}\n`;
}

export type SigningKeyFileResult = { ok: true; key: SigningKey } | { ok: false; problem: 'not_json' | 'not_a_key' | 'key_mismatch' };

/** Reads a secret key file; the public key it names must be its secret key's. */
export function parseSigningKeyFile(text: string): SigningKeyFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  const k = json as Record<string, unknown> | null;
  if (!k || typeof k !== 'object' || k.format !== KEY_FORMAT || k.algorithm !== 'Ed25519' || typeof k.secretKey !== 'string' || !HEX64_RE.test(k.secretKey)) {
    return { ok: false, problem: 'not_a_key' };
  }
  const key = signingKeyFromSecret(hexToBytes(k.secretKey));
  return k.publicKey === bytesToHex(key.publicKey) ? { ok: true, key } : { ok: false, problem: 'key_mismatch' };
}

/** A stored secret key (64 hex digits) as a key pair, or null when it is not one. */
export function signingKeyFromHex(secretKey: unknown): SigningKey | null {
  return typeof secretKey === 'string' && HEX64_RE.test(secretKey) ? signingKeyFromSecret(hexToBytes(secretKey)) : null;
}
