import type { CookieAttributes, FrameRef } from '../../src/core/observation.ts';
import type { TabLimits } from '../../src/core/observe/limits.ts';
import type { TabState } from '../../src/core/observe/tab-state.ts';
import type { Vendor } from '../../src/core/vendors/schema.ts';
import type { Core } from './build-core.ts';
import { buildCorpus, PAGE_URL } from './corpus.ts';
import { rng } from './prng.ts';
import { median } from './stats.ts';

export const AUDIT_SIZES = [1_000, 10_000, 100_000] as const;

/** Realistic proportions of one visit's observations. */
const SHARE = { requests: 0.75, cookies: 0.1, cookieAttempts: 0.05, storageKeys: 0.1 };

// Caps far above the sizes: the point is the audit's cost per observation, not the caps
// (the extension keeps at most 20,000 requests and 5,000 of each other kind per tab).
const UNCAPPED: TabLimits = {
  requests: 1e7,
  cookies: 1e7,
  cookieAttempts: 1e7,
  consent: 1e7,
  consentPerSource: 1e7,
  storageKeys: 1e7,
  resources: 1e7,
  frames: 1e7,
  urlLength: 2_048,
};

const T0 = Date.UTC(2025, 2, 14, 9, 30, 0);
const TOP: FrameRef = { frameId: 0, kind: 'top', url: PAGE_URL };

export interface AuditRow {
  target: number;
  observations: { requests: number; cookies: number; cookieAttempts: number; storageKeys: number; total: number };
  recordMs: number;
  recordCpuMs: number;
  auditMs: number;
  auditCpuMs: number;
  findings: number;
  runs: number;
  /** CPU ms of one instrumented run, by phase. */
  phases: Record<string, number>;
  /**
   * The report the audit makes, for scale: its JSON size, and how long merely copying it
   * takes (structuredClone, median of 3) — a floor under any audit that has to build it.
   */
  report: { jsonMb: number; cloneMs: number };
}

function cpuMs(f: () => unknown): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

/**
 * One audit taken apart: the context (attribution of every observation), each rule, and the
 * report assembly, so a slow size says where its time went.
 */
function phases(core: Core, input: Parameters<Core['audit']>[0]): Record<string, number> {
  const out: Record<string, number> = {};
  let ctx: ReturnType<Core['buildContext']> | undefined;
  out['context (attribution)'] = cpuMs(() => (ctx = core.buildContext(input)));
  const c = ctx as ReturnType<Core['buildContext']>;
  const perRule: ReturnType<Core['RULES'][number]['check']>[] = [];
  for (const rule of core.RULES) out[`rule ${rule.id}`] = cpuMs(() => perRule.push(rule.check(c)));
  out['findings in report order'] = cpuMs(() => core.inReportOrder(perRule));
  out['report rows'] = cpuMs(() => [core.vendorRows(c), core.cookieRows(c), core.storageRows(c), core.uncheckableClaims(c)]);
  out['warnings'] = cpuMs(() => core.auditWarnings(c));
  return out;
}

function cookieNames(vendors: readonly Vendor[], type: 'cookie' | 'localStorage'): string[] {
  return vendors.flatMap((v) => v.cookies.filter((c) => c.type === type && c.pattern === undefined).map((c) => c.name));
}

/**
 * One visit of `size` observations recorded through TabRecorder, as the service worker
 * records them: requests from a fixed pool of ~2,000 URLs (a page reuses its hosts), cookies
 * and storage keys with catalogue names (so attribution has work to do) and unknown ones.
 */
export function recordVisit(core: Core, size: number, seed = 0xa0d17): { state: TabState; recordMs: number; recordCpuMs: number } {
  const r = rng(seed + size);
  const vendors = core.loadBundledCatalogue();
  const pool = buildCorpus(vendors, 2_000, 0x9001);
  const withDomains = vendors.filter((v) => v.domains.length > 0);
  const catalogueCookies = cookieNames(vendors, 'cookie');
  const catalogueStorage = cookieNames(vendors, 'localStorage');
  const n = {
    requests: Math.round(size * SHARE.requests),
    cookies: Math.round(size * SHARE.cookies),
    cookieAttempts: Math.round(size * SHARE.cookieAttempts),
    storageKeys: Math.round(size * SHARE.storageKeys),
  };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const rec = core.TabRecorder.startVisit(1, PAGE_URL, T0, { mainRequestId: '1', limits: UNCAPPED });
  for (let i = 0; i < n.requests; i++) {
    const req = r.pick(pool);
    const url = `${req.url}${req.url.includes('?') ? '&' : '?'}_=${i}`;
    const type = i === 0 ? 'main_frame' : req.type === 'ping' ? 'ping' : req.type === 'xhr' ? 'xmlhttprequest' : req.type;
    rec.recordRequest({
      requestId: String(i + 1),
      url: i === 0 ? PAGE_URL : url,
      method: 'GET',
      type,
      frameId: 0,
      parentFrameId: -1,
      tabId: 1,
      timeStamp: T0 + i,
      initiator: 'https://www.connox.nl',
    });
    rec.recordRequestEnd(String(i + 1), url, 200, null);
  }
  const cookie = (i: number): CookieAttributes => {
    const vendor = r.pick(withDomains);
    const firstParty = r.chance(0.5);
    const known = r.chance(0.4);
    const name = known ? r.pick(catalogueCookies) : `c_${r.id(6)}_${i}`;
    const domain = firstParty ? 'connox.nl' : (vendor.domains[0] as string);
    const session = r.chance(0.3);
    const lifetimeDays = session ? null : r.pick([1, 30, 90, 180, 365, 395, 730]);
    return {
      name,
      domain,
      path: '/',
      hostOnly: false,
      secure: true,
      httpOnly: r.chance(0.3),
      sameSite: 'lax',
      partitioned: false,
      session,
      expiresAt: lifetimeDays === null ? null : T0 + lifetimeDays * 86_400_000,
      lifetimeDays,
      valueLength: 20 + r.int(100),
    };
  };
  for (let i = 0; i < n.cookies; i++) rec.recordCookieSet(cookie(i), T0 + 1_000 + i);
  for (let i = 0; i < n.cookieAttempts; i++) {
    const attributes = cookie(n.cookies + i);
    const host = attributes.domain === 'connox.nl' ? 'www.connox.nl' : attributes.domain;
    rec.recordCookieAttempt({
      ...attributes,
      requestId: String(1 + r.int(n.requests)),
      requestUrl: `https://${host}/collect`,
      requestHost: host,
      frame: TOP,
      at: T0 + 2_000 + i,
    });
  }
  // The content script reports whole snapshots per (area, origin): group the keys that way.
  const origins = ['https://www.connox.nl', 'https://www.connox.nl', 'https://www.connox.nl', 'https://widget.trustpilot.com', 'https://www.youtube.com'];
  const snapshots = new Map<string, { key: string; size: number }[]>();
  for (let i = 0; i < n.storageKeys; i++) {
    const area = r.chance(0.7) ? 'localStorage' : 'sessionStorage';
    const key = r.chance(0.3) && catalogueStorage.length > 0 ? `${r.pick(catalogueStorage)}` : `k_${r.id(5)}_${i}`;
    const id = `${area}\u0000${r.pick(origins)}`;
    const list = snapshots.get(id) ?? [];
    list.push({ key, size: 10 + r.int(500) });
    snapshots.set(id, list);
  }
  for (const [id, entries] of snapshots) {
    const [area, origin] = id.split('\u0000') as ['localStorage' | 'sessionStorage', string];
    rec.recordStorageSnapshot(area, origin, TOP, entries, T0 + 3_000);
  }
  const cpu = process.cpuUsage(cpu0);
  return { state: rec.state, recordMs: performance.now() - started, recordCpuMs: (cpu.user + cpu.system) / 1000 };
}

export function benchAudit(core: Core, log: (line: string) => void): AuditRow[] {
  const model = core.bundledModels()[0];
  if (!model) throw new Error('no bundled policy model');
  const vendors = core.bundledVendorIndex();
  const rows: AuditRow[] = [];
  // Warm the audit's code paths before the first timed size.
  core.audit({ state: recordVisit(core, 2_000, 1).state, policy: { model, origin: 'bundled' }, vendors, now: T0 + 60_000 });
  for (const size of AUDIT_SIZES) {
    const { state, recordMs, recordCpuMs } = recordVisit(core, size);
    const runs = size >= 100_000 ? 3 : 5;
    const wall: number[] = [];
    const cpu: number[] = [];
    let findings = 0;
    let lastReport: ReturnType<Core['audit']> | null = null;
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const report = core.audit({ state, policy: { model, origin: 'bundled' }, vendors, now: T0 + 60_000 });
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      findings = report.findings.length;
      lastReport = report;
    }
    const cloneMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      structuredClone(lastReport);
      cloneMs.push(performance.now() - t0);
    }
    const reportSize = { jsonMb: JSON.stringify(lastReport).length / 1e6, cloneMs: median(cloneMs) };
    const observations = {
      requests: state.requests.length,
      cookies: Object.keys(state.cookies).length,
      cookieAttempts: state.cookieAttempts.length,
      storageKeys: Object.keys(state.storageKeys).length,
      total: 0,
    };
    observations.total = observations.requests + observations.cookies + observations.cookieAttempts + observations.storageKeys;
    const row = {
      target: size,
      observations,
      recordMs,
      recordCpuMs,
      auditMs: median(wall),
      auditCpuMs: median(cpu),
      findings,
      runs,
      phases: phases(core, { state, policy: { model, origin: 'bundled' }, vendors, now: T0 + 60_000 }),
      report: reportSize,
    };
    log(`audit ${size}: ${row.auditMs.toFixed(1)} ms (record ${recordMs.toFixed(0)} ms, ${findings} findings)`);
    rows.push(row);
  }
  return rows;
}
