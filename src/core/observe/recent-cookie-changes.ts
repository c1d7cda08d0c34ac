import type { CookieAttributes, CookiePartition } from '../observation';
import type { TabRecorder } from './tab-recorder';
import type { ConsentRecordOutcome } from './consent-record-change';
import { siteOf } from '../site';

/** One cookies.onChanged report: what changed, and when the extension heard of it (epoch ms). */
export interface CookieChange {
  attributes: CookieAttributes & CookiePartition;
  removed: boolean;
  at: number;
  /** The cookie store it changed in (Firefox: one per container); null when not known. */
  storeId?: string | null;
  /** When the cookie is a consent tool's record: what it said (never its value), for the same visits. */
  consentRecord?: ConsentRecordOutcome | null;
}

/** How long a change waits for the request that names its domain. */
export const LATE_COOKIE_WINDOW_MS = 10_000;
/** At most this many changes wait; a page setting more in the window loses the oldest. */
const MAX_KEPT = 2_000;

interface KeptChange {
  change: CookieChange;
  appliedTo: WeakSet<TabRecorder>;
}

/**
 * Attributes cookie changes to visits when the browser does not keep event order. Firefox
 * often reports a cookie (cookies.onChanged) before the webRequest event of the request that
 * set it, and before the main_frame request of the visit it belongs to; Chrome keeps the
 * order, where this changes nothing. Each change is applied to every visit it concerns when it
 * arrives, and kept for a short while so that a visit which learns of its domain later (a new
 * request, a new visit) gets it too, with the time it really arrived.
 */
export class RecentCookieChanges {
  private kept: KeptChange[] = [];
  private readonly domainCountSeen = new WeakMap<TabRecorder, number>();

  constructor(private readonly windowMs = LATE_COOKIE_WINDOW_MS) {}

  /** A change just arrived: applies it where it belongs now. Returns the visits it changed. */
  route(change: CookieChange, recorders: Iterable<TabRecorder>): TabRecorder[] {
    this.prune(change.at);
    const entry: KeptChange = { change, appliedTo: new WeakSet() };
    if (this.kept.length >= MAX_KEPT) this.kept.shift();
    this.kept.push(entry);
    const changed: TabRecorder[] = [];
    for (const recorder of recorders) {
      if (this.apply(entry, recorder)) changed.push(recorder);
    }
    return changed;
  }

  /**
   * Gives a visit the kept changes that concern it now: call it when a visit starts and after
   * it recorded a request (cheap when the request named no new domain). True if it changed.
   */
  catchUp(recorder: TabRecorder): boolean {
    if (this.domainCountSeen.get(recorder) === recorder.domainCount) return false;
    this.domainCountSeen.set(recorder, recorder.domainCount);
    let changed = false;
    // In arrival order, so a set followed by a removal ends removed.
    for (const entry of this.kept) changed = this.apply(entry, recorder) || changed;
    return changed;
  }

  private apply(entry: KeptChange, recorder: TabRecorder): boolean {
    const { change } = entry;
    if (entry.appliedTo.has(recorder) || !recorder.concernsCookieChange(change.attributes, change.at, change.storeId ?? null)) return false;
    entry.appliedTo.add(recorder);
    if (change.removed) recorder.recordCookieRemoved(change.attributes, change.at);
    else recorder.recordCookieSet(change.attributes, change.at);
    // Only the shop's own cookie is its consent record: a third party's cookie of that name is another site's choice.
    if (change.consentRecord && siteOf(change.attributes.domain.replace(/^\./, '')) === recorder.state.pageSite) {
      recorder.recordConsentRecord(change.consentRecord);
    }
    return true;
  }

  private prune(now: number): void {
    const oldest = now - this.windowMs;
    let drop = 0;
    while (drop < this.kept.length && this.kept[drop]!.change.at < oldest) drop += 1;
    if (drop > 0) this.kept = this.kept.slice(drop);
  }
}
