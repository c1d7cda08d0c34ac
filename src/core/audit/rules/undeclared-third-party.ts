import type { Actor } from '../actor';
import { isDeclared } from '../actor';
import type { RequestObservation } from '../../observation';
import type { AttributedCookie } from '../audit-context';
import { cookieEvidence, requestEvidence, startedAt } from '../evidence';
import type { EvidenceItem, Finding } from '../report-types';
import { actorRef, actorSubject, FindingGroups, type FindingDraft, type Rule } from '../rule';

/** Rule 1: a third party the page talks to that the policy does not name. */
export const undeclaredThirdParty: Rule = {
  id: 'undeclared-third-party',
  description: 'A third party (processor or independent controller) receives requests from the page but is not named in the policy.',
  defaultSeverity: 'high',
  check(ctx) {
    if (!ctx.policy) return [];
    const groups = new FindingGroups();
    const policy = ctx.policy;
    const create = (actor: Actor) => (): Omit<FindingDraft, 'evidence'> => {
      const tracking = actor.consentCategory === 'marketing' || actor.consentCategory === 'statistics';
      return {
        ruleId: this.id,
        subjectKey: actor.key,
        severity: actor.kind === 'unknown' ? 'medium' : tracking ? 'high' : 'medium',
        message: { code: actor.kind === 'unknown' ? 'undeclared-third-party.unknown' : 'undeclared-third-party.vendor', params: { actor: actorRef(actor) } },
        subject: actorSubject(actor),
        actor,
        confidence: 'high',
        basis: actor.source,
        clause: null,
        absence: { code: 'no-processor-named', params: { policyTitle: policy.title, organisation: actor.vendor?.organisation ?? actor.name } },
      };
    };
    const evidenceOf = (r: RequestObservation): EvidenceItem => requestEvidence(ctx, r);
    for (const { actor, requests } of ctx.hosts) {
      if (actor.kind === 'shop' || isDeclared(actor)) continue;
      groups.addAll(actor.key, requests, startedAt, evidenceOf, create(actor));
    }
    // Cookies of a company already reported add to its evidence.
    const cookieEvidenceOf = (item: AttributedCookie): EvidenceItem => cookieEvidence(ctx, item);
    const draftOf = (item: AttributedCookie): Omit<FindingDraft, 'evidence'> => create(item.actor)();
    for (const item of ctx.cookies) {
      if (groups.has(item.actor.key)) groups.addItem(item.actor.key, item, item.at, cookieEvidenceOf, draftOf);
    }
    const findings: Finding[] = groups.findings();
    return findings;
  },
};
