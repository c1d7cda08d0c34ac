import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchWithExtension, type LaunchedBareBrowser, type LaunchedBrowser } from '../../src/cli/launch-browser.ts';
import { OUT_DIR } from './paths.ts';
import { AUDITED_SHOP, startRealisticShop, SHOPPER_NETWORK, UNAUDITED_SHOP, type NetworkProfile } from './realistic-shop.ts';
import { rng } from './prng.ts';
import { median, quantile } from './stats.ts';

/** Rounds when no --rounds is given: a quick look (about 3 minutes); the README's figures used more. */
export const DEFAULT_REALISTIC_ROUNDS = 8;
const PAUSE_BETWEEN_LOADS_MS = 300;
const BOOTSTRAP_RESAMPLES = 2_000;

/** The three navigation timings a shopper feels, in ms from navigation start. */
interface LoadTimes {
  firstByte: number;
  domContentLoaded: number;
  load: number;
}
const MEASURES = ['load', 'domContentLoaded', 'firstByte'] as const;
type Measure = (typeof MEASURES)[number];

/**
 * The mechanisms PolicyLens's manifest and worker use, with code that does nothing, one set
 * per row of the ablation: what Chromium charges for each mechanism on its own.
 */
interface Floor {
  id: string;
  label: string;
  webRequest: 'none' | 'plain' | 'extraHeaders';
  documentStartScript: boolean;
}

const FLOORS: Floor[] = [
  {
    id: 'floor-all',
    label: 'all mechanisms (webRequest with extraHeaders, document_start script, cookies.onChanged)',
    webRequest: 'extraHeaders',
    documentStartScript: true,
  },
  { id: 'floor-no-extra', label: 'without extraHeaders', webRequest: 'plain', documentStartScript: true },
  { id: 'floor-no-webrequest', label: 'without webRequest listeners', webRequest: 'none', documentStartScript: true },
  { id: 'floor-no-script', label: 'webRequest without extraHeaders, no document_start script', webRequest: 'plain', documentStartScript: false },
  { id: 'floor-cookies-only', label: 'cookies.onChanged alone', webRequest: 'none', documentStartScript: false },
];

function buildFloor(dist: string, floor: Floor): string {
  const outDir = path.join(OUT_DIR, floor.id);
  rmSync(outDir, { recursive: true, force: true });
  cpSync(dist, outDir, { recursive: true });
  const ALL = `{ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }`;
  const headersSpec = floor.webRequest === 'extraHeaders' ? `, ['responseHeaders', 'extraHeaders']` : '';
  const lines = [`// Ablation floor "${floor.id}" of the realistic page-load benchmark: listeners doing nothing.`];
  if (floor.webRequest !== 'none') {
    lines.push(`chrome.webRequest.onBeforeRequest.addListener(() => {}, ${ALL});`);
    lines.push(`chrome.webRequest.onHeadersReceived.addListener(() => {}, ${ALL}${headersSpec});`);
    lines.push(`chrome.webRequest.onErrorOccurred.addListener(() => {}, ${ALL});`);
  }
  lines.push('chrome.cookies.onChanged.addListener(() => {});', '');
  writeFileSync(path.join(outDir, 'service-worker-loader.js'), lines.join('\n'));
  const manifestPath = path.join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { content_scripts?: { js: string[] }[] };
  for (const script of manifest.content_scripts ?? []) for (const file of script.js) writeFileSync(path.join(outDir, file), '');
  if (!floor.documentStartScript) delete manifest.content_scripts;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return outDir;
}

/** One row of the table: a browser and the shop host its tab loads. */
interface Slot {
  id: string;
  label: string;
  context: BrowserContext;
  url: string;
  times: LoadTimes[];
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface RealisticRow {
  id: string;
  label: string;
  loads: number;
  /** Medians over the rounds, ms. */
  median: Record<Measure, number>;
  /** Against the no-extension row, median of this row over median of that one (bootstrap 95 % interval over rounds). */
  ratio: Record<Measure, Interval>;
  /** Milliseconds added over the no-extension row (difference of medians, bootstrap 95 % interval). */
  addedMs: Record<Measure, Interval>;
}

export interface RealisticResult {
  network: NetworkProfile;
  requestsPerLoad: number;
  bytesPerLoad: number;
  rounds: number;
  rows: RealisticRow[];
  /** 1-minute load average sampled every 5 s while the phase ran. */
  loadAverage: { min: number; mean: number; max: number };
  seconds: number;
}

async function timeLoad(context: BrowserContext, url: string): Promise<LoadTimes> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    // loadEventEnd is set once the load handlers returned: wait for it rather than read 0.
    await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd > 0);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { firstByte: nav.responseStart, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
    });
  } finally {
    await page.close();
  }
}

/** Median over rounds of a row divided by (or minus) the baseline's; resampled rounds keep the pairing. */
function bootstrap(row: number[], base: number[], combine: (a: number, b: number) => number, seed: number): Interval {
  const random = rng(seed);
  const estimates = new Float64Array(BOOTSTRAP_RESAMPLES);
  const n = row.length;
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const a: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = random.int(n);
      a.push(row[k] as number);
      c.push(base[k] as number);
    }
    estimates[b] = combine(median(a), median(c));
  }
  estimates.sort();
  return { value: combine(median(row), median(base)), low: quantile(estimates, 0.025), high: quantile(estimates, 0.975) };
}

/**
 * The realistic phase: PolicyLens (an unaudited and an audited tab), no extension, and the
 * ablation floors load the same shop page over a shopper's network, one load each per
 * round, the order rotating every round, each load in a fresh tab.
 */
export async function benchRealisticPageLoad(
  dist: string,
  rounds: number,
  log: (line: string) => void,
  /** Another build to compare (e.g. an earlier commit's dist/), loading the audited shop. */
  compare: { label: string; dir: string } | null = null,
): Promise<RealisticResult> {
  const started = performance.now();
  const shop = await startRealisticShop();
  const common = { allowThirdPartyCookies: true, browserArgs: [`--host-resolver-rules=${shop.hostResolverRules}`, '--ignore-certificate-errors'] };
  const launched: (LaunchedBrowser | LaunchedBareBrowser)[] = [];
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(os.loadavg()[0] ?? 0), 5_000);
  try {
    const bare = await launchWithExtension({ extensionDir: null, ...common });
    launched.push(bare);
    const withExt = await launchWithExtension({ extensionDir: dist, ...common });
    launched.push(withExt);
    const slots: Slot[] = [
      { id: 'none', label: 'no extension', context: bare.context, url: `${UNAUDITED_SHOP}/`, times: [] },
      { id: 'unaudited', label: 'PolicyLens, unaudited tab (shop without a model)', context: withExt.context, url: `${UNAUDITED_SHOP}/`, times: [] },
      { id: 'audited', label: 'PolicyLens, audited tab (shop with a bundled model)', context: withExt.context, url: `${AUDITED_SHOP}/`, times: [] },
    ];
    if (compare) {
      const browser = await launchWithExtension({ extensionDir: compare.dir, ...common });
      launched.push(browser);
      slots.push({ id: 'compare', label: compare.label, context: browser.context, url: `${AUDITED_SHOP}/`, times: [] });
    }
    for (const floor of FLOORS) {
      const browser = await launchWithExtension({ extensionDir: buildFloor(dist, floor), ...common });
      launched.push(browser);
      slots.push({ id: floor.id, label: `floor: ${floor.label}`, context: browser.context, url: `${UNAUDITED_SHOP}/`, times: [] });
    }
    // Two untimed loads each: caches of the browser (not of the page: no-store) and JIT warm.
    for (const slot of slots) for (let i = 0; i < 2; i++) await timeLoad(slot.context, slot.url);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < slots.length; k++) {
        const slot = slots[(round + k) % slots.length] as Slot;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_LOADS_MS));
        slot.times.push(await timeLoad(slot.context, slot.url));
      }
      log(`realistic page load: round ${round + 1} / ${rounds}`);
    }
    const base = slots[0] as Slot;
    const rows = slots.map((slot, i): RealisticRow => {
      const of = (times: LoadTimes[], m: Measure) => times.map((t) => t[m]);
      const record = <T>(f: (m: Measure, j: number) => T) => Object.fromEntries(MEASURES.map((m, j) => [m, f(m, j)])) as Record<Measure, T>;
      return {
        id: slot.id,
        label: slot.label,
        loads: slot.times.length,
        median: record((m) => median(of(slot.times, m))),
        ratio: record((m, j) => bootstrap(of(slot.times, m), of(base.times, m), (a, b) => a / b, 1_000 + i * 10 + j)),
        addedMs: record((m, j) => bootstrap(of(slot.times, m), of(base.times, m), (a, b) => a - b, 2_000 + i * 10 + j)),
      };
    });
    const sampled = samples.length > 0 ? samples : [os.loadavg()[0] ?? 0];
    return {
      network: SHOPPER_NETWORK,
      requestsPerLoad: shop.requestsPerLoad,
      bytesPerLoad: shop.bytesPerLoad,
      rounds,
      rows,
      loadAverage: { min: Math.min(...sampled), mean: sampled.reduce((s, v) => s + v, 0) / sampled.length, max: Math.max(...sampled) },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    clearInterval(sampler);
    for (const browser of launched) await browser.close().catch(() => {});
    await shop.close();
  }
}
