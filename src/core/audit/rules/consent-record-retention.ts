import { consentRecordAdapterFor } from '../../consent/records/record-adapters';
import type { PolicyModel } from '../../policy/schema';
import { lazyCookieEvidence } from '../evidence';
import { FindingGroups, type Rule } from '../rule';
import { exceedsLifetime } from '../tolerance';

type RetentionPromise = Extract<PolicyModel['promises'][number], { kind: 'retention' }>;

/**
 * Rule: the consent tool's own record (CookieConsent, OptanonConsent, euconsent-v2,
 * didomi_token …, the names the consent-record adapters read) is set to live longer than
 * the period the shop states for it: a retention statement (`kind: retention`, with a day
 * count) of the processor that runs the consent tool, the one its consent-tool promise
 * names or the one the record cookie is attributed to. One duration model and one
 * tolerance, as every lifetime comparison (tolerance.ts).
 *
 * No baseline: the CNIL's recommendation quoted in the legal baseline gives 13 months for
 * audience-measurement trackers, not for consent records, and its "six months" for keeping
 * the visitor's choice could not be found in its published wording; PolicyLens quotes no
 * more than it found, so without the shop's own period there is nothing to compare.
 */
export const consentRecordRetention: Rule = {
  id: 'consent-record-retention',
  description: "The consent tool's record is kept longer than the period the shop states for it.",
  defaultSeverity: 'high',
  check(ctx) {
    const policy = ctx.policy;
    if (!policy) return [];
    const retention = policy.promises.filter((p): p is RetentionPromise => p.kind === 'retention' && p.checkable && p.periodDays !== null && !!p.processorId);
    if (retention.length === 0) return [];
    const toolProcessors = new Set(policy.promises.flatMap((p) => (p.kind === 'consent-tool' && p.processorId ? [p.processorId] : [])));
    const groups = new FindingGroups();
    for (const item of ctx.cookies) {
      const o = item.observation;
      if (o.lifetimeDays === null || item.leftover) continue;
      const adapter = consentRecordAdapterFor('cookie', o.name);
      if (!adapter) continue;
      const processors = new Set([...toolProcessors, ...item.actor.processors.map((p) => p.id)]);
      for (const [i, promise] of retention.entries()) {
        const maxDays = promise.periodDays;
        if (maxDays === null || !promise.processorId || !processors.has(promise.processorId)) continue;
        if (!exceedsLifetime(o.lifetimeDays, maxDays)) continue;
        const key = `${o.domain}|${o.name}|retention:${i}`;
        const lifetimeDays = o.lifetimeDays;
        groups.add(key, lazyCookieEvidence(ctx, item), () => ({
          ruleId: this.id,
          subjectKey: key,
          severity: 'high',
          message: { code: 'consent-record-retention', params: { cookie: o.name, tool: adapter.tool, lifetimeDays, maxDays, period: promise.period } },
          subject: { kind: 'cookie', label: o.name, vendorId: item.actor.vendor?.id ?? null, processorId: promise.processorId ?? null },
          actor: item.actor,
          confidence: item.confidence,
          basis: item.basis,
          clause: ctx.clause(promise.source),
        }));
      }
    }
    return groups.findings();
  },
};
