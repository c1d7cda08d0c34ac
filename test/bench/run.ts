/**
 * PolicyLens benchmarks: vendor coverage against third-party-web, request classification vs Ghostery, audit scaling, page-load
 * overhead, worker memory and popup render. Prints a markdown report and writes it to
 * out/bench/results.md. Run: npx tsx test/bench/run.ts  (see test/bench/README.md)
 * `--skip-browser` runs only the Node parts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildIsStale, DEFAULT_DIST } from '../../src/cli/ensure-build.ts';
import { AUDIT_SIZES, benchAudit, type AuditRow } from './audit-scaling.ts';
import { benchBrowser, type BrowserResult } from './browser.ts';
import { LEAD_FINDINGS } from '../../src/core/report/report-preview.ts';
import { buildCore, loadCore } from './build-core.ts';
import { benchClassification, type ClassifyResult } from './classify.ts';
import { OUT_DIR, REPO_ROOT } from './paths.ts';
import { fmt, table } from './stats.ts';
import { coverageSection, measureVendorCoverage } from './vendor-coverage.ts';
import { benchSweep, sweepSection, type SweepResult } from './sweep.ts';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function machine(chromium: string | null): string[] {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const pkg = (name: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  const [l1, l5] = os.loadavg();
  return [
    `- CPU: ${cpu}, ${os.cpus().length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}; Chromium ${chromium ?? '(browser part skipped)'}`,
    `- @ghostery/adblocker ${pkg('@ghostery/trackerdb/node_modules/@ghostery/adblocker')} (TrackerDB's own copy, see README), @ghostery/trackerdb ${pkg('@ghostery/trackerdb')}, tldts ${pkg('tldts')}`,
    `- load average at the end of the run: ${fmt(l1 ?? 0, 1)} (1 min), ${fmt(l5 ?? 0, 1)} (5 min) — above the core count, timings include waiting for the CPU`,
  ];
}

function classificationSection(c: ClassifyResult): string {
  const row = (name: string, t: ClassifyResult['policylens']) => [name, fmt(t.medianUs, 3), fmt(t.p99Us, 2), fmt(t.meanUs, 2), `${t.attributed}`];
  return [
    `### 1. Request classification (${c.corpus.size.toLocaleString('en')} URLs, ${c.corpus.uniqueHosts.toLocaleString('en')} distinct hosts)`,
    '',
    `Corpus: ${c.corpus.firstParty} first-party shop URLs, ${c.corpus.catalogue} on catalogue vendor hosts, ${c.corpus.unknown} on hosts no list knows (seeded mulberry32). Same process, same corpus, each path warmed over the whole corpus first; single calls timed with process.hrtime.bigint() (timer overhead ${c.overheadNs} ns subtracted), mean from batches of 100.`,
    '',
    table(
      ['path', 'median µs', 'p99 µs', 'mean µs (batches)', 'requests attributed to a vendor / organisation'],
      [
        row('PolicyLens: hostOf + siteOf + party + index.lookupHost (catalogue + third-party-web)', c.policylens),
        row('PolicyLens audit: hostOf + siteOf + Attributor.host (cached per host)', c.attributor),
        row('Ghostery: Request.fromRawDetails + getPatternMetadata (TrackerDB engine)', c.ghostery),
      ],
    ),
    '',
    `Median speed-up over Ghostery: ${fmt(c.ghostery.medianUs / c.policylens.medianUs, 1)}× (classification), ${fmt(c.ghostery.medianUs / c.attributor.medianUs, 1)}× (audit path).`,
    '',
    table(
      ['start-up (cold, fresh process, median of ' + c.startup.runs + ')', 'ms'],
      [
        [`import the bundled core (inlined data, ${c.startup.vendorCount} vendors)`, fmt(c.startup.importMs, 1)],
        ['validate the catalogue (loadBundledCatalogue)', fmt(c.startup.validateMs, 1)],
        ['build the index (bundledVendorIndex)', fmt(c.startup.indexMs, 1)],
        ['build the default layers (third-party-web) and the index with them', fmt(c.startup.layersMs, 1)],
        ['Ghostery: deserialize trackerdb.engine', fmt(c.startup.ghosteryLoadMs, 1)],
      ],
    ),
  ].join('\n');
}

function auditSection(rows: AuditRow[]): string {
  const body = rows.map((r, i) => {
    const prev = rows[i - 1];
    return [
      r.target.toLocaleString('en'),
      `${r.observations.total.toLocaleString('en')} (${r.observations.requests}/${r.observations.cookies}/${r.observations.cookieAttempts}/${r.observations.storageKeys})`,
      fmt(r.auditMs, 1),
      fmt(r.auditCpuMs, 1),
      prev ? `${fmt(r.auditCpuMs / prev.auditCpuMs, 1)}×` : '',
      `${r.findings}`,
      fmt(r.recordCpuMs, 0),
      prev ? `${fmt(r.recordCpuMs / prev.recordCpuMs, 1)}×` : '',
      `${fmt(r.report.jsonMb, 1)} MB / ${fmt(r.report.cloneMs, 0)} ms`,
    ];
  });
  const last = rows[rows.length - 1];
  const phaseRows = last
    ? Object.entries(last.phases)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([k, v]) => [k, fmt(v, 1)])
    : [];
  return [
    `### 2. Audit scaling (bundled Connox model, observations recorded through TabRecorder)`,
    '',
    table(
      [
        'target',
        'observations (req/cookies/attempts/storage)',
        'audit wall ms (median)',
        'audit CPU ms (median)',
        'CPU × per 10×',
        'findings',
        'recording CPU ms',
        'recording × per 10×',
        'report JSON / structuredClone of it',
      ],
      body,
    ),
    '',
    `Where one ${last?.target.toLocaleString('en')}-observation audit spends its CPU time (ms, top 10):`,
    '',
    table(['phase', 'CPU ms'], phaseRows),
  ].join('\n');
}

function browserSection(b: BrowserResult): string {
  const p = b.pageLoad;
  const m = b.memory;
  return [
    `### 3. Page-load overhead (fixture storefront, clean variant, ${p.loads} loads each, order rotating)`,
    '',
    table(
      ['', 'median loadEventEnd ms', 'min', 'max'],
      [
        ['without extension', fmt(p.medianWithout, 1), fmt(Math.min(...p.withoutMs), 1), fmt(Math.max(...p.withoutMs), 1)],
        [
          'platform floor: same manifest and listeners, code that does nothing',
          fmt(p.medianFloor, 1),
          fmt(Math.min(...p.floorMs), 1),
          fmt(Math.max(...p.floorMs), 1),
        ],
        ['with PolicyLens', fmt(p.medianWith, 1), fmt(Math.min(...p.withMs), 1), fmt(Math.max(...p.withMs), 1)],
        ['ratio with / without (the goal: ≤ 1.02)', fmt(p.ratio, 3), '', ''],
        ['… of which the platform floor (floor / without)', fmt(p.floorRatio, 3), '', ''],
        ["… of which PolicyLens's own code (with / floor)", fmt(p.ownRatio, 3), '', ''],
      ],
    ),
    '',
    '### 4. Memory and popup',
    '',
    table(
      ['measure', 'value'],
      [
        ['worker JS heap after GC, idle (after warm-up)', `${fmt(m.heapBeforeMb, 1)} MB`],
        [
          `worker JS heap after GC, after /heavy?n=5000 + 500 cookies (${m.requestsRecorded} requests, ${m.cookiesRecorded} cookies recorded)`,
          `${fmt(m.heapAfterMb, 1)} MB`,
        ],
        ['growth', `${fmt(m.heapAfterMb - m.heapBeforeMb, 1)} MB`],
        ...m.popupFixture.sizes.map((f) => [
          `popup first screen (verdict + first ${Math.min(f.findings, LEAD_FINDINGS)} findings in the DOM), ${f.findings}-finding fixture report (App + mock client, production build), from mount`,
          `${fmt(f.medianFirstScreenFromMountMs, 1)} ms (runs: ${f.runs.map((r) => (r.firstScreenFromMountMs ?? NaN).toFixed(1)).join(', ')})`,
        ]),
        ['… ratio 500 / 5 findings, same run (the goal: ≤ 1.5)', fmt(m.popupFixture.ratio, 2)],
        ...m.popupFixture.sizes.map((f) => [
          `… ${f.findings} findings: navigation start → first screen / → all findings in the DOM`,
          `${fmt(f.medianFirstScreenMs, 0)} / ${fmt(f.medianAllMs, 0)} ms`,
        ]),
        [
          `real extension popup for the heavy tab (${m.requestsRecorded} requests; ${m.popup.findings} findings), navigation start → verdict in the DOM, incl. the worker's audit and the message`,
          `${fmt(m.popup.medianVerdictMs, 0)} ms (runs: ${m.popup.runs.map((r) => r.verdictMs.toFixed(0)).join(', ')})`,
        ],
      ],
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const skipBrowser = process.argv.includes('--skip-browser');
  mkdirSync(OUT_DIR, { recursive: true });
  log('bundling the core (vite) …');
  await buildCore();
  const core = await loadCore();

  log('vendor coverage against third-party-web …');
  const coverage = measureVendorCoverage();
  const classification = await benchClassification(core, log);
  const auditRows = benchAudit(core, log);

  let browser: BrowserResult | null = null;
  let sweep: SweepResult | null = null;
  if (!skipBrowser) {
    if (buildIsStale()) {
      // Build output goes to stderr so stdout stays the markdown report.
      log('dist/ is missing or stale: npx vite build …');
      const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
      if (built.status !== 0) throw new Error(`vite build failed (exit ${built.status ?? built.signal})`);
    }
    browser = await benchBrowser(DEFAULT_DIST, log);
    sweep = await benchSweep(DEFAULT_DIST, log, { pages: 200, jobs: 8 });
  }

  const seconds = (performance.now() - started) / 1000;
  const report = [
    `## PolicyLens benchmarks`,
    '',
    ...machine(browser?.chromium ?? null),
    `- total run time: ${fmt(seconds, 0)} s; audit sizes ${AUDIT_SIZES.join(', ')}`,
    '',
    coverageSection(coverage),
    '',
    classificationSection(classification),
    '',
    auditSection(auditRows),
    '',
    ...(browser ? [browserSection(browser), ''] : []),
    ...(sweep ? [sweepSection(sweep), ''] : []),
  ].join('\n');
  writeFileSync(path.join(OUT_DIR, 'results.md'), report);
  writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify({ coverage, classification, audit: auditRows, browser, sweep }, null, 2));
  process.stdout.write(`${report}\n`);
  log(`wrote ${path.relative(REPO_ROOT, path.join(OUT_DIR, 'results.md'))}`);
}

await main();
