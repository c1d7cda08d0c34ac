import type { ConsentObservation } from '../core/consent/consent-state';
import type { AuditReport, ScenarioAction } from '../core/audit/report-types';
import { scenarioReport } from '../core/audit/scenario-report';
import type { RecordedVisit } from './audit-page';
import { reauditObservations, type PolicyChoice } from './offline-audit';

/** The visitor's action as a consent signal: refusing and withdrawing grant nothing, accepting grants all. */
function asConsentSignal(action: ScenarioAction): ConsentObservation {
  const granted = action.action === 'accept';
  return {
    kind: 'consent',
    at: action.at,
    source: 'visitor-action',
    tool: null,
    phase: action.action === 'withdraw' ? 'withdraw' : 'update',
    granted: { preferences: granted, statistics: granted, marketing: granted },
    explicit: true,
    detail: action.action,
    ...(action.calledAt !== undefined ? { calledAt: action.calledAt } : {}),
    ...(action.firstLayer ? { firstLayer: action.firstLayer } : {}),
  };
}

/**
 * The visit in which the choice was made, audited with the visitor's own actions on its
 * consent timeline: a refusal applies from the click, not from whenever the consent tool
 * gets round to storing it, so tracking in between counts as after the refusal. Actions
 * autoconsent could not carry out are left out. The same pure audit, with the same policy.
 */
export function withVisitorActions(
  visit: RecordedVisit,
  actions: readonly ScenarioAction[],
  policyFile: { text: string; fileName: string } | null,
): RecordedVisit {
  const done = actions.filter((a) => a.ok);
  if (done.length === 0) return visit;
  const observations = { ...visit.observations, consent: [...visit.observations.consent, ...done.map(asConsentSignal)] };
  const choice: PolicyChoice = policyFile
    ? { kind: 'file', ...policyFile }
    : visit.declaredModel
      ? { kind: 'declared', model: visit.declaredModel }
      : { kind: 'default', reportPolicyId: visit.report.policy?.id ?? null };
  const again = reauditObservations(observations, choice, visit.report.generatedAt);
  // A log that fails validation would be our bug; the extension's own report then stands.
  return again.ok ? { ...visit, report: again.report, observations: again.observations } : visit;
}

/** The report of a whole scenario: the choice visit (when there was one) and the reload. */
export function scenarioRecordReport(
  scenario: string,
  visit: RecordedVisit,
  choiceVisit: RecordedVisit | null,
  actions: readonly ScenarioAction[],
): AuditReport {
  if (!choiceVisit) return visit.report;
  return scenarioReport(
    [
      { part: 'choice', report: choiceVisit.report },
      { part: 'reload', report: visit.report },
    ],
    { name: scenario, actions: [...actions] },
  );
}
