import type { ConsentObservation } from '../consent/consent-state.ts';
import type { AuditReport, EvidenceItem, ScenarioAction } from '../audit/report-types.ts';

/**
 * The consent timeline's geometry, shared by the popup's Svelte component and the HTML
 * report's inline SVG, so both draw the same marks in the same places. Pure: numbers and
 * report data in, numbers and report data out; the words come from the presenter.
 *
 * Why not one Svelte component rendered server-side for the report: the HTML report is
 * built by the CLI under tsx (no Svelte compiler hook) and by the popup's export in the
 * browser bundle (components compiled for the DOM, not for `svelte/server`), so a
 * server-rendered component would need a second build of every component for each. The
 * layout is the part worth sharing; drawing it is a few lines in each medium.
 */

/** What a mark stands for: a request sent, a cookie set (or tried), a storage key written. */
export type TimelineMarkKind = 'request' | 'cookie' | 'storage';

/** A consent change drawn as a vertical line. */
export type TimelineLineKind = 'shown' | 'accepted' | 'partial' | 'refused' | 'withdrawn' | 'click' | 'reload';

export interface TimelineLane {
  key: string;
  /** The company (or, unattributed, the host or origin): page-controlled text, escape it. */
  label: string;
  /** Its consent category (marketing, statistics, preferences, necessary, unknown): the colour. */
  category: string;
  y: number;
}

export interface TimelineMark {
  kind: TimelineMarkKind;
  lane: number;
  x: number;
  y: number;
  at: number;
  category: string;
  /** Evidence of a violation (a finding of kind "violation" cites it). */
  violation: boolean;
  /** The evidence itself, for the mark's tooltip and the table fallback. */
  evidence: EvidenceItem;
  /** Rule ids of the findings that cite it, sorted. */
  rules: string[];
}

export interface TimelineLine {
  kind: TimelineLineKind;
  x: number;
  at: number;
  /** For a click: what the visitor did. */
  action: ScenarioAction['action'] | null;
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** Left edge and right edge of the plot (lane labels sit left of it). */
  plotLeft: number;
  plotRight: number;
  /** Top of the first lane and the axis line's y. */
  plotTop: number;
  axisY: number;
  laneHeight: number;
  startedAt: number;
  endedAt: number;
  ticks: Array<{ x: number; ms: number }>;
  lanes: TimelineLane[];
  /** In time order (then lane order): the order of the table fallback too. */
  marks: TimelineMark[];
  lines: TimelineLine[];
}

export interface TimelineGeometry {
  width: number;
  labelWidth: number;
  rightPad: number;
  top: number;
  laneHeight: number;
  axisHeight: number;
  ticks: number;
}

/** The HTML report's size (a printed A4 page's width); the popup passes a narrower one. */
export const TIMELINE_GEOMETRY: TimelineGeometry = { width: 720, labelWidth: 170, rightPad: 24, top: 22, laneHeight: 22, axisHeight: 26, ticks: 6 };

interface Draft {
  key: string;
  kind: TimelineMarkKind;
  at: number;
  lane: { key: string; label: string; category: string };
  evidence: EvidenceItem;
  violation: boolean;
  rules: Set<string>;
}

/**
 * Lays out a report's evidence on a time axis: one lane per company, a mark per request,
 * cookie and storage key the report holds (the findings' evidence, and every cookie and
 * storage row; an item cited by several findings is one mark), the consent changes and
 * the visitor's clicks as vertical lines, and the start of the reload in a scenario report.
 */
export function timelineLayout(report: AuditReport, geometry: Partial<TimelineGeometry> = {}): TimelineLayout {
  const drafts = collectMarks(report);
  const startedAt = Math.min(report.scenario?.parts[0]?.visitStartedAt ?? report.page.visitStartedAt, report.page.visitStartedAt);
  const lineDrafts = consentLines(report, startedAt);
  const latest = Math.max(startedAt, ...drafts.map((d) => d.at), ...lineDrafts.map((l) => l.at));
  // At least a second wide, so a page that did everything at once still has an axis.
  const endedAt = Math.max(latest, startedAt + 1000);
  const g = { ...TIMELINE_GEOMETRY, ...geometry };
  const plotLeft = g.labelWidth;
  const plotRight = g.width - g.rightPad;
  const x = (at: number) => round(plotLeft + ((at - startedAt) / (endedAt - startedAt)) * (plotRight - plotLeft));

  const lanes: TimelineLane[] = [];
  const laneIndex = new Map<string, number>();
  const sorted = [...drafts].sort((a, b) => a.at - b.at || compare(a.lane.label, b.lane.label) || compare(a.key, b.key));
  for (const d of sorted) {
    if (laneIndex.has(d.lane.key)) continue;
    laneIndex.set(d.lane.key, lanes.length);
    lanes.push({ ...d.lane, y: g.top + lanes.length * g.laneHeight + g.laneHeight / 2 });
  }
  const marks: TimelineMark[] = sorted.map((d) => {
    const lane = laneIndex.get(d.lane.key)!;
    return {
      kind: d.kind,
      lane,
      x: x(d.at),
      y: lanes[lane]!.y,
      at: d.at,
      category: d.lane.category,
      violation: d.violation,
      evidence: d.evidence,
      rules: [...d.rules].sort(),
    };
  });
  const axisY = g.top + lanes.length * g.laneHeight + 4;
  const step = niceStep((endedAt - startedAt) / g.ticks);
  const ticks = Array.from({ length: Math.floor((endedAt - startedAt) / step) + 1 }, (_, i) => ({ x: x(startedAt + i * step), ms: i * step }));
  return {
    width: g.width,
    height: axisY + g.axisHeight,
    plotLeft,
    plotRight,
    plotTop: g.top,
    axisY,
    laneHeight: g.laneHeight,
    startedAt,
    endedAt,
    ticks,
    lanes,
    marks,
    lines: lineDrafts.map((l) => ({ ...l, x: x(l.at) })),
  };
}

function collectMarks(report: AuditReport): Draft[] {
  const byHost = new Map<string, { key: string; label: string; category: string }>();
  const byName = new Map<string, { key: string; label: string; category: string }>();
  for (const v of report.vendors) {
    const lane = { key: v.key, label: v.name, category: v.consentCategory };
    for (const host of v.hosts) byHost.set(host, lane);
    byName.set(v.name, lane);
  }
  const laneOf = (vendorName: string | null, fallback: string) =>
    (vendorName !== null ? byName.get(vendorName) : undefined) ?? {
      key: `other:${vendorName ?? fallback}`,
      label: vendorName ?? fallback,
      category: 'unknown',
    };

  const drafts = new Map<string, Draft>();
  const add = (draft: Omit<Draft, 'rules' | 'violation'>, finding: { ruleId: string; violation: boolean } | null) => {
    const seen = drafts.get(draft.key);
    // One mark per item: a cookie's earliest sighting (the row's first set, or an attempt before it).
    const kept = seen
      ? draft.at < seen.at
        ? { ...draft, rules: seen.rules, violation: seen.violation }
        : seen
      : { ...draft, rules: new Set<string>(), violation: false };
    if (finding) {
      kept.rules.add(finding.ruleId);
      kept.violation ||= finding.violation;
    }
    drafts.set(draft.key, kept);
  };
  for (const f of report.findings) {
    const finding = { ruleId: f.ruleId, violation: f.kind === 'violation' };
    for (const e of f.evidence) {
      switch (e.type) {
        case 'request':
          add(
            {
              key: `request|${e.url}|${e.at}|${e.frame.frameId}`,
              kind: 'request',
              at: e.at,
              lane: byHost.get(e.host) ?? laneOf(f.attribution.vendorName, e.host),
              evidence: e,
            },
            finding,
          );
          break;
        case 'cookie':
        case 'cookie-attempt':
          add({ key: `cookie|${e.name}|${e.domain}`, kind: 'cookie', at: e.at, lane: laneOf(f.attribution.vendorName, e.domain), evidence: e }, finding);
          break;
        case 'storage-key':
          add(
            { key: `storage|${e.area}|${e.origin}|${e.key}`, kind: 'storage', at: e.at, lane: laneOf(f.attribution.vendorName, e.origin), evidence: e },
            finding,
          );
          break;
        case 'consent':
          break;
      }
    }
  }
  for (const c of report.cookies) {
    if (c.preexisting) continue;
    const evidence: EvidenceItem = {
      type: 'cookie',
      name: c.name,
      domain: c.domain,
      party: c.party,
      lifetimeDays: c.session ? null : c.lifetimeDays,
      httpOnly: c.httpOnly,
      secure: c.secure,
      setBy: null,
      stored: c.stored,
      frame: null,
      at: c.firstSeenAt,
      consent: c.consentAtSet,
    };
    addRow(drafts, { key: `cookie|${c.name}|${c.domain}`, kind: 'cookie', at: c.firstSeenAt, lane: laneOf(c.vendorName, c.domain), evidence });
  }
  for (const s of report.storage) {
    const evidence: EvidenceItem = {
      type: 'storage-key',
      area: s.area,
      key: s.key,
      origin: s.origin,
      frame: { frameId: 0, kind: 'top', url: s.origin },
      at: s.firstSeenAt,
      consent: s.consentAtSet,
    };
    addRow(drafts, { key: `storage|${s.area}|${s.origin}|${s.key}`, kind: 'storage', at: s.firstSeenAt, lane: laneOf(s.vendorName, s.origin), evidence });
  }
  return [...drafts.values()];
}

/** A cookie or storage row: a mark of its own unless a finding already cites the item (its evidence has the frame and the setter). */
function addRow(drafts: Map<string, Draft>, draft: Omit<Draft, 'rules' | 'violation'>): void {
  if (!drafts.has(draft.key)) drafts.set(draft.key, { ...draft, rules: new Set(), violation: false });
}

/**
 * The consent changes: each signal that changes what is drawn (a repeated reading of the
 * same state is one line), the visitor's clicks, and the reload's start. Google requests'
 * consent parameters only echo the state and are left out.
 */
function consentLines(report: AuditReport, startedAt: number): Array<Omit<TimelineLine, 'x'>> {
  const lines: Array<Omit<TimelineLine, 'x'>> = [];
  let previous: TimelineLineKind | null = null;
  const clicks = new Set<number>();
  for (const o of [...report.consent.timeline].sort((a, b) => a.at - b.at)) {
    if (o.source === 'google-request') continue;
    if (o.source === 'visitor-action') {
      clicks.add(o.at);
      lines.push({ kind: 'click', at: Math.max(o.at, startedAt), action: actionOf(o) });
      continue;
    }
    const kind = lineKind(o);
    if (kind === previous) continue;
    previous = kind;
    lines.push({ kind, at: Math.max(o.at, startedAt), action: null });
  }
  for (const a of report.scenario?.actions ?? []) {
    if (a.ok && !clicks.has(a.at)) lines.push({ kind: 'click', at: Math.max(a.at, startedAt), action: a.action });
  }
  const reload = report.scenario?.parts.find((p) => p.part === 'reload');
  if (reload && report.scenario!.parts.length > 1) lines.push({ kind: 'reload', at: reload.visitStartedAt, action: null });
  return lines.sort((a, b) => a.at - b.at);
}

function lineKind(o: ConsentObservation): TimelineLineKind {
  if (o.phase === 'withdraw') return 'withdrawn';
  if (o.phase === 'default' || !o.explicit) return 'shown';
  const optional = [o.granted.preferences, o.granted.statistics, o.granted.marketing];
  if (optional.every((g) => g === true)) return 'accepted';
  if (optional.every((g) => g !== true)) return 'refused';
  return 'partial';
}

function actionOf(o: ConsentObservation): ScenarioAction['action'] {
  if (o.phase === 'withdraw') return 'withdraw';
  return o.granted.marketing === true ? 'accept' : 'refuse';
}

/** A tick step of 1, 2 or 5 times a power of ten ms, at least `raw`: ticks at round seconds. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
