import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../core/audit/rules';
import { createPresenter } from '../../presenter/presenter';
import { renderSectorOverview } from '../../presenter/sector-overview';
import { EXIT, parseCommandArgs, type CliIo } from '../cli-io';
import { CONSENT_SCENARIOS } from '../consent-scenario';
import { REPO_ROOT } from '../ensure-build';
import { languageOption } from '../language-option';
import { extensionVersionOf } from '../run-audits';
import { reportFromResultFile, writeRunFiles } from '../write-outputs';
import { writeFileAtomic } from './atomic-write';
import { buildCsv } from './merge-csv';
import { entryKey, readIndex, RESULTS_INDEX, type IndexEntry } from './result-index';
import { formatIndexSummary, formatTotals } from './summary-table';

export const MERGE_USAGE = `policylens merge: combine the output folders of a sharded (or resumed) batch into one run.

Usage:
  policylens merge <dir...> [--out <dir>] [--lang <code>]

Reads each folder's results.ndjson and writes to --out (default: ./policylens-merged):
  results.ndjson          every page × scenario once, files relative to --out (mergeable again)
  results.csv             one row per page × scenario, one column per rule
  overview.html           the sector: how many shops break which rule, worst shops first,
                          each shop's reports linked
  policylens.sarif, policylens.junit.xml, policylens-run.json   the combined run
The same folders give the same bytes.`;

/** A page × scenario found in one of the merged folders. */
interface Found {
  dir: string;
  entry: IndexEntry;
}

/** Prefer an audited result over a failure, then the later one, then the folder named first. */
function better(a: Found, b: Found): Found {
  if (a.entry.ok !== b.entry.ok) return a.entry.ok ? a : b;
  return b.entry.finishedAt > a.entry.finishedAt ? b : a;
}

function toolVersions(dirs: readonly string[]): string {
  const versions = new Set<string>();
  for (const dir of dirs) {
    try {
      const run = JSON.parse(readFileSync(path.join(dir, 'policylens-run.json'), 'utf8')) as { toolVersion?: unknown };
      if (typeof run.toolVersion === 'string') versions.add(run.toolVersion);
    } catch {
      // a shard killed before its end has no run file; its entries still count
    }
  }
  return versions.size > 0 ? [...versions].sort().join(', ') : extensionVersionOf(REPO_ROOT);
}

/** `policylens merge <dir…>`: see MERGE_USAGE. */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'policylens merge',
    argv,
    { out: { type: 'string', default: 'policylens-merged' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    io,
    MERGE_USAGE,
  );
  if (!parsed) return EXIT.usage;
  if (parsed.values.help) {
    io.out(MERGE_USAGE);
    return EXIT.ok;
  }
  const problems: string[] = [];
  const lang = languageOption(parsed.values.lang, problems);
  const dirs = parsed.positionals.map((d) => path.resolve(d));
  if (dirs.length === 0) problems.push('merge needs at least one output folder');
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push(`${dir}: no such folder`);
    else if (!existsSync(path.join(dir, RESULTS_INDEX)))
      problems.push(`${dir}: no ${RESULTS_INDEX} (not a policylens output folder, or made before runs were indexed)`);
  }
  if (problems.length > 0) {
    for (const p of problems) io.err(`policylens merge: ${p}`);
    return EXIT.usage;
  }
  const outDir = path.resolve(parsed.values.out);
  mkdirSync(outDir, { recursive: true });

  const byKey = new Map<string, Found>();
  let duplicates = 0;
  for (const dir of dirs) {
    for (const entry of readIndex(dir)) {
      const key = entryKey(entry);
      const found = { dir, entry };
      const before = byKey.get(key);
      if (before) duplicates += 1;
      byKey.set(key, before ? better(before, found) : found);
    }
  }
  if (duplicates > 0)
    io.err(`policylens merge: ${duplicates} page × scenario result${duplicates === 1 ? '' : 's'} found in more than one folder; kept one each`);
  const scenarioRank = (s: string) =>
    (CONSENT_SCENARIOS as readonly string[]).includes(s) ? (CONSENT_SCENARIOS as readonly string[]).indexOf(s) : CONSENT_SCENARIOS.length;
  const found = [...byKey.values()].sort((a, b) =>
    a.entry.url < b.entry.url ? -1 : a.entry.url > b.entry.url ? 1 : scenarioRank(a.entry.scenario) - scenarioRank(b.entry.scenario),
  );
  // Links go from --out to each folder's files, with / on every platform.
  const relink = (f: Found): IndexEntry => ({
    ...f.entry,
    files: f.entry.files.map((file) => path.relative(outDir, path.join(f.dir, file)).split(path.sep).join('/')),
  });
  const entries = found.map(relink);
  for (const f of found) {
    if (f.entry.ok && !f.entry.files.some((file) => file.endsWith('.json'))) {
      io.err(`policylens merge: ${f.entry.url} [${f.entry.scenario}] in ${f.dir} has no saved JSON result (run the batch with the json format)`);
      return EXIT.usage;
    }
  }

  const presenter = createPresenter(lang);
  const ruleIds = [...new Set([...RULES.map((r) => r.id), ...entries.flatMap((e) => (e.ok ? Object.keys(e.rules).sort() : []))])];
  // The latest result's time, not the clock: the same folders give the same bytes.
  const createdAt = entries.reduce((t, e) => Math.max(t, e.finishedAt), 0);
  const toolVersion = toolVersions(dirs);
  writeRunFiles(
    found.map((f, i) => ({
      entry: entries[i]!,
      report: () =>
        f.entry.ok
          ? reportFromResultFile(
              path.join(
                f.dir,
                f.entry.files.find((file) => file.endsWith('.json'))!,
              ),
            )
          : null,
    })),
    { outDir, formats: ['sarif', 'junit', 'html'], createdAt, toolVersion, presenter, writeIndex: true },
  );
  writeFileAtomic(path.join(outDir, 'results.csv'), buildCsv(entries, ruleIds));
  writeFileAtomic(
    path.join(outDir, 'overview.html'),
    renderSectorOverview(
      entries.map((e) => {
        const href = e.files.find((f) => f.endsWith('.html')) ?? null;
        return e.ok
          ? { url: e.url, scenario: e.scenario, href, ok: true, verdict: e.verdict, violations: e.violations, worstSeverity: e.worstSeverity, rules: e.rules }
          : { url: e.url, scenario: e.scenario, href, ok: false, reason: e.reason };
      }),
      { presenter, ruleOrder: RULES.map((r) => r.id), toolVersion },
    ),
  );
  io.out(`${presenter.t('cli.summary')}\n${formatIndexSummary(entries, presenter)}\n\n${formatTotals(entries, presenter)}`);
  io.out(
    `\n${presenter.t('cli.merged', { count: dirs.length, dir: `${outDir}${path.sep}`, files: 'results.ndjson, results.csv, overview.html, policylens.sarif, policylens.junit.xml' })}`,
  );
  return EXIT.ok;
}
