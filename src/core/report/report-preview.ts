import { SEVERITIES } from '../audit/report-types.ts';
import type { AuditReport, AuditWarning, Finding, Severity } from '../audit/report-types.ts';
import type { ConsentSnapshot } from '../consent/consent-state.ts';
import { timelineLayout } from './timeline-layout.ts';

/**
 * How many findings the popup's first screen shows before the whole report is there: a
 * 600 px popup fits about a dozen collapsed findings under the header, and a few more keep
 * the list from ending at the fold while the rest arrives.
 */
export const LEAD_FINDINGS = 15;

/** How many items each of the report's sections holds (the popup's tab counts). */
export interface ReportSectionCounts {
  violations: number;
  timelineMarks: number;
  companies: number;
  cookies: number;
  storage: number;
  /** Companies that sent at least one request. */
  /** Requests the visit made (the Requests tab is the request log). */
  requests: number;
  uncheckable: number;
}

/** A severity group's heading: its size in the whole report, even while only its first findings are shown. */
export interface SeverityCount {
  severity: Severity;
  count: number;
}

/**
 * What the popup needs for its first screen: the verdict, the header, the counts and the
 * first findings in display order. Small whatever the report's size, so it crosses the
 * message channel and renders at once; the whole report follows on demand.
 */
export interface ReportPreview {
  generatedAt: number;
  page: AuditReport['page'];
  policy: AuditReport['policy'];
  consent: { now: ConsentSnapshot };
  summary: AuditReport['summary'];
  warnings: AuditWarning[];
  sections: ReportSectionCounts;
  violationGroups: SeverityCount[];
  notices: number;
  /** The first findings in display order (see orderFindings). */
  leadFindings: Finding[];
}

/** Findings in the order the popup lists them: violations from most to least severe, then notices. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  const violations = SEVERITIES.flatMap((severity) => findings.filter((f) => f.kind === 'violation' && f.severity === severity));
  return [...violations, ...findings.filter((f) => f.kind === 'notice')];
}

/** The violation groups (most severe first, empty ones dropped) and the number of notices. */
export function countFindingGroups(findings: readonly Finding[]): { violationGroups: SeverityCount[]; notices: number } {
  const bySeverity = new Map<Severity, number>();
  let notices = 0;
  for (const f of findings) {
    if (f.kind === 'notice') notices += 1;
    else bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  }
  const violationGroups = SEVERITIES.flatMap((severity) => {
    const count = bySeverity.get(severity) ?? 0;
    return count > 0 ? [{ severity, count }] : [];
  });
  return { violationGroups, notices };
}

/** The section counts the popup's tabs show. */
export function countSections(report: AuditReport): ReportSectionCounts {
  return {
    violations: report.findings.filter((f) => f.kind === 'violation').length,
    timelineMarks: timelineLayout(report).marks.length,
    companies: report.vendors.length,
    cookies: report.cookies.length,
    storage: report.storage.length,
    requests: report.counts.requests,
    uncheckable: report.uncheckable.length,
  };
}

/** The preview of a report: its first `lead` findings in display order and everything counted. */
export function previewReport(report: AuditReport, lead: number = LEAD_FINDINGS): ReportPreview {
  return {
    generatedAt: report.generatedAt,
    page: report.page,
    policy: report.policy,
    consent: { now: report.consent.now },
    summary: report.summary,
    warnings: report.warnings,
    sections: countSections(report),
    ...countFindingGroups(report.findings),
    leadFindings: orderFindings(report.findings).slice(0, lead),
  };
}
