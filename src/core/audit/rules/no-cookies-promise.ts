import { lazyCookieEvidence, lazyStorageEvidence } from '../evidence';
import { describeActor, FindingGroups, type Rule } from '../rule';

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
          title: `${name} ${o.kind === 'cookie-attempt' ? 'tries to set' : 'sets'} cookie "${o.name}"`,
          explanation: `The policy promises that ${name} sets no cookies, but ${describeActor(item.actor)} ${o.kind === 'cookie-attempt' ? 'sent a Set-Cookie header for' : 'stored'} the cookie "${o.name}" on ${o.domain}.`,
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
          title: `${name} stores "${o.key}" in ${o.area}`,
          explanation: unlisted
            ? `The policy lists only ${[...allowed].join(', ')} for ${name}, but "${o.key}" appears in ${o.area}.`
            : `The policy says ${name} keeps nothing persistent, but "${o.key}" appears in ${o.area}.`,
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
