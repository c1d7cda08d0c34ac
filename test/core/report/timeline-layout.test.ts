import { describe, expect, it } from 'vitest';
import { timelineLayout } from '../../../src/core/report/timeline-layout.ts';
import type { AuditReport, EvidenceItem } from '../../../src/core/audit/report-types.ts';
import { connoxReport, VISIT_START } from '../../fixtures/reports/connox-report.ts';

/** What one mark stands for, written from the evidence's own fields (the spec of "one mark per item"). */
function identity(e: EvidenceItem): string | null {
  switch (e.type) {
    case 'request':
      return `request ${e.url} ${e.at}`;
    case 'cookie':
    case 'cookie-attempt':
      return `cookie ${e.name} ${e.domain}`;
    case 'storage-key':
      return `storage ${e.area} ${e.origin} ${e.key}`;
    case 'consent':
      return null;
  }
}

/** Every request, cookie and storage key the report holds: the findings' evidence and its rows. */
function reportItems(report: AuditReport): Map<string, number> {
  const earliest = new Map<string, number>();
  const add = (key: string | null, at: number) => {
    if (key !== null) earliest.set(key, Math.min(at, earliest.get(key) ?? Infinity));
  };
  for (const f of report.findings) for (const e of f.evidence) add(identity(e), e.at);
  for (const c of report.cookies) if (!c.preexisting) add(`cookie ${c.name} ${c.domain}`, c.firstSeenAt);
  for (const s of report.storage) add(`storage ${s.area} ${s.origin} ${s.key}`, s.firstSeenAt);
  return earliest;
}

describe('timelineLayout', () => {
  const report = connoxReport();
  const layout = timelineLayout(report);

  it("has one mark per request, cookie and storage key of the report's evidence, at its earliest time, in time order", () => {
    const items = reportItems(report);
    expect(layout.marks).toHaveLength(items.size);
    expect(layout.marks.map((m) => identity(m.evidence)).sort()).toEqual([...items.keys()].sort());
    for (const m of layout.marks) expect(m.at, identity(m.evidence)!).toBe(items.get(identity(m.evidence)!));
    const times = layout.marks.map((m) => m.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('highlights the marks a violation cites, with its rules', () => {
    const cited = new Set(report.findings.filter((f) => f.kind === 'violation').flatMap((f) => f.evidence.map(identity)));
    for (const m of layout.marks) expect(m.violation, identity(m.evidence)!).toBe(cited.has(identity(m.evidence)));
    const ads = layout.marks.find((m) => m.evidence.type === 'request' && m.evidence.host === 'www.googleadservices.com')!;
    expect(ads.rules).toEqual(['tracking-before-consent']);
  });

  it("puts each mark in its company's lane, coloured by the company's consent category, and x grows with time inside the plot", () => {
    const ads = layout.marks.find((m) => m.evidence.type === 'request' && m.evidence.host === 'www.googleadservices.com')!;
    expect(layout.lanes[ads.lane]).toMatchObject({ label: 'Google Ads', category: 'marketing' });
    expect(new Set(layout.lanes.map((l) => l.key)).size).toBe(layout.lanes.length);
    for (let i = 1; i < layout.marks.length; i++) expect(layout.marks[i]!.x).toBeGreaterThanOrEqual(layout.marks[i - 1]!.x);
    for (const m of layout.marks) {
      expect(m.x).toBeGreaterThanOrEqual(layout.plotLeft);
      expect(m.x).toBeLessThanOrEqual(layout.plotRight);
      expect(m.y).toBe(layout.lanes[m.lane]!.y);
    }
  });

  it("draws the consent changes, the visitor's click and the reload of a scenario as lines", () => {
    expect(layout.lines.map((l) => [l.kind, l.at])).toEqual([['partial', VISIT_START + 4_000]]);
    const scenario = timelineLayout({
      ...report,
      scenario: {
        name: 'reject',
        actions: [{ action: 'refuse', at: VISIT_START + 2_000, ok: true }],
        parts: [
          { part: 'choice', url: report.page.url, visitStartedAt: VISIT_START },
          { part: 'reload', url: report.page.url, visitStartedAt: VISIT_START + 8_000 },
        ],
      },
    });
    expect(scenario.lines.map((l) => [l.kind, l.at, l.action])).toEqual([
      ['click', VISIT_START + 2_000, 'refuse'],
      ['partial', VISIT_START + 4_000, null],
      ['reload', VISIT_START + 8_000, null],
    ]);
  });

  it('has no marks and a one-second axis for a report with nothing observed', () => {
    const empty = timelineLayout(connoxReport({ findings: [], cookies: [], storage: [] }));
    expect(empty.marks).toEqual([]);
    expect(empty.endedAt - empty.startedAt).toBeGreaterThanOrEqual(1000);
  });
});
