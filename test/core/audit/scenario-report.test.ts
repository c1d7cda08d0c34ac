import { describe, expect, it } from 'vitest';
import { scenarioReport } from '../../../src/core/audit/scenario-report';
import type { AuditReport, Finding } from '../../../src/core/audit/report-types';
import { cleanReport, connoxReport, FINDINGS } from '../../fixtures/reports/connox-report';

const f = (i: number): Finding => FINDINGS[i] as Finding;

describe('scenarioReport', () => {
  it('counts every part: a finding only the choice visit has reaches the verdict, tagged with its part', () => {
    const choice: AuditReport = connoxReport({ findings: [f(0), f(2)] });
    const reload: AuditReport = cleanReport();
    const report = scenarioReport(
      [
        { part: 'choice', report: choice },
        { part: 'reload', report: reload },
      ],
      { name: 'reject', actions: [{ action: 'refuse', at: 5, ok: true }] },
    );
    expect(report.findings.map((x) => [x.id, x.parts])).toEqual([
      [f(0).id, ['choice']],
      [f(2).id, ['choice']],
    ]);
    expect(report.summary).toMatchObject({ violations: 2, worstSeverity: 'critical', verdict: { code: 'discrepancies' } });
    expect(report.scenario).toMatchObject({ name: 'reject', parts: [{ part: 'choice' }, { part: 'reload' }], actions: [{ action: 'refuse', at: 5 }] });
  });

  it('merges a finding seen in both parts into one, with both parts, the earliest evidence and the worse severity', () => {
    const a = { ...f(0), severity: 'high' as const };
    const b = { ...f(0), severity: 'critical' as const, evidence: [{ ...f(0).evidence[0]!, at: 1 }], evidenceOmitted: 2 };
    const report = scenarioReport(
      [
        { part: 'choice', report: connoxReport({ findings: [a] }) },
        { part: 'reload', report: connoxReport({ findings: [b] }) },
      ],
      { name: 'reject', actions: [] },
    );
    expect(report.findings).toHaveLength(1);
    const [merged] = report.findings;
    expect(merged).toMatchObject({ parts: ['choice', 'reload'], severity: 'critical' });
    expect(merged!.evidence[0]!.at).toBe(1);
    expect(merged!.evidenceOmitted).toBe(a.evidenceOmitted + 2);
    expect(report.summary.violations).toBe(1);
  });

  it('keeps the union of rows and the consent timelines of both parts in time order', () => {
    const choice = connoxReport();
    const reload = connoxReport({ cookies: [] });
    const report = scenarioReport(
      [
        { part: 'choice', report: choice },
        { part: 'reload', report: reload },
      ],
      { name: 'accept', actions: [] },
    );
    expect(report.cookies.length).toBe(choice.cookies.length);
    expect(report.consent.timeline).toHaveLength(choice.consent.timeline.length + reload.consent.timeline.length);
    expect(report.counts.requests).toBe(choice.counts.requests + reload.counts.requests);
  });

  it('adds up the requests of each company over the parts (each visit makes its own), keeps the larger cookie count and the union of hosts', () => {
    const choice = connoxReport();
    const [ads] = choice.vendors;
    const reload = connoxReport({ vendors: [{ ...ads!, requests: 3, cookies: 0, hosts: ['www.google.com'] }] });
    const report = scenarioReport(
      [
        { part: 'choice', report: choice },
        { part: 'reload', report: reload },
      ],
      { name: 'reject', actions: [] },
    );
    const merged = report.vendors.find((v) => v.key === ads!.key)!;
    expect(merged.requests).toBe(ads!.requests + 3);
    expect(merged.cookies).toBe(ads!.cookies);
    expect(merged.hosts).toEqual([...new Set([...ads!.hosts, 'www.google.com'])].sort());
    expect(report.vendors.map((v) => v.key)).toEqual(choice.vendors.map((v) => v.key));
  });
});
