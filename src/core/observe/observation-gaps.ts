import type { TabState } from './tab-state';

/** The content-script messages that carry a sequence number per document and kind (see message-sequence.ts). */
export const SEQUENCED_MESSAGE_KINDS = ['storage-snapshot', 'resources', 'consent-signal', 'consent-record', 'policy-links'] as const;
export type SequencedMessageKind = (typeof SEQUENCED_MESSAGE_KINDS)[number];

/**
 * A stretch of a visit in which observations may be missing:
 * - `worker-stopped`: the browser stopped the service worker while the page was active
 *   (events that arrived while it was stopped or were not yet written are gone; a failed
 *   write is among the latter);
 * - `messages-lost`: a content script's message of kind `source` never arrived (its sequence
 *   number was skipped): `lost` of them since `from`, when the one before arrived;
 * - `request-start-lost`: requests ended whose start was never recorded (`lost` of them).
 * Any gap may also count `endsWithoutStart`: request ends inside it whose start is missing.
 */
export interface ObservationGap {
  from: number;
  to: number;
  reason: 'worker-stopped' | 'messages-lost' | 'request-start-lost';
  /** Requests that had started but not ended when the gap began: their status may never come. */
  unfinishedRequests: number;
  /** messages-lost: the kind of message the numbers were missing from. */
  source?: SequencedMessageKind;
  /** messages-lost: messages missing; request-start-lost: request ends without a start. */
  lost?: number;
  /** worker-stopped: requests that ended after the restart but whose start the stop lost. */
  endsWithoutStart?: number;
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

/**
 * Adds a gap to a visit's list: a gap overlapping the last one of the same kind (reason and
 * source) merges with it, and past the cap the last one grows and takes the counts, so every
 * loss stays covered and counted.
 */
export function addGap(gaps: ObservationGap[], gap: ObservationGap): ObservationGap[] {
  const last = gaps.at(-1);
  const sameKind = last !== undefined && last.reason === gap.reason && last.source === gap.source;
  if (last && ((sameKind && gap.from <= last.to) || gaps.length >= MAX_GAPS)) {
    const merged: ObservationGap = {
      ...last,
      from: Math.min(last.from, gap.from),
      to: Math.max(last.to, gap.to),
      unfinishedRequests: Math.max(last.unfinishedRequests, gap.unfinishedRequests),
    };
    const lost = (last.lost ?? 0) + (gap.lost ?? 0);
    if (lost > 0) merged.lost = lost;
    const ends = (last.endsWithoutStart ?? 0) + (gap.endsWithoutStart ?? 0);
    if (ends > 0) merged.endsWithoutStart = ends;
    return [...gaps.slice(0, -1), merged];
  }
  return [...gaps, gap];
}

/**
 * A request ended whose start the visit never recorded: counted in the last worker stop's gap
 * when there is one (its start was lost with that stop), else in a gap of its own at `at`.
 */
export function countEndWithoutStart(gaps: ObservationGap[], at: number): ObservationGap[] {
  let stopIndex = -1;
  for (let i = gaps.length - 1; i >= 0; i -= 1) {
    if (gaps[i]!.reason === 'worker-stopped') {
      stopIndex = i;
      break;
    }
  }
  if (stopIndex >= 0) {
    const stop = gaps[stopIndex]!;
    return gaps.map((g, i) => (i === stopIndex ? { ...stop, endsWithoutStart: (stop.endsWithoutStart ?? 0) + 1 } : g));
  }
  const last = gaps.at(-1);
  // Ends without a start come in bursts: one gap widens over them rather than one gap each.
  if (last?.reason === 'request-start-lost') return [...gaps.slice(0, -1), { ...last, to: Math.max(last.to, at), lost: (last.lost ?? 0) + 1 }];
  return addGap(gaps, { from: at, to: at, reason: 'request-start-lost', unfinishedRequests: 0, lost: 1 });
}
