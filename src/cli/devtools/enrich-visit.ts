import { mergeDevtoolsFindings } from '../../core/observe/merge-devtools';
import type { CaptureConditions, TabState } from '../../core/observe/tab-state';
import { hostOf, siteOf } from '../../core/site';
import type { AuditReport } from '../../core/audit/report-types';
import type { BrowserPolicy } from '../launch-browser';
import { reauditObservations, type PolicyChoice } from '../offline-audit';
import type { PolicyModel } from '../../core/policy/schema';
import type { DevtoolsRecorder } from './devtools-recorder';
import type { UrlMask } from '../../core/observe/mask-url';

export interface ConsentWait {
  outcome: string;
  waitedMs: number;
  quietMs: number;
}

/**
 * The extension's log of a visit plus what the DevTools protocol saw (marked
 * `source: 'devtools'`) and the conditions the browser ran under, audited again by the same
 * pure audit the extension runs, so the report uses all of it.
 */
export async function enrichVisit(
  visit: { report: AuditReport; observations: TabState; declaredModel?: PolicyModel },
  devtools: DevtoolsRecorder,
  context: {
    policy: BrowserPolicy;
    consentWait: ConsentWait | null;
    policyFile: { text: string; fileName: string } | null;
    urlValues: { mask: UrlMask; kept: boolean };
    /** The time limit a wait for quiet of the visit ended at (the page never went quiet), or null. */
    quietStoppedAtMs: number | null;
    now: number;
  },
): Promise<{ report: AuditReport; observations: TabState }> {
  await devtools.readStorageAtEnd();
  const { state, counts } = mergeDevtoolsFindings(visit.observations, devtools, context.urlValues.mask);
  const pageSite = state.pageSite;
  const partitioned = devtools.storagePartitioned((url) => siteOf(hostOf(url)) !== pageSite);
  const capture: CaptureConditions = {
    thirdPartyCookies: context.policy.thirdPartyCookies,
    storagePartitioning: partitioned === null ? 'unknown' : partitioned ? 'partitioned' : 'unpartitioned',
    disabledFeatures: context.policy.disabledFeatures,
    consentDetection: context.consentWait,
    devtoolsCounts: { ...counts },
    urlValues: context.urlValues.kept ? 'kept' : 'masked',
    ...(context.quietStoppedAtMs === null ? {} : { quietStoppedAtMs: context.quietStoppedAtMs }),
  };
  state.capture = capture;
  const choice: PolicyChoice = context.policyFile
    ? { kind: 'file', text: context.policyFile.text, fileName: context.policyFile.fileName }
    : visit.declaredModel
      ? { kind: 'declared', model: visit.declaredModel }
      : { kind: 'default', reportPolicyId: visit.report.policy?.id ?? null };
  const result = reauditObservations(state, choice, context.now);
  // The merged log failing validation would be our bug; the extension's own report still stands.
  if (!result.ok) return { report: visit.report, observations: state };
  return { report: result.report, observations: result.observations };
}
