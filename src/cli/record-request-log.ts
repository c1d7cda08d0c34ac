import { requestLog, type RequestLog } from '../core/report/request-log';
import type { AuditRecord } from './audit-record';

/**
 * The request log of one page × scenario: a scenario's two visits in order (the choice, then
 * the reload), each with its own observation log and consent signals; the reload is
 * attributed by the scenario's report, whose companies are the union of both visits'.
 */
export function recordRequestLog(record: Extract<AuditRecord, { ok: true }>): RequestLog {
  if (!record.choiceVisit) return requestLog([{ part: null, state: record.observations, report: record.report }]);
  return requestLog([
    { part: 'choice', state: record.choiceVisit.observations, report: record.choiceVisit.report },
    { part: 'reload', state: record.observations, report: record.report },
  ]);
}
