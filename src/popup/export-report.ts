import type { AuditReport } from '../core/audit/report-types';
import { buildEvidenceBundle } from '../core/report/evidence-bundle';
import { requestLogCsv } from '../core/report/request-log-csv';
import { renderHtmlReport } from '../presenter/html-report';
import type { Presenter } from '../presenter/presenter';
import type { PopupClient } from './popup-client';
import { exportFileName } from './view-model';

/** Build the evidence bundle for the shown report and offer it for download; returns its hash. */
export async function exportEvidenceBundle(client: PopupClient, tabId: number, report: AuditReport): Promise<string> {
  const [observations, versions, policyModel, signingKey] = await Promise.all([
    client.getObservations(tabId),
    client.getVersions(),
    report.policy ? client.getReportModel(tabId) : Promise.resolve(null),
    client.getSigningKey(),
  ]);
  const createdAt = client.now();
  const { bundle, json } = buildEvidenceBundle({
    report,
    observations,
    // Sealed so `policylens verify` can audit the observations again with the very model (an imported one too).
    ...(report.policy && policyModel ? { policyModel } : report.policy ? {} : { policyModel: null }),
    extensionVersion: versions.extension,
    browserVersion: versions.browser,
    createdAt,
    ...(signingKey ? { signingKey } : {}),
  });
  client.saveFile({ name: exportFileName(report.page.host, createdAt, 'json'), mime: 'application/json', text: json });
  return bundle.integrity.hash;
}

/**
 * Render the HTML report and offer it for download. `bundleHash` is the hash of the bundle
 * exported from the same report, if any, so a reader can match the two files.
 */
export async function exportHtmlReport(
  client: PopupClient,
  tabId: number,
  report: AuditReport,
  bundleHash: string | null,
  presenter: Presenter,
): Promise<void> {
  const [versions, requestLog] = await Promise.all([client.getVersions(), client.getRequestLog(tabId)]);
  const html = renderHtmlReport(report, {
    extensionVersion: versions.extension,
    browserVersion: versions.browser,
    presenter,
    ...(bundleHash ? { bundleHash } : {}),
    ...(requestLog ? { requestLog } : {}),
  });
  client.saveFile({ name: exportFileName(report.page.host, client.now(), 'html'), mime: 'text/html', text: html });
}

/** The tab's request log as CSV (the CLI's `<stem>.requests.csv`), offered for download; returns its row count. */
export async function exportRequestLogCsv(client: PopupClient, tabId: number, report: AuditReport): Promise<number> {
  const log = await client.getRequestLog(tabId);
  if (!log) throw new Error('no request log for this tab');
  client.saveFile({ name: exportFileName(report.page.host, client.now(), 'requests.csv'), mime: 'text/csv', text: requestLogCsv(log) });
  return log.rows.length;
}
