import type { ObservationSource, RequestObservation } from '../observation';
import type { AttributedCookie, AttributedStorageKey, AuditContext } from './audit-context';
import type { EvidenceNote } from './finding-message';
import type { EvidenceItem } from './report-types';

/** Evidence items per finding; the rest is counted, so a report stays bounded on heavy pages. */
export const MAX_EVIDENCE_PER_FINDING = 20;

export function requestEvidence(ctx: AuditContext, r: RequestObservation, given?: EvidenceNote): EvidenceItem {
  const cloakedAs = given ? null : ctx.attributor.cloakedAs(r.host);
  const note: EvidenceNote | undefined = given ?? (cloakedAs ? { code: 'cname-cloaked', params: { canonicalName: cloakedAs } } : undefined);
  return {
    type: 'request',
    url: r.url,
    host: r.host,
    resourceType: r.resourceType,
    frame: r.frame,
    at: r.startedAt,
    consent: ctx.consent.at(r.startedAt),
    ...(note ? { note } : {}),
    ...sourceOf(r),
  };
}

export function cookieEvidence(ctx: AuditContext, item: AttributedCookie): EvidenceItem {
  const o = item.observation;
  return {
    type: o.kind === 'cookie' ? 'cookie' : 'cookie-attempt',
    name: o.name,
    domain: o.domain,
    party: item.party,
    lifetimeDays: o.lifetimeDays,
    httpOnly: o.httpOnly,
    secure: o.secure,
    setBy: o.kind === 'cookie-attempt' ? o.requestUrl : null,
    stored: item.stored,
    frame: o.kind === 'cookie-attempt' ? o.frame : null,
    at: item.at,
    consent: ctx.consent.at(item.at),
    ...(o.kind === 'cookie-attempt' ? sourceOf(o) : {}),
  };
}

export function storageEvidence(ctx: AuditContext, item: AttributedStorageKey): EvidenceItem {
  const o = item.observation;
  return { type: 'storage-key', area: o.area, key: o.key, origin: o.origin, frame: o.frame, at: item.at, consent: ctx.consent.at(item.at), ...sourceOf(o) };
}

/** Marks what only the CLI's DevTools client saw, so a reader knows the extension alone would not show it. */
function sourceOf(o: { source?: ObservationSource }): { source?: 'devtools' } {
  return o.source === 'devtools' ? { source: 'devtools' } : {};
}

/** Keeps the first MAX_EVIDENCE_PER_FINDING items in time order and counts the rest. */
export function boundEvidence(items: EvidenceItem[]): { evidence: EvidenceItem[]; evidenceOmitted: number } {
  const sorted = [...items].sort((a, b) => a.at - b.at);
  return { evidence: sorted.slice(0, MAX_EVIDENCE_PER_FINDING), evidenceOmitted: Math.max(0, sorted.length - MAX_EVIDENCE_PER_FINDING) };
}

/**
 * Evidence made only if it is kept: a heavy page can give a finding thousands of sightings,
 * of which a report keeps the earliest MAX_EVIDENCE_PER_FINDING.
 */
export interface LazyEvidence {
  at: number;
  make: () => EvidenceItem;
}

/** When a request started: the time order FindingGroups.addAll keeps evidence in. */
export function startedAt(r: RequestObservation): number {
  return r.startedAt;
}

export function lazyRequestEvidence(ctx: AuditContext, r: RequestObservation, note?: EvidenceNote): LazyEvidence {
  return { at: r.startedAt, make: () => requestEvidence(ctx, r, note) };
}

export function lazyCookieEvidence(ctx: AuditContext, item: AttributedCookie): LazyEvidence {
  return { at: item.at, make: () => cookieEvidence(ctx, item) };
}

export function lazyStorageEvidence(ctx: AuditContext, item: AttributedStorageKey): LazyEvidence {
  return { at: item.observation.firstSeenAt, make: () => storageEvidence(ctx, item) };
}
