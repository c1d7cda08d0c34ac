import { MAX_EVIDENCE_PER_FINDING } from './evidence';
import { inReportOrder, summarise } from './audit';
import { SEVERITIES, type AuditReport, type Finding, type ScenarioPart, type ScenarioSummary, type VendorRow } from './report-types';

/** One part of a scenario: the report the extension made of that visit. */
export interface ScenarioPartReport {
  part: ScenarioPart;
  report: AuditReport;
}

/**
 * One report for a whole consent scenario: the visit in which the visitor made the choice
 * (banner, click, what followed on that page) and the reload after it. What happens around
 * the click is what regulators look at, so every part counts toward the verdict. A finding
 * seen in both parts is one finding (same id) with both parts named and the earliest
 * evidence of both; rows and warnings are the union of the parts'.
 */
export function scenarioReport(parts: readonly ScenarioPartReport[], scenario: Omit<ScenarioSummary, 'parts'>): AuditReport {
  const last = parts[parts.length - 1];
  if (!last) throw new Error('scenarioReport needs at least one part');
  const findings = new Map<string, Finding>();
  for (const { part, report } of parts) {
    for (const f of report.findings) {
      const seen = findings.get(f.id);
      findings.set(f.id, seen ? mergeFinding(seen, f, part) : { ...f, parts: [part] });
    }
  }
  const merged = inReportOrder([[...findings.values()]]);
  const observed = parts.some(({ report }) => report.counts.requests > 0 || report.cookies.length > 0 || report.storage.length > 0);
  return {
    ...last.report,
    page: last.report.page,
    consent: {
      tools: [...new Set(parts.flatMap(({ report }) => report.consent.tools))].sort(),
      timeline: parts.flatMap(({ report }) => report.consent.timeline).sort((a, b) => a.at - b.at),
      now: last.report.consent.now,
    },
    summary: summarise(merged, last.report.policy !== null, observed),
    findings: merged,
    vendors: mergeVendors(parts.map((p) => p.report.vendors)),
    cookies: unionBy(
      parts.map((p) => p.report.cookies),
      (c) => `${c.name}|${c.domain}`,
    ),
    storage: unionBy(
      parts.map((p) => p.report.storage),
      (s) => `${s.area}|${s.origin}|${s.key}`,
    ),
    warnings: unionBy(
      parts.map((p) => p.report.warnings),
      (w) => JSON.stringify(w),
    ),
    counts: {
      requests: parts.reduce((n, p) => n + p.report.counts.requests, 0),
      thirdPartyRequests: parts.reduce((n, p) => n + p.report.counts.thirdPartyRequests, 0),
      overflow: sumCounts(parts.map((p) => p.report.counts.overflow)),
    },
    scenario: { ...scenario, parts: parts.map(({ part, report }) => ({ part, url: report.page.url, visitStartedAt: report.page.visitStartedAt })) },
  };
}

function mergeFinding(a: Finding, b: Finding, part: ScenarioPart): Finding {
  const evidence = [...a.evidence, ...b.evidence].sort((x, y) => x.at - y.at);
  const kept = evidence.slice(0, MAX_EVIDENCE_PER_FINDING);
  const severity = SEVERITIES.indexOf(b.severity) < SEVERITIES.indexOf(a.severity) ? b.severity : a.severity;
  return {
    ...a,
    severity,
    evidence: kept,
    evidenceOmitted: a.evidenceOmitted + b.evidenceOmitted + (evidence.length - kept.length),
    parts: [...new Set([...(a.parts ?? []), part])],
  };
}

/**
 * One row per company over every part: requests are per visit, so they add up; a cookie or
 * storage key usually lives on into the reload, so those counts are the larger part's
 * (adding them would count one cookie twice). Hosts and "seen" are the union.
 */
function mergeVendors(lists: readonly (readonly VendorRow[])[]): VendorRow[] {
  const out = new Map<string, VendorRow>();
  for (const list of lists) {
    for (const v of list) {
      const seen = out.get(v.key);
      out.set(
        v.key,
        seen
          ? {
              ...seen,
              observed: seen.observed || v.observed,
              hosts: [...new Set([...seen.hosts, ...v.hosts])].sort(),
              requests: seen.requests + v.requests,
              cookies: Math.max(seen.cookies, v.cookies),
              storageKeys: Math.max(seen.storageKeys, v.storageKeys),
            }
          : v,
      );
    }
  }
  return [...out.values()];
}

/** The rows of every part, the first occurrence of each key kept (earlier parts first). */
function unionBy<T>(lists: readonly (readonly T[])[], key: (item: T) => string): T[] {
  const out = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!out.has(key(item))) out.set(key(item), item);
  return [...out.values()];
}

function sumCounts(counts: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c)) out[k] = (out[k] ?? 0) + n;
  return out;
}
