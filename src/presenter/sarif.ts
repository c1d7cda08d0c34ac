import type { AuditReport, EvidenceItem, Finding, Severity } from '../core/audit/report-types.ts';
import type { Rule } from '../core/audit/rule.ts';
import { RULES } from '../core/audit/rules.ts';
import { hostOf } from '../core/site.ts';
import type { Presenter } from './presenter.ts';

/** One audited page in one consent scenario, as it goes into a SARIF run. */
export interface SarifEntry {
  url: string;
  /** The consent scenario the page was audited in (none, reject, accept, revoke …). */
  scenario: string;
  report: AuditReport;
  /** The consent tool the CLI found and whether the scenario could be applied. */
  consent?: { cmp: string | null; applied: boolean; detail: string };
}

/** A page that could not be audited: reported as a tool execution notification. */
export interface SarifFailure {
  url: string;
  scenario: string;
  message: string;
}

export interface SarifInput {
  toolVersion: string;
  /** Words every message, rule description and verdict in the reader's language. */
  presenter: Presenter;
  entries: readonly SarifEntry[];
  failures?: readonly SarifFailure[];
  rules?: readonly Pick<Rule, 'id' | 'defaultSeverity'>[];
}

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const MAX_LOCATION_HOSTS = 5;

/**
 * How a severity maps onto SARIF's three levels. Code-scanning UIs treat `error` as
 * blocking, so only critical and high go there.
 */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

/**
 * One SARIF 2.1.0 log with one run: the rule catalogue as `tool.driver.rules`, every
 * finding of every page and scenario as a result located at the page URL (the only
 * "artifact" a browser audit has) with the cookie, host or vendor as logical location.
 * Pure: the caller provides version and data; the output is plain JSON data.
 */
export function buildSarif(input: SarifInput): Record<string, unknown> {
  const p = input.presenter;
  const rules = withUnknownRules(input.rules ?? RULES, input.entries);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = input.entries.flatMap((entry) => entry.report.findings.map((f) => result(f, entry, ruleIndex.get(f.ruleId), p)));
  const failures = input.failures ?? [];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'PolicyLens',
            version: input.toolVersion,
            language: p.lang,
            informationUri: 'https://github.com/policylens/policylens',
            rules: rules.map((r) => ({
              id: r.id,
              name: ruleName(r.id),
              shortDescription: { text: p.ruleDescription(r.id) },
              fullDescription: { text: p.ruleDescription(r.id) },
              defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
              properties: { severity: r.defaultSeverity },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((f) => ({
              level: 'error',
              message: { text: `${f.url} [${f.scenario}]: ${f.message}` },
              properties: { url: f.url, scenario: f.scenario },
            })),
          },
        ],
        artifacts: uniqueUrls(input.entries).map((uri) => ({ location: { uri }, roles: ['analysisTarget'] })),
        results,
        properties: {
          audits: input.entries.map((e) => ({
            url: e.url,
            scenario: e.scenario,
            policy: e.report.policy?.id ?? null,
            verdict: p.verdict(e.report.summary.verdict),
            consent: e.consent ?? null,
          })),
        },
      },
    ],
  };
}

function result(f: Finding, entry: SarifEntry, index: number | undefined, p: Presenter): Record<string, unknown> {
  const pageUrl = entry.report.page.url || entry.url;
  return {
    ruleId: f.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    kind: f.kind === 'violation' ? 'fail' : 'informational',
    level: f.kind === 'violation' ? sarifLevel(f.severity) : 'none',
    message: { text: `[${entry.scenario}${f.parts ? `: ${f.parts.join('+')}` : ''}] ${p.findingTitle(f)}: ${p.findingExplanation(f)}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: pageUrl } },
        logicalLocations: logicalLocations(f, entry.report.page.host),
      },
    ],
    // Finding ids are stable per page; the scenario and host make them unique in a run.
    partialFingerprints: { 'policylensFinding/v1': `${entry.report.page.host}|${entry.scenario}|${f.id}` },
    properties: {
      scenario: entry.scenario,
      severity: f.severity,
      findingId: f.id,
      parts: f.parts ?? null,
      // The finding as data too, so a consumer can word it in another language.
      message: f.message,
      subject: f.subject,
      attribution: f.attribution,
      clause: f.clause,
      absence: f.absence ? p.absence(f.absence) : null,
      evidence: f.evidence,
      evidenceOmitted: f.evidenceOmitted,
    },
  };
}

function logicalLocations(f: Finding, pageHost: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [
    { name: f.subject.label, kind: f.subject.kind, fullyQualifiedName: `${pageHost}/${f.subject.kind}/${f.subject.label}` },
  ];
  const hosts = new Set<string>();
  for (const e of f.evidence) {
    const host = evidenceHost(e);
    if (host && host !== f.subject.label) hosts.add(host);
    if (hosts.size >= MAX_LOCATION_HOSTS) break;
  }
  for (const host of hosts) out.push({ name: host, kind: 'host', fullyQualifiedName: `${pageHost}/host/${host}` });
  return out;
}

function evidenceHost(e: EvidenceItem): string | null {
  switch (e.type) {
    case 'request':
      return e.host;
    case 'cookie':
    case 'cookie-attempt':
      return e.domain.replace(/^\./, '');
    case 'storage-key':
      return hostOf(e.origin) || null;
    case 'consent':
      return null;
  }
}

type RuleMeta = Pick<Rule, 'id' | 'defaultSeverity'>;

/**
 * Findings from a report made by another version may name rules this catalogue lacks;
 * every result must still resolve to a rule, so those get a minimal entry.
 */
function withUnknownRules(rules: readonly RuleMeta[], entries: readonly SarifEntry[]): RuleMeta[] {
  const out: RuleMeta[] = rules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity }));
  const known = new Set(out.map((r) => r.id));
  for (const entry of entries) {
    for (const f of entry.report.findings) {
      if (known.has(f.ruleId)) continue;
      known.add(f.ruleId);
      out.push({ id: f.ruleId, defaultSeverity: f.severity });
    }
  }
  return out;
}

/** SARIF rule names are PascalCase identifiers by convention. */
function ruleName(id: string): string {
  return id
    .split(/[^a-z0-9]+/i)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function uniqueUrls(entries: readonly SarifEntry[]): string[] {
  return [...new Set(entries.map((e) => e.report.page.url || e.url))];
}
