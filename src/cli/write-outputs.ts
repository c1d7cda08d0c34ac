import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SEVERITIES, type AuditReport, type Severity } from '../core/audit/report-types';
import { buildEvidenceBundle, type SealedRun } from '../core/report/evidence-bundle';
import type { SigningKey } from '../core/report/evidence-signature';
import { REPORT_CSV_TABLES, reportCsv } from '../core/report/report-csv';
import { requestLogCsv } from '../core/report/request-log-csv';
import { compareScenarios, type ScenarioComparison, type ScenarioInput } from '../core/audit/scenario-comparison';
import { renderHtmlReport } from '../presenter/html-report';
import { renderScenarioComparison } from '../presenter/scenario-comparison-html';
import { buildJunit } from '../presenter/junit';
import type { Presenter } from '../presenter/presenter';
import { buildSarif } from '../presenter/sarif';
import type { AuditRecord } from './audit-record';
import { writeFileAtomic } from './batch/atomic-write';
import { recordRequestLog } from './record-request-log';
import { failureReason } from './batch/failure-reason';
import { RESULTS_INDEX, type IndexEntry } from './batch/result-index';
import { sealedPolicyModel } from './sealed-policy-model';

export type OutputFormat = 'json' | 'html' | 'sarif' | 'junit' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'html', 'sarif', 'junit', 'csv'];

export const RESULT_FORMAT = 'policylens-audit';
export const RESULT_FORMAT_VERSION = 1;

export function parseFormats(value: string): { ok: true; formats: OutputFormat[] } | { ok: false; message: string } {
  const out: OutputFormat[] = [];
  for (const part of value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(part)) return { ok: false, message: `unknown format "${part}" (use ${OUTPUT_FORMATS.join(', ')})` };
    if (!out.includes(part as OutputFormat)) out.push(part as OutputFormat);
  }
  return out.length > 0 ? { ok: true, formats: out } : { ok: false, message: '--format needs at least one format' };
}

/** A file-name stem for a URL and scenario: host, path, scenario; only [a-z0-9.-]. */
export function fileStem(url: string, scenario: string): string {
  let host = url;
  let rest = '';
  try {
    const u = new URL(url);
    host = u.hostname;
    rest = `${u.pathname}${u.search}`.replace(/\/$/, '');
  } catch {
    // keep the raw text, sanitised below
  }
  const slug = `${host}${rest}`
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return `${slug || 'page'}.${scenario}`;
}

/**
 * A stem per job, unique within the run: a second job with the same stem gets `.2`, and so
 * on, in job order. The order is the sorted URL list's, so a resumed run names alike.
 */
export function assignStems(jobs: ReadonlyArray<{ url: string; scenario: string }>): string[] {
  const seen = new Map<string, number>();
  return jobs.map((job) => {
    const stem = fileStem(job.url, job.scenario);
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    return n > 1 ? `${stem}.${n}` : stem;
  });
}

export interface WrittenFiles {
  perRecord: Array<{ url: string; scenario: string; files: string[] }>;
  sarif: string | null;
  junit: string | null;
  /** The scenarios side by side (HTML), when some page was audited in more than one scenario. */
  comparison: string | null;
  index: string;
}

/** The run's comparison page: every page's consent scenarios side by side. */
export const COMPARISON_FILE = 'policylens-comparison.html';

export interface RecordWriteOptions {
  outDir: string;
  formats: readonly OutputFormat[];
  createdAt: number;
  autoconsentVersion?: string;
  presenter: Presenter;
  /** Signs every evidence bundle (`--sign-key`, POLICYLENS_SIGN_KEY). */
  signingKey?: SigningKey;
}

/**
 * Writes one page × scenario's files, each atomically: a JSON record (report, full
 * observation log and the scenario outcome, wrapped in a hash-sealed evidence bundle) and
 * an HTML report; for a page that could not be audited a JSON record of why. Returns the
 * files (absolute) and the run-index entry for them.
 */
export function writeRecordFiles(
  record: AuditRecord,
  stem: string,
  options: RecordWriteOptions & { attempts?: number; finishedAt?: number },
): { files: string[]; entry: IndexEntry } {
  const files: string[] = [];
  if (record.ok) {
    const run: SealedRun = {
      url: record.url,
      finalUrl: record.finalUrl,
      scenario: record.scenario,
      consent: record.consent,
      durationMs: record.durationMs,
      autoconsentVersion: options.autoconsentVersion ?? null,
    };
    const policyModel = sealedPolicyModel(record);
    const { bundle } = buildEvidenceBundle({
      report: record.report,
      observations: record.observations,
      ...(record.choiceVisit ? { choiceVisitObservations: record.choiceVisit.observations } : {}),
      ...(policyModel !== undefined ? { policyModel } : {}),
      // The run inside the seal: scenario, consent actions and journey steps cannot be swapped.
      run,
      extensionVersion: record.extensionVersion,
      browserVersion: record.browserVersion,
      createdAt: options.createdAt,
      ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    });
    // The HTML report's request table and its CSV twin: derived once, only when either is written.
    const log = options.formats.includes('html') || options.formats.includes('csv') ? recordRequestLog(record) : null;
    if (options.formats.includes('json')) {
      const file = path.join(options.outDir, `${stem}.json`);
      // The run's fields stay at the top for readers of format 1; `policylens verify` checks each equals its sealed twin.
      const json = { format: RESULT_FORMAT, formatVersion: RESULT_FORMAT_VERSION, ...run, evidence: bundle };
      writeFileAtomic(file, `${JSON.stringify(json, null, 2)}\n`);
      files.push(file);
    }
    if (options.formats.includes('html')) {
      const file = path.join(options.outDir, `${stem}.html`);
      writeFileAtomic(
        file,
        renderHtmlReport(record.report, {
          extensionVersion: record.extensionVersion,
          browserVersion: record.browserVersion,
          bundleHash: bundle.integrity.hash,
          presenter: options.presenter,
          ...(log ? { requestLog: log } : {}),
        }),
      );
      files.push(file);
    }
    if (options.formats.includes('csv')) {
      // The HTML report's tables, one file each: <stem>.findings.csv, .companies.csv, .cookies.csv, .storage.csv, .requests.csv.
      const tables = reportCsv(record.report);
      for (const table of REPORT_CSV_TABLES) {
        const file = path.join(options.outDir, `${stem}.${table}.csv`);
        writeFileAtomic(file, tables[table]);
        files.push(file);
      }
      const file = path.join(options.outDir, `${stem}.requests.csv`);
      writeFileAtomic(file, requestLogCsv(log!));
      files.push(file);
    }
  } else if (options.formats.includes('json')) {
    const file = path.join(options.outDir, `${stem}.json`);
    writeFileAtomic(
      file,
      `${JSON.stringify(
        {
          format: RESULT_FORMAT,
          formatVersion: RESULT_FORMAT_VERSION,
          url: record.url,
          scenario: record.scenario,
          consent: record.consent,
          error: record.error,
          reason: record.reason ?? failureReason(record.error),
          attempts: options.attempts ?? 1,
        },
        null,
        2,
      )}\n`,
    );
    files.push(file);
  }
  return {
    files,
    entry: indexEntryOf(
      record,
      files.map((f) => path.relative(options.outDir, f)),
      options.attempts ?? 1,
      options.finishedAt ?? options.createdAt,
    ),
  };
}

function indexEntryOf(record: AuditRecord, files: string[], attempts: number, finishedAt: number): IndexEntry {
  const consent = record.consent ? { cmp: record.consent.cmp, applied: record.consent.applied, state: record.consent.state } : null;
  const common = { url: record.url, scenario: record.scenario, files, attempts, durationMs: record.durationMs, finishedAt, consent };
  if (!record.ok) return { ...common, ok: false, reason: record.reason ?? failureReason(record.error), error: record.error };
  const rules: Record<string, number> = {};
  const violationsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of record.report.findings) {
    if (f.kind !== 'violation') continue;
    rules[f.ruleId] = (rules[f.ruleId] ?? 0) + 1;
    violationsBySeverity[f.severity] += 1;
  }
  const s = record.report.summary;
  return {
    ...common,
    ok: true,
    verdict: s.verdict,
    violations: s.violations,
    worstSeverity: s.worstSeverity,
    bySeverity: s.bySeverity,
    violationsBySeverity,
    rules,
  };
}

/** What the run-level files need of one page × scenario; the report is read when needed. */
export interface RunEntry {
  entry: IndexEntry;
  /** The page's report (null for a failed page). */
  report(): AuditReport | null;
}

/** Reads the report back out of a saved result (the evidence bundle holds it). */
export function reportFromResultFile(file: string): AuditReport {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { evidence?: { report?: AuditReport } };
  if (!saved.evidence?.report) throw new Error(`${file} holds no report`);
  return saved.evidence.report;
}

/**
 * The run-level files: one SARIF log and one JUnit file for the run, the run's summary
 * (`policylens-run.json`) and the run index (`results.ndjson`). Reports are asked for one
 * entry at a time, so a caller can read them from disk instead of holding them.
 */
export function writeRunFiles(
  entries: readonly RunEntry[],
  options: {
    outDir: string;
    formats: readonly OutputFormat[];
    createdAt: number;
    toolVersion: string;
    autoconsentVersion?: string;
    presenter: Presenter;
    writeIndex: boolean;
  },
): Omit<WrittenFiles, 'perRecord'> {
  const written: Omit<WrittenFiles, 'perRecord'> = { sarif: null, junit: null, comparison: null, index: path.join(options.outDir, 'policylens-run.json') };
  const consentOf = (e: IndexEntry) => (e.consent ? { cmp: e.consent.cmp, applied: e.consent.applied, detail: e.consent.state } : undefined);
  const needReports = options.formats.includes('sarif') || options.formats.includes('junit');
  const ok: Array<{ entry: IndexEntry; report: AuditReport }> = [];
  const failed: Array<Extract<IndexEntry, { ok: false }>> = [];
  for (const e of entries) {
    if (!e.entry.ok) failed.push(e.entry);
    else if (needReports) ok.push({ entry: e.entry, report: e.report()! });
  }
  const failures = failed.map((f) => ({ url: f.url, scenario: f.scenario, message: f.error }));
  if (options.formats.includes('sarif')) {
    written.sarif = path.join(options.outDir, 'policylens.sarif');
    const sarif = buildSarif({
      toolVersion: options.toolVersion,
      presenter: options.presenter,
      entries: ok.map(({ entry, report }) => ({ url: entry.url, scenario: entry.scenario, report, consent: consentOf(entry) })),
      failures,
    });
    writeFileAtomic(written.sarif, `${JSON.stringify(sarif, null, 2)}\n`);
  }
  if (options.formats.includes('junit')) {
    written.junit = path.join(options.outDir, 'policylens.junit.xml');
    writeFileAtomic(
      written.junit,
      buildJunit({
        entries: ok.map(({ entry, report }) => ({
          url: entry.url,
          scenario: entry.scenario,
          report,
          consent: consentOf(entry),
          durationSeconds: entry.durationMs === null ? undefined : entry.durationMs / 1000,
        })),
        failures,
        timestamp: options.createdAt,
        presenter: options.presenter,
      }),
    );
  }
  if (options.formats.includes('html')) written.comparison = writeComparison(entries, options);
  const index = {
    format: 'policylens-run',
    formatVersion: 1,
    createdAt: new Date(options.createdAt).toISOString(),
    toolVersion: options.toolVersion,
    autoconsentVersion: options.autoconsentVersion ?? null,
    results: entries.map(({ entry: e }) => ({
      url: e.url,
      scenario: e.scenario,
      ok: e.ok,
      error: e.ok ? null : e.error,
      reason: e.ok ? null : e.reason,
      attempts: e.attempts,
      consent: e.consent,
      verdict: e.ok ? options.presenter.verdict(e.verdict) : null,
      verdictCode: e.ok ? e.verdict.code : null,
      violations: e.ok ? e.violations : null,
      bySeverity: e.ok ? e.bySeverity : null,
      files: e.files,
    })),
    sarif: written.sarif ? path.basename(written.sarif) : null,
    junit: written.junit ? path.basename(written.junit) : null,
    comparison: written.comparison ? path.basename(written.comparison) : null,
  };
  writeFileAtomic(written.index, `${JSON.stringify(index, null, 2)}\n`);
  if (options.writeIndex) writeFileAtomic(path.join(options.outDir, RESULTS_INDEX), entries.map((e) => `${JSON.stringify(e.entry)}\n`).join(''));
  return written;
}

/**
 * The comparison page, for the pages audited in two or more scenarios (in the run's
 * order); each scenario links to its own HTML report. Reports are read one page at a time
 * and only the comparison is kept, so a sweep's memory stays flat. Null when no page has two.
 */
function writeComparison(
  entries: readonly RunEntry[],
  options: { outDir: string; createdAt: number; toolVersion: string; presenter: Presenter },
): string | null {
  const byUrl = new Map<string, RunEntry[]>();
  for (const e of entries) byUrl.set(e.entry.url, [...(byUrl.get(e.entry.url) ?? []), e]);
  const pages: ScenarioComparison[] = [];
  const failed = new Map<string, string[]>();
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue;
    const inputs: ScenarioInput[] = [];
    for (const { entry, report } of group) {
      const r = entry.ok ? report() : null;
      if (r) inputs.push({ scenario: entry.scenario, href: entry.files.find((f) => f.endsWith('.html')) ?? null, report: r });
      else failed.set(url, [...(failed.get(url) ?? []), entry.scenario]);
    }
    pages.push(compareScenarios(url, inputs));
  }
  if (pages.length === 0) return null;
  const file = path.join(options.outDir, COMPARISON_FILE);
  writeFileAtomic(
    file,
    renderScenarioComparison(pages, { presenter: options.presenter, toolVersion: options.toolVersion, createdAt: options.createdAt, failed }),
  );
  return file;
}

/**
 * Writes the chosen formats for a run held in memory (reaudit, the demo): per URL and
 * scenario the record's files, then the run-level files and the run index, so any output
 * folder can be merged.
 */
export function writeOutputs(
  records: readonly AuditRecord[],
  options: { outDir: string; formats: readonly OutputFormat[]; createdAt: number; toolVersion: string; autoconsentVersion?: string; presenter: Presenter },
): WrittenFiles {
  mkdirSync(options.outDir, { recursive: true });
  const stems = assignStems(records);
  const perRecord: WrittenFiles['perRecord'] = [];
  const entries: RunEntry[] = records.map((record, i) => {
    const { files, entry } = writeRecordFiles(record, stems[i]!, options);
    perRecord.push({ url: record.url, scenario: record.scenario, files });
    return { entry, report: () => (record.ok ? record.report : null) };
  });
  return { perRecord, ...writeRunFiles(entries, { ...options, writeIndex: true }) };
}
