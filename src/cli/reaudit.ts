import { existsSync, readFileSync } from 'node:fs';
import { scenarioReport } from '../core/audit/scenario-report';
import type { AuditRecord, ConsentRecord } from './audit-record';
import { REPO_ROOT } from './ensure-build';
import type { PolicyChoice } from './offline-audit';
import { extensionVersionOf } from './run-audits';

/** What a saved file holds: a CLI result, an evidence bundle, or a bare observation log. */
export function observationsFromSaved(json: unknown): {
  observations: unknown;
  url: string | null;
  scenario: string | null;
  reportPolicyId: string | null;
  consent: ConsentRecord | null;
  browserVersion: string | null;
  /** A scenario's choice visit, sealed in the same bundle, when the result has one. */
  choiceObservations?: unknown;
} {
  // The file comes from disk and may be anything: read each field with a type check.
  const format = at(json, 'format');
  const evidence = at(json, 'evidence');
  if (format === 'policylens-audit' && evidence) {
    // The sealed run (bundle format 2) over the file's unsealed copies (format 1 has only those).
    const run = at(evidence, 'run') === undefined ? json : at(evidence, 'run');
    return {
      observations: at(evidence, 'observations'),
      url: text(at(run, 'url')),
      scenario: text(at(run, 'scenario')),
      reportPolicyId: text(at(evidence, 'report', 'policy', 'id')),
      consent: (at(run, 'consent') as ConsentRecord | null | undefined) ?? null,
      browserVersion: text(at(evidence, 'browserVersion')),
      choiceObservations: at(evidence, 'choiceVisitObservations'),
    };
  }
  if (format === 'policylens-evidence') {
    return {
      observations: at(json, 'observations'),
      url: text(at(json, 'report', 'page', 'url')),
      scenario: null,
      reportPolicyId: text(at(json, 'report', 'policy', 'id')),
      consent: null,
      browserVersion: text(at(json, 'browserVersion')),
    };
  }
  return { observations: json, url: text(at(json, 'pageUrl')), scenario: null, reportPolicyId: null, consent: null, browserVersion: null };
}

/** The value at a path of object keys, or undefined where the path leaves the objects. */
function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Re-runs the pure audit on saved observation logs: a new policy model or a newer rule set
 * applied to what a browser saw earlier. Each file gives one record; a bad file gives an
 * error record and the others go on.
 */
export async function reauditFiles(
  files: readonly string[],
  policy: { kind: 'file'; text: string; fileName: string } | { kind: 'bundled'; id: string } | { kind: 'baseline' } | null,
  now: number,
): Promise<AuditRecord[]> {
  // Loaded on use: the live audit and the demo do not need the catalogue and models.
  const core = await import('./offline-audit');
  const extensionVersion = `${extensionVersionOf(REPO_ROOT)} (reaudit)`;
  return files.map((file): AuditRecord => {
    const scenarioOf = (s: string | null) => s ?? 'saved';
    if (!existsSync(file)) return { ok: false, url: file, scenario: 'saved', error: `no such file: ${file}`, consent: null, durationMs: null };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return { ok: false, url: file, scenario: 'saved', error: `${file} is not JSON: ${(err as Error).message}`, consent: null, durationMs: null };
    }
    const saved = observationsFromSaved(json);
    if ((json as { error?: unknown }).error) {
      return {
        ok: false,
        url: saved.url ?? file,
        scenario: scenarioOf(saved.scenario),
        error: `the saved audit had failed: ${String((json as { error: unknown }).error)}`,
        consent: saved.consent,
        durationMs: null,
      };
    }
    const choice: PolicyChoice = policy ?? { kind: 'default', reportPolicyId: saved.reportPolicyId };
    const result = core.reauditObservations(saved.observations, choice, now);
    // A scenario's choice visit is audited again too, so the whole scenario counts as it did live.
    const choiceResult = saved.choiceObservations !== undefined ? core.reauditObservations(saved.choiceObservations, choice, now) : null;
    if (!result.ok)
      return {
        ok: false,
        url: saved.url ?? file,
        scenario: scenarioOf(saved.scenario),
        error: `${file}: ${result.errors.join('; ')}`,
        consent: saved.consent,
        durationMs: null,
      };
    return {
      ok: true,
      url: saved.url ?? result.observations.pageUrl,
      finalUrl: result.observations.pageUrl,
      scenario: scenarioOf(saved.scenario),
      report:
        choiceResult?.ok === true
          ? scenarioReport(
              [
                { part: 'choice', report: choiceResult.report },
                { part: 'reload', report: result.report },
              ],
              { name: scenarioOf(saved.scenario), actions: saved.consent?.actions ?? [] },
            )
          : result.report,
      observations: result.observations,
      consent: saved.consent,
      choiceVisit: choiceResult?.ok === true ? { report: choiceResult.report, observations: choiceResult.observations } : null,
      durationMs: null,
      browserVersion: saved.browserVersion ?? 'unknown (saved observations)',
      extensionVersion,
      // A bundled model stays unsealed (the verifier has it by id); any other is sealed for re-derivation.
      ...(result.report.policy?.origin === 'bundled' ? {} : { policyModel: result.model }),
    };
  });
}
