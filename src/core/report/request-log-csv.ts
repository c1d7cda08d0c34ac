import { csvTable } from './csv-cell.ts';
import { isoUtc } from './format-time.ts';
import type { RequestLog } from './request-log.ts';

/** The request log's CSV columns; codes and raw values (the same file in every language), as reportCsv writes its tables. */
export const REQUEST_LOG_CSV_HEADER = [
  'part',
  'at',
  'offset_ms',
  'method',
  'host',
  'path',
  'type',
  'frame',
  'frame_id',
  'status',
  'error',
  'vendor_key',
  'vendor',
  'consent_category',
  'party',
  'consent_at_request',
  'consent_phase',
] as const;

/** The request log as CSV (`<stem>.requests.csv`), a row per row of the HTML report's request table and in its order. */
export function requestLogCsv(log: RequestLog): string {
  return csvTable(
    REQUEST_LOG_CSV_HEADER,
    log.rows.map((r) => [
      r.part,
      isoUtc(r.at),
      r.at - log.visitStartedAt,
      r.method,
      r.host,
      r.path,
      r.type,
      r.frame,
      r.frameId,
      r.status,
      r.error,
      r.vendorKey,
      r.vendor,
      r.category,
      r.party,
      r.consent,
      r.phase,
    ]),
  );
}
