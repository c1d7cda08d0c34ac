import type { Page } from 'playwright-core';
import type { AuditReport, ScenarioAction } from '../core/audit/report-types';
import type { TabState } from '../core/observe/tab-state';
import { AutoconsentDriver, type ConsentActionResult, type ConsentToolDetection } from './autoconsent-driver';
import type { ConsentScenario } from './consent-scenario';
import type { ExtensionSession } from './extension-session';
import { withVisitorActions } from './scenario-parts';
import { classifyFirstLayer } from './banner-first-layer';
import { waitForQuiet } from './wait-for-quiet';
import type { DevtoolsRecorder } from './devtools/devtools-recorder';
import { enrichVisit, type ConsentWait } from './devtools/enrich-visit';
import type { UrlMask } from '../core/observe/mask-url';
import type { BrowserPolicy } from './launch-browser';
import type { PolicyModel } from '../core/policy/schema';

/**
 * How long a loaded page must make no request before the CLI decides it has no consent
 * tool, instead of waiting out autoconsent's own ≈30 s retry budget. Scripts that show a
 * banner make requests (the tool's script, its configuration); 2 s of none after load and
 * the settle waits means they ran. The report records the decision and the time waited.
 */
export const NO_CONSENT_TOOL_QUIET_MS = 2_000;

export interface PageAuditOptions {
  /** Per-page navigation and quiet limit (ms). */
  timeoutMs: number;
  /** Extra wait after the network went quiet, for timers and late beacons (ms). */
  settleMs: number;
  /** Write a screenshot of the extension's popup for this tab here (PNG). */
  popupScreenshotPath?: string;
  /** Told what happens on the page, as data: the caller words it in the reader's language. */
  log?: (step: PageAuditStep) => void;
  /**
   * The DevTools-protocol recorder on this browser: its findings join the log and the audit,
   * and autoconsent runs through its connection, in an isolated world of the page.
   */
  devtools: {
    recorder: DevtoolsRecorder;
    policy: BrowserPolicy;
    policyFile: { text: string; fileName: string } | null;
    /** The mask the extension was told to use (same salt), and whether it keeps values. */
    urlValues: { mask: UrlMask; kept: boolean };
  };
}

/** A step of a page audit worth telling the person running it. */
export type PageAuditStep =
  | { kind: 'http-status'; url: string; status: number }
  | { kind: 'detected'; url: string; scenario: ConsentScenario; detection: ConsentToolDetection }
  | { kind: 'action'; url: string; scenario: ConsentScenario; action: 'accept' | 'refuse'; result: ConsentActionResult };

/**
 * How a scenario ended, as a code the presenter words (`cli.state.*`): the choice made, or
 * why none could be. `pending` only while the scenario runs.
 */
export type ScenarioState =
  'no-choice' | 'pending' | 'refused' | 'accepted' | 'withdrawn' | 'no-consent-tool' | 'detection-timed-out' | 'action-failed' | 'refusal-not-recorded';

/** What happened to the consent scenario on this page. */
export interface ScenarioOutcome {
  scenario: ConsentScenario;
  /** autoconsent's name for the consent tool it found, null when none. */
  cmp: string | null;
  bannerShown: boolean;
  /** Whether the scenario's consent actions were carried out; `detail` says why not. */
  applied: boolean;
  state: ScenarioState;
  /** The consent actions taken, each stamped when autoconsent's action returned. */
  actions: ScenarioAction[];
  /** autoconsent's own account (English, technical), kept with the result as a log. */
  detail: string;
  steps: string[];
}

/** A visit recorded by the extension: its report and the full observation log. */
export interface RecordedVisit {
  tabId: number;
  report: AuditReport;
  observations: TabState;
  /** The model the extension drafted from the consent tool's declaration on the page, when its report rests on one. */
  declaredModel?: PolicyModel;
}

export type PageAuditResult =
  | { ok: true; url: string; finalUrl: string; outcome: ScenarioOutcome; visit: RecordedVisit; choiceVisit: RecordedVisit | null; durationMs: number }
  | { ok: false; url: string; error: string; durationMs: number; outcome: ScenarioOutcome | null };

/**
 * Audits one URL in one consent scenario in a browser session that nobody else uses:
 * goto, wait for quiet, settle, scroll once, apply the scenario through autoconsent,
 * then read the extension's report and observation log for the tab. For reject, accept
 * and revoke the recorded visit is the reload after the choice (what a returning visitor
 * gets); the visit in which the choice was made is kept as `choiceVisit`.
 */
export async function auditPage(session: ExtensionSession, url: string, scenario: ConsentScenario, options: PageAuditOptions): Promise<PageAuditResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const page = await session.context.newPage();
  page.setDefaultTimeout(options.timeoutMs);
  page.setDefaultNavigationTimeout(options.timeoutMs);
  let outcome: ScenarioOutcome | null = null;
  let driver: AutoconsentDriver | null = null;
  try {
    driver = await AutoconsentDriver.attach(page, options.devtools.recorder);
    let lastRequestAt = Date.now();
    page.on('request', () => {
      lastRequestAt = Date.now();
    });
    options.devtools.recorder.reset();
    const quiet: QuietLimits = { stoppedAtMs: null };
    const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (response && response.status() >= 400) log({ kind: 'http-status', url, status: response.status() });
    await settle(page, options.timeoutMs, 800, options.settleMs, quiet);
    await scrollOnce(page);
    await settle(page, options.timeoutMs, 500, 0, quiet);
    const tabId = await session.tabIdOf(page);
    const detectStarted = Date.now();
    const detection = await driver.detect(Math.max(options.timeoutMs, 15_000), undefined, {
      quietMs: NO_CONSENT_TOOL_QUIET_MS,
      lastActivityAt: () => lastRequestAt,
    });
    const consentWait: ConsentWait = {
      outcome: detection.decidedByQuiet ? 'nothing-detected (page quiet)' : detection.outcome,
      waitedMs: Date.now() - detectStarted,
      quietMs: NO_CONSENT_TOOL_QUIET_MS,
    };
    outcome = startOutcome(scenario, detection);
    if (detection.decidedByQuiet)
      outcome.steps.push(`no consent tool: the loaded page made no request for ${NO_CONSENT_TOOL_QUIET_MS} ms (decided after ${consentWait.waitedMs} ms)`);
    if (detection.outcome === 'timeout')
      outcome.steps.push(`detect timed out: autoconsent lifecycle ${detection.lifecycle ?? 'unknown'}; messages ${driver.messageCounts()}`);
    log({ kind: 'detected', url, scenario, detection });

    let choiceVisit: RecordedVisit | null = null;
    if (scenario !== 'none') {
      const actions: Array<'optIn' | 'optOut'> = scenario === 'reject' ? ['optOut'] : scenario === 'accept' ? ['optIn'] : ['optIn', 'optOut'];
      let applied = true;
      // What the banner offers before anything is clicked: read once, on the first action.
      const texts = detection.popupOpen ? await driver.bannerButtonTexts() : null;
      const firstLayer = texts ? await classifyFirstLayer(texts, detection.cmp) : null;
      if (firstLayer) outcome.steps.push(`first layer: ${firstLayer.accept} accept, ${firstLayer.reject} reject, ${firstLayer.settings} settings button(s)`);
      for (const action of actions) {
        const calledAt = Date.now();
        const result: ConsentActionResult = action === 'optIn' ? await driver.optIn(options.timeoutMs) : await driver.optOut(options.timeoutMs);
        // The click happened between the call and its return; each choice is stamped at the end
        // that errs toward the shop: an acceptance when the call began (nothing after the click is
        // "before consent"), a refusal when it returned (nothing before the click is "after refusal").
        outcome.actions.push({
          action: action === 'optIn' ? 'accept' : scenario === 'revoke' ? 'withdraw' : 'refuse',
          at: action === 'optIn' ? calledAt : Date.now(),
          calledAt,
          ok: result.ok,
          ...(firstLayer && outcome.actions.length === 0 ? { firstLayer } : {}),
        });
        outcome.steps.push(`${action}: ${result.detail}`);
        log({ kind: 'action', url, scenario, action: action === 'optIn' ? 'accept' : 'refuse', result });
        if (!result.ok) {
          applied = false;
          outcome.state = 'action-failed';
          outcome.detail = `could not ${action === 'optIn' ? 'accept' : scenario === 'revoke' ? 'withdraw consent' : 'refuse'}: ${result.detail}`;
          break;
        }
        if (action === 'optOut') {
          // Ask the consent tool itself whether it now records a refusal.
          const verified = await driver.selfTest();
          outcome.steps.push(
            `self-test: ${verified === null ? 'not available' : verified ? 'the consent tool reports the refusal' : 'the consent tool does NOT report a refusal'}`,
          );
          if (verified === false) {
            applied = false;
            outcome.state = 'refusal-not-recorded';
            outcome.detail = `the consent tool does not report the refusal after autoconsent's ${scenario === 'revoke' ? 'withdrawal' : 'opt-out'}`;
            break;
          }
        }
        // What the choice unblocks (or fails to stop) starts now; let it run before the next step.
        await settle(page, options.timeoutMs, 500, 0, quiet);
      }
      outcome.applied = applied;
      if (applied) {
        outcome.state = scenario === 'reject' ? 'refused' : scenario === 'accept' ? 'accepted' : 'withdrawn';
        outcome.detail =
          scenario === 'reject'
            ? 'refused all, then reloaded'
            : scenario === 'accept'
              ? 'accepted all, then reloaded'
              : 'accepted all, withdrew consent, then reloaded';
        // The choice visit gets the DevTools extras too, before the recorder starts over for the reload.
        choiceVisit = withVisitorActions(
          await recordWithDevtools(session, tabId, options, consentWait, quiet.stoppedAtMs),
          outcome.actions,
          options.devtools.policyFile,
        );
        driver.resetVisit();
        options.devtools.recorder.reset();
        // The recorded visit is the reload: only its waits count.
        quiet.stoppedAtMs = null;
        await page.reload({ waitUntil: 'domcontentloaded' });
        outcome.steps.push('reload');
        await settle(page, options.timeoutMs, 800, options.settleMs, quiet);
        await scrollOnce(page);
        await settle(page, options.timeoutMs, 500, 0, quiet);
      }
    }
    const visit = await recordWithDevtools(session, tabId, options, consentWait, quiet.stoppedAtMs);
    if (options.popupScreenshotPath) await screenshotPopup(session, tabId, options.popupScreenshotPath);
    // The page's URL after redirects is the page's doing: masked like every recorded URL.
    const finalUrl = options.devtools.urlValues.mask(page.url());
    return { ok: true, url, finalUrl, outcome, visit, choiceVisit, durationMs: Date.now() - started };
  } catch (err) {
    return { ok: false, url, error: describeError(err), durationMs: Date.now() - started, outcome };
  } finally {
    driver?.detach();
    await page.close().catch(() => {});
  }
}

function startOutcome(scenario: ConsentScenario, detection: ConsentToolDetection): ScenarioOutcome {
  const bannerShown = detection.popupOpen;
  const what = detection.cmp
    ? `${detection.cmp} detected${bannerShown ? ', banner shown' : ', banner not shown'}`
    : detection.outcome === 'timeout'
      ? 'consent tool detection timed out'
      : 'no consent tool detected';
  return {
    scenario,
    cmp: detection.cmp,
    bannerShown,
    // "none" needs no action: it is applied by leaving the banner alone.
    applied: scenario === 'none',
    actions: [],
    state: scenario === 'none' ? 'no-choice' : detection.cmp ? 'pending' : detection.outcome === 'timeout' ? 'detection-timed-out' : 'no-consent-tool',
    detail: scenario === 'none' ? `no choice made (${what})` : what,
    steps: [`detect: ${detection.outcome}${detection.cmp ? ` (${detection.cmp})` : ''}`],
  };
}

/** Network quiet for `quietMs` (at most `maxMs`), then `extraMs` for timers and late beacons. */
async function settle(page: Page, maxMs: number, quietMs: number, extraMs: number, limits: QuietLimits): Promise<void> {
  const { quiet } = await waitForQuiet(page, quietMs, maxMs);
  if (!quiet) limits.stoppedAtMs = maxMs;
  if (extraMs > 0) await page.waitForTimeout(extraMs);
}

/** Set when a wait for quiet of the recorded visit ended at the time limit instead. */
interface QuietLimits {
  stoppedAtMs: number | null;
}

/**
 * One scroll, as a visitor would: lazy-loaded widgets and scroll-triggered tags fire. A mouse
 * wheel over the middle of the page (trusted input events), not a script calling scrollBy,
 * which the page could see on the stack of a wrapped scrollBy.
 */
async function scrollOnce(page: Page): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.mouse.move(Math.floor(size.width / 2), Math.floor(size.height / 2)).catch(() => {});
  await page.mouse.wheel(0, Math.max(600, Math.floor(size.height * 0.8))).catch(() => {});
}

async function record(session: ExtensionSession, tabId: number): Promise<RecordedVisit> {
  const [report, observations] = await Promise.all([session.report(tabId), session.tabState(tabId)]);
  if (!report || !observations) throw new Error('the extension has no observations for this tab (did the page load?)');
  const declaredModel = report.policy?.origin === 'consent-declaration' ? await session.declaredModel(tabId) : null;
  return { tabId, report, observations, ...(declaredModel ? { declaredModel } : {}) };
}

/**
 * The extension's record of the visit in the tab, with what the DevTools client saw since its
 * last reset merged in and audited again (when the CLI runs one): each part of a scenario,
 * the choice visit as much as the reload, carries its own DevTools extras.
 */
async function recordWithDevtools(
  session: ExtensionSession,
  tabId: number,
  options: PageAuditOptions,
  consentWait: ConsentWait,
  quietStoppedAtMs: number | null,
): Promise<RecordedVisit> {
  const visit = await record(session, tabId);
  const enriched = await enrichVisit(visit, options.devtools.recorder, {
    policy: options.devtools.policy,
    consentWait,
    policyFile: options.devtools.policyFile,
    urlValues: options.devtools.urlValues,
    quietStoppedAtMs,
    now: Date.now(),
  });
  return { ...visit, ...enriched };
}

async function screenshotPopup(session: ExtensionSession, tabId: number, file: string): Promise<void> {
  const popup = await session.context.newPage();
  try {
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(session.popupUrl(tabId));
    await popup.waitForLoadState('load');
    // The popup renders after its first answer from the worker.
    await popup.waitForTimeout(600);
    await popup.screenshot({ path: file });
  } finally {
    await popup.close().catch(() => {});
  }
}

/** A one-line reason a page could not be audited: DNS, timeout, TLS, refused, … */
export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n')[0] ?? message;
  const net = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (net) {
    if (net === 'ERR_NAME_NOT_RESOLVED' || net === 'ERR_NAME_RESOLUTION_FAILED') return `DNS failure: the host name could not be resolved (net::${net})`;
    if (net.startsWith('ERR_CERT_') || net.startsWith('ERR_SSL_')) return `TLS error: the certificate or TLS handshake was refused (net::${net})`;
    if (net === 'ERR_CONNECTION_REFUSED') return `connection refused (net::${net})`;
    if (net === 'ERR_TIMED_OUT' || net === 'ERR_CONNECTION_TIMED_OUT') return `timeout: the server did not answer (net::${net})`;
    if (net === 'ERR_INTERNET_DISCONNECTED') return `no network (net::${net})`;
    return `navigation failed (net::${net})`;
  }
  if (err instanceof Error && err.name === 'TimeoutError') return `timeout: ${first}`;
  return first;
}
