import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/**
 * Ed25519 over the bundle's canonical bytes, with @noble/curves: audited, pure JS and
 * synchronous, so the core signs and checks alike in Node, the worker and the options page
 * without WebCrypto (a global the core may not use, and async), and by the same author as
 * the @noble/hashes the bundle's SHA-256 already comes from.
 */
export const SIGNATURE_ALGORITHM = 'Ed25519';

export interface BundleSignature {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** The raw 32-byte public key, lower-case hex. */
  publicKey: string;
  /** SHA-256 of the raw public key, lower-case hex: what `verify --expect-key` compares. */
  keyFingerprint: string;
  /** The 64-byte signature over the canonical content, lower-case hex. */
  value: string;
}

export interface SigningKey {
  /** The raw 32-byte secret key. */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

const HEX_RE = /^[0-9a-f]*$/;

/** A key pair from 32 random bytes (the caller's randomness: the core has no random source). */
export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  const { secretKey, publicKey } = ed25519.keygen(seed);
  return { secretKey, publicKey };
}

/** The key pair of a stored 32-byte secret key. */
export function signingKeyFromSecret(secretKey: Uint8Array): SigningKey {
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function keyFingerprint(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey));
}

export function signBytes(message: Uint8Array, key: SigningKey): BundleSignature {
  return {
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: bytesToHex(key.publicKey),
    keyFingerprint: keyFingerprint(key.publicKey),
    value: bytesToHex(ed25519.sign(message, key.secretKey)),
  };
}

export type SignatureCheck = { ok: true; fingerprint: string } | { ok: false; why: 'malformed' | 'fingerprint_mismatch' | 'invalid' };

/** Checks a signature record against the message; its fingerprint must be its own key's. */
export function checkSignature(message: Uint8Array, signature: unknown): SignatureCheck {
  if (!isSignatureRecord(signature)) return { ok: false, why: 'malformed' };
  const publicKey = hexToBytes(signature.publicKey);
  const fingerprint = keyFingerprint(publicKey);
  if (fingerprint !== signature.keyFingerprint) return { ok: false, why: 'fingerprint_mismatch' };
  // zip215: false: the strict RFC 8032 / FIPS 186-5 rules, not the more lenient consensus ones.
  return verifies(hexToBytes(signature.value), message, publicKey) ? { ok: true, fingerprint } : { ok: false, why: 'invalid' };
}

function verifies(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(sig, message, publicKey, { zip215: false });
  } catch {
    // A public key that is no curve point: not a valid signature either.
    return false;
  }
}

function isSignatureRecord(value: unknown): value is BundleSignature {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.algorithm === SIGNATURE_ALGORITHM && isHex(v.publicKey, 64) && isHex(v.keyFingerprint, 64) && isHex(v.value, 128);
}

function isHex(value: unknown, length: number): value is string {
  return typeof value === 'string' && value.length === length && HEX_RE.test(value);
}
