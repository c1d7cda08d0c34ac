import canonicalize from 'canonicalize';
import type { AuditReport } from '../audit/report-types.ts';
import { verifyParsedBundle, type IntegrityProblem, type VerifyBundleOptions } from './evidence-bundle.ts';
import { rederiveReport, type RederiveDeps, type RederiveResult } from './rederive-report.ts';
import { reportDifferences, type ReportDifference } from './report-differences.ts';
import { parseStrictJson } from './strict-json.ts';

export type EvidenceProblem =
  | IntegrityProblem
  | Extract<RederiveResult, { ok: false }>['problem']
  /** The sealed report is not a report (no findings list, no time): nothing to compare. */
  | { code: 'report_unreadable' }
  /** A CLI result file whose bundle has no sealed run (written before format 2): its scenario and consent are unsealed. */
  | { code: 'run_not_sealed' }
  /** The CLI result file's own copy of a sealed field differs from the sealed one. */
  | { code: 'unsealed_field_differs'; field: string }
  /** The report does not follow from the observations: see `differences`. */
  | { code: 'report_not_derived'; recordedVersion: string; verifierVersion: string };

export type VerifyEvidenceResult =
  { ok: true; hash: string; signedBy: string | null; report: AuditReport } | { ok: false; problem: EvidenceProblem; differences: ReportDifference[] };

export interface VerifyEvidenceOptions extends VerifyBundleOptions {
  /** This verifier's extension version, named when re-derivation differs from a bundle of another version. */
  verifierVersion: string;
}

/** Fields of the CLI's result file that are read outside the seal; each must equal its sealed twin. */
const RESULT_FILE_COPIES = ['url', 'finalUrl', 'scenario', 'consent', 'durationMs', 'autoconsentVersion'] as const;

/**
 * Everything `policylens verify` and the options page check, in order: one unambiguous JSON
 * document; an evidence bundle (or the CLI's result file holding one, its copies of the run
 * equal to the sealed run); hash; signature and expected key; and the report re-derived
 * from the sealed observations with the sealed model, equal to the recorded one. A re-hashed
 * edit of the report fails the last step; a re-hashed edit of the observations too, unless
 * the report was re-made to match, which only a signature catches.
 */
export function verifyEvidence(json: string, deps: RederiveDeps, options: VerifyEvidenceOptions): VerifyEvidenceResult {
  const parsed = parseStrictJson(json);
  if (!parsed.ok) return fail(parsed.problem);
  const outer = parsed.value as Record<string, unknown> | null;
  const isResultFile = typeof outer === 'object' && outer !== null && outer.format === 'policylens-audit';
  const integrity = verifyParsedBundle(isResultFile ? outer.evidence : outer, options);
  if (!integrity.ok) return fail(integrity.problem);
  if (isResultFile) {
    if (!isRecord(integrity.content.run)) return fail({ code: 'run_not_sealed' });
    const run = integrity.content.run;
    for (const field of RESULT_FILE_COPIES) {
      if (canonicalize(outer[field] ?? null) !== canonicalize(run[field] ?? null)) return fail({ code: 'unsealed_field_differs', field });
    }
  }
  const recorded = integrity.content.report;
  if (!isRecord(recorded) || !Array.isArray(recorded.findings) || !recorded.findings.every(isRecord) || typeof recorded.generatedAt !== 'number') {
    return fail({ code: 'report_unreadable' });
  }
  const derived = rederiveReport(integrity.content, deps);
  if (!derived.ok) return fail(derived.problem);
  const differences = reportDifferences(recorded as unknown as AuditReport, derived.report);
  if (differences.length > 0) {
    const recordedVersion = typeof integrity.content.extensionVersion === 'string' ? integrity.content.extensionVersion : '';
    return { ok: false, problem: { code: 'report_not_derived', recordedVersion, verifierVersion: options.verifierVersion }, differences };
  }
  return { ok: true, hash: integrity.hash, signedBy: integrity.signedBy, report: recorded as unknown as AuditReport };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(problem: EvidenceProblem): VerifyEvidenceResult {
  return { ok: false, problem, differences: [] };
}
