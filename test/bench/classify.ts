import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import loadTrackerDB, { AdblockerRequest } from '@ghostery/trackerdb';
import type { Core } from './build-core.ts';
import { CORE_BUNDLE } from './build-core.ts';
import { buildCorpus, PAGE_SITE, PAGE_URL, type CorpusRequest } from './corpus.ts';
import { timeCalls, timerOverheadNs, type Timing } from './measure.ts';
import { REPO_ROOT } from './paths.ts';
import { median } from './stats.ts';

export const CORPUS_SIZE = 120_000;
const TRACKERDB_ENGINE = path.join(REPO_ROOT, 'node_modules/@ghostery/trackerdb/dist/trackerdb.engine');

export interface ClassifyResult {
  corpus: { size: number; uniqueHosts: number; firstParty: number; catalogue: number; unknown: number };
  overheadNs: number;
  policylens: Timing & { attributed: number };
  attributor: Timing & { attributed: number };
  ghostery: Timing & { attributed: number };
  startup: {
    vendorCount: number;
    /** Cold, fresh process; median of the runs. */
    importMs: number;
    validateMs: number;
    indexMs: number;
    /** Building the default layers (third-party-web) and the index with them, as the default build's worker does. */
    layersMs: number;
    ghosteryLoadMs: number;
    runs: number;
  };
}

/**
 * PolicyLens's per-request path, uncached: what fromWebRequestDetails computes when the
 * request is recorded (hostOf, siteOf, party) plus the catalogue lookup that names the vendor.
 */
/** The index the default extension build audits with: catalogue first, default layers behind it. */
function defaultIndex(core: Core) {
  return core.buildVendorIndex(core.loadBundledCatalogue(), core.defaultVendorSources());
}

function policyLensClassifier(core: Core) {
  const index = defaultIndex(core);
  return (req: CorpusRequest) => {
    const host = core.hostOf(req.url);
    const site = core.siteOf(host);
    const party = site === PAGE_SITE ? 'first' : 'third';
    const match = party === 'third' ? index.lookupHost(host) : null;
    return { party, vendor: match?.vendor.id ?? null, category: match?.vendor.category ?? null };
  };
}

/**
 * The same request through the audit: recorded (hostOf, siteOf, party) and attributed by the
 * audit's Attributor, which checks the policy model's hosts first and caches per host.
 */
function attributorClassifier(core: Core) {
  const model = core.bundledModels()[0];
  if (!model) throw new Error('no bundled policy model');
  const shopSites = new Set(model.shop.domains.map((d) => core.siteOf(d.replace(/^\*\./, ''))));
  const attributor = new core.Attributor(model, defaultIndex(core), PAGE_SITE, shopSites);
  return (req: CorpusRequest) => {
    const host = core.hostOf(req.url);
    const site = core.siteOf(host);
    const party = site === PAGE_SITE ? 'first' : 'third';
    const actor = attributor.host(host);
    return { party, vendor: actor.vendor?.id ?? actor.key, category: actor.vendor?.category ?? null };
  };
}

async function ghosteryClassifier() {
  const trackerDB = await loadTrackerDB(readFileSync(TRACKERDB_ENGINE));
  const engine = trackerDB.engine;
  // The same call TrackerDB's matchUrl() makes: parse the request, match the filters, join
  // pattern → organisation / category metadata.
  return (req: CorpusRequest) => {
    const request = AdblockerRequest.fromRawDetails({ url: req.url, sourceUrl: PAGE_URL, type: req.type });
    const matches = engine.getPatternMetadata(request, { getDomainMetadata: true });
    const first = matches[0];
    return {
      party: request.isThirdParty ? 'third' : 'first',
      vendor: first?.organization?.key ?? first?.pattern.key ?? null,
      category: first?.category?.key ?? null,
    };
  };
}

function countAttributed(corpus: readonly CorpusRequest[], fn: (r: CorpusRequest) => { vendor: string | null }): number {
  let n = 0;
  for (const r of corpus) {
    const v = fn(r).vendor;
    if (v !== null && v !== 'shop' && !v.startsWith('site:')) n++;
  }
  return n;
}

function coldStart(runs: number): ClassifyResult['startup'] {
  const coreUrl = pathToFileURL(CORE_BUNDLE).href;
  const script = `
    const t0 = performance.now();
    const core = await import(${JSON.stringify(coreUrl)});
    const t1 = performance.now();
    const vendors = core.loadBundledCatalogue();
    const t2 = performance.now();
    core.bundledVendorIndex();
    const t3 = performance.now();
    core.buildVendorIndex(vendors, core.defaultVendorSources());
    const t4 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, validateMs: t2 - t1, indexMs: t3 - t2, layersMs: t4 - t3, vendorCount: vendors.length }));`;
  const ghostery = `
    const { readFileSync } = await import('node:fs');
    const { default: load } = await import('@ghostery/trackerdb');
    const bytes = readFileSync(${JSON.stringify(TRACKERDB_ENGINE)});
    const t0 = performance.now();
    await load(bytes);
    console.log(JSON.stringify({ ms: performance.now() - t0 }));`;
  const pl: { importMs: number; validateMs: number; indexMs: number; layersMs: number; vendorCount: number }[] = [];
  const gh: number[] = [];
  for (let i = 0; i < runs; i++) {
    pl.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' })));
    gh.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', ghostery], { cwd: REPO_ROOT, encoding: 'utf8' })).ms);
  }
  return {
    vendorCount: pl[0]?.vendorCount ?? 0,
    importMs: median(pl.map((p) => p.importMs)),
    validateMs: median(pl.map((p) => p.validateMs)),
    indexMs: median(pl.map((p) => p.indexMs)),
    layersMs: median(pl.map((p) => p.layersMs)),
    ghosteryLoadMs: median(gh),
    runs,
  };
}

export async function benchClassification(core: Core, log: (line: string) => void): Promise<ClassifyResult> {
  const vendors = core.loadBundledCatalogue();
  const corpus = buildCorpus(vendors, CORPUS_SIZE);
  const uniqueHosts = new Set(corpus.map((r) => core.hostOf(r.url))).size;
  const count = (kind: CorpusRequest['kind']) => corpus.filter((r) => r.kind === kind).length;
  log(`corpus: ${corpus.length} URLs, ${uniqueHosts} distinct hosts`);

  const pl = policyLensClassifier(core);
  const at = attributorClassifier(core);
  const gh = await ghosteryClassifier();
  const overheadNs = timerOverheadNs();

  // Warm every path over the whole corpus first, so each is measured JIT-compiled.
  for (const fn of [pl, at, gh]) for (const r of corpus) fn(r);
  const plT = timeCalls(corpus, pl, overheadNs);
  const atT = timeCalls(corpus, at, overheadNs);
  const ghT = timeCalls(corpus, gh, overheadNs);
  log(`classification: PolicyLens ${plT.medianUs.toFixed(3)} µs, Attributor ${atT.medianUs.toFixed(3)} µs, Ghostery ${ghT.medianUs.toFixed(3)} µs (median)`);

  const startup = coldStart(3);
  log(`cold start: validate ${startup.validateMs.toFixed(1)} ms, index ${startup.indexMs.toFixed(1)} ms`);
  return {
    corpus: { size: corpus.length, uniqueHosts, firstParty: count('first-party'), catalogue: count('catalogue'), unknown: count('unknown') },
    overheadNs,
    policylens: { ...plT, attributed: countAttributed(corpus, pl) },
    attributor: { ...atT, attributed: countAttributed(corpus, at) },
    ghostery: { ...ghT, attributed: countAttributed(corpus, gh) },
    startup,
  };
}
