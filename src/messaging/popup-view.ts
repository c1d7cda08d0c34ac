import type { AuditReport } from '../core/audit/report-types';
import type { LocatedError } from '../core/report/format-located-error';
import { previewReport } from '../core/report/report-preview';
import type { ReportPreview } from '../core/report/report-preview';

export interface PolicyLink {
  url: string;
  text: string;
}

/** The states that carry no report. */
type PopupStateWithoutReport =
  /** The tab is not an http(s) page (new tab, settings, extension page, file …). */
  | { state: 'not-http' }
  /** The page is still loading or the audit is running; the popup asks again shortly. */
  | { state: 'loading' }
  /** The model that applies does not validate (e.g. a stored import from an older version). */
  | { state: 'invalid-model'; errors: LocatedError[] };

/**
 * What the popup shows for a tab (`popup/get-view`); the background decides which state
 * applies. A report travels as its preview (verdict, counts, first findings): the popup shows
 * it at once and asks for the whole report (`popup/get-report`) when it needs the rest.
 */
export type PopupView =
  | PopupStateWithoutReport
  /** No policy model for this shop: observations only (preview.policy is null). */
  | { state: 'no-model'; preview: ReportPreview; policyLinks: PolicyLink[] }
  | { state: 'ready'; preview: ReportPreview };

/** The same states with the whole report: what the background decides, before it is previewed. */
export type FullPopupView =
  PopupStateWithoutReport | { state: 'no-model'; report: AuditReport; policyLinks: PolicyLink[] } | { state: 'ready'; report: AuditReport };

/** The view as `popup/get-view` sends it: a report becomes its preview. */
export function previewView(view: FullPopupView): PopupView {
  switch (view.state) {
    case 'no-model':
      return { state: 'no-model', preview: previewReport(view.report), policyLinks: view.policyLinks };
    case 'ready':
      return { state: 'ready', preview: previewReport(view.report) };
    default:
      return view;
  }
}
