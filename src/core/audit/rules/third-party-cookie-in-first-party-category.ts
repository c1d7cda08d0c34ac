import type { AttributedCookie } from '../audit-context';
import { cookieEvidence } from '../evidence';
import type { EvidenceItem, PolicyClause, Severity } from '../report-types';
import { actorRef, FindingGroups, type FindingDraft, type Rule } from '../rule';

interface FirstPartyRule {
  /** null: the policy says all of its cookies are its own. */
  categoryId: string | null;
  clause: PolicyClause;
  tension: string | undefined;
}

/**
 * Rule 6: a third-party cookie in a category the policy declares first-party only
 * ("necessary cookies are only Connox's own and are not sent to third parties").
 */
export const thirdPartyCookieInFirstPartyCategory: Rule = {
  id: 'third-party-cookie-in-first-party-category',
  description: "A third-party cookie belongs to a category the policy declares first-party only (e.g. 'necessary cookies are only our own').",
  defaultSeverity: 'high',
  check(ctx) {
    const policy = ctx.policy;
    if (!policy) return [];
    const rules: FirstPartyRule[] = [];
    for (const p of policy.promises) {
      if ((p.kind === 'first-party-only' || p.kind === 'not-shared-with-third-parties') && p.checkable) {
        if (!rules.some((r) => r.categoryId === p.categoryId)) rules.push({ categoryId: p.categoryId, clause: ctx.clause(p.source), tension: p.tension });
      }
    }
    for (const c of policy.cookieCategories) {
      if (c.firstPartyOnly === true && !rules.some((r) => r.categoryId === c.id))
        rules.push({ categoryId: c.id, clause: ctx.clause(c.source), tension: c.tension });
    }
    // One group per rule, keyed by the cookie's id: no key is built per sighting.
    const groups = rules.map(() => new FindingGroups());
    const inCategory = (item: AttributedCookie, categoryId: string): boolean =>
      item.actor.processors.some((p) => p.category === categoryId) || (item.actor.processors.length === 0 && item.actor.consentCategory === categoryId);
    const evidenceOf = (item: AttributedCookie): EvidenceItem => cookieEvidence(ctx, item);
    const draftsOf = rules.map((rule) => (item: AttributedCookie): Omit<FindingDraft, 'evidence'> => {
      const o = item.observation;
      // A sentence the policy itself contradicts elsewhere is still reported, but lower.
      const severity: Severity = rule.tension ? 'low' : 'high';
      return {
        ruleId: this.id,
        subjectKey: `${rule.categoryId ?? 'all'}|${o.domain}|${o.name}`,
        severity,
        message: {
          code: 'third-party-cookie-in-first-party-category',
          params: {
            actor: actorRef(item.actor),
            cookie: o.name,
            domain: o.domain,
            categoryId: rule.categoryId,
            attempt: o.kind === 'cookie-attempt',
            tension: rule.tension ?? null,
          },
        },
        subject: { kind: 'cookie', label: o.name, vendorId: item.actor.vendor?.id ?? null, processorId: item.actor.processors[0]?.id ?? null },
        actor: item.actor,
        confidence: item.confidence,
        basis: item.basis,
        clause: rule.clause,
      };
    });
    for (const item of ctx.cookies) {
      if (item.party !== 'third' || item.leftover) continue;
      for (let i = 0; i < rules.length; i++) {
        const categoryId = (rules[i] as FirstPartyRule).categoryId;
        if (categoryId !== null && !inCategory(item, categoryId)) continue;
        (groups[i] as FindingGroups).addItem(item.id, item, item.at, evidenceOf, draftsOf[i] as (typeof draftsOf)[number]);
      }
    }
    return groups.flatMap((g) => g.findings());
  },
};
