/**
 * How much longer than declared a cookie may live before it counts as a breach. Expiry is
 * measured against the moment the browser reported the cookie (a few ms after the server
 * set it), rounded to whole seconds, and declarations say "1 year" for 365 or 366 days:
 * allow 0.1 % plus one hour. Every lifetime comparison goes through this one function.
 */
export const LIFETIME_TOLERANCE = { relative: 0.001, absoluteDays: 1 / 24 } as const;

export function exceedsLifetime(actualDays: number, maxDays: number): boolean {
  return actualDays > maxDays * (1 + LIFETIME_TOLERANCE.relative) + LIFETIME_TOLERANCE.absoluteDays;
}
