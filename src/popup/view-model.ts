import { SEVERITIES } from '../core/audit/report-types';
import type { Finding, Severity } from '../core/audit/report-types';

export interface SeverityGroup {
  severity: Severity;
  findings: Finding[];
}

/** Violations grouped by severity (most severe first, empty groups dropped), and notices apart. */
export function groupFindings(findings: readonly Finding[]): { violations: SeverityGroup[]; notices: Finding[] } {
  const violations = SEVERITIES.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.kind === 'violation' && f.severity === severity),
  })).filter((g) => g.findings.length > 0);
  return { violations, notices: findings.filter((f) => f.kind === 'notice') };
}

/** A file name from page data: only safe characters survive. */
export function exportFileName(host: string, createdAt: number, extension: 'json' | 'html' | 'requests.csv'): string {
  const safeHost =
    host
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '_')
      .slice(0, 80) || 'page';
  const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, '-');
  return `policylens-${safeHost}-${stamp}.${extension}`;
}
