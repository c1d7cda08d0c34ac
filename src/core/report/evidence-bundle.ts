import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AuditReport } from '../audit/report-types.ts';
import { isoUtc } from './format-time.ts';

export const EVIDENCE_FORMAT = 'policylens-evidence';
export const EVIDENCE_FORMAT_VERSION = 1;

export interface BundleIntegrity {
  algorithm: 'SHA-256';
  canonicalization: 'RFC8785';
  /** Lower-case hex SHA-256 of the RFC 8785 form of the bundle without this field. */
  hash: string;
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
  integrity: BundleIntegrity;
}

export interface BuildEvidenceBundleInput {
  report: AuditReport;
  observations: unknown;
  choiceVisitObservations?: unknown;
  extensionVersion: string;
  browserVersion: string;
  /** Epoch ms. */
  createdAt: number;
}

export type VerifyBundleResult = { ok: true; hash: string } | { ok: false; reason: string };

const HEX_SHA256_RE = /^[0-9a-f]{64}$/;

/**
 * Package a report with its raw observations and a content hash so a DPO can show later that
 * the file is unchanged. The hash covers the RFC 8785 canonical JSON of everything except
 * `integrity`, so it survives re-indenting and key reordering but not any change of data.
 */
export function buildEvidenceBundle(input: BuildEvidenceBundleInput): { bundle: EvidenceBundle; json: string } {
  // Round-trip through JSON first: the hash must cover exactly what the file will contain
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
    }),
  ) as Omit<EvidenceBundle, 'integrity'>;
  const bundle: EvidenceBundle = {
    ...unsigned,
    integrity: { algorithm: 'SHA-256', canonicalization: 'RFC8785', hash: hashOf(unsigned) },
  };
  return { bundle, json: `${JSON.stringify(bundle, null, 2)}\n` };
}

/** Check a bundle file: well-formed, our format, and its hash matches its content. */
export function verifyEvidenceBundle(json: string): VerifyBundleResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    return { ok: false, reason: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isRecord(parsed)) return { ok: false, reason: 'not a JSON object' };
  if (parsed.format !== EVIDENCE_FORMAT) return { ok: false, reason: `not a PolicyLens evidence bundle (format is not "${EVIDENCE_FORMAT}")` };
  if (parsed.formatVersion !== EVIDENCE_FORMAT_VERSION) {
    return { ok: false, reason: `unsupported formatVersion ${JSON.stringify(parsed.formatVersion)}` };
  }
  const { integrity, ...rest } = parsed;
  if (!isRecord(integrity)) return { ok: false, reason: 'the integrity field is missing' };
  if (integrity.algorithm !== 'SHA-256' || integrity.canonicalization !== 'RFC8785') {
    return { ok: false, reason: 'unsupported integrity algorithm or canonicalization' };
  }
  if (typeof integrity.hash !== 'string' || !HEX_SHA256_RE.test(integrity.hash)) {
    return { ok: false, reason: 'the integrity hash is not a 64-digit lower-case hex SHA-256' };
  }
  let actual: string;
  try {
    actual = hashOf(rest);
  } catch (err) {
    return { ok: false, reason: `cannot canonicalise the content: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (actual !== integrity.hash) {
    return { ok: false, reason: `content does not match its hash: the file was changed (expected ${integrity.hash}, computed ${actual})` };
  }
  return { ok: true, hash: actual };
}

function hashOf(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('nothing to canonicalise');
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
