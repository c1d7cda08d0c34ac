import { SEVERITIES } from '../audit/report-types.ts';
import type { AuditReport, Severity } from '../audit/report-types.ts';
import { NEUTRAL_COLOR, SEVERITY_COLORS } from './severity-palette.ts';

export interface Badge {
  /** Number of violations; '' when there are none (or no report), so the badge is hidden. */
  text: string;
  /** Background colour: the worst violation's severity colour. */
  color: string;
}

// The toolbar badge shows at most four characters before Chrome truncates it.
const MAX_SHOWN = 99;

/** Toolbar badge for a tab's report: count of violations, coloured by the worst one. */
export function badgeFor(report: AuditReport | null): Badge {
  if (!report) return { text: '', color: NEUTRAL_COLOR };
  const violations = report.findings.filter((f) => f.kind === 'violation');
  if (violations.length === 0) return { text: '', color: NEUTRAL_COLOR };
  const worst = worstSeverity(violations.map((f) => f.severity));
  const text = violations.length > MAX_SHOWN ? `${MAX_SHOWN}+` : String(violations.length);
  return { text, color: worst ? SEVERITY_COLORS[worst] : NEUTRAL_COLOR };
}

/** The most severe of a list, in SEVERITIES order; null for an empty list. */
export function worstSeverity(severities: readonly Severity[]): Severity | null {
  for (const s of SEVERITIES) if (severities.includes(s)) return s;
  return null;
}
