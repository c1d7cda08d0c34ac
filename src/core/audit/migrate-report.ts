import type { AbsenceMessage, FindingMessage } from './finding-message';
import { REPORT_VERSION, type AuditReport, type AuditWarning, type Finding, type UncheckableClaim, type Verdict } from './report-types';

/** A report of this version, or why a stored one cannot be read. */
export type MigratedReport = { ok: true; report: AuditReport; migratedFrom: number | null } | { ok: false; reason: string };

/**
 * Reads a stored report of any version this project has written. Version 1 held English
 * sentences; its findings, warnings, verdict and uncheckable claims become `legacy`
 * messages that show those sentences as they were (a version-1 report was only ever
 * English), so an old evidence file still opens, in a reader of any language.
 */
export function migrateReport(value: unknown): MigratedReport {
  if (!isRecord(value)) return { ok: false, reason: 'a report must be a JSON object' };
  const version = value.reportVersion;
  if (version === REPORT_VERSION) return { ok: true, report: value as unknown as AuditReport, migratedFrom: null };
  if (version !== 1) return { ok: false, reason: `unknown reportVersion ${JSON.stringify(version)} (this PolicyLens reads 1 to ${REPORT_VERSION})` };
  if (!Array.isArray(value.findings) || !isRecord(value.summary)) return { ok: false, reason: 'a version-1 report needs findings and a summary' };
  const report = {
    ...value,
    reportVersion: REPORT_VERSION,
    findings: value.findings.map(migrateFinding),
    warnings: Array.isArray(value.warnings) ? value.warnings.map(migrateWarning) : [],
    uncheckable: Array.isArray(value.uncheckable) ? value.uncheckable.map(migrateUncheckable) : [],
    summary: {
      ...value.summary,
      checkedAgainst: value.policy ? 'shop-policy' : 'legal-baseline',
      verdict: { code: 'legacy', params: { text: text(value.summary.verdict) } } satisfies Verdict,
    },
  };
  return { ok: true, report: report as unknown as AuditReport, migratedFrom: 1 };
}

function migrateFinding(value: unknown): Finding {
  const f = isRecord(value) ? value : {};
  const { title, explanation, absence, ...rest } = f;
  const message: FindingMessage = { code: 'legacy', params: { title: text(title), explanation: text(explanation) } };
  const migratedAbsence: AbsenceMessage | null = typeof absence === 'string' ? { code: 'legacy', params: { text: absence } } : null;
  const grounds = rest.clause || migratedAbsence ? 'shop-policy' : null;
  return { ...rest, message, absence: migratedAbsence, grounds } as unknown as Finding;
}

function migrateWarning(value: unknown): AuditWarning {
  const w = isRecord(value) ? value : {};
  return { code: 'legacy', params: { text: text(w.message) } };
}

function migrateUncheckable(value: unknown): UncheckableClaim {
  const u = isRecord(value) ? value : {};
  const { summary, ...rest } = u;
  return { ...rest, message: { code: 'legacy', params: { text: text(summary) } }, notCheckedByThisVersion: false } as unknown as UncheckableClaim;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
