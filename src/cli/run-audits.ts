import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { formatLocatedError } from '../core/report/format-located-error';
import type { Presenter } from '../presenter/presenter';
import type { AuditRecord } from './audit-record';
import { scenarioRecordReport } from './scenario-parts';
import { pageStepLine, secondsText } from './step-words';
import { auditPage, describeError, type PageAuditResult } from './audit-page';
import type { ConsentScenario } from './consent-scenario';
import { ExtensionSession } from './extension-session';
import { launchWithExtension } from './launch-browser';
import { startWarmUpServer } from './warm-up-server';
import { failureReason, isRetryable } from './batch/failure-reason';
import { killBrowserOf } from './batch/kill-browser';
import type { CdpConnection } from './devtools/cdp-connection';
import { attachDevtools } from './devtools/attach-devtools';
import { keepUrlValues, urlMasker } from '../core/observe/mask-url';

/** A policy model file to import into the extension for every audited host. */
export interface PolicyOverride {
  text: string;
  fileName: string;
}

export interface AuditRunOptions {
  urls: readonly string[];
  scenarios: readonly ConsentScenario[];
  extensionDir: string;
  browserPath?: string;
  browserArgs?: readonly string[];
  allowThirdPartyCookies: boolean;
  /** Keep values in URLs (--keep-url-values) instead of masking them; the report says so. */
  keepUrlValues?: boolean;
  /** Jobs (URL × scenario) in parallel; each job has its own browser and profile. */
  concurrency: number;
  timeoutMs: number;
  settleMs: number;
  policy: PolicyOverride | null;
  /** Where to put a popup screenshot for a job, if wanted. */
  popupScreenshot?: (url: string, scenario: ConsentScenario) => string | undefined;
  /** Words the progress lines; its language is also the browser's UI language, so the popup matches. */
  presenter: Presenter;
  log: (line: string) => void;
}

export interface AuditJobResult {
  url: string;
  scenario: ConsentScenario;
  result: PageAuditResult;
  extensionVersion: string;
  browserVersion: string;
  /** How many attempts it took (a failed page is tried again once). */
  attempts?: number;
}

/** The version in the built manifest: the extension that made the reports. */
export function extensionVersionOf(extensionDir: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One page in one consent scenario: what a batch does once. */
export interface AuditJob {
  url: string;
  scenario: ConsentScenario;
}

export interface StreamOptions extends Omit<AuditRunOptions, 'urls'> {
  /** The jobs to run, in order (default: every URL of `urls` in every scenario). */
  jobs: readonly AuditJob[];
  /** Called once per job as soon as it is done (after its retry); the batch keeps nothing. */
  onResult(result: AuditJobResult, index: number): void | Promise<void>;
  /** Attempts per job: a failed page is tried again once, in a fresh browser and profile (default 2). */
  attempts?: number;
  /** The most one attempt may take before its browser is killed (default: 6 × timeoutMs + 30 s). */
  jobTimeoutMs?: number;
}

/**
 * Audits every URL in every scenario and returns the results. Consent state must not leak
 * between scenarios or URLs, so each job gets a fresh browser profile (the extension only
 * loads in a persistent context, one per profile). A failing job is reported and the batch
 * goes on. For long batches use streamAudits, which holds no result.
 */
export async function runAudits(options: AuditRunOptions): Promise<AuditJobResult[]> {
  const jobs = options.urls.flatMap((url) => options.scenarios.map((scenario) => ({ url, scenario })));
  const results: AuditJobResult[] = new Array(jobs.length);
  await streamAudits({
    ...options,
    jobs,
    onResult: (result, i) => {
      results[i] = result;
    },
  });
  return results;
}

/**
 * Runs the jobs `concurrency` at a time and hands each result to `onResult` as soon as it
 * is done. Every job runs in a browser of its own, started for it and closed after it (so
 * the browser is restarted after every page, and a crashed browser takes no other page
 * with it). A job that fails — a hang, a renderer or browser crash, a redirect loop, a TLS
 * error, a download — is tried once more in a fresh browser and profile; an attempt that
 * outlives `jobTimeoutMs` has its browser killed and counts as a timeout.
 */
export async function streamAudits(options: StreamOptions): Promise<void> {
  const { jobs } = options;
  const extensionVersion = extensionVersionOf(options.extensionDir);
  const attempts = Math.max(1, options.attempts ?? 2);
  const warmUp = await startWarmUpServer();
  // Closing a browser takes seconds; the next job need not wait for it.
  const closing = new Set<Promise<void>>();
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      const job = jobs[i]!;
      options.log(`[${i + 1}/${jobs.length}] ${job.url} [${job.scenario}] …`);
      let outcome = await runJobWithDeadline(job.url, job.scenario, options, warmUp.url, closing);
      let attempt = 1;
      while (!outcome.result.ok && attempt < attempts && isRetryable(failureReason(outcome.result.error))) {
        options.log(`  ${job.url} [${job.scenario}]: ${options.presenter.t('cli.step.retry', { error: outcome.result.error })}`);
        attempt += 1;
        outcome = await runJobWithDeadline(job.url, job.scenario, options, warmUp.url, closing);
      }
      done += 1;
      const r = outcome.result;
      const p = options.presenter;
      options.log(
        r.ok
          ? p.t('cli.step.finished', {
              done,
              total: jobs.length,
              url: job.url,
              scenario: job.scenario,
              result: p.verdict(scenarioRecordReport(job.scenario, r.visit, r.choiceVisit, r.outcome.actions).summary.verdict),
              seconds: secondsText(r.durationMs, p),
            })
          : `[${done}/${jobs.length}] ${job.url} [${job.scenario}]: ${p.t('cli.error', { error: r.error })}`,
      );
      await options.onResult({ ...job, ...outcome, extensionVersion, attempts: attempt }, i);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, () => worker()));
  } finally {
    await Promise.all(closing);
    await warmUp.close();
  }
}

/** The default most one attempt may take: every wait of a revoke scenario at its limit, and then some. */
function defaultJobTimeoutMs(timeoutMs: number): number {
  return timeoutMs * 6 + 30_000;
}

async function runJobWithDeadline(
  url: string,
  scenario: ConsentScenario,
  options: StreamOptions,
  warmUpUrl: string,
  closing: Set<Promise<void>>,
): Promise<{ result: PageAuditResult; browserVersion: string }> {
  const limit = options.jobTimeoutMs ?? defaultJobTimeoutMs(options.timeoutMs);
  const started = Date.now();
  let profileDir: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ result: PageAuditResult; browserVersion: string }>((resolve) => {
    timer = setTimeout(() => {
      // A page that never yields (a busy loop) also blocks Playwright's calls into it: the
      // browser goes, and with it every pending call.
      if (profileDir) killBrowserOf(profileDir);
      resolve({
        result: { ok: false, url, error: `timeout: the page audit did not finish within ${limit} ms`, durationMs: Date.now() - started, outcome: null },
        browserVersion: 'unknown',
      });
    }, limit);
  });
  try {
    return await Promise.race([
      runJob(url, scenario, options, warmUpUrl, closing, (dir) => {
        profileDir = dir;
      }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function runJob(
  url: string,
  scenario: ConsentScenario,
  options: Omit<AuditRunOptions, 'urls'>,
  warmUpUrl: string,
  closing: Set<Promise<void>>,
  onLaunched: (profileDir: string) => void,
): Promise<{ result: PageAuditResult; browserVersion: string }> {
  const started = Date.now();
  let session: ExtensionSession | null = null;
  let cdp: CdpConnection | null = null;
  let profileDir: string | null = null;
  let browserVersion = 'unknown';
  try {
    const browser = await launchWithExtension({
      extensionDir: options.extensionDir,
      browserPath: options.browserPath,
      browserArgs: [...(options.browserArgs ?? [])],
      allowThirdPartyCookies: options.allowThirdPartyCookies,
      uiLanguage: options.presenter.lang,
      devtoolsPort: true,
    });
    profileDir = browser.profileDir;
    onLaunched(browser.profileDir);
    session = new ExtensionSession(browser);
    browserVersion = await session.browserVersion().catch(() => 'unknown');
    await session.warmUp(warmUpUrl);
    // Set before the DevTools client attaches, so the recorder sees no extension-page activity of it.
    // One salt per audit, never written out: the DevTools merge masks with the extension's salt.
    const salt = options.keepUrlValues ? null : randomBytes(32);
    await session.configureUrlMask(salt === null ? null : salt.toString('hex'));
    const urlValues = salt === null ? { mask: keepUrlValues, kept: true } : { mask: urlMasker(salt), kept: false };
    // A second DevTools client on every target: what no extension API reports (see devtools/).
    const devtools = await attachDevtools(session, browser.profileDir);
    cdp = devtools.cdp;
    const recorder = devtools.recorder;
    if (options.policy) {
      const host = new URL(url).hostname;
      const answer = await session.usePolicy(options.policy.text, options.policy.fileName, host);
      if (!answer.ok) {
        const errors = answer.errors.map((e) => formatLocatedError(e)).join('; ');
        return {
          result: { ok: false, url, error: `the extension refused the policy: ${errors}`, durationMs: Date.now() - started, outcome: null },
          browserVersion,
        };
      }
    }
    const result = await auditPage(session, url, scenario, {
      timeoutMs: options.timeoutMs,
      settleMs: options.settleMs,
      popupScreenshotPath: options.popupScreenshot?.(url, scenario),
      log: (step) => options.log(`  ${pageStepLine(step, options.presenter)}`),
      devtools: { recorder, policy: browser.policy, policyFile: options.policy, urlValues },
    });
    return { result, browserVersion };
  } catch (err) {
    return { result: { ok: false, url, error: describeError(err), durationMs: Date.now() - started, outcome: null }, browserVersion };
  } finally {
    const open = session;
    const devtools = cdp;
    const dir = profileDir;
    if (open) {
      // A browser whose page hangs may never finish closing: after CLOSE_LIMIT_MS it is killed.
      const close = (devtools ? devtools.close() : Promise.resolve()).then(() => open.close());
      const closed: Promise<void> = withLimit(close, CLOSE_LIMIT_MS)
        .then((finished) => {
          if (!finished && dir) killBrowserOf(dir);
        })
        .catch(() => {})
        .finally(() => closing.delete(closed));
      closing.add(closed);
    }
  }
}

const CLOSE_LIMIT_MS = 15_000;

/** Whether the promise settled within `ms`. */
async function withLimit(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The job's result in the shape the writers and tables take. */
export function toAuditRecord(job: AuditJobResult): AuditRecord {
  const r = job.result;
  const consent = r.outcome
    ? {
        cmp: r.outcome.cmp,
        bannerShown: r.outcome.bannerShown,
        applied: r.outcome.applied,
        state: r.outcome.state,
        actions: r.outcome.actions,
        detail: r.outcome.detail,
        steps: r.outcome.steps,
      }
    : null;
  if (!r.ok) return { ok: false, url: job.url, scenario: job.scenario, error: r.error, reason: failureReason(r.error), consent, durationMs: r.durationMs };
  return {
    ok: true,
    url: job.url,
    finalUrl: r.finalUrl,
    scenario: job.scenario,
    // The whole scenario: what happened around the click counts as much as the reload.
    report: scenarioRecordReport(job.scenario, r.visit, r.choiceVisit, r.outcome.actions),
    observations: r.visit.observations,
    consent,
    choiceVisit: r.choiceVisit ? { report: r.choiceVisit.report, observations: r.choiceVisit.observations } : null,
    durationMs: r.durationMs,
    browserVersion: job.browserVersion,
    extensionVersion: job.extensionVersion,
    ...(r.visit.declaredModel ? { policyModel: r.visit.declaredModel } : {}),
  };
}
