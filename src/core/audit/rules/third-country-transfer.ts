import type { RequestObservation } from '../../observation';
import { requestEvidence, startedAt } from '../evidence';
import type { EvidenceItem } from '../report-types';
import { ADEQUATE, EEA } from '../countries';
import { baselineClause } from '../../baseline/legal-baseline';
import { actorRef, actorSubject, FindingGroups, type Rule } from '../rule';

/** Rule 8: a vendor outside the EU/EEA without a declared transfer or safeguard. */
export const thirdCountryTransfer: Rule = {
  id: 'undeclared-third-country-transfer',
  description: 'A vendor in a country outside the EU/EEA receives data, and the policy declares no transfer safeguard for it.',
  defaultSeverity: 'medium',
  check(ctx) {
    const groups = new FindingGroups();
    // Without a model, whether the shop names the transfer and its safeguard (GDPR art. 13(1)(f))
    // cannot be checked: the reader is told where the data goes and what the law asks for.
    const unchecked = ctx.policy === null;
    const evidenceOf = (r: RequestObservation): EvidenceItem => requestEvidence(ctx, r);
    for (const { actor, requests } of ctx.hosts) {
      const country = actor.country;
      // 'ZZ': a vendor source that does not know the country (e.g. TrackerDB); nothing to judge.
      if (actor.kind !== 'vendor' || !country || country === 'ZZ' || EEA.has(country)) continue;
      const adequate = ADEQUATE.has(country);
      if (unchecked) {
        groups.addAll(actor.key, requests, startedAt, evidenceOf, () => ({
          ruleId: this.id,
          subjectKey: actor.key,
          severity: 'info',
          kind: 'notice',
          message: { code: 'third-country-transfer.unchecked', params: { actor: actorRef(actor), country, adequate } },
          subject: actorSubject(actor),
          actor,
          confidence: 'high',
          basis: actor.source,
          clause: baselineClause('transfer-information', ctx.state.pageSite),
        }));
        continue;
      }
      const transfer = actor.processors.map((p) => p.thirdCountryTransfer).find((t) => t && t.safeguard !== 'none-stated');
      if (transfer) continue;
      const stated = actor.processors.map((p) => p.thirdCountryTransfer).find((t) => t);
      groups.addAll(actor.key, requests, startedAt, evidenceOf, () => ({
        ruleId: this.id,
        subjectKey: actor.key,
        severity: adequate ? 'low' : 'medium',
        message: { code: 'undeclared-third-country-transfer', params: { actor: actorRef(actor), country, adequate } },
        subject: actorSubject(actor),
        actor,
        confidence: 'high',
        basis: actor.source,
        clause: stated ? ctx.clause(stated.source) : null,
        absence: { code: 'no-transfer-declared', params: { country, organisation: actor.vendor?.organisation ?? actor.name } },
      }));
    }
    return groups.findings();
  },
};
