import type { BrowserContext } from 'playwright-core';
import { buildPopupPage, servePopupPage } from './popup-build.ts';
import { median } from './stats.ts';

/** Fresh tabs per size; the sizes alternate so load drifts hit both alike. */
const RUNS = 7;
export const FIXTURE_SIZES = [5, 500] as const;

export interface PopupTimes {
  /** Navigation start → the verdict and the first screen of findings are in the DOM. */
  firstScreenMs: number;
  /** From just before mount() (bench page only). */
  firstScreenFromMountMs: number | null;
  /** Navigation start → every finding is in the DOM (bench page only: it knows how many). */
  allMs: number | null;
  /** Navigation start → the verdict is in the DOM. */
  verdictMs: number;
  findings: number;
}

export interface PopupFixtureSize {
  findings: number;
  runs: PopupTimes[];
  medianFirstScreenFromMountMs: number;
  medianFirstScreenMs: number;
  medianAllMs: number;
}

export interface PopupFixtureResult {
  sizes: PopupFixtureSize[];
  /** Median first screen from mount, 500 findings over 5 findings, measured in the same run. */
  ratio: number;
}

/**
 * Records, from a MutationObserver installed before the page's scripts, when the verdict,
 * the first screen of findings and (when the page says how many) every finding are in the
 * DOM: the mutation callback runs right after the DOM change, so no polling interval is added.
 * The first screen is the verdict plus `__expect.firstScreen` findings (or, where the page
 * does not say, at least one finding or the "nothing found" line).
 */
function observeRender(): void {
  const w = window as unknown as Record<string, unknown> & { __expect?: { firstScreen: number; all: number } };
  const marks: Record<string, number> = {};
  w.__render = marks;
  const check = () => {
    const now = performance.now();
    const verdict = document.querySelector('[data-testid="verdict"]') !== null;
    const n = document.querySelectorAll('[data-testid="finding"]').length;
    const none = document.querySelector('[data-testid="no-findings"]') !== null;
    if (verdict && marks.verdict === undefined) marks.verdict = now;
    const firstScreen = w.__expect?.firstScreen;
    if (verdict && marks.firstScreen === undefined && (firstScreen !== undefined ? n >= firstScreen : n > 0 || none)) marks.firstScreen = now;
    if (w.__expect && marks.all === undefined && n >= w.__expect.all) marks.all = now;
    marks.findings = n;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** Opens `url` in a fresh tab and times its render (see observeRender). */
export async function timePopup(context: BrowserContext, url: string, waitForAll: boolean): Promise<PopupTimes> {
  const page = await context.newPage();
  try {
    // tsx (esbuild's keepNames) wraps named inner functions in `__name(…)`, which the page lacks.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(observeRender);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    const handle = await page
      .waitForFunction(
        (all) => {
          const w = window as unknown as { __render?: Record<string, number>; __mountStart?: number };
          const r = w.__render;
          if (!r || r.firstScreen === undefined || (all && r.all === undefined)) return null;
          return { ...r, mountStart: w.__mountStart ?? null };
        },
        waitForAll,
        { polling: 100, timeout: 60_000 },
      )
      .catch(async (error: unknown) => {
        // Say what the page showed instead, so a stuck popup can be told from a slow one.
        const shown = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '(unreadable)');
        throw new Error(`${String(error)}; the page showed: ${shown}; console errors: ${errors.join(' | ')}`);
      });
    const r = (await handle.jsonValue()) as { verdict: number; firstScreen: number; all?: number; findings: number; mountStart: number | null };
    return {
      firstScreenMs: r.firstScreen,
      firstScreenFromMountMs: r.mountStart === null ? null : r.firstScreen - r.mountStart,
      allMs: r.all ?? null,
      verdictMs: r.verdict,
      findings: r.findings,
    };
  } finally {
    await page.close();
  }
}

/** The App over 5- and 500-finding fixture reports (mock client, production build), in one run. */
export async function benchPopupFixture(context: BrowserContext, log: (line: string) => void): Promise<PopupFixtureResult> {
  await buildPopupPage();
  const served = await servePopupPage();
  const runs = new Map<number, PopupTimes[]>(FIXTURE_SIZES.map((n) => [n, []]));
  try {
    for (const n of FIXTURE_SIZES) await timePopup(context, `${served.url}?findings=${n}`, true);
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? FIXTURE_SIZES : [...FIXTURE_SIZES].reverse();
      for (const n of order) runs.get(n)?.push(await timePopup(context, `${served.url}?findings=${n}`, true));
    }
  } finally {
    await served.close();
  }
  const sizes = FIXTURE_SIZES.map((findings) => {
    const times = runs.get(findings) ?? [];
    return {
      findings,
      runs: times,
      medianFirstScreenFromMountMs: median(times.map((t) => t.firstScreenFromMountMs ?? NaN)),
      medianFirstScreenMs: median(times.map((t) => t.firstScreenMs)),
      medianAllMs: median(times.map((t) => t.allMs ?? NaN)),
    };
  });
  const [small, large] = sizes as [PopupFixtureSize, PopupFixtureSize];
  const ratio = large.medianFirstScreenFromMountMs / small.medianFirstScreenFromMountMs;
  for (const s of sizes) {
    log(
      `popup (${s.findings}-finding fixture): first screen ${s.medianFirstScreenFromMountMs.toFixed(1)} ms from mount (${s.medianFirstScreenMs.toFixed(0)} from navigation), all findings ${s.medianAllMs.toFixed(0)} ms from navigation`,
    );
  }
  log(`popup first screen, 500 / 5 findings: ratio ${ratio.toFixed(2)}`);
  return { sizes, ratio };
}

export interface RealPopupResult {
  findings: number;
  runs: PopupTimes[];
  medianVerdictMs: number;
  medianFirstScreenMs: number;
}

/** The extension's own popup page for a tab: navigation start → verdict, incl. the worker's audit and the message. */
export async function benchRealPopup(context: BrowserContext, url: string, log: (line: string) => void): Promise<RealPopupResult> {
  const runs: PopupTimes[] = [];
  for (let i = 0; i < 5; i++) runs.push(await timePopup(context, url, false));
  const result = {
    findings: runs.at(-1)?.findings ?? 0,
    runs,
    medianVerdictMs: median(runs.map((r) => r.verdictMs)),
    medianFirstScreenMs: median(runs.map((r) => r.firstScreenMs)),
  };
  log(
    `real popup for the heavy tab: verdict ${result.medianVerdictMs.toFixed(0)} ms, first screen ${result.medianFirstScreenMs.toFixed(0)} ms from navigation`,
  );
  return result;
}
