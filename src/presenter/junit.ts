import type { AuditReport, Finding } from '../core/audit/report-types.ts';
import type { Rule } from '../core/audit/rule.ts';
import { RULES } from '../core/audit/rules.ts';
import { isoUtc } from '../core/report/format-time.ts';
import type { Presenter } from './presenter.ts';

/** One audited page in one consent scenario: becomes one JUnit testsuite. */
export interface JunitEntry {
  url: string;
  scenario: string;
  report: AuditReport;
  consent?: { cmp: string | null; applied: boolean; detail: string };
  /** Seconds the audit of this page took, when known. */
  durationSeconds?: number;
}

/** A page that could not be audited: a testsuite with one erroring testcase. */
export interface JunitFailure {
  url: string;
  scenario: string;
  message: string;
}

export interface JunitInput {
  entries: readonly JunitEntry[];
  failures?: readonly JunitFailure[];
  /** Epoch ms stamped on every suite (the core never reads the clock). */
  timestamp: number;
  rules?: readonly Pick<Rule, 'id'>[];
  presenter: Presenter;
}

// XML 1.0 allows only these characters; page strings may contain anything.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIALS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for XML element content and quoted attributes, and drops characters XML 1.0
 * cannot carry at all (control characters, lone surrogates) instead of emitting a file no
 * parser will read.
 */
export function escapeXml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(INVALID_XML_CHARS, '\uFFFD').replace(/[&<>"']/g, (c) => XML_SPECIALS[c] ?? c);
}

/**
 * JUnit XML for CI dashboards: a testsuite per page and scenario, a testcase per rule, and
 * a failure for each rule with violations (its body lists every violating subject).
 * Notices do not fail a testcase; they are listed in its system-out.
 */
export function buildJunit(input: JunitInput): string {
  const rules = input.rules ?? RULES;
  const stamp = isoUtc(input.timestamp).replace(/\.\d{3}Z$/, '');
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const entry of input.entries) {
    const byRule = new Map<string, Finding[]>();
    for (const f of entry.report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const known = new Set(rules.map((r) => r.id));
    const ruleIds = [...rules.map((r) => r.id), ...[...byRule.keys()].filter((id) => !known.has(id))];
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const ruleId of ruleIds) {
      const findings = byRule.get(ruleId) ?? [];
      const violations = findings.filter((f) => f.kind === 'violation');
      const notices = findings.filter((f) => f.kind === 'notice');
      if (violations.length > 0) suiteFailures += 1;
      cases.push(testcase(entry, ruleId, violations, notices, input.presenter));
    }
    tests += ruleIds.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${escapeXml(suiteName(entry.url, entry.scenario))}" tests="${ruleIds.length}" failures="${suiteFailures}" errors="0" skipped="0" timestamp="${stamp}" time="${seconds(entry.durationSeconds)}">\n` +
        properties(entry, input.presenter) +
        cases.join('') +
        `  </testsuite>\n`,
    );
  }
  for (const failure of input.failures ?? []) {
    tests += 1;
    errors += 1;
    suites.push(
      `  <testsuite name="${escapeXml(suiteName(failure.url, failure.scenario))}" tests="1" failures="0" errors="1" skipped="0" timestamp="${stamp}" time="0">\n` +
        `    <properties>\n      <property name="url" value="${escapeXml(failure.url)}"/>\n      <property name="scenario" value="${escapeXml(failure.scenario)}"/>\n    </properties>\n` +
        `    <testcase classname="${escapeXml(className(failure.url, failure.scenario))}" name="page-audit" time="0">\n` +
        `      <error message="${escapeXml(failure.message)}" type="audit-error">${escapeXml(failure.message)}</error>\n` +
        `    </testcase>\n  </testsuite>\n`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="PolicyLens" tests="${tests}" failures="${failures}" errors="${errors}">\n` +
    suites.join('') +
    `</testsuites>\n`
  );
}

function testcase(entry: JunitEntry, ruleId: string, violations: Finding[], notices: Finding[], p: Presenter): string {
  const open = `    <testcase classname="${escapeXml(className(entry.url, entry.scenario))}" name="${escapeXml(ruleId)}" time="0">`;
  const parts: string[] = [];
  if (violations.length > 0) {
    const worst = violations[0]!;
    const message = p.t('junit.violations', { count: violations.length, subjects: violations.map((v) => v.subject.label).join(', ') });
    const body = violations
      .map((v) => `[${p.severity(v.severity)}] ${p.findingTitle(v)} (${v.subject.label})${v.parts ? ` [${p.parts(v.parts)}]` : ''}: ${p.findingExplanation(v)}`)
      .join('\n');
    parts.push(`      <failure message="${escapeXml(message)}" type="${escapeXml(worst.severity)}">${escapeXml(body)}</failure>\n`);
  }
  if (notices.length > 0) {
    parts.push(
      `      <system-out>${escapeXml(notices.map((n) => `[${p.severity(n.severity)}] ${p.findingTitle(n)} (${n.subject.label}): ${p.findingExplanation(n)}`).join('\n'))}</system-out>\n`,
    );
  }
  return parts.length === 0 ? `${open}</testcase>\n` : `${open}\n${parts.join('')}    </testcase>\n`;
}

function properties(entry: JunitEntry, p: Presenter): string {
  const props: Array<[string, string]> = [
    ['url', entry.url],
    ['scenario', entry.scenario],
    ['policy', entry.report.policy?.id ?? '(none)'],
    ['verdict', p.verdict(entry.report.summary.verdict)],
  ];
  if (entry.consent) {
    props.push(
      ['consentTool', entry.consent.cmp ?? '(none detected)'],
      ['scenarioApplied', String(entry.consent.applied)],
      ['scenarioDetail', entry.consent.detail],
    );
  }
  return `    <properties>\n${props.map(([n, v]) => `      <property name="${escapeXml(n)}" value="${escapeXml(v)}"/>\n`).join('')}    </properties>\n`;
}

function suiteName(url: string, scenario: string): string {
  return `${url} [${scenario}]`;
}

/** Dotted class names group testcases in CI views: policylens.<scenario>.<host>. */
function className(url: string, scenario: string): string {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;
  return `policylens.${scenario}.${host.replace(/\./g, '_')}`;
}

function seconds(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '0' : value.toFixed(3);
}
