import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildEvidenceBundle } from '../core/report/evidence-bundle';
import { renderHtmlReport } from '../presenter/html-report';
import { buildJunit } from '../presenter/junit';
import type { Presenter } from '../presenter/presenter';
import { buildSarif } from '../presenter/sarif';
import type { AuditRecord } from './audit-record';

export type OutputFormat = 'json' | 'html' | 'sarif' | 'junit';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'html', 'sarif', 'junit'];

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

export interface WrittenFiles {
  perRecord: Array<{ url: string; scenario: string; files: string[] }>;
  sarif: string | null;
  junit: string | null;
  index: string;
}

/**
 * Writes the chosen formats for a run: per URL and scenario a JSON record (report, full
 * observation log and the scenario outcome, wrapped in a hash-sealed evidence bundle) and
 * an HTML report; one SARIF log and one JUnit file for the run; and an index of it all.
 */
export function writeOutputs(
  records: readonly AuditRecord[],
  options: { outDir: string; formats: readonly OutputFormat[]; createdAt: number; toolVersion: string; autoconsentVersion?: string; presenter: Presenter },
): WrittenFiles {
  mkdirSync(options.outDir, { recursive: true });
  const written: WrittenFiles = { perRecord: [], sarif: null, junit: null, index: path.join(options.outDir, 'policylens-run.json') };
  const stems = new Map<string, number>();
  for (const record of records) {
    let stem = fileStem(record.url, record.scenario);
    const seen = stems.get(stem) ?? 0;
    stems.set(stem, seen + 1);
    if (seen > 0) stem = `${stem}.${seen + 1}`;
    const files: string[] = [];
    if (record.ok) {
      const { bundle } = buildEvidenceBundle({
        report: record.report,
        observations: record.observations,
        ...(record.choiceVisit ? { choiceVisitObservations: record.choiceVisit.observations } : {}),
        extensionVersion: record.extensionVersion,
        browserVersion: record.browserVersion,
        createdAt: options.createdAt,
      });
      if (options.formats.includes('json')) {
        const file = path.join(options.outDir, `${stem}.json`);
        const json = {
          format: RESULT_FORMAT,
          formatVersion: RESULT_FORMAT_VERSION,
          url: record.url,
          finalUrl: record.finalUrl,
          scenario: record.scenario,
          consent: record.consent,
          durationMs: record.durationMs,
          autoconsentVersion: options.autoconsentVersion ?? null,
          // report + observations, sealed: verifyEvidenceBundle(JSON.stringify(evidence)).
          evidence: bundle,
        };
        writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
        files.push(file);
      }
      if (options.formats.includes('html')) {
        const file = path.join(options.outDir, `${stem}.html`);
        writeFileSync(
          file,
          renderHtmlReport(record.report, {
            extensionVersion: record.extensionVersion,
            browserVersion: record.browserVersion,
            bundleHash: bundle.integrity.hash,
            presenter: options.presenter,
          }),
        );
        files.push(file);
      }
    } else if (options.formats.includes('json')) {
      const file = path.join(options.outDir, `${stem}.json`);
      writeFileSync(
        file,
        `${JSON.stringify({ format: RESULT_FORMAT, formatVersion: RESULT_FORMAT_VERSION, url: record.url, scenario: record.scenario, consent: record.consent, error: record.error }, null, 2)}\n`,
      );
      files.push(file);
    }
    written.perRecord.push({ url: record.url, scenario: record.scenario, files });
  }
  const ok = records.filter((r): r is Extract<AuditRecord, { ok: true }> => r.ok);
  const failed = records.filter((r): r is Extract<AuditRecord, { ok: false }> => !r.ok);
  const consentOf = (r: AuditRecord) => (r.consent ? { cmp: r.consent.cmp, applied: r.consent.applied, detail: r.consent.detail } : undefined);
  if (options.formats.includes('sarif')) {
    written.sarif = path.join(options.outDir, 'policylens.sarif');
    const sarif = buildSarif({
      toolVersion: options.toolVersion,
      presenter: options.presenter,
      entries: ok.map((r) => ({ url: r.url, scenario: r.scenario, report: r.report, consent: consentOf(r) })),
      failures: failed.map((r) => ({ url: r.url, scenario: r.scenario, message: r.error })),
    });
    writeFileSync(written.sarif, `${JSON.stringify(sarif, null, 2)}\n`);
  }
  if (options.formats.includes('junit')) {
    written.junit = path.join(options.outDir, 'policylens.junit.xml');
    writeFileSync(
      written.junit,
      buildJunit({
        entries: ok.map((r) => ({
          url: r.url,
          scenario: r.scenario,
          report: r.report,
          consent: consentOf(r),
          durationSeconds: r.durationMs === null ? undefined : r.durationMs / 1000,
        })),
        failures: failed.map((r) => ({ url: r.url, scenario: r.scenario, message: r.error })),
        timestamp: options.createdAt,
        presenter: options.presenter,
      }),
    );
  }
  const index = {
    format: 'policylens-run',
    formatVersion: 1,
    createdAt: new Date(options.createdAt).toISOString(),
    toolVersion: options.toolVersion,
    autoconsentVersion: options.autoconsentVersion ?? null,
    results: records.map((r, i) => ({
      url: r.url,
      scenario: r.scenario,
      ok: r.ok,
      error: r.ok ? null : r.error,
      consent: r.consent,
      verdict: r.ok ? options.presenter.verdict(r.report.summary.verdict) : null,
      verdictCode: r.ok ? r.report.summary.verdict : null,
      violations: r.ok ? r.report.summary.violations : null,
      bySeverity: r.ok ? r.report.summary.bySeverity : null,
      files: written.perRecord[i]?.files.map((f) => path.relative(options.outDir, f)) ?? [],
    })),
    sarif: written.sarif ? path.basename(written.sarif) : null,
    junit: written.junit ? path.basename(written.junit) : null,
  };
  writeFileSync(written.index, `${JSON.stringify(index, null, 2)}\n`);
  return written;
}
