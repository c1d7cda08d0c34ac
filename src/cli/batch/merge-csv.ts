import { SEVERITIES } from '../../core/audit/report-types';
import type { IndexEntry } from './result-index';

const NEEDS_QUOTES = /[",\r\n]/;
// A cell a spreadsheet would run as a formula (CSV injection): prefixed with a quote mark.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
