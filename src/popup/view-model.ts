import type { Finding, Severity } from '../core/audit/report-types';
import type { SeverityCount } from '../core/report/report-preview';

/**
 * Findings the list adds per animation frame once the whole report is there: a collapsed
 * finding costs well under a millisecond to mount, so a chunk stays within a frame or two
 * on a slow machine while 500 findings are in within a few frames.
 */
export const FINDINGS_PER_FRAME = 40;

export interface SeverityGroup {
  severity: Severity;
  /** The group's size in the whole report. */
  count: number;
  /** Its findings shown so far. */
  findings: Finding[];
}

/**
 * The shown findings (a prefix of the display order: violations most severe first, then
 * notices) under their group headings; a group none of whose findings is shown yet is left out.
 */
export function groupShownFindings(shown: readonly Finding[], groups: readonly SeverityCount[]): { violations: SeverityGroup[]; notices: Finding[] } {
  const violations = groups
    .map(({ severity, count }) => ({ severity, count, findings: shown.filter((f) => f.kind === 'violation' && f.severity === severity) }))
    .filter((g) => g.findings.length > 0);
  return { violations, notices: shown.filter((f) => f.kind === 'notice') };
}

/** How many findings to show after the next frame. */
export function nextShownCount(shown: number, total: number): number {
  return Math.min(total, shown + FINDINGS_PER_FRAME);
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
