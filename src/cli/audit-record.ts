import type { AuditReport, ScenarioAction, Severity } from '../core/audit/report-types';
import { SEVERITIES } from '../core/audit/report-types';
import type { TabState } from '../core/observe/tab-state';
import type { PolicyModel } from '../core/policy/schema';
import type { ScenarioState } from './audit-page';
import type { FailureReason } from './batch/failure-reason';

/** How the consent scenario went, as recorded with each result. */
export interface ConsentRecord {
  cmp: string | null;
  bannerShown: boolean;
  applied: boolean;
  state: ScenarioState;
  /** The consent actions taken, with their times (absent in results saved before they were kept). */
  actions?: ScenarioAction[];
  detail: string;
  steps: string[];
}

/** One URL in one scenario: audited, or why not. Shared by `audit`, `reaudit` and the demo. */
export type AuditRecord =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      scenario: string;
      report: AuditReport;
      observations: TabState;
      consent: ConsentRecord | null;
      /** The visit in which the choice was made (before the reload), when there was one. */
      choiceVisit: { report: AuditReport; observations: TabState } | null;
      durationMs: number | null;
      browserVersion: string;
      extensionVersion: string;
      /** The model the report rests on, when the CLI holds it (a declared or --policy file model), sealed in the bundle. */
      policyModel?: PolicyModel | null;
    }
  | {
      ok: false;
      url: string;
      scenario: string;
      error: string;
      /** Why, as a code (derived from the error text when absent). */
      reason?: FailureReason;
      consent: ConsentRecord | null;
      durationMs: number | null;
    };

export function parseSeverity(value: string): Severity | null {
  const v = value.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(v) ? (v as Severity) : null;
}

/** Violations at or above `threshold` (critical is the highest). */
export function violationsAtOrAbove(report: AuditReport, threshold: Severity): number {
  const limit = SEVERITIES.indexOf(threshold);
  return report.findings.filter((f) => f.kind === 'violation' && SEVERITIES.indexOf(f.severity) <= limit).length;
}
