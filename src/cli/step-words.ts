import type { Presenter } from '../presenter/presenter';
import type { PageAuditStep } from './audit-page';

/** A page audit's step in the reader's language, prefixed with the page and scenario it concerns. */
export function pageStepLine(step: PageAuditStep, p: Presenter): string {
  if (step.kind === 'http-status') return `${step.url}: HTTP ${step.status}`;
  const where = `${step.url} [${step.scenario}]`;
  if (step.kind === 'detected') {
    const d = step.detection;
    if (d.cmp) return `${where}: ${p.t('cli.step.detected', { cmp: d.cmp, open: d.popupOpen ? 'true' : 'false' })}`;
    if (d.outcome === 'timeout') return `${where}: ${p.t('cli.step.detectTimedOut', { lifecycle: d.lifecycle ?? '–' })}`;
    return `${where}: ${p.t('cli.step.noTool')}`;
  }
  const r = step.result;
  return `${where}: ${p.t('cli.step.action', { cmp: r.cmp ?? '–', action: step.action, outcome: r.outcome, ms: r.waitedMs ?? 0 })}`;
}

/** Seconds with one decimal, as the language writes them. */
export function secondsText(ms: number, p: Presenter): string {
  return new Intl.NumberFormat(p.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);
}

/** "FAIL: 3 violations at or above “High”." */
export function failOnLine(count: number, failOn: Parameters<Presenter['severity']>[0], p: Presenter): string {
  return p.t('cli.fail', { count, severity: p.severity(failOn) });
}

/** "1 page audit of 4 could not be completed." */
export function incompleteLine(failed: number, total: number, p: Presenter): string {
  return p.t('cli.incomplete', { failed, total });
}

/** "Output: out/ (policylens-run.json, policylens.sarif, 8 per-page files)". */
export function outputLine(dir: string, files: readonly string[], perPageFiles: number, p: Presenter): string {
  return p.t('cli.output', { dir, files: files.join(', '), count: perPageFiles });
}
