import { sinceVisitStart } from '../core/report/format-time.ts';
import type { RequestLog, RequestLogRow } from '../core/report/request-log.ts';
import type { Presenter } from './presenter.ts';

/** One request log row in words, for the popup's list and the HTML report's table alike. */
export interface RequestLogRowWords {
  /** "+1.2 s" after the visit started. */
  when: string;
  company: string;
  /** Host and path (page-controlled text: escape it). */
  request: string;
  type: string;
  frame: string;
  status: string;
  consent: string;
  /** Which visit of a scenario; '' for a single visit. */
  part: string;
}

export function requestLogRowWords(row: RequestLogRow, visitStartedAt: number, p: Presenter): RequestLogRowWords {
  return {
    when: sinceVisitStart(row.at, visitStartedAt),
    company: row.vendor ?? p.t('requestLog.shop'),
    request: `${row.host}${row.path}`,
    type: row.type,
    frame: p.frame({ frameId: row.frameId, kind: row.frame, url: null }),
    status: statusWords(row, p),
    consent: p.t(`requestLog.phase.${row.phase}`),
    part: row.part ? p.t(`cli.part.${row.part}`) : '',
  };
}

function statusWords(row: RequestLogRow, p: Presenter): string {
  if (row.error !== null && !(row.status !== null && row.status > 0)) return p.t('requestLog.status.failed', { error: row.error });
  if (row.status === null || row.status === 0) return p.t('requestLog.status.pending');
  return p.t('requestLog.status.code', { status: row.status });
}

/** A filter option's label: a company (the shop for a null name), category, party or phase, with its count. */
export function requestLogCategory(category: string, p: Presenter): string {
  return category === 'unknown' ? p.t('timeline.category.unknown') : p.consentCategory(category);
}

/** What the log leaves out and why, one sentence each; empty when it lists every request. */
export function requestLogLimits(log: RequestLog, limit: number, p: Presenter): string[] {
  const notes: string[] = [];
  if (log.overLimit > 0) notes.push(p.t('requestLog.overLimit', { count: log.overLimit, limit: p.number(limit) }));
  if (log.notKept > 0) notes.push(p.t('requestLog.notKept', { count: log.notKept, limit: p.number(limit) }));
  return notes;
}
