import { escapeHtml as h } from '../core/report/escape-html.ts';
import { isoUtc } from '../core/report/format-time.ts';
import { REQUEST_LOG_MAX_ROWS, type RequestLog } from '../core/report/request-log.ts';
import type { Presenter } from './presenter.ts';
import { requestLogCategory, requestLogLimits, requestLogRowWords } from './request-log-words.ts';

const COLUMNS = [
  'requestLog.col.when',
  'requestLog.col.company',
  'requestLog.col.category',
  'requestLog.col.party',
  'requestLog.col.request',
  'requestLog.col.type',
  'requestLog.col.frame',
  'requestLog.col.status',
  'requestLog.col.consent',
] as const;

/**
 * The HTML report's request log: a table in time order (a row per row of `<stem>.requests.csv`),
 * collapsed in a <details> so a page of 20,000 requests does not bury the findings. Every
 * cell is escaped text: hosts and paths are the page's.
 */
export function requestLogSection(log: RequestLog, p: Presenter): string {
  const scenario = log.rows.some((r) => r.part !== null);
  const head = `<tr>${scenario ? `<th scope="col">${h(p.t('requestLog.col.part'))}</th>` : ''}${COLUMNS.map((k) => `<th scope="col">${h(p.t(k))}</th>`).join('')}</tr>`;
  const rows = log.rows
    .map((r) => {
      const w = requestLogRowWords(r, log.visitStartedAt, p);
      const part = scenario ? `<td>${h(w.part)}</td>` : '';
      return `<tr>${part}<td><time datetime="${h(isoUtc(r.at))}">${h(w.when)}</time></td><td>${h(w.company)}</td><td>${h(requestLogCategory(r.category, p))}</td><td>${h(p.party(r.party))}</td><td class="mono">${h(w.request)}</td><td>${h(w.type)}</td><td>${h(w.frame)}</td><td>${h(w.status)}</td><td>${h(w.consent)}</td></tr>`;
    })
    .join('\n');
  const notes = requestLogLimits(log, REQUEST_LOG_MAX_ROWS, p)
    .map((n) => `<p class="small">${h(n)}</p>`)
    .join('\n');
  const table = log.rows.length
    ? `<details>\n<summary>${h(p.t('report.requestLogShow', { count: log.rows.length }))}</summary>\n<table class="request-log"><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>\n</details>`
    : `<p>${h(p.t('requestLog.none'))}</p>`;
  return `<section id="requests">\n<h2>${h(p.t('report.requestLog', { count: log.rows.length }))}</h2>\n${notes}${notes ? '\n' : ''}${table}\n</section>`;
}
