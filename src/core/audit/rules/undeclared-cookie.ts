import type { StorageArea } from '../../observation';
import { isDeclared, type Attribution } from '../actor';
import { lazyCookieEvidence, lazyStorageEvidence, type LazyEvidence } from '../evidence';
import { hostOf } from '../../site';
import { actorRef, FindingGroups, type Rule } from '../rule';

type Storage = 'cookie' | StorageArea;

/**
 * Rule 2: a cookie or storage key of a declared processor whose declared list does not
 * cover it. Only applies where the policy lists that processor's cookies at all.
 */
export const undeclaredCookie: Rule = {
  id: 'undeclared-cookie',
  description: 'A cookie or storage key is set by a processor whose declared cookie list does not include it.',
  defaultSeverity: 'medium',
  check(ctx) {
    if (!ctx.policy) return [];
    const groups = new FindingGroups();
    // A "sets no cookies" promise is checked more precisely by its own rule.
    const noCookies = new Set(ctx.policy.promises.flatMap((p) => (p.kind === 'no-cookies' && p.checkable ? [p.processorId] : [])));
    // The domain and the evidence are made only for what is reported: most names pass.
    const consider = (name: string, storage: Storage, domainOf: () => string, evidence: () => LazyEvidence, item: Attribution): void => {
      const actor = item.actor;
      if (!isDeclared(actor) || actor.kind === 'shop') return;
      if (storage === 'cookie' && actor.processors.some((p) => noCookies.has(p.id))) return;
      const listing = actor.processors.filter((p) => p.cookies.length > 0);
      if (listing.length === 0) return;
      const domain = domainOf();
      if (listing.some((p) => ctx.attributor.claimsCovering(p, name, storage, domain).length > 0)) return;
      const processor = listing[0]!;
      groups.add(`${actor.key}|${storage}|${name}`, evidence(), () => ({
        ruleId: this.id,
        subjectKey: `${actor.key}|${storage}|${name}`,
        severity: 'medium',
        message: { code: 'undeclared-cookie', params: { actor: actorRef(actor), storage, name, processor: processor.name } },
        subject: { kind: storage === 'cookie' ? 'cookie' : 'storage-key', label: name, vendorId: actor.vendor?.id ?? null, processorId: processor.id },
        actor,
        confidence: item.confidence,
        basis: item.basis,
        clause: ctx.clause(processor.cookies[0]!.source),
      }));
    };
    for (const item of ctx.cookies)
      consider(
        item.observation.name,
        'cookie',
        () => item.observation.domain,
        () => lazyCookieEvidence(ctx, item),
        item,
      );
    for (const item of ctx.storage)
      consider(
        item.observation.key,
        item.observation.area,
        () => hostOf(item.observation.origin),
        () => lazyStorageEvidence(ctx, item),
        item,
      );
    return groups.findings();
  },
};
