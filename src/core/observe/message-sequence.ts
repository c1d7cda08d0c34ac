import type { SequencedMessageKind } from './observation-gaps';

/**
 * Each content script numbers its messages per kind from 1 (one stream per document and
 * kind). The background keeps the last number it took of each stream in the visit's state
 * (written with it, so a worker restart continues the count), and a skipped number is a
 * message that never arrived: a snapshot or batch lost on the way or rejected as malformed.
 */

/** The last message taken of a stream: its number and when it arrived. */
export interface SequenceMark {
  n: number;
  at: number;
}

/** Streams a visit follows (documents × kinds; frames are capped at 1,000 per tab): past it a new stream is not followed. */
export const MAX_MESSAGE_STREAMS = 2_000;

/** The stream's key in the visit's state. */
export function streamKey(document: string, kind: SequencedMessageKind): string {
  return `${document}:${kind}`;
}

/** Messages found missing by one arrival: how many, since the previous one's arrival. */
export interface MissingMessages {
  missing: number;
  since: number;
}

/**
 * Takes message `n` of a stream at `now`; returns the messages it shows missing, or null.
 * A stream the visit first sees at n > 1 is not counted: its document began before the visit
 * (the tab's previous page, or before the worker started), which the visit cannot judge. A
 * number at or below the last is late or repeated and changes nothing.
 */
export function takeMessage(marks: Record<string, SequenceMark>, key: string, n: number, now: number): MissingMessages | null {
  const mark = marks[key];
  if (!mark) {
    if (Object.keys(marks).length < MAX_MESSAGE_STREAMS) marks[key] = { n, at: now };
    return null;
  }
  if (n <= mark.n) return null;
  const missing = n - mark.n - 1;
  const since = mark.at;
  mark.n = n;
  mark.at = now;
  return missing > 0 ? { missing, since } : null;
}
