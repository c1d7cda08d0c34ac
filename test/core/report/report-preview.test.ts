import { describe, expect, it } from 'vitest';
import { countFindingGroups, countSections, orderFindings, previewReport } from '../../../src/core/report/report-preview';
import { SEVERITIES } from '../../../src/core/audit/report-types';
import { timelineLayout } from '../../../src/core/report/timeline-layout';
import { previewView } from '../../../src/messaging/popup-view';
import { FINDINGS, connoxReport } from '../../fixtures/reports/connox-report';

function reportWith(n: number) {
  const findings = Array.from({ length: n }, (_, i) => {
    const base = FINDINGS[i % FINDINGS.length] as (typeof FINDINGS)[number];
    return { ...base, id: `${base.id}-${i}` };
  });
  return connoxReport({ findings });
}

describe('report preview', () => {
  it('orders violations from most to least severe, then notices, keeping each group in report order', () => {
    const report = reportWith(40);
    const ordered = orderFindings(report.findings);
    expect(ordered).toHaveLength(report.findings.length);
    const rank = (f: (typeof ordered)[number]) => (f.kind === 'notice' ? SEVERITIES.length : SEVERITIES.indexOf(f.severity));
    for (let i = 1; i < ordered.length; i++) expect(rank(ordered[i - 1]!)).toBeLessThanOrEqual(rank(ordered[i]!));
    const critical = report.findings.filter((f) => f.kind === 'violation' && f.severity === 'critical').map((f) => f.id);
    expect(ordered.filter((f) => f.kind === 'violation' && f.severity === 'critical').map((f) => f.id)).toEqual(critical);
  });

  it('carries the first findings in display order and counts the whole report', () => {
    const report = reportWith(500);
    const preview = previewReport(report, 15);
    expect(preview.leadFindings.map((f) => f.id)).toEqual(
      orderFindings(report.findings)
        .slice(0, 15)
        .map((f) => f.id),
    );
    const { violationGroups, notices } = countFindingGroups(report.findings);
    expect(preview.violationGroups).toEqual(violationGroups);
    expect(violationGroups.reduce((s, g) => s + g.count, 0) + notices).toBe(500);
    expect(preview.sections.timelineMarks).toBe(timelineLayout(report).marks.length);
    expect(preview.sections).toEqual(countSections(report));
    expect(preview.summary).toEqual(report.summary);
  });

  it('stays small however many findings the report holds', () => {
    const small = JSON.stringify(previewReport(reportWith(200))).length;
    const large = JSON.stringify(previewReport(reportWith(2_000))).length;
    expect(JSON.stringify(reportWith(2_000)).length).toBeGreaterThan(10 * small);
    expect(large).toBeLessThan(small * 1.1);
  });

  it('is what popup/get-view sends for a report; the other states pass unchanged', () => {
    const report = reportWith(30);
    expect(previewView({ state: 'ready', report })).toEqual({ state: 'ready', preview: previewReport(report) });
    expect(previewView({ state: 'no-model', report, policyLinks: [] })).toEqual({ state: 'no-model', preview: previewReport(report), policyLinks: [] });
    expect(previewView({ state: 'loading' })).toEqual({ state: 'loading' });
  });
});
