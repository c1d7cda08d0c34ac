/**
 * How much longer than declared a cookie may live before it counts as a breach. Expiry is
 * measured against the moment the browser reported the cookie (a few ms after the server
 * set it) and rounded to whole seconds: allow one hour. A limit stated in whole years
 * ("1 year" = 365 days) also allows the leap days those years can contain. Every lifetime
 * comparison goes through this one function.
 */
export const LIFETIME_TOLERANCE = { absoluteDays: 1 / 24, leapDaysPerFourYears: 1 } as const;

export function allowedLifetimeDays(maxDays: number): number {
  const wholeYears = maxDays > 0 && maxDays % 365 === 0 ? maxDays / 365 : 0;
  const leapDays = Math.ceil(wholeYears / 4) * LIFETIME_TOLERANCE.leapDaysPerFourYears;
  return maxDays + leapDays + LIFETIME_TOLERANCE.absoluteDays;
}

export function exceedsLifetime(actualDays: number, maxDays: number): boolean {
  return actualDays > allowedLifetimeDays(maxDays);
}
