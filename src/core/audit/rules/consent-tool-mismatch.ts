import type { ConsentTool } from '../../consent/consent-state';
import type { AuditContext } from '../audit-context';
import { requestEvidence } from '../evidence';
import type { EvidenceItem, Finding } from '../report-types';
import { finding, type Rule } from '../rule';

// Vendor catalogue ids of consent tools, mapped to the tool names the policy schema uses.
const TOOL_BY_VENDOR: Record<string, ConsentTool> = {
  cookiebot: 'cookiebot',
  onetrust: 'onetrust',
  usercentrics: 'usercentrics',
  didomi: 'didomi',
};

/** Consent tools seen on the page: from their own signals and from requests to their hosts. */
export function observedConsentTools(ctx: AuditContext): Map<ConsentTool, EvidenceItem[]> {
  const tools = new Map<ConsentTool, EvidenceItem[]>();
  for (const o of ctx.consent.observations) {
    const tool = o.tool;
    if (!tool) continue;
    const list = tools.get(tool) ?? [];
    list.push({ type: 'consent', tool, source: o.source, at: o.at, consent: ctx.consent.at(o.at), detail: o.detail });
    tools.set(tool, list);
  }
  for (const item of ctx.requests) {
    const vendor = item.actor.vendor;
    if (!vendor || vendor.category !== 'consent') continue;
    const tool = TOOL_BY_VENDOR[vendor.id] ?? 'other';
    const list = tools.get(tool) ?? [];
    list.push(requestEvidence(ctx, item));
    tools.set(tool, list);
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
    for (const promise of policy.promises) {
      if (promise.kind === 'consent-tool' && promise.checkable && !tools.has(promise.tool)) {
        const seen = [...tools.keys()];
        findings.push(
          finding({
            ruleId: this.id,
            subjectKey: `tool:${promise.tool}`,
            severity: 'medium',
            title: seen.length > 0 ? `Consent tool ${seen.join(', ')} instead of declared ${promise.tool}` : `Declared consent tool ${promise.tool} not found`,
            explanation:
              seen.length > 0
                ? `The policy says consent is managed with ${promise.tool}, but the page uses ${seen.join(', ')}.`
                : `The policy says consent is managed with ${promise.tool}, but no consent tool was found on the page.`,
            subject: { kind: 'consent-tool', label: promise.tool, vendorId: null, processorId: promise.processorId ?? null },
            evidence: [...tools.values()].flat(),
            clause: ctx.clause(promise.source),
          }),
        );
      }
      if (promise.kind === 'consent-mechanism' && promise.checkable && promise.mechanism === 'google-consent-mode') {
        const googleTags = ctx.requests.filter((r) => r.actor.vendor?.organisation === 'Google' && (r.actor.consentCategory === 'marketing' || r.actor.consentCategory === 'statistics'));
        const mechanismSeen = ctx.consent.observations.some((o) => o.source === 'google-consent-mode' || o.source === 'google-request');
        if (googleTags.length > 0 && !mechanismSeen) {
          findings.push(
            finding({
              ruleId: this.id,
              subjectKey: 'mechanism:google-consent-mode',
              severity: 'medium',
              title: 'Google tags run without Google Consent Mode',
              explanation: 'The policy says Google Consent Mode passes the visitor\'s choice to Google, but Google requests carry no consent state and the page issued no consent commands.',
              subject: { kind: 'consent-tool', label: 'Google Consent Mode', vendorId: null, processorId: promise.processorId ?? null },
              evidence: googleTags.map((r) => requestEvidence(ctx, r)),
              clause: ctx.clause(promise.source),
            }),
          );
        }
      }
    }
    return findings;
  },
};
