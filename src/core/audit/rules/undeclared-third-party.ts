import type { Actor } from '../actor';
import { isDeclared } from '../actor';
import type { AuditContext } from '../audit-context';
import { cookieEvidence, requestEvidence } from '../evidence';
import type { EvidenceItem, Finding } from '../report-types';
import { actorSubject, describeActor, finding, type Rule } from '../rule';

/** Rule 1: a third party the page talks to that the policy does not name. */
export const undeclaredThirdParty: Rule = {
  id: 'undeclared-third-party',
  description: 'A third party (processor or independent controller) receives requests from the page but is not named in the policy.',
  defaultSeverity: 'high',
  check(ctx) {
    if (!ctx.policy) return [];
    const byActor = new Map<string, { actor: Actor; evidence: EvidenceItem[] }>();
    for (const item of ctx.requests) {
      if (item.actor.kind === 'shop' || isDeclared(item.actor)) continue;
      const entry = byActor.get(item.actor.key) ?? { actor: item.actor, evidence: [] };
      entry.evidence.push(requestEvidence(ctx, item));
      byActor.set(item.actor.key, entry);
    }
    for (const item of ctx.cookies) {
      const entry = byActor.get(item.actor.key);
      if (entry) entry.evidence.push(cookieEvidence(ctx, item));
    }
    const findings: Finding[] = [];
    for (const { actor, evidence } of byActor.values()) {
      const tracking = actor.consentCategory === 'marketing' || actor.consentCategory === 'statistics';
      const severity = actor.kind === 'unknown' ? 'medium' : tracking ? 'high' : 'medium';
      const what = actor.vendor ? `${actor.vendor.category.replace(/-/g, ' ')}` : 'unknown purpose';
      findings.push(
        finding({
          ruleId: this.id,
          subjectKey: actor.key,
          severity,
          title: actor.kind === 'unknown' ? `Unknown third party: ${actor.name}` : `Undeclared processor: ${actor.name}`,
          explanation:
            actor.kind === 'unknown'
              ? `The page sends data to ${actor.name}, a company PolicyLens does not know and the privacy policy does not name.`
              : `The page sends data to ${describeActor(actor)} (${what}), but the privacy policy does not name this company.`,
          subject: actorSubject(actor),
          actor,
          confidence: 'high',
          basis: actor.source,
          evidence,
          clause: null,
          absence: `The policy "${ctx.policy.title}" names no processor or third party for ${actor.vendor?.organisation ?? actor.name}.`,
        }),
      );
    }
    return findings;
  },
};
