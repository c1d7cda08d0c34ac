import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatLocatedError } from '../core/report/format-located-error';
import type { Presenter } from '../presenter/presenter';
import type { AuditRecord } from './audit-record';
import { scenarioRecordReport } from './scenario-parts';
import { auditPage, describeError, type PageAuditResult } from './audit-page';
import type { ConsentScenario } from './consent-scenario';
import { ExtensionSession } from './extension-session';
import { launchWithExtension } from './launch-browser';
import { startWarmUpServer } from './warm-up-server';
import { CdpConnection } from './devtools/cdp-connection';
import { DevtoolsRecorder } from './devtools/devtools-recorder';

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
}

/** The version in the built manifest: the extension that made the reports. */
export function extensionVersionOf(extensionDir: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Audits every URL in every scenario. Consent state must not leak between scenarios or
 * URLs, so each job gets a fresh browser profile (the extension only loads in a persistent
 * context, one per profile). A failing job is reported and the batch goes on.
 */
export async function runAudits(options: AuditRunOptions): Promise<AuditJobResult[]> {
  const jobs = options.urls.flatMap((url) => options.scenarios.map((scenario) => ({ url, scenario })));
  const results: AuditJobResult[] = new Array(jobs.length);
  const extensionVersion = extensionVersionOf(options.extensionDir);
  const warmUp = await startWarmUpServer();
  // Closing a browser takes seconds; the next job need not wait for it.
  const closing: Array<Promise<void>> = [];
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      const job = jobs[i]!;
      options.log(`[${i + 1}/${jobs.length}] ${job.url} [${job.scenario}] …`);
      const outcome = await runJob(job.url, job.scenario, options, warmUp.url, closing);
      results[i] = { ...job, ...outcome, extensionVersion };
      done += 1;
      const r = outcome.result;
      options.log(
        `[${done}/${jobs.length} done] ${job.url} [${job.scenario}]: ${r.ok ? `${options.presenter.verdict(scenarioRecordReport(job.scenario, r.visit, r.choiceVisit, r.outcome.actions).summary.verdict)} (${(r.durationMs / 1000).toFixed(1)} s)` : `ERROR ${r.error}`}`,
      );
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, () => worker()));
  } finally {
    await Promise.all(closing);
    await warmUp.close();
  }
  return results;
}

async function runJob(
  url: string,
  scenario: ConsentScenario,
  options: AuditRunOptions,
  warmUpUrl: string,
  closing: Array<Promise<void>>,
): Promise<{ result: PageAuditResult; browserVersion: string }> {
  const started = Date.now();
  let session: ExtensionSession | null = null;
  let cdp: CdpConnection | null = null;
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
    session = new ExtensionSession(browser);
    browserVersion = await session.browserVersion().catch(() => 'unknown');
    await session.warmUp(warmUpUrl);
    // A second DevTools client on every target: what no extension API reports (see devtools/).
    cdp = await CdpConnection.fromProfile(browser.profileDir);
    const recorder = await DevtoolsRecorder.start(cdp, { hookCookies: true });
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
      log: (line) => options.log(`  ${line}`),
      devtools: { recorder, policy: browser.policy, policyFile: options.policy },
    });
    return { result, browserVersion };
  } catch (err) {
    return { result: { ok: false, url, error: describeError(err), durationMs: Date.now() - started, outcome: null }, browserVersion };
  } finally {
    const open = session;
    const devtools = cdp;
    if (open) closing.push((devtools ? devtools.close() : Promise.resolve()).then(() => open.close()).catch(() => {}));
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
  if (!r.ok) return { ok: false, url: job.url, scenario: job.scenario, error: r.error, consent, durationMs: r.durationMs };
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
  };
}
