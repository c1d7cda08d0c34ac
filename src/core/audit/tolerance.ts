import { readDays, type DaySpan } from '../policy/duration';

/**
 * The one tolerance of every lifetime comparison in the project (the lifetime rule, the
 * declaration-vs-text comparison). Expiry is measured against the moment the browser
 * reported the cookie (a few ms after the server set it) and rounded to whole seconds: allow
 * one hour. On top of it, a declared day count is read as the calendar span it may stand for
 * (src/core/policy/duration.ts): "13 months" stored as 396 days allows 397, "2 jaar" stored as
 * 730 or 731 allows 731.
 */
export const LIFETIME_TOLERANCE = { absoluteDays: 1 / 24 } as const;

/** The longest lifetime a declared maximum of `maxDays` allows. */
export function allowedLifetimeDays(maxDays: number): number {
  return readDays(maxDays).maxDays + LIFETIME_TOLERANCE.absoluteDays;
}

/** An observed lifetime (exact days) beyond a declared maximum. */
export function exceedsLifetime(actualDays: number, maxDays: number): boolean {
  return actualDays > allowedLifetimeDays(maxDays);
}

/** A declared lifetime that is longer than a declared maximum however both are read on a calendar. */
export function declaredExceeds(declaredDays: number, maxDays: number): boolean {
  return readDays(declaredDays).minDays > allowedLifetimeDays(maxDays);
}

/** Two declared lifetimes that can be the same length ("13 months" and "396 days"; 730 and 731 for "2 jaar"). */
export function sameLifetime(aDays: number, bDays: number): boolean {
  const a: DaySpan = readDays(aDays);
  const b: DaySpan = readDays(bDays);
  const tol = LIFETIME_TOLERANCE.absoluteDays;
  return a.minDays <= b.maxDays + tol && b.minDays <= a.maxDays + tol;
}
