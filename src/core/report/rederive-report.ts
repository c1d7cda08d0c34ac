import { audit } from '../audit/audit.ts';
import type { AuditReport, ReportPolicyOrigin, ScenarioAction } from '../audit/report-types.ts';
import { scenarioReport } from '../audit/scenario-report.ts';
import type { TabState } from '../observe/tab-state.ts';
import { tabStateSchema } from '../observe/tab-state-schema.ts';
import type { PolicyModel } from '../policy/schema.ts';
import type { VendorIndex } from '../vendors/vendor-index.ts';

/** What the verifier brings: the vendor data its audit uses, and the bundled models for bundles that do not carry theirs. */
export interface RederiveDeps {
  vendors: VendorIndex;
  /** A bundled model by id (format-1 bundles name their model instead of holding it). */
  bundledModel: (id: string) => PolicyModel | null;
}

export type RederiveResult =
  | { ok: true; report: AuditReport }
  | {
      ok: false;
      problem: { code: 'observations_unreadable'; detail: string } | { code: 'model_unavailable'; id: string } | { code: 'audit_failed'; detail: string };
    };

/**
 * The report the sealed observations give with the sealed model, audited again by the
 * pure core exactly as the extension did: same `now` (the recorded report's time), and
 * for a scenario the choice visit and the reload merged with the recorded actions.
 */
export function rederiveReport(content: Record<string, unknown>, deps: RederiveDeps): RederiveResult {
  const recorded = content.report as AuditReport;
  const state = readState(content.observations, 'observations');
  if (!state.ok) return state;
  const choice = content.choiceVisitObservations === undefined ? null : readState(content.choiceVisitObservations, 'choiceVisitObservations');
  if (choice && !choice.ok) return choice;
  const policy = policyOf(content, recorded, deps);
  if (policy === 'unavailable') return { ok: false, problem: { code: 'model_unavailable', id: recorded.policy?.id ?? '' } };
  try {
    const now = recorded.generatedAt;
    const reload = audit({ state: state.state, policy, vendors: deps.vendors, now });
    if (!choice) return { ok: true, report: reload };
    const choiceReport = audit({ state: choice.state, policy, vendors: deps.vendors, now });
    const scenario = recorded.scenario;
    return {
      ok: true,
      report: scenarioReport(
        [
          { part: 'choice', report: choiceReport },
          { part: 'reload', report: reload },
        ],
        { name: scenario?.name ?? 'saved', actions: (scenario?.actions ?? []) as ScenarioAction[] },
      ),
    };
  } catch (err) {
    // A sealed model or log no audit foresaw: the report cannot be shown to follow from it.
    return { ok: false, problem: { code: 'audit_failed', detail: err instanceof Error ? err.message : String(err) } };
  }
}

function readState(value: unknown, field: string): { ok: true; state: TabState } | { ok: false; problem: { code: 'observations_unreadable'; detail: string } } {
  const parsed = tabStateSchema.safeParse(value);
  if (parsed.success) return { ok: true, state: parsed.data as TabState };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: { code: 'observations_unreadable', detail: `${field}.${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? ''}` } };
}

function policyOf(
  content: Record<string, unknown>,
  recorded: AuditReport,
  deps: RederiveDeps,
): { model: PolicyModel; origin: ReportPolicyOrigin } | null | 'unavailable' {
  if (!recorded.policy) return null;
  const origin = recorded.policy.origin;
  if (content.policyModel !== undefined && content.policyModel !== null) return { model: content.policyModel as PolicyModel, origin };
  const bundled = content.policyModel === undefined ? deps.bundledModel(recorded.policy.id) : null;
  return bundled ? { model: bundled, origin } : 'unavailable';
}
