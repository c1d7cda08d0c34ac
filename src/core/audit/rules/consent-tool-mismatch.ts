import type { ConsentObservation, ConsentTool } from '../../consent/consent-state';
import type { RequestObservation } from '../../observation';
import type { AuditContext, HostRequests } from '../audit-context';
import { requestEvidence, startedAt } from '../evidence';
import type { EvidenceItem, Finding } from '../report-types';
import { finding, FindingGroups, type FindingDraft, type Rule } from '../rule';

// Vendor catalogue ids of consent tools, mapped to the tool names the policy schema uses.
const TOOL_BY_VENDOR: Record<string, ConsentTool> = {
  cookiebot: 'cookiebot',
  onetrust: 'onetrust',
  usercentrics: 'usercentrics',
  didomi: 'didomi',
};

/** Where a consent tool showed itself: its own signals and the hosts of its vendor. */
export interface ConsentToolSightings {
  signals: ConsentObservation[];
  hosts: HostRequests[];
}

/** Consent tools seen on the page: from their own signals and from requests to their hosts. */
export function observedConsentTools(ctx: AuditContext): Map<ConsentTool, ConsentToolSightings> {
  const tools = new Map<ConsentTool, ConsentToolSightings>();
  const sightings = (tool: ConsentTool): ConsentToolSightings => {
    let found = tools.get(tool);
    if (!found) {
      found = { signals: [], hosts: [] };
      tools.set(tool, found);
    }
    return found;
  };
  for (const o of ctx.consent.observations) if (o.tool) sightings(o.tool).signals.push(o);
  for (const group of ctx.hosts) {
    const vendor = group.actor.vendor;
    if (vendor && vendor.category === 'consent') sightings(TOOL_BY_VENDOR[vendor.id] ?? 'other').hosts.push(group);
  }
  return tools;
}

/** Rule 10: the consent tool or consent mechanism observed differs from the declared one. */
export const consentToolMismatch: Rule = {
  id: 'consent-tool-mismatch',
  description: 'The consent tool (or consent mechanism) observed on the page differs from the one the policy declares.',
  defaultSeverity: 'medium',
  check(ctx) {
    const policy = ctx.policy;
    if (!policy) return [];
    const findings: Finding[] = [];
    const tools = observedConsentTools(ctx);
    const evidenceOf = (r: RequestObservation): EvidenceItem => requestEvidence(ctx, r);
    for (const promise of policy.promises) {
      if (promise.kind === 'consent-tool' && promise.checkable && !tools.has(promise.tool)) {
        const seen = [...tools.keys()];
        const draft: Omit<FindingDraft, 'evidence'> = {
          ruleId: this.id,
          subjectKey: `tool:${promise.tool}`,
          severity: 'medium',
          message:
            seen.length > 0
              ? { code: 'consent-tool-mismatch.other-tool', params: { declared: promise.tool, seen } }
              : { code: 'consent-tool-mismatch.not-found', params: { declared: promise.tool } },
          subject: { kind: 'consent-tool', label: promise.tool, vendorId: null, processorId: promise.processorId ?? null },
          clause: ctx.clause(promise.source),
        };
        if (seen.length === 0) {
          findings.push(finding({ ...draft, evidence: [] }));
          continue;
        }
        const groups = new FindingGroups();
        for (const { signals, hosts } of tools.values()) {
          for (const o of signals) groups.add(draft.subjectKey, { at: o.at, make: () => consentEvidence(ctx, o) }, () => draft);
          for (const group of hosts) groups.addAll(draft.subjectKey, group.requests, startedAt, evidenceOf, () => draft);
        }
        findings.push(...groups.findings());
      }
      if (promise.kind === 'consent-mechanism' && promise.checkable && promise.mechanism === 'google-consent-mode') {
        const googleTags = ctx.hosts.filter(
          ({ actor }) => actor.vendor?.organisation === 'Google' && (actor.consentCategory === 'marketing' || actor.consentCategory === 'statistics'),
        );
        const mechanismSeen = ctx.consent.observations.some((o) => o.source === 'google-consent-mode' || o.source === 'google-request');
        if (googleTags.length > 0 && !mechanismSeen) {
          const groups = new FindingGroups();
          for (const group of googleTags) {
            groups.addAll('mechanism:google-consent-mode', group.requests, startedAt, evidenceOf, () => ({
              ruleId: this.id,
              subjectKey: 'mechanism:google-consent-mode',
              severity: 'medium',
              message: { code: 'consent-tool-mismatch.no-consent-mode', params: {} },
              subject: { kind: 'consent-tool', label: 'Google Consent Mode', vendorId: null, processorId: promise.processorId ?? null },
              clause: ctx.clause(promise.source),
            }));
          }
          findings.push(...groups.findings());
        }
      }
      if (promise.kind === 'consent-mechanism' && promise.checkable && promise.mechanism === 'iab-tcf') {
        // A CMP stores its TC string once the visitor has answered: without an answer there
        // is nothing to check. After one, a TCF CMP must have left a TC string (stored record
        // or, with the main-world reader on, __tcfapi).
        const answered = ctx.consent.observations.filter((o) => o.explicit && o.phase !== 'default' && o.source !== 'google-request');
        const tcfSeen = ctx.consent.observations.some((o) => o.tool === 'iab-tcf' || o.source === 'iab-tcf' || o.tcf !== undefined);
        if (answered.length > 0 && !tcfSeen) {
          const draft: Omit<FindingDraft, 'evidence'> = {
            ruleId: this.id,
            subjectKey: 'mechanism:iab-tcf',
            severity: 'medium',
            message: { code: 'consent-tool-mismatch.no-tc-string', params: {} },
            subject: { kind: 'consent-tool', label: 'IAB TCF', vendorId: null, processorId: promise.processorId ?? null },
            clause: ctx.clause(promise.source),
          };
          const groups = new FindingGroups();
          for (const o of answered) groups.add(draft.subjectKey, { at: o.at, make: () => consentEvidence(ctx, o) }, () => draft);
          findings.push(...groups.findings());
        }
      }
    }
    return findings;
  },
};

function consentEvidence(ctx: AuditContext, o: ConsentObservation): EvidenceItem {
  return { type: 'consent', tool: o.tool, source: o.source, at: o.at, consent: ctx.consent.at(o.at), detail: o.detail };
}
