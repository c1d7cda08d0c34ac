import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AuditReport } from '../audit/report-types.ts';
import type { PolicyModel } from '../policy/schema.ts';
import { checkSignature, signBytes, type BundleSignature, type SigningKey } from './evidence-signature.ts';
import { isoUtc } from './format-time.ts';
import { parseStrictJson } from './strict-json.ts';

export const EVIDENCE_FORMAT = 'policylens-evidence';
/** 2: the policy model, the CLI's run and an optional Ed25519 signature inside the seal. 1 still verifies. */
export const EVIDENCE_FORMAT_VERSION = 2;
const READABLE_VERSIONS: ReadonlySet<unknown> = new Set([1, 2]);

export interface BundleIntegrity {
  algorithm: 'SHA-256';
  canonicalization: 'RFC8785';
  /** Lower-case hex SHA-256 of the RFC 8785 form of the bundle without this field. */
  hash: string;
  /** Ed25519 over the same RFC 8785 bytes, when the bundle was made with a signing key. */
  signature?: BundleSignature;
}

/** How the CLI's page × scenario went: inside the seal, so scenario and consent cannot be swapped. */
export interface SealedRun {
  url: string;
  finalUrl: string;
  scenario: string;
  /** The consent scenario's record: the consent tool, each action with its time, the journey steps. */
  consent: unknown;
  durationMs: number | null;
  autoconsentVersion: string | null;
}

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  formatVersion: typeof EVIDENCE_FORMAT_VERSION;
  /** ISO 8601 UTC. */
  createdAt: string;
  extensionVersion: string;
  browserVersion: string;
  report: AuditReport;
  /** The tab's observation log as the background recorded it (JSON data). */
  observations: unknown;
  /** In a scenario: the log of the visit in which the consent choice was made (the report covers both). */
  choiceVisitObservations?: unknown;
  /**
   * The model the report was held against (null: the legal baseline), so `verify` can audit
   * again; absent when the maker did not have it (then a bundled model of the report's id is used).
   */
  policyModel?: PolicyModel | null;
  run?: SealedRun;
  integrity: BundleIntegrity;
}

export interface BuildEvidenceBundleInput {
  report: AuditReport;
  observations: unknown;
  choiceVisitObservations?: unknown;
  policyModel?: PolicyModel | null;
  run?: SealedRun;
  extensionVersion: string;
  browserVersion: string;
  /** Epoch ms. */
  createdAt: number;
  signingKey?: SigningKey;
}

/** Why a bundle's integrity does not hold; worded by the CLI and the options page's catalogue. */
export type IntegrityProblem =
  | { code: 'byte_order_mark' }
  | { code: 'not_json'; detail: string }
  | { code: 'duplicate_key'; key: string; path: string }
  | { code: 'lone_surrogate' }
  | { code: 'not_object' }
  | { code: 'wrong_format' }
  | { code: 'unsupported_version'; version: string }
  | { code: 'no_integrity' }
  | { code: 'unsupported_algorithm' }
  | { code: 'malformed_hash' }
  | { code: 'hash_mismatch'; expected: string; actual: string }
  | { code: 'signature_malformed' }
  | { code: 'signature_fingerprint_mismatch' }
  | { code: 'signature_invalid' }
  | { code: 'unsigned_but_key_expected'; expected: string }
  | { code: 'other_key'; expected: string; actual: string };

export type VerifyBundleResult =
  { ok: true; hash: string; signedBy: string | null; content: Record<string, unknown> } | { ok: false; problem: IntegrityProblem };

export interface VerifyBundleOptions {
  /** SHA-256 fingerprint (hex) of the public key the bundle must be signed with. */
  expectKey?: string;
}

const HEX_SHA256_RE = /^[0-9a-f]{64}$/;

/**
 * Package a report with its raw observations, the model it was held against and a content
 * hash (and, with a key, an Ed25519 signature) so a DPO can show later that the file is
 * unchanged and who made it. Hash and signature cover the RFC 8785 canonical JSON of
 * everything except `integrity`, so they survive re-indenting and key reordering but not any
 * change of data.
 */
export function buildEvidenceBundle(input: BuildEvidenceBundleInput): { bundle: EvidenceBundle; json: string } {
  // Round-trip through JSON first: the seal must cover exactly what the file will contain
  // (undefined fields dropped, toJSON applied), or verification of the file would fail.
  const unsigned = JSON.parse(
    JSON.stringify({
      format: EVIDENCE_FORMAT,
      formatVersion: EVIDENCE_FORMAT_VERSION,
      createdAt: isoUtc(input.createdAt),
      extensionVersion: input.extensionVersion,
      browserVersion: input.browserVersion,
      report: input.report,
      observations: input.observations ?? null,
      // Sealed with the rest: a scenario's evidence is both visits, not the reload alone.
      ...(input.choiceVisitObservations !== undefined ? { choiceVisitObservations: input.choiceVisitObservations } : {}),
      ...(input.policyModel !== undefined ? { policyModel: input.policyModel } : {}),
      ...(input.run ? { run: input.run } : {}),
    }),
  ) as Omit<EvidenceBundle, 'integrity'>;
  const canonical = canonicalBytes(unsigned);
  const integrity: BundleIntegrity = { algorithm: 'SHA-256', canonicalization: 'RFC8785', hash: bytesToHex(sha256(canonical)) };
  if (input.signingKey) integrity.signature = signBytes(canonical, input.signingKey);
  const bundle: EvidenceBundle = { ...unsigned, integrity };
  return { bundle, json: `${JSON.stringify(bundle, null, 2)}\n` };
}

/**
 * Check a bundle file's integrity: one unambiguous JSON document (no BOM, no duplicate
 * key), our format, its hash matches its content, and its signature (if any, and required
 * with `expectKey`) is valid for the key it names. Whether the report follows from the
 * observations is `verifyEvidence`'s second step.
 */
export function verifyEvidenceBundle(json: string, options: VerifyBundleOptions = {}): VerifyBundleResult {
  const parsed = parseStrictJson(json);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  return verifyParsedBundle(parsed.value, options);
}

/** The same checks on an already strictly parsed value (the CLI's result file holds the bundle as a field). */
export function verifyParsedBundle(value: unknown, options: VerifyBundleOptions = {}): VerifyBundleResult {
  if (!isRecord(value)) return { ok: false, problem: { code: 'not_object' } };
  if (value.format !== EVIDENCE_FORMAT) return { ok: false, problem: { code: 'wrong_format' } };
  if (!READABLE_VERSIONS.has(value.formatVersion))
    return { ok: false, problem: { code: 'unsupported_version', version: JSON.stringify(value.formatVersion) ?? '' } };
  const { integrity, ...rest } = value;
  if (!isRecord(integrity)) return { ok: false, problem: { code: 'no_integrity' } };
  if (integrity.algorithm !== 'SHA-256' || integrity.canonicalization !== 'RFC8785') return { ok: false, problem: { code: 'unsupported_algorithm' } };
  if (typeof integrity.hash !== 'string' || !HEX_SHA256_RE.test(integrity.hash)) return { ok: false, problem: { code: 'malformed_hash' } };
  let canonical: Uint8Array;
  try {
    canonical = canonicalBytes(rest);
  } catch (err) {
    return { ok: false, problem: { code: 'not_json', detail: err instanceof Error ? err.message : String(err) } };
  }
  const actual = bytesToHex(sha256(canonical));
  if (actual !== integrity.hash) return { ok: false, problem: { code: 'hash_mismatch', expected: integrity.hash, actual } };
  let signedBy: string | null = null;
  if (integrity.signature !== undefined) {
    const check = checkSignature(canonical, integrity.signature);
    if (!check.ok) return { ok: false, problem: { code: `signature_${check.why}` } };
    signedBy = check.fingerprint;
  }
  const expected = options.expectKey?.trim().toLowerCase();
  if (expected) {
    if (signedBy === null) return { ok: false, problem: { code: 'unsigned_but_key_expected', expected } };
    if (signedBy !== expected) return { ok: false, problem: { code: 'other_key', expected, actual: signedBy } };
  }
  return { ok: true, hash: actual, signedBy, content: rest };
}

function canonicalBytes(value: unknown): Uint8Array {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('nothing to canonicalise');
  return utf8ToBytes(canonical);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
