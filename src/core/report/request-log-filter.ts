import type { Party } from '../observation.ts';
import { REQUEST_CONSENT_PHASES, type RequestConsentPhase, type RequestLogRow } from './request-log.ts';

/** What the request log is narrowed to; null: any. */
export interface RequestLogFilter {
  vendorKey: string | null;
  category: string | null;
  party: Party | null;
  phase: RequestConsentPhase | null;
}

export const NO_REQUEST_FILTER: RequestLogFilter = { vendorKey: null, category: null, party: null, phase: null };

/** The rows that pass every set criterion, in their order. */
export function filterRequestLog(rows: readonly RequestLogRow[], filter: RequestLogFilter): RequestLogRow[] {
  return rows.filter(
    (r) =>
      (filter.vendorKey === null || r.vendorKey === filter.vendorKey) &&
      (filter.category === null || r.category === filter.category) &&
      (filter.party === null || r.party === filter.party) &&
      (filter.phase === null || r.phase === filter.phase),
  );
}

/** The values a filter can take, each with its count of rows: only values the log holds. */
export interface RequestLogFacets {
  /** Companies by count of requests (most first), then name; the shop's own has a null name. */
  vendors: Array<{ key: string; name: string | null; count: number }>;
  categories: Array<{ value: string; count: number }>;
  parties: Array<{ value: Party; count: number }>;
  /** In the order a visit goes through them. */
  phases: Array<{ value: RequestConsentPhase; count: number }>;
}

export function requestLogFacets(rows: readonly RequestLogRow[]): RequestLogFacets {
  const vendors = new Map<string, { key: string; name: string | null; count: number }>();
  const categories = new Map<string, number>();
  const parties = new Map<Party, number>();
  const phases = new Map<RequestConsentPhase, number>();
  for (const r of rows) {
    const v = vendors.get(r.vendorKey) ?? { key: r.vendorKey, name: r.vendor, count: 0 };
    v.count += 1;
    vendors.set(r.vendorKey, v);
    categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
    parties.set(r.party, (parties.get(r.party) ?? 0) + 1);
    phases.set(r.phase, (phases.get(r.phase) ?? 0) + 1);
  }
  const counted = <T>(m: Map<T, number>, order: readonly T[]) => order.filter((value) => m.has(value)).map((value) => ({ value, count: m.get(value)! }));
  return {
    vendors: [...vendors.values()].sort((a, b) => b.count - a.count || compare(a.name ?? '', b.name ?? '')),
    categories: counted(categories, [...categories.keys()].sort(compare)),
    parties: counted(parties, ['first', 'third'] as const),
    phases: counted(phases, REQUEST_CONSENT_PHASES),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
