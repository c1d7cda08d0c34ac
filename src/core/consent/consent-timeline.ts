import { NO_CHOICE, type ConsentCategory, type ConsentObservation, type ConsentSnapshot, type ConsentStatus } from './consent-state';

const OPTIONAL: readonly ConsentCategory[] = ['preferences', 'statistics', 'marketing'];

/** Signals the page's main world reports (opt-in reader): the page can forge them. */
const PAGE_REPORTED = new Set(['cookiebot', 'iab-tcf', 'google-consent-mode']);

type Granted = ConsentObservation['granted'];

/**
 * The consent state over a visit. Which signal decides, in order:
 *
 * 1. What the visitor did ('visitor-action', known to the CLI's consent automation) applies
 *    from the click. A refusal is stamped when the automation returned; a record the tool wrote
 *    during that call that refuses proves the click came before it, so the refusal applies
 *    from the first such record. After it, no stored or page-reported signal changes the state: consent
 *    the tool records but the visitor did not give is no consent (that disagreement is the
 *    consent-record-mismatch rule's finding), and a refusal applies whenever the tool gets
 *    round to storing it.
 * 2. The consent tool's stored record ('consent-record'): what the tool acts on, read with the
 *    extension's own APIs. Each record carries the categories it holds; a category it does
 *    not hold keeps what the same tool's records last said (Complianz keeps one cookie per
 *    category; OneTrust's OptanonAlertBoxClosed holds only the moment).
 * 3. Page-reported signals (window.Cookiebot, __tcfapi, Consent Mode commands) only when the
 *    visit has no record at all; Consent Mode updates only when no CMP signal exists either,
 *    because CMPs push those updates themselves.
 * Google requests' gcs/gcd only echo the state (evidence of the mechanism) and never decide.
 *
 * RETURNING VISITORS: a record already stored when the visit began (`carried`) is the consent
 * in force from the visit's first request, whatever time the extension read it at; a later
 * change of a record (a withdrawal, a new choice) applies from its own moment.
 */
export class ConsentTimeline {
  private readonly times: number[] = [];
  private readonly states: ConsentSnapshot[] = [];
  readonly observations: readonly ConsentObservation[];

  constructor(observations: readonly ConsentObservation[]) {
    const inForceFrom = inForceTimes(observations);
    const sorted = [...observations].sort((a, b) => compare(inForceFrom(a), inForceFrom(b)));
    this.observations = sorted;
    const hasRecord = sorted.some((o) => o.source === 'consent-record');
    const hasCmp = sorted.some((o) => (o.source === 'cookiebot' || o.source === 'iab-tcf') && o.explicit);
    const recordedByTool = new Map<string, Granted>();
    let visitorActed = false;
    for (const o of sorted) {
      if (!o.explicit || o.phase === 'default') continue;
      let granted: Granted;
      if (o.source === 'visitor-action') {
        visitorActed = true;
        granted = o.granted;
      } else if (o.source === 'consent-record') {
        if (visitorActed) continue;
        const tool = o.tool ?? 'other';
        granted = { ...recordedByTool.get(tool), ...o.granted };
        recordedByTool.set(tool, granted);
      } else if (PAGE_REPORTED.has(o.source)) {
        if (visitorActed || hasRecord) continue;
        if (hasCmp && o.source === 'google-consent-mode') continue;
        granted = o.granted;
      } else {
        continue;
      }
      const state = { ...NO_CHOICE.granted };
      for (const category of OPTIONAL) state[category] = o.phase !== 'withdraw' && granted[category] === true;
      this.times.push(inForceFrom(o));
      this.states.push({ status: statusOf(state), granted: state, since: o.at, source: o.source });
    }
  }

  /** The state in force at `at` (a change at exactly `at` is already in force). */
  at(at: number): ConsentSnapshot {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] ?? Infinity) <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? NO_CHOICE : (this.states[found] ?? NO_CHOICE);
  }

  /** The state now: the last change. */
  current(): ConsentSnapshot {
    return this.states[this.states.length - 1] ?? NO_CHOICE;
  }

  /** True when consent for `category` was in force at `at`. */
  allows(category: ConsentCategory, at: number): boolean {
    return category === 'necessary' || this.at(at).granted[category];
  }
}

/**
 * When each observation takes effect. A carried record is in force before anything of this
 * visit; a refusal or withdrawal by the visitor from the first refusing record the tool wrote
 * while the automation's call ran (the click lies between the call and that write); everything
 * else from its moment.
 */
function inForceTimes(observations: readonly ConsentObservation[]): (o: ConsentObservation) => number {
  // Only a record that refuses proves the refusal's click came before it: one that still grants
  // may be an earlier acceptance read late (Web Storage is polled), or the tool's own disagreement.
  const written = observations.filter((o) => o.source === 'consent-record' && !o.carried && !grantsAny(o)).map((o) => o.at);
  const refusedAt = new Map<ConsentObservation, number>();
  for (const o of observations) {
    if (o.source !== 'visitor-action' || o.calledAt === undefined || grantsAny(o)) continue;
    const calledAt = o.calledAt;
    const during = written.filter((at) => at >= calledAt && at < o.at);
    if (during.length > 0) refusedAt.set(o, Math.min(...during));
  }
  return (o) => (o.carried ? Number.NEGATIVE_INFINITY : (refusedAt.get(o) ?? o.at));
}

function grantsAny(o: ConsentObservation): boolean {
  return o.phase !== 'withdraw' && OPTIONAL.some((c) => o.granted[c] === true);
}

function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function statusOf(granted: Record<ConsentCategory, boolean>): ConsentStatus {
  const optional = OPTIONAL.map((c) => granted[c]);
  if (optional.every(Boolean)) return 'accepted';
  if (optional.some(Boolean)) return 'partial';
  return 'refused';
}
