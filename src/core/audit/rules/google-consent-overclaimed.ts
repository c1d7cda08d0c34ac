import type { ConsentCategory } from '../../consent/consent-state';
import { googleConsentFromUrl } from '../../consent/google-consent-params';
import { baselineClause } from '../../baseline/legal-baseline';
import type { RequestObservation } from '../../observation';
import type { AuditContext } from '../audit-context';
import { requestEvidence, startedAt } from '../evidence';
import type { PolicyClause } from '../report-types';
import { actorRef, actorSubject, FindingGroups, type Rule } from '../rule';

const CLAIMABLE: readonly ConsentCategory[] = ['marketing', 'statistics'];

/**
 * Rule: Google was told the visitor consented when the visitor had not. Consent Mode sends
 * the page's consent state with every Google request (`gcs`, `gcd`); "granted" lets Google
 * set and read its cookies and use the hit for advertising. When the state in force — from
 * the consent tool's own record or the visitor's action, never from page objects — grants
 * a category the request claims, the page misreported it (a misconfigured default, or a
 * forged `consent update`). Only where that state rests on something PolicyLens read: with
 * no record, no note of a known tool and no visitor action, an unknown consent tool may hold
 * a choice we cannot see.
 */
export const googleConsentOverclaimed: Rule = {
  id: 'google-consent-overclaimed',
  description: 'Google requests claim consent (Consent Mode "granted") that the visitor did not give.',
  defaultSeverity: 'high',
  check(ctx) {
    if (!stateIsKnown(ctx)) return [];
    const groups = new FindingGroups();
    for (const { actor, requests } of ctx.hosts) {
      // Before any choice and after a refusal are two findings: the second is the graver one.
      const parts = { beforeChoice: new Claim(), afterRefusal: new Claim() };
      for (const r of requests) {
        const signal = googleConsentFromUrl(r.url, r.startedAt);
        if (!signal) continue;
        const state = ctx.consent.at(r.startedAt);
        const categories = CLAIMABLE.filter((c) => signal.granted[c] === true && !state.granted[c]);
        if (categories.length > 0) parts[state.status === 'no-choice' ? 'beforeChoice' : 'afterRefusal'].add(r, categories, signal.detail ?? '');
      }
      for (const [part, claim] of Object.entries(parts)) {
        if (claim.requests.length === 0) continue;
        const afterRefusal = part === 'afterRefusal';
        const subjectKey = `${actor.key}:${part}`;
        groups.addAll(
          subjectKey,
          claim.requests,
          startedAt,
          (r) => requestEvidence(ctx, r),
          () => ({
            ruleId: this.id,
            subjectKey,
            severity: afterRefusal ? 'critical' : 'high',
            message: {
              code: 'google-consent-overclaimed',
              params: { actor: actorRef(actor), categories: CLAIMABLE.filter((c) => claim.categories.has(c)), afterRefusal, signal: claim.signal },
            },
            subject: actorSubject(actor),
            actor,
            confidence: 'high',
            basis: actor.source,
            clause: clauseFor(ctx),
          }),
        );
      }
    }
    return groups.findings();
  },
};

/** Whether the consent state in force comes from what PolicyLens read, not from an absence. */
function stateIsKnown(ctx: AuditContext): boolean {
  const read = ctx.consent.observations.some((o) => o.source === 'consent-record' || o.source === 'visitor-action');
  const knownToolWithoutChoice = (ctx.state.consentRecordNotes ?? []).some((n) => n.reading === 'no-choice');
  return read || knownToolWithoutChoice;
}

/** The shop's own Consent Mode promise where it makes one, else the law on device access. */
function clauseFor(ctx: AuditContext): PolicyClause {
  const promise = ctx.policy?.promises.find((p) => p.kind === 'consent-mechanism' && p.mechanism === 'google-consent-mode');
  return promise ? ctx.clause(promise.source) : baselineClause('device-access-needs-consent', ctx.state.pageSite);
}

/** The requests of one host that claimed too much in one part, and what the first one said. */
class Claim {
  readonly requests: RequestObservation[] = [];
  readonly categories = new Set<ConsentCategory>();
  signal = '';

  add(request: RequestObservation, categories: readonly ConsentCategory[], signal: string): void {
    if (this.requests.length === 0) this.signal = signal;
    this.requests.push(request);
    for (const c of categories) this.categories.add(c);
  }
}
