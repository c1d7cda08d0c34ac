import canonicalize from 'canonicalize';
import type { AuditReport } from '../audit/report-types.ts';

/** One way a recorded report differs from the one its observations give. */
export type ReportDifference =
  /** The recorded report has a finding the observations do not give (added or altered by hand). */
  | { kind: 'finding_not_derived'; id: string; ruleId: string }
  /** The observations give a finding the recorded report lacks (removed by hand). */
  | { kind: 'finding_missing'; id: string; ruleId: string }
  /** Same finding, other content: the fields that differ. */
  | { kind: 'finding_changed'; id: string; ruleId: string; fields: string[] }
  /** A part of the report beyond its findings (page, summary, tables …). */
  | { kind: 'field_changed'; field: string };

/** Every difference between the recorded and the re-derived report, findings by id first. */
export function reportDifferences(recorded: AuditReport, derived: AuditReport): ReportDifference[] {
  const out: ReportDifference[] = [];
  const recordedFindings = Array.isArray(recorded.findings) ? recorded.findings : [];
  const derivedById = new Map(derived.findings.map((f) => [f.id, f]));
  const recordedIds = new Set<string>();
  for (const f of recordedFindings) {
    recordedIds.add(f.id);
    const twin = derivedById.get(f.id);
    if (!twin) out.push({ kind: 'finding_not_derived', id: String(f.id), ruleId: String(f.ruleId) });
    else {
      const fields = differingKeys(f, twin);
      if (fields.length > 0) out.push({ kind: 'finding_changed', id: f.id, ruleId: f.ruleId, fields });
    }
  }
  for (const f of derived.findings) if (!recordedIds.has(f.id)) out.push({ kind: 'finding_missing', id: f.id, ruleId: f.ruleId });
  // The order of findings is the report's too: the same set reordered is a different report.
  if (
    out.length === 0 &&
    !same(
      recordedFindings.map((f) => f.id),
      derived.findings.map((f) => f.id),
    )
  )
    out.push({ kind: 'field_changed', field: 'findings' });
  for (const field of differingKeys(recorded, derived)) if (field !== 'findings') out.push({ kind: 'field_changed', field });
  return out;
}

function differingKeys(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.filter((k) => !same(ra[k], rb[k]));
}

function same(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}
