import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { main } from '../../src/cli/policylens';
import { EXIT, type CliIo } from '../../src/cli/cli-io';
import { entryKey, readIndex, RESULTS_INDEX, type IndexEntry } from '../../src/cli/batch/result-index';
import { SEVERITIES, type AuditReport } from '../../src/core/audit/report-types';
import { DIST } from '../e2e/harness';
import { CRASH_BROWSER_ARGS, PLANTED_FAILURES, shopTrackers, startBatchShops, type BatchShopServer, type PlantedFailure } from '../fixtures/batch/server';

/**
 * A sweep of 50 fixture shops (45 tiny shops, 5 planted failures) through the real CLI:
 * started as a child process, SIGKILLed once a dozen results are in, resumed with
 * --resume, then merged. What each page must hold follows from the fixture's own rules
 * (shopTrackers), what each failure must say from how it was planted.
 */

const REPO = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO, 'src/cli/policylens-bin.mjs');
const ENTRYPOINT = path.join(REPO, 'deploy/entrypoint.sh');
const SHOPS = 45;
const KILL_AFTER = 12;
/** Pods of the live Indexed Job run, and what they audit (9 pages, 3 a pod): a clean shop, shops planting each tracker alone and together, two quick failures. */
const PODS = 3;
const SHARDED_SHOPS = [1, 2, 3, 5, 6, 30, 45];
const SHARDED_FAILURES: readonly PlantedFailure[] = ['redirect', 'tls'];
/**
 * What two live runs of the same pages may disagree on, and nothing else: when something
 * happened (`at`, `since`: epoch ms of an observation), how long a page took, and Chromium's
 * random id of each document (`documentId`, new in every browser). Two more follow from
 * timing and are compared loosely, not left out: evidence is listed in time order, and which
 * of two things a page does at once comes first (the GA hit or the script's `_ga` cookie)
 * is a race, so evidence is compared as a set; a stored cookie's `lifetimeDays` is its
 * expiry less the moment it was read, so it may differ by the milliseconds between two
 * reads, and is compared to within 5e-5 days (4 s).
 */
const RUN_SPECIFIC_KEYS = new Set(['at', 'since', 'durationMs', 'finishedAt', 'documentId']);
const EXPECTED_REASON: Record<PlantedFailure, string> = {
  hang: 'timeout',
  crash: 'renderer-crash',
  redirect: 'redirect-loop',
  tls: 'tls',
  download: 'download',
};

function capture(): CliIo & { text(): string } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
}

function indexLines(dir: string): string[] {
  return readFileSync(path.join(dir, RESULTS_INDEX), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function reportOf(dir: string, entry: IndexEntry): AuditReport {
  const json = entry.files.find((f) => f.endsWith('.json'))!;
  return (JSON.parse(readFileSync(path.join(dir, json), 'utf8')) as { evidence: { report: AuditReport } }).evidence.report;
}

function violationsByRule(report: AuditReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of report.findings) if (f.kind === 'violation') out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/** The URLs pod `index` of an Indexed Job with `shards` completions audits, from the image's entrypoint. */
function podShard(listFile: string, index: number, shards: number): string[] {
  const run = spawnSync('sh', [ENTRYPOINT, 'shard', '--list-urls'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, POLICYLENS_CLI: `node ${BIN}`, POLICYLENS_URLS: listFile, POLICYLENS_SHARDS: String(shards), JOB_COMPLETION_INDEX: String(index) },
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter(Boolean);
}

/** A value with every RUN_SPECIFIC_KEYS field left out and evidence in one order, at any depth. */
/**
 * URL values are masked with a salt of each audit's own (src/core/observe/mask-url.ts): the
 * same value masks to the same length and another hash in another run, so the hash is left out.
 */
const MASKED_HASH = /(~\d+\.)[0-9a-f]{8}/g;
function withoutSalt(text: string): string {
  return text.replace(MASKED_HASH, '$1<hash>');
}

function withoutRunSpecifics(value: unknown): unknown {
  if (typeof value === 'string') return withoutSalt(value);
  if (Array.isArray(value)) return value.map(withoutRunSpecifics);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !RUN_SPECIFIC_KEYS.has(k))
      .map(([k, v]) => [k, withoutRunSpecifics(v)]),
  );
  if (Array.isArray(out.evidence)) out.evidence = [...(out.evidence as unknown[])].sort((x, y) => evidenceKey(x).localeCompare(evidenceKey(y)));
  return out;
}

/** An evidence item as a sort key: all of it but the lifetime, which is compared loosely. */
function evidenceKey(item: unknown): string {
  return JSON.stringify(item, (k, v: unknown) => (k === 'lifetimeDays' ? undefined : v));
}

/** The expected side of a comparison, with every `lifetimeDays` matched to within 5e-5 days. */
function looseLifetimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(looseLifetimes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'lifetimeDays' && typeof v === 'number' ? expect.closeTo(v, 4) : looseLifetimes(v)]),
  );
}

/** An index entry without its files (paths in the folder it is in) and run specifics. */
function outcome(entry: IndexEntry): unknown {
  const { files: _files, ...rest } = entry;
  return withoutRunSpecifics(rest);
}

/** A page's findings as its saved report holds them, evidence included, run specifics left out. */
function findingsOf(dir: string, entry: IndexEntry): unknown {
  return withoutRunSpecifics(reportOf(dir, entry).findings);
}

/** Runs `entrypoint.sh shard` as a pod of the Indexed Job would, with the Job's variables. */
function runPod(jobEnv: Record<string, string>, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('sh', [ENTRYPOINT, 'shard', ...args], {
    cwd: REPO,
    env: { ...process.env, POLICYLENS_CLI: `node ${BIN}`, ...jobEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('a 50-shop sweep, killed mid-way and resumed', () => {
  let shops: BatchShopServer;
  let work: string;
  let out: string;
  let listFile: string;
  let urls: string[];
  const run = { killedBy: '' as string | null, beforeKill: [] as IndexEntry[], hitsAtKill: new Map<string, number>(), resumeCode: -1, resumeOutput: '' };
  let args: string[];
  /** What every run of this file passes, the batch's own --urls, --out and --concurrency aside. */
  let auditArgs: string[];

  beforeAll(async () => {
    shops = await startBatchShops();
    work = mkdtempSync(path.join(tmpdir(), 'policylens-sweep-'));
    out = path.join(work, 'run');
    listFile = path.join(work, 'shops.txt');
    urls = [...Array.from({ length: SHOPS }, (_, i) => shops.shopUrl(i + 1)), ...PLANTED_FAILURES.map((k) => shops.failureUrl(k))];
    writeFileSync(listFile, `# a fixture sector\n${urls.join('\n')}\n`);
    auditArgs = [
      '--extension',
      DIST,
      `--browser-arg=--host-resolver-rules=${shops.hostResolverRules}`,
      ...CRASH_BROWSER_ARGS.map((a) => `--browser-arg=${a}`),
      '--timeout',
      '4000',
      '--settle',
      '0',
      '--format',
      'json,html',
      '--quiet',
    ];
    args = ['--urls', listFile, '--out', out, '--concurrency', '3', ...auditArgs];
    // The first run: a child process, killed without warning once KILL_AFTER results are in.
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(path.join(out, RESULTS_INDEX)) && indexLines(out).length >= KILL_AFTER) break;
      if (child.exitCode !== null) throw new Error(`the batch ended before it could be killed:\n${stderr}`);
    }
    child.kill('SIGKILL');
    run.killedBy = await exited;
    run.beforeKill = readIndex(out);
    run.hitsAtKill = new Map(shops.pageHits);
    // Its browsers lose their DevTools pipe with it and quit; give them a moment.
    await new Promise((r) => setTimeout(r, 1_000));

    const io = capture();
    run.resumeCode = await main([...args, '--resume'], io);
    run.resumeOutput = io.text();
  }, 600_000);

  afterAll(async () => {
    await shops?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('was killed mid-way, and the resumed run finished the batch', () => {
    expect(run.killedBy).toBe('SIGKILL');
    expect(run.beforeKill.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(run.beforeKill.length).toBeLessThan(urls.length);
    expect(run.resumeOutput).toContain(`${run.beforeKill.length} of ${urls.length} already done`);
    // Some pages could not be audited: exit 3, the batch went on.
    expect(run.resumeCode).toBe(EXIT.pageErrors);
  });

  it('holds every page exactly once, and resume did not visit a page again that was done', () => {
    const lines = indexLines(out).map((l) => JSON.parse(l) as IndexEntry);
    expect(lines.map(entryKey).sort()).toEqual(urls.map((u) => entryKey({ url: u, scenario: 'none' })).sort());
    for (const done of run.beforeKill) {
      const page = `${new URL(done.url).host}/`;
      expect(shops.pageHits.get(page), `${done.url} was audited again`).toBe(run.hitsAtKill.get(page));
    }
    for (let n = 1; n <= SHOPS; n++) {
      const url = shops.shopUrl(n);
      const hits = shops.pageHits.get(`${new URL(url).host}/`) ?? 0;
      // Once, or twice when the kill came while it was being audited.
      expect(hits, url).toBeGreaterThanOrEqual(1);
      expect(hits, url).toBeLessThanOrEqual(run.beforeKill.some((e) => e.url === url) ? 1 : 2);
    }
  });

  it('audited every shop, with the findings its page plants', () => {
    const entries = readIndex(out);
    for (let n = 1; n <= SHOPS; n++) {
      const entry = entries.find((e) => e.url === shops.shopUrl(n))!;
      expect(entry.ok, `${entry.url}: ${entry.ok ? '' : entry.error}`).toBe(true);
      const t = shopTrackers(n);
      const subjects = new Set(
        reportOf(out, entry)
          .findings.filter((f) => f.kind === 'violation' && f.ruleId === 'tracking-before-consent')
          .map((f) => f.subject.label),
      );
      expect(subjects.has('Google Analytics'), `${entry.url} Google Analytics`).toBe(t.analytics || t.gaCookie);
      // The pixel's /tr hit goes to www.facebook.com, which Chromium's HSTS preload list upgrades
      // to https: this plain-http fixture cannot answer it, so only the script load is seen, and a
      // plain script load is the lower-severity notice of the same rule, not a violation.
      const pixel = reportOf(out, entry).findings.some((f) => f.ruleId === 'tracking-before-consent' && f.subject.label === 'Meta Pixel');
      expect(pixel, `${entry.url} Meta Pixel`).toBe(t.pixel);
    }
  });

  it('records each planted failure with its reason, after one retry in a fresh browser', () => {
    const entries = readIndex(out);
    for (const kind of PLANTED_FAILURES) {
      const entry = entries.find((e) => e.url === shops.failureUrl(kind))!;
      expect(entry.ok, kind).toBe(false);
      if (entry.ok) continue;
      expect(entry.reason, `${kind}: ${entry.error}`).toBe(EXPECTED_REASON[kind]);
      expect(entry.attempts, kind).toBe(2);
      const saved = JSON.parse(readFileSync(path.join(out, entry.files[0]!), 'utf8')) as { reason: string; error: string; attempts: number };
      expect(saved).toMatchObject({ reason: EXPECTED_REASON[kind], error: entry.error, attempts: 2 });
    }
    // Each attempt reached the server: the retry is real. (Redirects and TLS fallbacks hit more often.)
    for (const kind of ['hang', 'crash', 'download'] as const)
      expect(shops.pageHits.get(`${new URL(shops.failureUrl(kind)).host}/`), kind).toBeGreaterThanOrEqual(2);
  });

  describe('merged', () => {
    let merged: string;
    beforeAll(async () => {
      merged = path.join(work, 'merged');
      expect(await main(['merge', out, '--out', merged], capture())).toBe(EXIT.ok);
    });

    it('gives the same bytes when merged again', async () => {
      const again = path.join(work, 'merged-again');
      expect(await main(['merge', out, '--out', again], capture())).toBe(EXIT.ok);
      for (const f of readdirSync(merged)) expect(readFileSync(path.join(again, f), 'utf8'), f).toBe(readFileSync(path.join(merged, f), 'utf8'));
    });

    it('has a CSV row per page × scenario whose rule columns count the page report’s violations', () => {
      const [header, ...rows] = readFileSync(path.join(merged, 'results.csv'), 'utf8').trimEnd().split('\r\n');
      const columns = header!.split(',');
      expect(rows).toHaveLength(urls.length);
      const entries = readIndex(out);
      const ruleColumns = columns.slice(columns.indexOf(SEVERITIES.at(-1)!) + 1);
      for (const row of rows) {
        const cells = row.split(',');
        const cell = (name: string) => cells[columns.indexOf(name)];
        const entry = entries.find((e) => e.url === cell('url'))!;
        expect(cell('status')).toBe(entry.ok ? 'audited' : 'failed');
        if (!entry.ok) {
          expect(cell('failure_reason')).toBe(entry.reason);
          continue;
        }
        const byRule = violationsByRule(reportOf(out, entry));
        for (const rule of ruleColumns) expect(Number(cell(rule)), `${entry.url} ${rule}`).toBe(byRule.get(rule) ?? 0);
        expect(Number(cell('violations'))).toBe([...byRule.values()].reduce((a, b) => a + b, 0));
      }
    });

    it('has an overview that counts shops per rule from the page reports, worst first, linking each report', () => {
      const html = readFileSync(path.join(merged, 'overview.html'), 'utf8');
      const doc = new Window().document;
      doc.body.innerHTML = html.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');
      const entries = readIndex(out);
      const audited = entries.filter((e) => e.ok);
      const shopsBreaking = new Map<string, Set<string>>();
      for (const e of audited)
        for (const rule of violationsByRule(reportOf(out, e)).keys())
          shopsBreaking.set(rule, (shopsBreaking.get(rule) ?? new Set()).add(new URL(e.url).hostname));
      const ruleRows = [...doc.querySelectorAll('[data-rule]')];
      expect(ruleRows.map((r) => r.getAttribute('data-rule')).sort()).toEqual([...shopsBreaking.keys()].sort());
      const counts = ruleRows.map((r) => shopsBreaking.get(r.getAttribute('data-rule')!)!.size);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      for (const [i, r] of ruleRows.entries()) expect(r.querySelector('[data-testid=rule-shops]')!.textContent).toBe(`${counts[i]} of ${audited.length}`);

      const shopRows = [...doc.querySelectorAll('[data-shop]')];
      expect(shopRows).toHaveLength(urls.length);
      const totals = shopRows.map((r) => Number(r.querySelector('[data-testid=shop-violations]')!.textContent));
      for (const r of shopRows) {
        const entry = entries.find((e) => new URL(e.url).hostname === r.getAttribute('data-shop'))!;
        const links = [...r.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
        if (!entry.ok) continue;
        expect(links).toHaveLength(1);
        const linked = readFileSync(path.resolve(merged, links[0]!), 'utf8');
        expect(linked).toContain(new URL(entry.url).hostname);
        expect(Number(r.querySelector('[data-testid=shop-violations]')!.textContent)).toBe(reportOf(out, entry).summary.violations);
      }
      // Worst first: the shops with the most violations lead (all fixture findings are high).
      const okTotals = totals.slice(0, audited.length);
      expect(okTotals).toEqual([...okTotals].sort((a, b) => b - a));
      const failed = [...doc.querySelectorAll('[data-failed]')].map((r) => [
        r.getAttribute('data-failed'),
        r.querySelector('[data-reason]')!.getAttribute('data-reason'),
      ]);
      expect(failed.sort()).toEqual(PLANTED_FAILURES.map((k) => [shops.failureUrl(k), EXPECTED_REASON[k]]).sort());
    });

    describe('against three live Indexed Job pods', () => {
      const volume = () => path.join(work, 'volume');
      const sharded = () => path.join(volume(), 'merged');
      const reference = () => path.join(work, 'reference-merged');
      let subset: string[];
      const pods: Array<{ urls: string[]; dir: string; code: number | null; stderr: string }> = [];

      beforeAll(async () => {
        subset = [...SHARDED_SHOPS.map((n) => shops.shopUrl(n)), ...SHARDED_FAILURES.map((k) => shops.failureUrl(k))];
        const subsetFile = path.join(work, 'subset.txt');
        writeFileSync(subsetFile, `${subset.join('\n')}\n`);
        // The three pods at once, each through the image's entrypoint with the variables the
        // Job manifest sets, each into its own folder of the shared volume.
        const env = { POLICYLENS_URLS: subsetFile, POLICYLENS_SHARDS: String(PODS), POLICYLENS_OUT: volume() };
        const runs = await Promise.all(
          Array.from({ length: PODS }, (_, i) => runPod({ ...env, JOB_COMPLETION_INDEX: String(i) }, [...auditArgs, '--concurrency', '1'])),
        );
        for (const [i, r] of runs.entries())
          pods.push({ ...r, urls: podShard(subsetFile, i, PODS), dir: path.join(volume(), `shard-${String(i).padStart(5, '0')}`) });
        const merge = spawnSync('sh', [ENTRYPOINT, 'merge'], {
          cwd: REPO,
          encoding: 'utf8',
          env: { ...process.env, POLICYLENS_CLI: `node ${BIN}`, POLICYLENS_OUT: volume() },
        });
        expect(merge.status, merge.stderr).toBe(0);
        expect(merge.stderr).not.toContain('more than one folder');
        // What the unsharded run audited of the same pages: its own index lines and files,
        // restricted to the subset (a restriction of that live run, nothing made up), merged alike.
        const held = path.join(work, 'reference');
        mkdirSync(held);
        const mine = readIndex(out).filter((e) => subset.includes(e.url));
        for (const e of mine) for (const f of e.files) cpSync(path.join(out, f), path.join(held, f));
        writeFileSync(path.join(held, RESULTS_INDEX), mine.map((e) => `${JSON.stringify(e)}\n`).join(''));
        expect(await main(['merge', held, '--out', reference()], capture())).toBe(EXIT.ok);
      }, 600_000);

      it('each pod audited exactly its shard (JOB_COMPLETION_INDEX + 1 of POLICYLENS_SHARDS) into its own folder', () => {
        expect(pods.flatMap((p) => p.urls).sort()).toEqual([...subset].sort());
        for (const pod of pods) {
          expect(pod.urls.length, pod.stderr).toBeGreaterThan(0);
          expect(readIndex(pod.dir).map(entryKey).sort(), pod.stderr).toEqual(pod.urls.map((u) => entryKey({ url: u, scenario: 'none' })).sort());
          // Exit 3 where a planted failure fell into the shard, 0 elsewhere.
          const failures = pod.urls.filter((u) => SHARDED_FAILURES.some((k) => shops.failureUrl(k) === u));
          expect(pod.code, pod.stderr).toBe(failures.length > 0 ? EXIT.pageErrors : EXIT.ok);
        }
      });

      it('merge the same pages × scenarios with the same outcome and the same findings per page as the unsharded run', () => {
        const fromPods = readIndex(sharded());
        const unsharded = readIndex(reference());
        expect(fromPods.map(entryKey)).toEqual(unsharded.map(entryKey));
        // Not a comparison of nothing: both audited shops with violations and recorded failures.
        expect(fromPods.filter((e) => e.ok && e.violations > 0).length).toBeGreaterThan(0);
        expect(
          fromPods
            .filter((e) => !e.ok)
            .map((e) => e.url)
            .sort(),
        ).toEqual(SHARDED_FAILURES.map((k) => shops.failureUrl(k)).sort());
        expect(fromPods.map(entryKey).sort()).toEqual(subset.map((u) => entryKey({ url: u, scenario: 'none' })).sort());
        for (const [i, a] of fromPods.entries()) {
          const b = unsharded[i]!;
          expect(outcome(a), a.url).toEqual(outcome(b));
          if (a.ok && b.ok) expect(findingsOf(sharded(), a), a.url).toEqual(looseLifetimes(findingsOf(reference(), b)));
        }
      });

      it('merge to the same CSV and overview, and the same SARIF and JUnit but for what follows from timing', () => {
        const read = (dir: string, f: string) => withoutSalt(readFileSync(path.join(dir, f), 'utf8'));
        expect(read(sharded(), 'results.csv')).toBe(read(reference(), 'results.csv'));
        // The links differ only in the folder holding each report: ../shard-0000k/x.html against ../reference/x.html.
        const unlinked = (dir: string) => read(dir, 'overview.html').replace(/href="[^"]*\//g, 'href="');
        expect(unlinked(sharded())).toBe(unlinked(reference()));
        expect(withoutRunSpecifics(JSON.parse(read(sharded(), 'policylens.sarif')))).toEqual(
          looseLifetimes(withoutRunSpecifics(JSON.parse(read(reference(), 'policylens.sarif')))),
        );
        const untimed = (dir: string) => read(dir, 'policylens.junit.xml').replace(/ (timestamp|time)="[^"]*"/g, '');
        expect(untimed(sharded())).toBe(untimed(reference()));
      });
    });
  });
});
