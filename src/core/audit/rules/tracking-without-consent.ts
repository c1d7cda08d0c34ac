import type { ConsentCategory, ConsentSnapshot } from '../../consent/consent-state';
import type { Actor, Attribution } from '../actor';
import type { AttributedCookie, AttributedStorageKey, AuditContext } from '../audit-context';
import { cookieEvidence, requestEvidence, startedAt, storageEvidence } from '../evidence';
import type { RequestObservation } from '../../observation';
import type { EvidenceItem, Finding, PolicyClause } from '../report-types';
import { baselineClause } from '../../baseline/legal-baseline';
import { actorRef, actorSubject, FindingGroups, type FindingDraft } from '../rule';

const TRACKING: ReadonlySet<string> = new Set<ConsentCategory>(['marketing', 'statistics']);

/**
 * Shared by the "before consent" and "after refusal" rules: marketing and statistics
 * requests, cookies and storage keys observed while `inForbiddenState` holds for their
 * category. Cookies and storage keys that were already there from an earlier visit (and
 * not written again) are not counted.
 */
export function trackingWithoutConsent(
  ctx: AuditContext,
  ruleId: 'tracking-before-consent' | 'tracking-after-refusal',
  inForbiddenState: (consent: ConsentSnapshot, category: ConsentCategory) => boolean,
): Finding[] {
  const groups = new FindingGroups();
  const draft = (
    actor: Actor,
    category: ConsentCategory,
    confidence: Finding['attribution']['confidence'],
    basis: string | null,
  ): Omit<FindingDraft, 'evidence'> => ({
    ruleId,
    subjectKey: actor.key,
    severity: 'high',
    message: { code: ruleId, params: { actor: actorRef(actor), category } },
    subject: actorSubject(actor),
    actor,
    confidence,
    basis,
    ...clauseFor(ctx, actor, category),
  });
  const forbiddenAt = (actor: Actor, at: number): boolean =>
    TRACKING.has(actor.consentCategory) && inForbiddenState(ctx.consent.at(at), actor.consentCategory as ConsentCategory);
  const draftOf = ({ actor, confidence, basis }: Attribution): Omit<FindingDraft, 'evidence'> =>
    draft(actor, actor.consentCategory as ConsentCategory, confidence, basis);
  const cookieEvidenceOf = (item: AttributedCookie): EvidenceItem => cookieEvidence(ctx, item);
  const storageEvidenceOf = (item: AttributedStorageKey): EvidenceItem => storageEvidence(ctx, item);
  const evidenceOf = (r: RequestObservation): EvidenceItem => requestEvidence(ctx, r);
  for (const { actor, requests } of ctx.hosts) {
    if (actor.kind !== 'vendor' || !TRACKING.has(actor.consentCategory)) continue;
    const category = actor.consentCategory as ConsentCategory;
    const forbidden = requests.filter((r) => inForbiddenState(ctx.consent.at(r.startedAt), category));
    groups.addAll(actor.key, forbidden, startedAt, evidenceOf, () => draft(actor, category, 'high', actor.source));
  }
  for (const item of ctx.cookies) {
    if (!item.leftover && forbiddenAt(item.actor, item.at)) groups.addItem(item.actor.key, item, item.at, cookieEvidenceOf, draftOf);
  }
  for (const item of ctx.storage) {
    if (!item.leftover && forbiddenAt(item.actor, item.at)) groups.addItem(item.actor.key, item, item.at, storageEvidenceOf, draftOf);
  }
  return groups.findings();
}

/** The clause that makes consent necessary: the category's consent rule, else the consent tool promise. */
/**
 * The clause that makes consent necessary: the shop's own consent rule for the category,
 * else its consent tool promise; where the shop says nothing (or has no model), the law.
 */
function clauseFor(ctx: AuditContext, actor: Actor, category: ConsentCategory): { clause: PolicyClause } {
  const policy = ctx.policy;
  const law = { clause: baselineClause('device-access-needs-consent', ctx.state.pageSite) };
  if (!policy) return law;
  const categoryIds = new Set([category, ...actor.processors.map((p) => p.category).filter((c): c is string => !!c)]);
  const rule = policy.cookieCategories.find((c) => categoryIds.has(c.id) && c.consentRequired === true);
  if (rule) return { clause: ctx.clause(rule.source) };
  const promise = policy.promises.find((p) => p.kind === 'consent-before-cookies' && p.categoryId !== null && categoryIds.has(p.categoryId));
  if (promise) return { clause: ctx.clause(promise.source) };
  const consentProcessor = actor.processors.find((p) => p.consentRequired === true);
  if (consentProcessor) return { clause: ctx.clause(consentProcessor.source) };
  const tool = policy.promises.find((p) => p.kind === 'consent-tool');
  if (tool) return { clause: ctx.clause(tool.source) };
  return law;
}
