import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../../core/audit/report-types';
import { SEVERITIES } from '../../core/audit/report-types';
import type { Presenter } from '../../presenter/presenter';
import type { AuditRecord } from '../audit-record';
import { EXIT, type CliIo } from '../cli-io';
import type { ConsentScenario } from '../consent-scenario';
import { formatDiscrepancies } from '../print-summary';
import { failOnLine, incompleteLine, outputLine } from '../step-words';
import { streamAudits, toAuditRecord, type AuditJob, type AuditRunOptions } from '../run-audits';
import type { SigningKey } from '../../core/report/evidence-signature';
import { assignStems, reportFromResultFile, writeRecordFiles, writeRunFiles, type OutputFormat, type RunEntry } from '../write-outputs';
import { ProgressReporter } from './progress';
import { completedEntries, entryKey, openIndex, type IndexEntry } from './result-index';
import { formatIndexSummary, formatTotals } from './summary-table';

export interface BatchOptions {
  run: Omit<AuditRunOptions, 'urls' | 'scenarios' | 'log' | 'presenter'>;
  urls: readonly string[];
  scenarios: readonly ConsentScenario[];
  presenter: Presenter;
  outDir: string;
  formats: readonly OutputFormat[];
  failOn: Severity | null;
  /** Skip what the output folder's run index already holds. */
  resume: boolean;
  quiet: boolean;
  /** A terminal to draw the live progress line on (null: plain lines). */
  terminal: { write(text: string): unknown } | null;
  toolVersion: string;
  autoconsentVersion: string;
  /** Applied to each record before it is written (e.g. the legal baseline alone). */
  transform(record: AuditRecord): AuditRecord;
  /** Signs each evidence bundle (`--sign-key`). */
  signingKey?: SigningKey;
  io: CliIo;
}

/**
 * A batch that survives its own death: every page × scenario is written the moment it is
 * done (its files atomically, then one line in `results.ndjson`, the commit mark), nothing
 * is held after that, and `--resume` skips every job the folder's index already holds.
 * The run-level files (summary, SARIF, JUnit) are made at the end from the index and the
 * saved results, one report at a time. Returns the exit code.
 */
export async function runBatch(options: BatchOptions): Promise<number> {
  const { io, presenter: p } = options;
  const jobs: AuditJob[] = options.urls.flatMap((url) => options.scenarios.map((scenario) => ({ url, scenario })));
  const stems = assignStems(jobs);
  mkdirSync(options.outDir, { recursive: true });
  const held = new Map<string, IndexEntry>();
  if (options.resume) {
    const wanted = new Set(jobs.map(entryKey));
    for (const e of completedEntries(options.outDir)) if (wanted.has(entryKey(e))) held.set(entryKey(e), e);
  }
  const index = openIndex(options.outDir, options.resume ? 'resume' : 'fresh');
  const todo = jobs.map((job, i) => ({ job, i })).filter(({ job }) => !held.has(entryKey(job)));
  if (options.resume) io.err(p.t('cli.resuming', { dir: options.outDir, held: held.size, total: jobs.length, todo: todo.length }));

  const reporter = new ProgressReporter(
    { live: options.terminal, line: (l) => io.err(l) },
    { total: jobs.length, resumed: held.size, startedAt: Date.now() },
    () => Date.now(),
    p,
  );
  const fresh = new Map<string, IndexEntry>();
  // Without per-page JSON the reports cannot be read back; SARIF and JUnit then need them kept.
  const kept = new Map<string, RunEntry['report']>();
  const keepReports = !options.formats.includes('json') && (options.formats.includes('sarif') || options.formats.includes('junit'));
  try {
    await streamAudits({
      ...options.run,
      scenarios: options.scenarios,
      presenter: p,
      log: options.quiet ? () => {} : (line) => reporter.log(line),
      jobs: todo.map((t) => t.job),
      onResult: (result, n) => {
        const record = options.transform(toAuditRecord(result));
        io.out(`\n${formatDiscrepancies(record, p)}`);
        const { entry } = writeRecordFiles(record, stems[todo[n]!.i]!, {
          outDir: options.outDir,
          formats: options.formats,
          createdAt: Date.now(),
          autoconsentVersion: options.autoconsentVersion,
          presenter: p,
          ...(options.signingKey ? { signingKey: options.signingKey } : {}),
          attempts: result.attempts ?? 1,
          finishedAt: Date.now(),
        });
        index.append(entry);
        fresh.set(entryKey(entry), entry);
        if (keepReports && record.ok) {
          const report = record.report;
          kept.set(entryKey(entry), () => report);
        }
        reporter.finished(entry.ok);
      },
    });
  } finally {
    reporter.end();
  }

  const entries = jobs.map((job) => fresh.get(entryKey(job)) ?? held.get(entryKey(job))).filter((e): e is IndexEntry => e !== undefined);
  const written = writeRunFiles(
    entries.map((entry) => ({
      entry,
      report: () => {
        if (!entry.ok) return null;
        const json = entry.files.find((f) => f.endsWith('.json'));
        return json ? reportFromResultFile(path.join(options.outDir, json)) : (kept.get(entryKey(entry))?.() ?? null);
      },
    })),
    {
      outDir: options.outDir,
      formats: options.formats,
      createdAt: Date.now(),
      toolVersion: options.toolVersion,
      autoconsentVersion: options.autoconsentVersion,
      presenter: p,
      writeIndex: false,
    },
  );
  io.out(`\n${p.t('cli.summary')}\n${formatIndexSummary(entries, p)}\n\n${formatTotals(entries, p)}`);
  const files = [written.index, 'results.ndjson', written.comparison, written.sarif, written.junit]
    .filter((f): f is string => f !== null)
    .map((f) => path.basename(f));
  io.out(
    `\n${outputLine(
      `${options.outDir}${path.sep}`,
      files,
      entries.reduce((n, e) => n + e.files.length, 0),
      p,
    )}`,
  );
  return exitCode(entries, options.failOn, io, p);
}

/** 1 when --fail-on is reached, else 3 when a page could not be audited, else 0. */
function exitCode(entries: readonly IndexEntry[], failOn: Severity | null, io: CliIo, p: Presenter): number {
  if (failOn) {
    const limit = SEVERITIES.indexOf(failOn);
    const over = entries.reduce(
      (n, e) => n + (e.ok ? SEVERITIES.filter((_, i) => i <= limit).reduce((m, s) => m + (e.violationsBySeverity[s] ?? 0), 0) : 0),
      0,
    );
    if (over > 0) {
      io.out(`\n${failOnLine(over, failOn, p)}`);
      return EXIT.failOn;
    }
  }
  const failed = entries.filter((e) => !e.ok).length;
  if (failed > 0) {
    io.out(`\n${incompleteLine(failed, entries.length, p)}`);
    return EXIT.pageErrors;
  }
  return EXIT.ok;
}
