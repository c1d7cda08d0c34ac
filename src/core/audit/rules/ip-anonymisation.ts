import type { RequestObservation } from '../../observation';
import { lazyRequestEvidence } from '../evidence';
import { actorSubject, FindingGroups, type Rule } from '../rule';

// Universal Analytics hit endpoints. GA4 (/g/collect, v=2) truncates IPs itself and is
// never flagged; its requests carry no aip parameter by design.
const UA_PATH = /^\/(?:r\/|j\/)?collect$|^\/__utm\.gif$/;

/** Rule 9: Google Analytics without IP anonymisation where the policy promises it (Universal Analytics `aip`). */
export const ipAnonymisation: Rule = {
  id: 'ip-anonymisation-missing',
  description: 'A Universal Analytics hit lacks aip=1 although the policy promises IP anonymisation. GA4 anonymises by default and is not flagged.',
  defaultSeverity: 'high',
  check(ctx) {
    const policy = ctx.policy;
    if (!policy) return [];
    const groups = new FindingGroups();
    for (const promise of policy.promises) {
      if (promise.kind !== 'ip-anonymisation' || !promise.checkable) continue;
      const processorId = promise.processorId ?? 'google-analytics';
      for (const { actor, requests } of ctx.hosts) {
        const isGa = actor.processors.some((p) => p.id === processorId) || actor.vendor?.id === 'google-analytics';
        if (!isGa) continue;
        for (const r of requests) {
          const tid = hitWithoutAip(r);
          if (tid === null) continue;
          groups.add(actor.key, lazyRequestEvidence(ctx, r, { code: 'ua-hit-without-aip', params: { tid } }), () => ({
            ruleId: this.id,
            subjectKey: actor.key,
            severity: 'high',
            message: { code: 'ip-anonymisation-missing', params: {} },
            subject: actorSubject(actor),
            actor,
            confidence: 'high',
            basis: actor.source,
            clause: ctx.clause(promise.source),
          }));
        }
      }
    }
    return groups.findings();
  },
};

/** The tracking id ('?' when absent) of a Universal Analytics hit sent without aip=1; null for any other request. */
function hitWithoutAip(r: RequestObservation): string | null {
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return null;
  }
  if (!UA_PATH.test(url.pathname)) return null;
  // Hits sent by POST or sendBeacon carry their parameters in the body, which the
  // browser does not show to extensions: nothing can be said about aip then.
  if (!url.searchParams.has('tid') && !url.searchParams.has('v') && !url.searchParams.has('utmac')) return null;
  const version = url.searchParams.get('v');
  if (version !== null && version !== '1') return null;
  const aip = url.searchParams.get('aip') ?? url.searchParams.get('utmip');
  if (aip === '1' || aip === 'true') return null;
  return url.searchParams.get('tid') ?? '?';
}
