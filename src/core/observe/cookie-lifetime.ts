const MS_PER_DAY = 86_400_000;

/** Lifetime in days between the moment a cookie was set and its expiry; null for session cookies. */
export function lifetimeDays(expiresAt: number | null, setAt: number): number | null {
  if (expiresAt === null) return null;
  return Math.max(0, (expiresAt - setAt) / MS_PER_DAY);
}
