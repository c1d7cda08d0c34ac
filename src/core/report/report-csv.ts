import type { AuditReport } from '../audit/report-types.ts';
import { csvTable } from './csv-cell.ts';
import { isoUtc } from './format-time.ts';

/** The HTML report's tables that have a CSV twin, by the file suffix they are written under. */
export const REPORT_CSV_TABLES = ['findings', 'companies', 'cookies', 'storage'] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];

/**
 * The report's tables as CSV for spreadsheets and scripts, a row for each row of the HTML
 * report's table and in its order (findings as the report lists them). Codes and raw
 * values, not words: the same file in every language (as the merged run's results.csv);
 * times are ISO 8601 UTC, lists are space-separated.
 */
export function reportCsv(report: AuditReport): Record<ReportCsvTable, string> {
  return {
    findings: csvTable(
      [
        'id',
        'rule_id',
        'severity',
        'kind',
        'message_code',
        'subject_kind',
        'subject',
        'vendor',
        'legal_entity',
        'country',
        'parts',
        'first_evidence_at',
        'evidence',
        'evidence_omitted',
        'grounds',
      ],
      report.findings.map((f) => [
        f.id,
        f.ruleId,
        f.severity,
        f.kind,
        f.message.code,
        f.subject.kind,
        f.subject.label,
        f.attribution.vendorName,
        f.attribution.legalEntity ?? f.attribution.organisation,
        f.attribution.country,
        f.parts ? f.parts.join(' ') : null,
        f.evidence.length ? isoUtc(Math.min(...f.evidence.map((e) => e.at))) : null,
        f.evidence.length,
        f.evidenceOmitted,
        f.grounds,
      ]),
    ),
    companies: csvTable(
      [
        'key',
        'name',
        'legal_entity',
        'country',
        'category',
        'consent_category',
        'declared',
        'observed',
        'requests',
        'cookies',
        'storage_keys',
        'hosts',
        'source',
      ],
      report.vendors.map((v) => [
        v.key,
        v.name,
        v.legalEntity ?? v.organisation,
        v.country,
        v.category,
        v.consentCategory,
        v.declared,
        v.observed,
        v.requests,
        v.cookies,
        v.storageKeys,
        v.hosts.join(' '),
        v.source,
      ]),
    ),
    cookies: csvTable(
      [
        'name',
        'domain',
        'party',
        'lifetime_days',
        'stored_lifetime_days',
        'session',
        'http_only',
        'secure',
        'same_site',
        'first_seen_at',
        'consent_at_set',
        'set_before_consent',
        'declared',
        'vendor',
        'stored',
        'preexisting',
      ],
      report.cookies.map((c) => [
        c.name,
        c.domain,
        c.party,
        c.lifetimeDays,
        c.storedLifetimeDays,
        c.session,
        c.httpOnly,
        c.secure,
        c.sameSite,
        isoUtc(c.firstSeenAt),
        c.consentAtSet.status,
        c.setBeforeConsent,
        c.declared,
        c.vendorName,
        c.stored,
        c.preexisting,
      ]),
    ),
    storage: csvTable(
      ['area', 'key', 'origin', 'size', 'first_seen_at', 'consent_at_set', 'declared', 'vendor'],
      report.storage.map((s) => [s.area, s.key, s.origin, s.size, isoUtc(s.firstSeenAt), s.consentAtSet.status, s.declared, s.vendorName]),
    ),
  };
}
