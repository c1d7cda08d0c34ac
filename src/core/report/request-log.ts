import type { AuditReport, ScenarioPart } from '../audit/report-types.ts';
import type { ConsentSnapshot, ConsentStatus } from '../consent/consent-state.ts';
import { ConsentTimeline } from '../consent/consent-timeline.ts';
import type { FrameKind, Party } from '../observation.ts';
import type { TabState } from '../observe/tab-state.ts';
import { TAB_LIMITS } from '../observe/limits.ts';

/**
 * Where a request falls in the visitor's consent: the report's consent state at that moment,
 * with a refusal told apart from a withdrawal (both grant nothing; the second took back an
 * acceptance).
 */
export const REQUEST_CONSENT_PHASES = ['before-choice', 'after-accept', 'after-partial', 'after-refusal', 'after-withdrawal'] as const;
export type RequestConsentPhase = (typeof REQUEST_CONSENT_PHASES)[number];

/**
 * The most rows a log holds: the tab keeps at most this many requests (TAB_LIMITS.requests)
 * and counts the rest, so a single visit's log is never cut; a scenario's two visits are cut
 * to the earliest rows, so the popup and the HTML report stay usable on a page with 50,000.
 */
export const REQUEST_LOG_MAX_ROWS = TAB_LIMITS.requests;

/** The audit's key of the shop itself (Attributor's shop actor): its requests are first party. */
export const SHOP_VENDOR_KEY = 'shop';

/** One request, as the request log shows it. Host and path only: no query, no fragment. */
export interface RequestLogRow {
  /** Which visit of a consent scenario (the choice, the reload); null for a single visit. */
  part: ScenarioPart | null;
  /** When the browser started it (epoch ms). */
  at: number;
  method: string;
  host: string;
  path: string;
  /** The browser's resource type (script, xmlhttprequest, image …). */
  type: string;
  frame: FrameKind;
  frameId: number;
  /** HTTP status; null while pending, 0 when it failed without a response. */
  status: number | null;
  /** The browser's error (net::ERR_BLOCKED_BY_CLIENT …), when it failed. */
  error: string | null;
  /** The company's key in the report's vendors (`shop` for the shop itself). */
  vendorKey: string;
  /** The company's name; null for the shop itself. */
  vendor: string | null;
  /** The consent category the company needs (marketing, statistics, preferences, necessary, unknown). */
  category: string;
  /** Third party: any company but the shop (as the report's thirdPartyRequests counts them). */
  party: Party;
  /** The consent status in force when the request started, as the findings' evidence says it. */
  consent: ConsentStatus;
  phase: RequestConsentPhase;
}

export interface RequestLog {
  /** When the (first) visit started: row times are shown relative to it. */
  visitStartedAt: number;
  /** In time order within each visit, visits in scenario order. */
  rows: RequestLogRow[];
  /** Requests left out because the log is full (REQUEST_LOG_MAX_ROWS). */
  overLimit: number;
  /** Requests the tab counted but did not keep (its own cap), so the log cannot list them. */
  notKept: number;
}

/** One visit: its observation log and the audit's report of it (its attribution). */
export interface RequestLogVisit {
  part: ScenarioPart | null;
  state: Pick<TabState, 'requests' | 'consent' | 'overflow' | 'startedAt'>;
  report: Pick<AuditReport, 'vendors'>;
}

/**
 * Every request of a visit (or of a scenario's visits) with its company, party, consent
 * state at that moment, frame and status. Nothing is decided here that the audit did not
 * decide: the company is the one the report's company table holds the host under (the audit
 * attributes each host once), and the consent state is the audit's own ConsentTimeline over
 * the visit's consent signals — the state every finding's evidence carries (the audit adds
 * Google's gcs echoes to the signals, which never decide a state).
 */
export function requestLog(visits: readonly RequestLogVisit[], limit: number = REQUEST_LOG_MAX_ROWS): RequestLog {
  const rows: RequestLogRow[] = [];
  let total = 0;
  let notKept = 0;
  for (const visit of visits) {
    notKept += visit.state.overflow.requests;
    total += visit.state.requests.length;
    if (rows.length >= limit) continue;
    const companyOf = companiesByHost(visit.report);
    const consent = new ConsentTimeline(visit.state.consent);
    const withdrawals = new Set(consent.observations.filter((o) => o.phase === 'withdraw').map((o) => `${o.source}|${o.at}`));
    // The tab records requests in arrival order, which is time order but for rare exceptions.
    const requests = [...visit.state.requests].sort((a, b) => a.startedAt - b.startedAt);
    for (const r of requests.slice(0, limit - rows.length)) {
      const company = companyOf.get(r.host) ?? SHOP;
      const snapshot = consent.at(r.startedAt);
      rows.push({
        part: visit.part,
        at: r.startedAt,
        method: r.method,
        host: r.host,
        path: pathOf(r.url),
        type: r.resourceType,
        frame: r.frame.kind,
        frameId: r.frame.frameId,
        status: r.status,
        error: r.error,
        vendorKey: company.key,
        vendor: company.name,
        category: company.category,
        party: company.key === SHOP_VENDOR_KEY ? 'first' : 'third',
        consent: snapshot.status,
        phase: phaseOf(snapshot, withdrawals),
      });
    }
  }
  return { visitStartedAt: visits[0]?.state.startedAt ?? 0, rows, overLimit: total - rows.length, notKept };
}

interface Company {
  key: string;
  name: string | null;
  category: string;
}

// The Attributor's shop actor needs no consent (consentCategory 'necessary').
const SHOP: Company = { key: SHOP_VENDOR_KEY, name: null, category: 'necessary' };

/** Host → company, from the companies the audit saw (a declared company not seen lists the policy's hosts, not requests). */
function companiesByHost(report: Pick<AuditReport, 'vendors'>): Map<string, Company> {
  const byHost = new Map<string, Company>();
  for (const v of report.vendors) {
    if (!v.observed) continue;
    const company = { key: v.key, name: v.name, category: v.consentCategory };
    for (const host of v.hosts) byHost.set(host, company);
  }
  return byHost;
}

function phaseOf(snapshot: ConsentSnapshot, withdrawals: ReadonlySet<string>): RequestConsentPhase {
  switch (snapshot.status) {
    case 'no-choice':
      return 'before-choice';
    case 'accepted':
      return 'after-accept';
    case 'partial':
      return 'after-partial';
    case 'refused':
      return withdrawals.has(`${snapshot.source}|${snapshot.since}`) ? 'after-withdrawal' : 'after-refusal';
  }
}

/** The URL's path without query or fragment: the log never copies a query value. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
