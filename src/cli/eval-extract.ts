/**
 * The drafting benchmark: drafts every page of test/fixtures/drafting/ and scores the drafts
 * against the pages' annotated ground truth (format: test/fixtures/drafting/README.md).
 *
 *   npm run eval:extract                 tables on stdout, JSON in out/eval-extract.json; exit 0
 *   npm run eval:extract -- --min        exit 1 when a claim kind misses the issue's targets
 *   npm run eval:extract -- --min=0.5    … or a floor of your own for every precision and recall
 *   npm run eval:extract -- --flatten    rewrite each page.txt from page.html with Chromium's innerText
 *
 * Matching rules (src/core/draft/evaluate.ts, evaluate-items.ts):
 * - processors: the set of catalogue vendor ids of the drafted processors vs the truth's list.
 *   Processors without a vendor id (unlisted companies, recipient categories) are not scored.
 * - lifetimes: one item per cookie: (name, days) from processors' cookies and first-party cookies
 *   with a lifetime (0 = session). Names compare case-insensitively; a truth name with `*`
 *   ("_ga_*") matches a drafted pattern that matches it. Days match within 2 % (month/year
 *   lengths) or one minute. A cookie drafted with the wrong lifetime is both spurious and missed.
 * - legal bases: pairs "vendorId 6(1)(x)": a basis's cited letter, else the letter its kind stands
 *   for (a basis named in words: legitimate interest → f, contract → b, consent → a …); "Art. 6"
 *   without a letter gives "vendorId 6", which matches nothing. A cookie category lends its bases
 *   to the processors whose cookies (or whose category) it holds. Processors of one vendor pooled.
 * - consent: "vendorId required" / "vendorId not-required" from consentRequired (else the cookie
 *   category's); one processor of a vendor that needs consent makes the vendor need it. Where the
 *   truth annotates cookies (`cookieConsent`), "cookie:<name> required|not-required" from the
 *   cookies' categories counts too.
 * - transfers: one item per (vendorId, country) of thirdCountryTransfer; it matches when the truth
 *   has that pair and lists the drafted main safeguard among the mechanisms the text cites.
 *   A "none-stated" transfer the truth has no pair for is not scored (the text says nothing).
 * - precision = TP / (TP + FP), recall = TP / (TP + FN), summed over items (micro average) per
 *   page, per language, per kind and overall. A draft that claims nothing where the truth has
 *   something scores precision 0 (silence is not precise); nothing to find and nothing drafted is 1.
 * - traps (reported, not in the figures): a negated or generic-word vendor drafted, the shop's own
 *   company drafted as a processor, or one cookie's lifetime drafted as a limit beyond that cookie.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CLAIM_KINDS, type CorpusReport, CORPUS_TARGETS, evaluateCorpus } from '../core/draft/evaluate.ts';
import { formatCorpusReport } from '../core/draft/evaluate-format.ts';
import { nodeData } from '../data/node-data.ts';
import { corpusFolders, loadDraftingCorpus } from './drafting-corpus.ts';

const OUT_FILE = 'out/eval-extract.json';

function parseMin(args: readonly string[]): { ok: true; min: 'targets' | number | null } | { ok: false; message: string } {
  const arg = args.find((a) => a === '--min' || a.startsWith('--min='));
  if (!arg) return { ok: true, min: null };
  if (arg === '--min') return { ok: true, min: 'targets' };
  const floor = Number(arg.slice('--min='.length));
  if (!Number.isFinite(floor) || floor < 0 || floor > 1) return { ok: false, message: `--min expects a number between 0 and 1, got "${arg}"` };
  return { ok: true, min: floor };
}

/** The claim kinds below the targets (or below one floor for every precision and recall). */
function belowTargets(report: CorpusReport, min: 'targets' | number): string[] {
  return CLAIM_KINDS.flatMap((k) => {
    const t = report.byKind[k];
    const want = min === 'targets' ? CORPUS_TARGETS[k] : { precision: min, recall: min };
    return t.precision < want.precision || t.recall < want.recall
      ? [`${k}: P ${t.precision.toFixed(3)} (≥ ${want.precision}), R ${t.recall.toFixed(3)} (≥ ${want.recall})`]
      : [];
  });
}

async function main(args: readonly string[]): Promise<number> {
  const min = parseMin(args);
  if (!min.ok) {
    console.error(min.message);
    return 2;
  }
  if (args.includes('--flatten')) {
    const { flattenPages } = await import('./flatten-pages.ts');
    try {
      const written = await flattenPages(corpusFolders());
      console.log(`wrote page.txt for ${written.length} pages`);
    } catch (e) {
      console.error(`Could not flatten the pages: ${(e as Error).message}`);
      return 2;
    }
  }
  const { pages, issues } = loadDraftingCorpus(nodeData.models());
  if (issues.length) {
    console.error(`The drafting corpus has errors:\n${issues.map((i) => `- ${i}`).join('\n')}`);
    return 2;
  }
  const vendors = nodeData.catalogue();
  const started = performance.now();
  let report: CorpusReport;
  try {
    report = evaluateCorpus(pages, vendors);
  } catch (e) {
    // A corpus page the drafter rejects (e.g. an empty page.txt) is a corpus error, reported as such.
    console.error(`The drafting benchmark could not run: ${(e as Error).message}`);
    return 2;
  }
  const ms = performance.now() - started;
  console.log(formatCorpusReport(report));
  console.log(`\n(${pages.length} pages, ${vendors.length} vendors, ${ms.toFixed(0)} ms including the index build)`);
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, `${JSON.stringify({ targets: CORPUS_TARGETS, ...report }, null, 2)}\n`);
  console.log(`JSON: ${OUT_FILE}`);
  if (min.min === null) return 0;
  const below = belowTargets(report, min.min);
  if (below.length) console.error(`Below the targets:\n${below.map((b) => `- ${b}`).join('\n')}`);
  return below.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
