import type { Presenter } from '../../presenter/presenter';
import { textTable } from '../print-summary';
import type { IndexEntry } from './result-index';

/**
 * One row per page and scenario from a run index: consent tool, whether the scenario
 * applied, counts, verdict or why the page failed. The columns of the single-run summary.
 */
export function formatIndexSummary(entries: readonly IndexEntry[], p: Presenter): string {
  return textTable(
    [p.t('cli.url'), p.t('cli.scenario'), p.t('cli.consentTool'), p.t('cli.applied'), p.t('cli.violations'), p.t('cli.worst'), p.t('cli.result')],
    entries.map((e) => [
      e.url,
      p.t(`cli.scenario.${e.scenario}`),
      e.consent?.cmp ?? '-',
      e.consent ? p.t(e.consent.applied ? 'cli.yes' : 'cli.no') : '-',
      e.ok ? String(e.violations) : '-',
      e.ok && e.worstSeverity ? p.severity(e.worstSeverity) : '-',
      e.ok ? p.verdict(e.verdict) : p.t('cli.error', { error: `${p.t(`batch.failure.${e.reason}`)} — ${e.error}` }),
    ]),
    [60, 10, 16, 7, 10, 10, 70],
  );
}

/** The totals under the table: pages × scenarios audited and failed, with the reasons. */
export function formatTotals(entries: readonly IndexEntry[], p: Presenter): string {
  const failed = entries.filter((e): e is Extract<IndexEntry, { ok: false }> => !e.ok);
  const reasons = new Map<string, number>();
  for (const f of failed) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + 1);
  const why = [...reasons]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => p.t('batch.reasonCount', { reason: p.t(`batch.failure.${reason}`), count: n }));
  return p.t('batch.totals', { audited: entries.length - failed.length, failed: failed.length, reasons: why.length > 0 ? p.list(why) : '-' });
}
