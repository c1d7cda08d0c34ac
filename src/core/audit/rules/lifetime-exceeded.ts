import type { Actor } from '../actor';
import type { AttributedCookie, AuditContext } from '../audit-context';
import { lazyCookieEvidence } from '../evidence';
import type { PolicyClause } from '../report-types';
import type { PolicyModel } from '../../policy/schema';
import type { LifetimeLimitRef } from '../finding-message';
import { actorRef, FindingGroups, type Rule } from '../rule';
import { exceedsLifetime } from '../tolerance';
import { nationalTrackerLifetime } from '../../baseline/legal-baseline';
import type { ConsentCategory } from '../../consent/consent-state';

/** The categories whose cookies need consent and that a national lifetime recommendation covers. */
const TRACKING: ReadonlySet<string> = new Set<ConsentCategory>(['marketing', 'statistics']);

interface Limit {
  key: string;
  maxDays: number;
  what: LifetimeLimitRef;
  clause: PolicyClause;
}

type LifetimePromise = Extract<PolicyModel['promises'][number], { kind: 'max-cookie-lifetime' }>;
const LIFETIME_PROMISES = new WeakMap<PolicyModel, [number, LifetimePromise][]>();

/** The checkable lifetime promises of a model with their index, found once per model. */
function lifetimePromises(policy: PolicyModel): [number, LifetimePromise][] {
  let found = LIFETIME_PROMISES.get(policy);
  if (!found) {
    found = [];
    for (const [i, p] of policy.promises.entries()) if (p.kind === 'max-cookie-lifetime' && p.checkable) found.push([i, p]);
    LIFETIME_PROMISES.set(policy, found);
  }
  return found;
}

const DECLARED_IDS = new WeakMap<Actor, { processorIds: ReadonlySet<string>; categoryIds: ReadonlySet<string> }>();

/** The ids of an actor's declared processors and of their categories, found once per actor. */
function declaredIdsOf(actor: Actor): { processorIds: ReadonlySet<string>; categoryIds: ReadonlySet<string> } {
  let ids = DECLARED_IDS.get(actor);
  if (!ids) {
    ids = {
      processorIds: new Set(actor.processors.map((p) => p.id)),
      categoryIds: new Set(actor.processors.map((p) => p.category).filter((c): c is string => !!c)),
    };
    DECLARED_IDS.set(actor, ids);
  }
  return ids;
}

/** Every declared maximum lifetime that applies to one cookie. */
function limitsFor(ctx: AuditContext, item: AttributedCookie): Limit[] {
  const policy = ctx.policy;
  if (!policy) return [];
  const o = item.observation;
  const limits: Limit[] = [];
  const { processorIds, categoryIds } = declaredIdsOf(item.actor);
  // Promises first: when a promise and a cookie claim state the same maximum, the promise's
  // sentence (which states the number) is the clause shown.
  for (const [i, promise] of lifetimePromises(policy)) {
    const applies =
      promise.scope === 'all' ||
      (promise.scope === 'first-party' && item.party === 'first') ||
      (promise.scope === 'third-party' && item.party === 'third') ||
      (promise.scope === 'processor' && promise.ref !== undefined && processorIds.has(promise.ref)) ||
      (promise.scope === 'cookie' && promise.ref === o.name) ||
      (promise.scope === 'category' && promise.ref !== undefined && (categoryIds.has(promise.ref) || item.actor.consentCategory === promise.ref));
    if (!applies) continue;
    const what: LifetimeLimitRef = { kind: 'promise', scope: promise.scope, ref: promise.ref ?? null, asWritten: promise.asWritten ?? null };
    limits.push({ key: `promise:${i}`, maxDays: promise.maxDays, what, clause: ctx.clause(promise.source) });
  }
  for (const processor of item.actor.processors) {
    for (const claim of ctx.attributor.claimsCovering(processor, o.name, 'cookie', o.domain)) {
      if (claim.maxLifetimeDays === null) continue;
      limits.push({
        key: `claim:${processor.id}:${claim.name ?? claim.pattern}`,
        maxDays: claim.maxLifetimeDays,
        what: { kind: 'claim', processor: processor.name },
        clause: ctx.clause(claim.source),
      });
    }
  }
  // The shop's own declared cookies: a first-party cookie its list names is held to the lifetime given there.
  if (item.party === 'first') {
    for (const claim of ctx.attributor.claimsIn(policy.firstPartyCookies, o.name, 'cookie', o.domain)) {
      if (claim.maxLifetimeDays === null) continue;
      limits.push({
        key: `first-party-claim:${claim.name ?? claim.pattern}`,
        maxDays: claim.maxLifetimeDays,
        what: { kind: 'claim', processor: policy.shop.name },
        clause: ctx.clause(claim.source),
      });
    }
  }
  for (const category of policy.cookieCategories) {
    if (category.maxLifetimeDays === null || !categoryIds.has(category.id)) continue;
    limits.push({
      key: `category:${category.id}`,
      maxDays: category.maxLifetimeDays,
      what: { kind: 'category', category: category.name },
      clause: ctx.clause(category.source),
    });
  }
  // Two clauses stating the same maximum (a cookie claim and a promise) are one limit.
  const seen = new Set<number>();
  return limits.filter((l) => !seen.has(l.maxDays) && seen.add(l.maxDays));
}

/**
 * Where the shop's own words set no maximum for a tracking cookie, the national
 * recommendation of the shop's country (the CNIL's 13 months for .fr), if PolicyLens quotes one.
 */
function baselineLimitFor(ctx: AuditContext, item: AttributedCookie): { maxDays: number; authority: string; clause: PolicyClause } | null {
  if (!TRACKING.has(item.actor.consentCategory)) return null;
  return nationalTrackerLifetime(ctx.state.pageSite);
}

/**
 * Rule 3: a cookie set to live longer than a declared maximum (per cookie, processor,
 * category or global); where the shop's model sets none (or there is no model), a tracking
 * cookie held to its country's national recommendation, as a low notice: a recommendation
 * is not law, so it weighs less than the shop's own promise.
 */
export const lifetimeExceeded: Rule = {
  id: 'cookie-lifetime-exceeded',
  description: 'A cookie is set to live longer than the policy allows (per cookie, processor, category or a global limit).',
  defaultSeverity: 'high',
  check(ctx) {
    const groups = new FindingGroups();
    for (const item of ctx.cookies) {
      const o = item.observation;
      if (o.lifetimeDays === null || item.leftover) continue;
      const limits = limitsFor(ctx, item);
      if (limits.length === 0) {
        const national = baselineLimitFor(ctx, item);
        if (national && exceedsLifetime(o.lifetimeDays, national.maxDays)) {
          const key = `${o.domain}|${o.name}|national`;
          const lifetimeDays = o.lifetimeDays;
          groups.add(key, lazyCookieEvidence(ctx, item), () => ({
            ruleId: this.id,
            subjectKey: key,
            severity: 'low',
            kind: 'notice',
            message: {
              code: 'cookie-lifetime-exceeded.national-recommendation',
              params: {
                actor: actorRef(item.actor),
                cookie: o.name,
                lifetimeDays,
                maxDays: national.maxDays,
                category: item.actor.consentCategory as ConsentCategory,
                authority: national.authority,
              },
            },
            subject: { kind: 'cookie', label: o.name, vendorId: item.actor.vendor?.id ?? null, processorId: item.actor.processors[0]?.id ?? null },
            actor: item.actor,
            confidence: item.confidence,
            basis: item.basis,
            clause: national.clause,
          }));
        }
        continue;
      }
      for (const limit of limits) {
        if (!exceedsLifetime(o.lifetimeDays, limit.maxDays)) continue;
        const key = `${o.domain}|${o.name}|${limit.key}`;
        groups.add(key, lazyCookieEvidence(ctx, item), () => ({
          ruleId: this.id,
          subjectKey: key,
          severity: 'high',
          message: {
            code: 'cookie-lifetime-exceeded',
            params: {
              actor: actorRef(item.actor),
              cookie: o.name,
              lifetimeDays: o.lifetimeDays,
              maxDays: limit.maxDays,
              attempt: o.kind === 'cookie-attempt',
              setByHost: o.kind === 'cookie-attempt' ? (item.setByHost ?? o.domain) : null,
              limit: limit.what,
            },
          },
          subject: { kind: 'cookie', label: o.name, vendorId: item.actor.vendor?.id ?? null, processorId: item.actor.processors[0]?.id ?? null },
          actor: item.actor,
          confidence: item.confidence,
          basis: item.basis,
          clause: limit.clause,
        }));
      }
    }
    return groups.findings();
  },
};
