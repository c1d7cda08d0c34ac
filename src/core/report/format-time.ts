/** ISO 8601 UTC for an epoch-ms timestamp; '' for a missing or impossible one. */
export function isoUtc(epochMs: number | null | undefined): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) return '';
  const d = new Date(epochMs);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** Seconds after the visit started, e.g. "+1.2 s"; '' when either time is unknown. */
export function sinceVisitStart(at: number, visitStartedAt: number): string {
  if (!Number.isFinite(at) || !Number.isFinite(visitStartedAt)) return '';
  const seconds = (at - visitStartedAt) / 1000;
  const sign = seconds < 0 ? '−' : '+';
  return `${sign}${Math.abs(seconds).toFixed(1)} s`;
}
