import type { ConsentCategory, ConsentSnapshot } from '../../consent/consent-state';
import type { Actor, Attribution } from '../actor';
import type { AttributedCookie, AttributedStorageKey, AuditContext } from '../audit-context';
import { cookieEvidence, requestEvidence, startedAt, storageEvidence } from '../evidence';
import type { RequestObservation } from '../../observation';
import type { EvidenceItem, Finding, PolicyClause } from '../report-types';
import { baselineClause } from '../../baseline/legal-baseline';
import { actorRef, actorSubject, FindingGroups, type FindingDraft } from '../rule';
import { cookieDomainMatches } from '../../site';
import { requestTrackingSignal } from '../tracking-signals';

/** The consent categories whose use without consent is tracking (marketing and statistics). */
export const TRACKING: ReadonlySet<string> = new Set<ConsentCategory>(['marketing', 'statistics']);

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
  // Grade the evidence (tracking-signals.ts): a vendor that stores an identifier while consent
  // is missing tracks, and so does every request that carries one, reaches a tracking
  // endpoint or goes to a host the jar sends cookies to. What is left is plain loads.
  const identifying = new Set<string>();
  for (const item of ctx.cookies) {
    if (item.leftover || !forbiddenAt(item.actor, item.at)) continue;
    identifying.add(item.actor.key);
    groups.addItem(item.actor.key, item, item.at, cookieEvidenceOf, draftOf);
  }
  for (const item of ctx.storage) {
    // A key is seen by a poll: written somewhere since the read before. Only when the whole of
    // that interval is in the forbidden state is the write known to be (the shop's benefit of the doubt).
    if (item.leftover || !forbiddenAt(item.actor, item.at) || !forbiddenAt(item.actor, item.earliestAt)) continue;
    identifying.add(item.actor.key);
    groups.addItem(item.actor.key, item, item.at, storageEvidenceOf, draftOf);
  }
  const receivesCookies = cookieRecipients(ctx);
  const forbiddenByActor = new Map<string, { actor: Actor; requests: RequestObservation[][]; tracking: boolean }>();
  for (const { host, actor, requests } of ctx.hosts) {
    if (actor.kind !== 'vendor' || !TRACKING.has(actor.consentCategory)) continue;
    const category = actor.consentCategory as ConsentCategory;
    const forbidden = requests.filter((r) => inForbiddenState(ctx.consent.at(r.startedAt), category));
    if (forbidden.length === 0) continue;
    const entry = forbiddenByActor.get(actor.key) ?? { actor, requests: [], tracking: identifying.has(actor.key) };
    entry.requests.push(forbidden);
    entry.tracking ||= receivesCookies(host) || forbidden.some((r) => requestTrackingSignal(r) !== null);
    forbiddenByActor.set(actor.key, entry);
  }
  for (const { actor, requests, tracking } of forbiddenByActor.values()) {
    const category = actor.consentCategory as ConsentCategory;
    const count = requests.reduce((n, list) => n + list.length, 0);
    const plain = (): Omit<FindingDraft, 'evidence'> => ({
      ...draft(actor, category, 'high', actor.source),
      subjectKey: `${actor.key}:plain-load`,
      severity: 'low',
      kind: 'notice',
      message: { code: `${ruleId}.plain-load`, params: { actor: actorRef(actor), category, requests: count } },
    });
    for (const list of requests) {
      if (tracking) groups.addAll(actor.key, list, startedAt, evidenceOf, () => draft(actor, category, 'high', actor.source));
      else groups.addAll(`${actor.key}:plain-load`, list, startedAt, evidenceOf, plain);
    }
  }
  return groups.findings();
}

/**
 * Whether requests to a host carry a cookie from the jar (a third-party cookie on its domain,
 * stored, left from an earlier visit included): such a request reads an identifier.
 */
function cookieRecipients(ctx: AuditContext): (host: string) => boolean {
  const domains = [
    ...new Set(ctx.cookies.filter((c) => c.party === 'third' && (c.observation.kind === 'cookie' || c.stored === true)).map((c) => c.observation.domain)),
  ];
  return (host) => domains.some((d) => cookieDomainMatches(d, host));
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
