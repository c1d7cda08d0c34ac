import { lazyCookieEvidence, lazyStorageEvidence } from '../evidence';
import { actorRef, FindingGroups, type Rule } from '../rule';

/**
 * Rule 7: a "sets no cookies" / storage-only promise broken, e.g. "Friendly Captcha sets
 * no HTTP cookies and stores only frc_sid, frc_sc, frc_rc and frc_sol in sessionStorage".
 */
export const noCookiesPromise: Rule = {
  id: 'no-cookies-promise-broken',
  description: 'A service the policy says sets no cookies (or only named storage keys) sets a cookie or another storage key.',
  defaultSeverity: 'high',
  check(ctx) {
    const policy = ctx.policy;
    if (!policy) return [];
    const groups = new FindingGroups();
    for (const promise of policy.promises) {
      if (promise.kind !== 'no-cookies' || !promise.checkable) continue;
      const allowed = new Set(promise.allowedStorageKeys);
      const clause = ctx.clause(promise.source);
      const processor = policy.processors.find((p) => p.id === promise.processorId);
      const name = processor?.name ?? promise.processorId;
      for (const item of ctx.cookies) {
        if (!item.actor.processors.some((p) => p.id === promise.processorId)) continue;
        const o = item.observation;
        const key = `${promise.processorId}|cookie|${o.domain}|${o.name}`;
        groups.add(key, lazyCookieEvidence(ctx, item), () => ({
          ruleId: this.id,
          subjectKey: key,
          severity: 'high',
          message: {
            code: 'no-cookies-promise.cookie',
            params: { service: name, actor: actorRef(item.actor), cookie: o.name, domain: o.domain, attempt: o.kind === 'cookie-attempt' },
          },
          subject: { kind: 'cookie', label: o.name, vendorId: item.actor.vendor?.id ?? null, processorId: promise.processorId },
          actor: item.actor,
          confidence: item.confidence,
          basis: item.basis,
          clause,
        }));
      }
      for (const item of ctx.storage) {
        if (!item.actor.processors.some((p) => p.id === promise.processorId)) continue;
        const o = item.observation;
        const persistent = o.area !== 'sessionStorage';
        const unlisted = allowed.size > 0 && !allowed.has(o.key);
        if (!unlisted && !(persistent && promise.noPersistentStorage)) continue;
        const key = `${promise.processorId}|${o.area}|${o.key}`;
        groups.add(key, lazyStorageEvidence(ctx, item), () => ({
          ruleId: this.id,
          subjectKey: key,
          severity: 'medium',
          message: { code: 'no-cookies-promise.storage', params: { service: name, key: o.key, area: o.area, allowed: unlisted ? [...allowed] : null } },
          subject: { kind: 'storage-key', label: o.key, vendorId: item.actor.vendor?.id ?? null, processorId: promise.processorId },
          actor: item.actor,
          confidence: item.confidence,
          basis: item.basis,
          clause,
        }));
      }
    }
    return groups.findings();
  },
};
