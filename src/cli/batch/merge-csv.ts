import { SEVERITIES } from '../../core/audit/report-types';
import { csvTable } from '../../core/report/csv-cell';
import type { IndexEntry } from './result-index';

/**
 * The merged run as a table for spreadsheets and scripts: one row per page × scenario, the
 * fixed columns, then one column per rule (violations of that rule on that page; empty
 * for a page that could not be audited). Codes, not words: the same file in every language.
 */
export function buildCsv(entries: readonly IndexEntry[], ruleIds: readonly string[]): string {
  const header = ['url', 'scenario', 'status', 'failure_reason', 'attempts', 'consent_tool', 'applied', 'verdict', 'violations', ...SEVERITIES, ...ruleIds];
  const rows = entries.map((e) => {
    const common = [
      e.url,
      e.scenario,
      e.ok ? 'audited' : 'failed',
      e.ok ? null : e.reason,
      e.attempts,
      e.consent?.cmp ?? null,
      e.consent ? e.consent.applied : null,
    ];
    if (!e.ok) return [...common, null, null, ...SEVERITIES.map(() => null), ...ruleIds.map(() => null)];
    return [...common, e.verdict.code, e.violations, ...SEVERITIES.map((s) => e.violationsBySeverity[s] ?? 0), ...ruleIds.map((r) => e.rules[r] ?? 0)];
  });
  return csvTable(header, rows);
}
