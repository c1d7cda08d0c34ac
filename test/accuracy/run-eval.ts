import { randomBytes } from 'node:crypto';
import { urlMasker } from '../../src/core/observe/mask-url';
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { auditPage } from '../../src/cli/audit-page';
import type { CdpConnection } from '../../src/cli/devtools/cdp-connection';
import { attachDevtools } from '../../src/cli/devtools/attach-devtools';
import type { DevtoolsRecorder } from '../../src/cli/devtools/devtools-recorder';
import { ExtensionSession } from '../../src/cli/extension-session';
import { launchWithExtension, type BrowserPolicy } from '../../src/cli/launch-browser';
import { reauditObservations } from '../../src/cli/offline-audit';
import { extensionVersionOf, toAuditRecord } from '../../src/cli/run-audits';
import { scenarioRecordReport } from '../../src/cli/scenario-parts';
import { startWarmUpServer } from '../../src/cli/warm-up-server';
import { draftPolicy } from '../../src/core/draft/draft-policy';
import { dumpPolicy } from '../../src/core/policy/dump-policy';
import { siteOf } from '../../src/core/site';
import type { AuditReport } from '../../src/core/audit/report-types';
import { nodeData } from '../../src/data/node-data';
import { CORPUS } from '../fixtures/accuracy/corpus';
import { startAccuracyServer } from '../fixtures/accuracy/server';
import { policyText } from '../fixtures/accuracy/shop-pages';
import type { AccuracyShop } from '../fixtures/accuracy/types';
import { scoreFindings, type GroundTruth, type Scenario, type ScenarioFindings, type Score } from './score';

export interface EvalOptions {
  extensionDir: string;
  browserPath?: string;
  /** Only these shops (ids); all when absent. */
  shops?: readonly string[];
  /** Browsers auditing side by side (default DEFAULT_BROWSERS); 1 runs the jobs in sequence. */
  browsers?: number;
  log: (line: string) => void;
}

export interface ShopScenarioRun {
  shop: string;
  scenario: Scenario;
  ok: boolean;
  error: string | null;
  consentState: string | null;
  /** The model the extension's report was checked against (the shop's own, when all went well). */
  policyId: string | null;
  durationMs: number;
}

export interface EvalResult {
  handWritten: Score;
  drafted: Score;
  /** Per shop: why its drafted model could not be made, if so, and what the drafter produced. */
  drafts: Array<{ shop: string; language: string; ok: boolean; processors: string[]; message: string | null }>;
  runs: ShopScenarioRun[];
  extensionVersion: string;
  durationMs: number;
}

export function groundTruthOf(shop: AccuracyShop): GroundTruth {
  return JSON.parse(readFileSync(new URL(`../fixtures/accuracy/${shop.id}/ground-truth.json`, import.meta.url), 'utf8')) as GroundTruth;
}

export function modelTextOf(shop: AccuracyShop): string {
  return readFileSync(new URL(`../fixtures/accuracy/${shop.id}/model.yaml`, import.meta.url), 'utf8');
}

/** The drafter as the options page calls it (src/background/draft-model.ts), for the shop's own domain. */
function draftModel(shop: AccuracyShop): { ok: true; yaml: string; processors: string[] } | { ok: false; message: string } {
  const language = shop.language === 'fr' ? 'auto' : shop.language;
  const result = draftPolicy({
    text: policyText(shop.id),
    language,
    vendors: nodeData.catalogue(),
    shop: { name: shop.id, domains: [siteOf(shop.hosts[0]!)] },
  });
  if (!result.ok) return { ok: false, message: result.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  return { ok: true, yaml: dumpPolicy(result.draft.model, 'yaml'), processors: result.draft.model.processors.map((p) => p.vendorId ?? p.id) };
}

/** Browsers the benchmark runs side by side unless told otherwise (EvalOptions.browsers). */
export const DEFAULT_BROWSERS = 2;

/** One browser of the pool: its extension session, DevTools recorder and the page that clears storage. */
interface EvalBrowser {
  session: ExtensionSession;
  policy: BrowserPolicy;
  recorder: DevtoolsRecorder;
  cleanerCdp: CDPSession;
  close(): Promise<void>;
}

async function startEvalBrowser(
  options: EvalOptions,
  server: { hostResolverRules: string },
  warmUpUrl: string,
  models: ReadonlyMap<string, { text: string; fileName: string }>,
  shops: readonly AccuracyShop[],
): Promise<EvalBrowser> {
  const browser = await launchWithExtension({
    extensionDir: options.extensionDir,
    ...(options.browserPath ? { browserPath: options.browserPath } : {}),
    browserArgs: [`--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors'],
    allowThirdPartyCookies: true,
    uiLanguage: 'en',
    devtoolsPort: true,
  });
  const session = new ExtensionSession(browser);
  let cdp: CdpConnection | null = null;
  const close = async () => {
    await cdp?.close().catch(() => {});
    await session.close().catch(() => {});
  };
  try {
    await session.warmUp(warmUpUrl);
    const devtools = await attachDevtools(session, browser.profileDir);
    cdp = devtools.cdp;
    const recorder = devtools.recorder;
    // A page of its own holds the DevTools session that clears storage between jobs.
    const cleanerCdp = await session.context.newCDPSession(await session.context.newPage());
    for (const shop of shops) {
      const policyFile = models.get(shop.id)!;
      const answer = await session.usePolicy(policyFile.text, policyFile.fileName, shop.hosts[0]!);
      if (!answer.ok) throw new Error(`${shop.id}: the extension refused the model: ${JSON.stringify(answer.errors)}`);
    }
    return { session, policy: browser.policy, recorder, cleanerCdp, close };
  } catch (err) {
    await close();
    throw err;
  }
}

interface JobResult {
  run: ShopScenarioRun;
  live: ScenarioFindings | null;
  drafted: ScenarioFindings | null;
}

/**
 * Audits every shop of the corpus in each of its scenarios with the built extension, through
 * the CLI's own page audit (src/cli/audit-page.ts, as run-audits.ts calls it, DevTools
 * recorder included). The jobs (one shop in one scenario) are shared out over a small pool
 * of browsers (`browsers`, default 2), each with its own profile and extension, one job at
 * a time per browser; between jobs every cookie and every origin's storage of that browser
 * is cleared, so no consent or identifier leaks. Results are kept in corpus order, whatever
 * browser ran them. Then the same observation logs are audited again, offline, with models
 * drafted from the shops' policy texts.
 */
export async function runAccuracyEval(options: EvalOptions): Promise<EvalResult> {
  const started = Date.now();
  const shops = CORPUS.filter((s) => !options.shops || options.shops.includes(s.id));
  const truths = new Map(shops.map((s) => [s.id, groundTruthOf(s)]));
  const models = new Map(shops.map((s) => [s.id, { text: modelTextOf(s), fileName: `${s.id}.yaml` }]));
  const drafts: EvalResult['drafts'] = [];
  const draftedModels = new Map<string, { text: string; fileName: string }>();
  for (const shop of shops) {
    const draft = draftModel(shop);
    drafts.push({
      shop: shop.id,
      language: shop.language,
      ok: draft.ok,
      processors: draft.ok ? draft.processors : [],
      message: draft.ok ? null : draft.message,
    });
    if (draft.ok) draftedModels.set(shop.id, { text: draft.yaml, fileName: `${shop.id}.drafted.yaml` });
  }
  const jobs = shops.flatMap((shop) => shop.scenarios.map((scenario) => ({ shop, scenario })));
  const results: Array<JobResult | undefined> = new Array<JobResult | undefined>(jobs.length);
  const server = await startAccuracyServer(shops);
  const warmUp = await startWarmUpServer();
  const pool: EvalBrowser[] = [];
  try {
    const size = Math.max(1, Math.min(options.browsers ?? DEFAULT_BROWSERS, jobs.length));
    pool.push(...(await Promise.all(Array.from({ length: size }, () => startEvalBrowser(options, server, warmUp.url, models, shops)))));
    let next = 0;
    await Promise.all(
      pool.map(async (browser) => {
        while (next < jobs.length) {
          const index = next++;
          const { shop, scenario } = jobs[index]!;
          results[index] = await runJob(browser, shop, scenario, server.hosts, models.get(shop.id)!, draftedModels.get(shop.id) ?? null, options);
        }
      }),
    );
  } finally {
    await Promise.all(pool.map((b) => b.close()));
    await warmUp.close();
    await server.close();
  }
  if (server.unrouted.length > 0)
    options.log(`requests no simulator answered (the browser's own background requests among them): ${[...new Set(server.unrouted)].join(', ')}`);
  const done = results.filter((r): r is JobResult => r !== undefined);
  return {
    handWritten: scoreFindings(
      done.flatMap((r) => (r.live ? [r.live] : [])),
      truths,
    ),
    drafted: scoreFindings(
      done.flatMap((r) => (r.drafted ? [r.drafted] : [])),
      truths,
    ),
    drafts,
    runs: done.map((r) => r.run),
    extensionVersion: extensionVersionOf(options.extensionDir),
    durationMs: Date.now() - started,
  };
}

/** One shop in one scenario, in one browser of the pool: the live report, and the same logs audited with the drafted model. */
async function runJob(
  browser: EvalBrowser,
  shop: AccuracyShop,
  scenario: Scenario,
  hosts: readonly string[],
  policyFile: { text: string; fileName: string },
  drafted: { text: string; fileName: string } | null,
  options: EvalOptions,
): Promise<JobResult> {
  await clearBrowserState(browser.session, browser.cleanerCdp, hosts);
  const jobStarted = Date.now();
  const url = `https://${shop.hosts[0]}/`;
  // Masked as the CLI masks by default: one salt per job, shared with the DevTools merge.
  const salt = randomBytes(32);
  await browser.session.configureUrlMask(salt.toString('hex'));
  const result = await auditPage(browser.session, url, scenario, {
    timeoutMs: 30_000,
    settleMs: 500,
    devtools: { recorder: browser.recorder, policy: browser.policy, policyFile, urlValues: { mask: urlMasker(salt), kept: false } },
  });
  const record = toAuditRecord({ url, scenario, result, extensionVersion: extensionVersionOf(options.extensionDir), browserVersion: 'n/a' });
  const state = record.consent?.state ?? null;
  const run: ShopScenarioRun = {
    shop: shop.id,
    scenario,
    ok: record.ok,
    error: record.ok ? null : record.error,
    consentState: state,
    policyId: record.ok ? (record.report.policy?.id ?? null) : null,
    durationMs: Date.now() - jobStarted,
  };
  options.log(
    `${shop.id} [${scenario}]: ${record.ok ? `${record.report.findings.filter((f) => f.kind === 'violation').length} violations, consent ${state}` : `ERROR ${record.error}`} (${((Date.now() - jobStarted) / 1000).toFixed(1)} s)`,
  );
  if (!result.ok) return { run, live: null, drafted: null };
  const live = { shop: shop.id, scenario, findings: record.ok ? record.report.findings : [] };
  if (!drafted) return { run, live, drafted: { shop: shop.id, scenario, findings: [] } };
  const report = reauditScenario(scenario, result.visit.observations, result.choiceVisit?.observations ?? null, result.outcome.actions, drafted);
  return { run, live, drafted: { shop: shop.id, scenario, findings: report?.findings ?? [] } };
}

/** The scenario's report with another model: both visits audited again, as `policylens reaudit` does. */
function reauditScenario(
  scenario: Scenario,
  reload: unknown,
  choice: unknown,
  actions: Parameters<typeof scenarioRecordReport>[3],
  policy: { text: string; fileName: string },
): AuditReport | null {
  const now = Date.now();
  const again = reauditObservations(reload, { kind: 'file', ...policy }, now);
  if (!again.ok) return null;
  const choiceAgain = choice === null ? null : reauditObservations(choice, { kind: 'file', ...policy }, now);
  const visit = { tabId: -1, report: again.report, observations: again.observations };
  const choiceVisit = choiceAgain?.ok ? { tabId: -1, report: choiceAgain.report, observations: choiceAgain.observations } : null;
  return scenarioRecordReport(scenario, visit, choiceVisit, actions);
}

/** Every cookie, and every corpus origin's storage, gone: the next job starts as a new visitor. */
async function clearBrowserState(session: ExtensionSession, cdp: CDPSession, hosts: readonly string[]): Promise<void> {
  await session.context.clearCookies();
  // One DevTools call per origin, all in flight at once: sent one after another they took
  // 5–10 s per job on the loaded project machine, more than many audits themselves.
  await Promise.all(hosts.map((host) => cdp.send('Storage.clearDataForOrigin', { origin: `https://${host}`, storageTypes: 'all' })));
}
