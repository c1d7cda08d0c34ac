import type { Presenter } from '../presenter/presenter';
import type { AuditRecord, ConsentRecord } from './audit-record';

/** Fixed-width text table; cells are cut with an ellipsis so one row stays one line. */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, maxWidths: readonly number[] = []): string {
  const clip = (s: string, i: number): string => {
    const max = maxWidths[i];
    const flat = s.replace(/\s+/g, ' ');
    return max !== undefined && flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((r) => r.map((c, i) => clip(c, i)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => (c ?? '').padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** How the scenario went, in words; results saved before states existed keep their logged detail. */
function scenarioState(consent: ConsentRecord, p: Presenter): string {
  return consent.state ? p.t(`cli.state.${consent.state}`) : consent.detail;
}

/** Per page and scenario: the discrepancies (severity, rule, subject, title). */
export function formatDiscrepancies(record: AuditRecord, p: Presenter): string {
  const head = `${record.url}  [${p.t(`cli.scenario.${record.scenario}`)}]`;
  const consent = record.consent
    ? p.t('cli.consentLine', {
        cmp: record.consent.cmp ?? p.t('cli.noneDetected'),
        applied: String(record.consent.applied),
        detail: scenarioState(record.consent, p),
      })
    : '';
  if (!record.ok) return `${head}\n  ${consent ? `${consent}\n  ` : ''}${p.t('cli.error', { error: record.error })}`;
  const violations = record.report.findings.filter((f) => f.kind === 'violation');
  const lines = [head];
  if (consent) lines.push(`  ${consent}`);
  const policy = record.report.policy
    ? `${record.report.policy.id} (${p.t(record.report.policy.origin === 'bundled' ? 'policy_bundled' : record.report.policy.origin === 'consent-declaration' ? 'policy_consentDeclaration' : 'policy_imported')})`
    : p.t('cli.policyNone');
  lines.push(`  ${p.t('cli.policyLine', { policy, verdict: p.verdict(record.report.summary.verdict) })}`);
  lines.push(`  ${p.t('cli.checkedAgainst', { what: p.t(`report.checkedAgainst.${record.report.summary.checkedAgainst}`) })}`);
  if (violations.length === 0) {
    lines.push(`  ${p.t('cli.noDiscrepancies')}`);
  } else {
    // A scenario's table says in which part (the choice visit, the reload) each finding was seen.
    const scenario = record.report.scenario !== undefined;
    const table = textTable(
      [p.t('cli.severity'), p.t('cli.rule'), p.t('cli.subject'), ...(scenario ? [p.t('cli.part')] : []), p.t('cli.title')],
      violations.map((f) => [
        p.severity(f.severity),
        f.ruleId,
        f.subject.label,
        ...(scenario ? [(f.parts ?? []).map((part) => p.t(`cli.part.${part}`)).join('+')] : []),
        p.findingTitle(f),
      ]),
      scenario ? [10, 40, 40, 14, 60] : [10, 40, 40, 60],
    );
    lines.push(...table.split('\n').map((l) => `  ${l}`));
  }
  const notices = record.report.summary.notices;
  if (notices > 0) lines.push(`  ${p.t('cli.notices', { count: notices })}`);
  return lines.join('\n');
}

/** One row per page and scenario: consent tool, whether the scenario applied, counts. */
export function formatRunSummary(records: readonly AuditRecord[], p: Presenter): string {
  return textTable(
    [p.t('cli.url'), p.t('cli.scenario'), p.t('cli.consentTool'), p.t('cli.applied'), p.t('cli.violations'), p.t('cli.worst'), p.t('cli.result')],
    records.map((r) => [
      r.url,
      p.t(`cli.scenario.${r.scenario}`),
      r.consent?.cmp ?? '-',
      r.consent ? p.t(r.consent.applied ? 'cli.yes' : 'cli.no') : '-',
      r.ok ? String(r.report.summary.violations) : '-',
      r.ok && r.report.summary.worstSeverity ? p.severity(r.report.summary.worstSeverity) : '-',
      r.ok ? p.verdict(r.report.summary.verdict) : p.t('cli.error', { error: r.error }),
    ]),
    [60, 10, 16, 7, 10, 10, 70],
  );
}
