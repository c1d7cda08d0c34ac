import type { TabState } from './tab-state';

/**
 * A stretch of a visit in which observations may be missing: the browser stopped the service
 * worker while the page was active (events that arrived while it was stopped or were not yet
 * written are gone; a failed write is among the latter).
 */
export interface ObservationGap {
  from: number;
  to: number;
  reason: 'worker-stopped';
  /** Requests that had started but not ended when the gap began: their status may never come. */
  unfinishedRequests: number;
}

/**
 * Chrome stops a worker after 30 s without events. A stop sooner after the tab's last change
 * means the page was active when the worker went: what it recorded last may not have been
 * written, and events dispatched while it was stopping are lost.
 */
export const IDLE_WORKER_STOP_MS = 30_000;
/** Most gaps a visit keeps; later ones extend the last, so the window still covers them. */
export const MAX_GAPS = 50;

/**
 * The gap a worker restart leaves in a restored visit, or null when the visit was idle long
 * enough for Chrome's own idle stop (then everything it saw had been written).
 * `lastChangeAt`: the last change the stored state includes; `restoredAt`: the restart.
 */
export function gapAtRestart(state: Pick<TabState, 'requests' | 'lastChangeAt'>, restoredAt: number): ObservationGap | null {
  const from = state.lastChangeAt;
  if (from === undefined || restoredAt - from >= IDLE_WORKER_STOP_MS) return null;
  let unfinished = 0;
  for (const r of state.requests) if (r.status === null && r.error === null) unfinished += 1;
  return { from, to: Math.max(from, restoredAt), reason: 'worker-stopped', unfinishedRequests: unfinished };
}

/** Adds a gap to a visit's list: overlapping gaps merge, and past the cap the last one grows. */
export function addGap(gaps: ObservationGap[], gap: ObservationGap): ObservationGap[] {
  const last = gaps.at(-1);
  if (last && (gap.from <= last.to || gaps.length >= MAX_GAPS)) {
    const merged: ObservationGap = {
      from: Math.min(last.from, gap.from),
      to: Math.max(last.to, gap.to),
      reason: 'worker-stopped',
      unfinishedRequests: Math.max(last.unfinishedRequests, gap.unfinishedRequests),
    };
    return [...gaps.slice(0, -1), merged];
  }
  return [...gaps, gap];
}
