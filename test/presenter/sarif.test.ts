import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { buildSarif, sarifLevel } from '../../src/presenter/sarif.ts';
import { RULES } from '../../src/core/audit/rules.ts';
import { cleanReport, connoxReport, hostileReport, noModelReport } from '../fixtures/reports/connox-report.ts';
import { createPresenter } from '../../src/presenter/presenter.ts';

const EN = createPresenter('en');

// The official SARIF 2.1.0 schema (draft-04), as shipped by @microsoft/jest-sarif.
const SCHEMA_PATH = path.resolve(import.meta.dirname, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** The parts of a SARIF log these tests read (buildSarif returns plain JSON). */
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; defaultConfiguration: { level: string }; shortDescription: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ name: string }> }>;
      properties: { scenario: string; evidence: unknown };
      message: { text: string };
      partialFingerprints: Record<string, string>;
    }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
  }>;
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  // Ajv 8 speaks draft-07+: the draft-04 schema differs only in `id` vs `$id` at its root
  // and in the $schema URI (it uses no boolean exclusiveMinimum/Maximum). One of its
  // patterns is not a valid unicode-mode RegExp, hence unicodeRegExp: false.
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile({ ...rest, $id: id as string });
}

const validate = sarifValidator();

function entries() {
  return [
    {
      url: 'https://www.connox.nl/lampen/',
      scenario: 'none',
      report: connoxReport(),
      consent: { cmp: 'Cybotcookiebot', applied: true, detail: 'no choice made' },
    },
    { url: 'https://www.connox.nl/', scenario: 'accept', report: cleanReport() },
    { url: 'https://shop.example/', scenario: 'reject', report: noModelReport(), consent: { cmp: null, applied: false, detail: 'no consent tool detected' } },
  ];
}

describe('buildSarif', () => {
  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const log = buildSarif({
      toolVersion: '0.1.0',
      presenter: EN,
      entries: entries(),
      failures: [{ url: 'https://nx.invalid/', scenario: 'none', message: 'DNS failure' }],
    });
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('also validates with page-controlled strings in labels and evidence', () => {
    const report = hostileReport();
    const log = buildSarif({
      toolVersion: '0.1.0',
      presenter: EN,
      entries: [{ url: 'https://www.connox.nl/', scenario: 'none', report: { ...report, page: { ...report.page, url: 'https://www.connox.nl/' } } }],
    });
    expect(validate(log)).toBe(true);
  });

  it('lists every rule once with its default level, and points each result at its rule', () => {
    const log = buildSarif({ toolVersion: '0.1.0', presenter: EN, entries: entries() }) as unknown as SarifLog;
    const run = log.runs[0]!;
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('PolicyLens');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids.slice(0, RULES.length)).toEqual(RULES.map((r) => r.id));
    // Rule ids a report names that the catalogue lacks are appended once each.
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      const entry = run.tool.driver.rules.find((x) => x.id === r.id)!;
      expect(entry.defaultConfiguration.level).toBe(sarifLevel(r.defaultSeverity));
      expect(entry.shortDescription.text).toBe(EN.ruleDescription(r.id));
      expect(entry.shortDescription.text).not.toBe(r.id);
    }
    const findings = connoxReport().findings;
    expect(run.results).toHaveLength(entries().reduce((n, e) => n + e.report.findings.length, 0));
    for (const [i, result] of run.results.slice(0, findings.length).entries()) {
      const f = findings[i]!;
      expect(result.ruleId).toBe(f.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(f.ruleId);
      expect(result.level).toBe(f.kind === 'violation' ? sarifLevel(f.severity) : 'none');
      expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toBe('https://www.connox.nl/lampen/');
      expect(result.locations[0]?.logicalLocations[0]?.name).toBe(f.subject.label);
      expect(result.properties.scenario).toBe('none');
      expect(result.properties.evidence).toEqual(f.evidence);
      expect(result.message.text).toContain(EN.findingTitle(f));
    }
  });

  it('maps severities onto levels: critical and high are errors, medium warnings, the rest notes', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual(['error', 'error', 'warning', 'note', 'note']);
  });

  it('gives the same finding in two scenarios different fingerprints, and reports failed pages', () => {
    const report = connoxReport();
    const log = buildSarif({
      toolVersion: '0.1.0',
      presenter: EN,
      entries: [
        { url: report.page.url, scenario: 'none', report },
        { url: report.page.url, scenario: 'reject', report },
      ],
      failures: [{ url: 'https://nx.invalid/', scenario: 'none', message: 'DNS failure' }],
    }) as unknown as SarifLog;
    const run = log.runs[0]!;
    const prints = run.results.map((r) => r.partialFingerprints['policylensFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    expect(run.invocations[0]?.executionSuccessful).toBe(false);
    expect(run.invocations[0]?.toolExecutionNotifications[0]?.message.text).toContain('DNS failure');
  });
});
