/**
 * Sweep throughput and memory (part 5 of the bench; also runnable alone:
 * `npx tsx test/bench/sweep.ts [--pages 200] [--jobs 8]`). The CLI runs as a child process,
 * as a tester runs it, and is measured from outside:
 *   - page-scenarios per minute on the fixture storefront (clean variant, scenario none) at
 *     --concurrency 1, 2 and 4: `jobs` distinct URLs (the home page with ?bench=i), wall time
 *     from spawn to exit (start-up and the run-level files included);
 *   - the CLI process's memory over a batch of `pages` tiny fixture shops
 *     (test/fixtures/batch/) at --concurrency 4: VmRSS polled every 250 ms from /proc and
 *     VmHWM (the kernel's peak) at the last poll, plus the RSS when each quarter of the
 *     results was in, so a growing heap shows as a rising row. Browsers are child processes
 *     of their own and not counted: the question is whether the CLI holds results.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBatchShops } from '../fixtures/batch/server.ts';
import { startStorefront } from '../fixtures/storefront/server.ts';
import { REPO_ROOT } from './paths.ts';
import { fmt, table } from './stats.ts';

const BIN = path.join(REPO_ROOT, 'src/cli/policylens-bin.mjs');

export interface SweepResult {
  throughput: Array<{ concurrency: number; jobs: number; failed: number; seconds: number; perMinute: number }>;
  memory: { pages: number; failed: number; seconds: number; peakRssMb: number; hwmMb: number; rssAtQuarterMb: number[] };
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

function indexLines(dir: string): number {
  const file = path.join(dir, 'results.ndjson');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

async function runCli(
  args: string[],
  outDir: string,
  total: number,
): Promise<{ seconds: number; failed: number; peakRssMb: number; hwmMb: number; rssAtQuarterMb: number[] }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args, '--out', outDir, '--quiet'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
  let peak = 0;
  let hwm = 0;
  const quarters: number[] = [];
  const timer = setInterval(() => {
    const rss = statusMb(child.pid!, 'VmRSS');
    if (rss === null) return;
    peak = Math.max(peak, rss);
    hwm = statusMb(child.pid!, 'VmHWM') ?? hwm;
    while (quarters.length < 4 && indexLines(outDir) >= ((quarters.length + 1) * total) / 4) quarters.push(rss);
  }, 250);
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  clearInterval(timer);
  const failed = readFileSync(path.join(outDir, 'results.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .filter((l) => (JSON.parse(l) as { ok: boolean }).ok === false).length;
  return { seconds: (performance.now() - started) / 1000, failed, peakRssMb: peak, hwmMb: hwm, rssAtQuarterMb: quarters };
}

export async function benchSweep(distDir: string, log: (line: string) => void, options: { pages: number; jobs: number }): Promise<SweepResult> {
  const work = mkdtempSync(path.join(tmpdir(), 'policylens-bench-sweep-'));
  try {
    const storefront = await startStorefront({ variant: 'clean' });
    const throughput: SweepResult['throughput'] = [];
    try {
      for (const concurrency of [1, 2, 4]) {
        const list = path.join(work, `storefront-${concurrency}.txt`);
        writeFileSync(list, Array.from({ length: options.jobs }, (_, i) => `https://www.connox.nl/?bench=${concurrency}-${i}`).join('\n'));
        log(`sweep: ${options.jobs} storefront audits at --concurrency ${concurrency} …`);
        const r = await runCli(
          [
            '--urls',
            list,
            '--extension',
            distDir,
            `--browser-arg=--host-resolver-rules=${storefront.hostResolverRules}`,
            '--browser-arg=--ignore-certificate-errors',
            '--concurrency',
            String(concurrency),
          ],
          path.join(work, `out-${concurrency}`),
          options.jobs,
        );
        throughput.push({ concurrency, jobs: options.jobs, failed: r.failed, seconds: r.seconds, perMinute: (options.jobs / r.seconds) * 60 });
      }
    } finally {
      await storefront.close();
    }
    const shops = await startBatchShops();
    try {
      const list = path.join(work, 'shops.txt');
      writeFileSync(list, Array.from({ length: options.pages }, (_, i) => shops.shopUrl(i + 1)).join('\n'));
      log(`sweep: ${options.pages} fixture shops at --concurrency 4, memory polled …`);
      const r = await runCli(
        [
          '--urls',
          list,
          '--extension',
          distDir,
          `--browser-arg=--host-resolver-rules=${shops.hostResolverRules}`,
          '--concurrency',
          '4',
          '--settle',
          '0',
          '--timeout',
          '10000',
        ],
        path.join(work, 'out-memory'),
        options.pages,
      );
      return {
        throughput,
        memory: { pages: options.pages, failed: r.failed, seconds: r.seconds, peakRssMb: r.peakRssMb, hwmMb: r.hwmMb, rssAtQuarterMb: r.rssAtQuarterMb },
      };
    } finally {
      await shops.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function sweepSection(s: SweepResult): string {
  const m = s.memory;
  return [
    '### 5. Sweeps: throughput and CLI memory',
    '',
    table(
      ['--concurrency', 'storefront audits (scenario none)', 'failed', 'wall s (spawn → exit)', 'page-scenarios / min'],
      s.throughput.map((t) => [String(t.concurrency), String(t.jobs), String(t.failed), fmt(t.seconds, 0), fmt(t.perMinute, 1)]),
    ),
    '',
    table(
      ['measure', 'value'],
      [
        [
          `batch of ${m.pages} fixture shops, --concurrency 4 (${m.failed} failed)`,
          `${fmt(m.seconds, 0)} s, ${fmt((m.pages / m.seconds) * 60, 1)} page-scenarios / min`,
        ],
        ['CLI process peak RSS (polled / VmHWM)', `${fmt(m.peakRssMb, 0)} MB / ${fmt(m.hwmMb, 0)} MB`],
        ['CLI RSS when 25 / 50 / 75 / 100 % of the results were in', m.rssAtQuarterMb.map((v) => `${fmt(v, 0)} MB`).join(' / ')],
      ],
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const result = await benchSweep(path.join(REPO_ROOT, 'dist'), (l) => process.stderr.write(`[bench] ${l}\n`), {
    pages: arg('--pages', 200),
    jobs: arg('--jobs', 8),
  });
  process.stdout.write(`${sweepSection(result)}\n`);
  writeFileSync(path.join(REPO_ROOT, 'out/bench/sweep.json'), JSON.stringify(result, null, 2));
}
