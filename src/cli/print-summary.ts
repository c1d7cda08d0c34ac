import type { AuditRecord } from './audit-record';

/** Fixed-width text table; cells are cut with an ellipsis so one row stays one line. */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, maxWidths: readonly number[] = []): string {
  const clip = (s: string, i: number): string => {
    const max = maxWidths[i];
    const flat = s.replace(/\s+/g, ' ');
    return max !== undefined && flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((r) => r.map((c, i) => clip(c, i)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => (c ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Per page and scenario: the discrepancies (severity, rule, subject, title). */
export function formatDiscrepancies(record: AuditRecord): string {
  const head = `${record.url}  [${record.scenario}]`;
  const consent = record.consent ? `consent tool: ${record.consent.cmp ?? 'none detected'}; scenario ${record.consent.applied ? 'applied' : 'NOT applied'}: ${record.consent.detail}` : '';
  if (!record.ok) return `${head}\n  ${consent ? `${consent}\n  ` : ''}ERROR: ${record.error}`;
  const violations = record.report.findings.filter((f) => f.kind === 'violation');
  const lines = [head];
  if (consent) lines.push(`  ${consent}`);
  lines.push(`  policy: ${record.report.policy ? `${record.report.policy.id} (${record.report.policy.origin})` : 'none'} — ${record.report.summary.verdict}`);
  if (violations.length === 0) {
    lines.push('  no discrepancies');
  } else {
    const table = textTable(
      ['severity', 'rule', 'subject', 'title'],
      violations.map((f) => [f.severity, f.ruleId, f.subject.label, f.title]),
      [8, 40, 40, 60],
    );
    lines.push(...table.split('\n').map((l) => `  ${l}`));
  }
  const notices = record.report.summary.notices;
  if (notices > 0) lines.push(`  (${notices} ${notices === 1 ? 'notice' : 'notices'} in the report)`);
  return lines.join('\n');
}

/** One row per page and scenario: consent tool, whether the scenario applied, counts. */
export function formatRunSummary(records: readonly AuditRecord[]): string {
  return textTable(
    ['url', 'scenario', 'consent tool', 'applied', 'violations', 'worst', 'result'],
    records.map((r) => [
      r.url,
      r.scenario,
      r.consent?.cmp ?? '-',
      r.consent ? (r.consent.applied ? 'yes' : 'no') : '-',
      r.ok ? String(r.report.summary.violations) : '-',
      r.ok ? (r.report.summary.worstSeverity ?? '-') : '-',
      r.ok ? r.report.summary.verdict : `ERROR: ${r.error}`,
    ]),
    [60, 8, 16, 7, 10, 8, 70],
  );
}
