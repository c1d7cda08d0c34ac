import { NO_CHOICE, type ConsentCategory, type ConsentObservation, type ConsentSnapshot, type ConsentStatus } from './consent-state';

const OPTIONAL: readonly ConsentCategory[] = ['preferences', 'statistics', 'marketing'];

/** Signals that carry the visitor's choice. Google requests' gcs only echo it. */
const CHOICE_SOURCES = new Set(['consent-record', 'cookiebot', 'iab-tcf', 'google-consent-mode', 'visitor-action']);

/**
 * The consent state over a visit, from the page's consent signals. A CMP's own signal
 * (Cookiebot, IAB TCF) decides; Google Consent Mode updates count only where no CMP signal
 * exists, because CMPs push those updates themselves.
 */
export class ConsentTimeline {
  private readonly times: number[] = [];
  private readonly states: ConsentSnapshot[] = [];
  readonly observations: readonly ConsentObservation[];

  constructor(observations: readonly ConsentObservation[]) {
    const sorted = [...observations].sort((a, b) => a.at - b.at);
    this.observations = sorted;
    const hasCmp = sorted.some((o) => (o.source === 'consent-record' || o.source === 'cookiebot' || o.source === 'iab-tcf') && o.explicit);
    let current: ConsentSnapshot = NO_CHOICE;
    for (const o of sorted) {
      if (!CHOICE_SOURCES.has(o.source) || !o.explicit) continue;
      if (hasCmp && o.source === 'google-consent-mode') continue;
      if (o.phase === 'default') continue;
      const granted = { ...NO_CHOICE.granted };
      for (const category of OPTIONAL) granted[category] = o.phase === 'withdraw' ? false : o.granted[category] === true;
      current = { status: statusOf(granted), granted, since: o.at, source: o.source };
      this.times.push(o.at);
      this.states.push(current);
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

function statusOf(granted: Record<ConsentCategory, boolean>): ConsentStatus {
  const optional = OPTIONAL.map((c) => granted[c]);
  if (optional.every(Boolean)) return 'accepted';
  if (optional.some(Boolean)) return 'partial';
  return 'refused';
}
