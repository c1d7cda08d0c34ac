import type { AuditReport } from '../core/audit/report-types';
import type { LocatedError } from '../core/report/format-located-error';

export interface PolicyLink {
  url: string;
  text: string;
}

/** What the popup shows for a tab (`popup/get-view`); the background decides which state applies. */
export type PopupView =
  /** The tab is not an http(s) page (new tab, settings, extension page, file …). */
  | { state: 'not-http' }
  /** The page is still loading or the audit is running; the popup asks again shortly. */
  | { state: 'loading' }
  /** No policy model for this shop: observations only (report.policy is null). */
  | { state: 'no-model'; report: AuditReport; policyLinks: PolicyLink[] }
  /** The model that applies does not validate (e.g. a stored import from an older version). */
  | { state: 'invalid-model'; errors: LocatedError[] }
  | { state: 'ready'; report: AuditReport };
