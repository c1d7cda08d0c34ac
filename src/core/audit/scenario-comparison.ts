import type { ConsentSnapshot } from '../consent/consent-state';
import type { AuditReport, CookieRow, ScenarioAction, Verdict, VendorRow } from './report-types';
import { TRACKING } from './rules/tracking-without-consent';

/** Where the visitor's choice stood at the end of a scenario (its last action that worked). */
export type ScenarioChoice = 'no-choice' | 'accepted' | 'refused' | 'withdrawn';

/**
 * A difference between scenarios worth a reader's eye, with the scenarios it holds in:
 * tracking before any choice, after a refusal or a withdrawal, or (as it should be) only
 * once the visitor accepted.
 */
export interface ComparisonMark {
  code: 'before-consent' | 'after-refusal' | 'after-withdrawal' | 'only-after-acceptance';
  scenarios: string[];
}

/** One scenario's report of one page, and where its own HTML report is (relative), if written. */
export interface ScenarioInput {
  scenario: string;
  href: string | null;
  report: AuditReport;
}

export interface ComparedScenario {
  name: string;
  choice: ScenarioChoice;
  href: string | null;
  verdict: Verdict;
  violations: number;
  requests: number;
}

/** A company in one scenario: what it did over every part (choice visit and reload). */
export interface VendorCell {
  requests: number;
  cookies: number;
  storageKeys: number;
  /** Rule ids of the violations against this company in this scenario, sorted. */
  rules: string[];
}

export interface ComparedVendor {
  key: string;
  name: string;
  consentCategory: string;
  /** Per scenario, in the order of `scenarios`; null where the company was not seen. */
  cells: Array<VendorCell | null>;
  marks: ComparisonMark[];
}

export interface CookieCell {
  consentAtSet: ConsentSnapshot;
  lifetimeDays: number | null;
  stored: boolean;
  preexisting: boolean;
}

export interface ComparedCookie {
  name: string;
  domain: string;
  vendorName: string | null;
  consentCategory: string | null;
  cells: Array<CookieCell | null>;
  marks: ComparisonMark[];
}

/** One page across its consent scenarios. */
export interface ScenarioComparison {
  url: string;
  scenarios: ComparedScenario[];
  vendors: ComparedVendor[];
  cookies: ComparedCookie[];
}

/** The choice a scenario ends with: its last consent action that could be carried out. */
export function scenarioChoice(actions: readonly ScenarioAction[]): ScenarioChoice {
  const last = [...actions].reverse().find((a) => a.ok);
  if (!last) return 'no-choice';
  return last.action === 'accept' ? 'accepted' : last.action === 'refuse' ? 'refused' : 'withdrawn';
}

const actorKey = (vendorId: string | null, name: string | null): string => `${vendorId ?? ''}|${name ?? ''}`;

/**
 * One page's scenarios side by side: per company and per cookie what ran in each scenario
 * (the scenario reports already count every part), with the differences marked. A
 * company's marks rest on the audit's own findings (tracking-before-consent,
 * tracking-after-refusal), so the comparison says what the reports say; a cookie's on the
 * consent state when it was set and its company's category, as those rules judge it.
 */
export function compareScenarios(url: string, inputs: readonly ScenarioInput[]): ScenarioComparison {
  const scenarios: ComparedScenario[] = inputs.map(({ scenario, href, report }) => ({
    name: scenario,
    choice: scenarioChoice(report.scenario?.actions ?? []),
    href,
    verdict: report.summary.verdict,
    violations: report.summary.violations,
    requests: report.counts.requests,
  }));
  return { url, scenarios, vendors: compareVendors(inputs, scenarios), cookies: compareCookies(inputs, scenarios) };
}

function compareVendors(inputs: readonly ScenarioInput[], scenarios: readonly ComparedScenario[]): ComparedVendor[] {
  const rows = new Map<string, ComparedVendor>();
  inputs.forEach(({ report }, i) => {
    const rulesByActor = new Map<string, Set<string>>();
    for (const f of report.findings) {
      if (f.kind !== 'violation' || (f.subject.kind !== 'vendor' && f.subject.kind !== 'unknown-host')) continue;
      const key = actorKey(f.subject.vendorId, f.subject.label);
      rulesByActor.set(key, (rulesByActor.get(key) ?? new Set()).add(f.ruleId));
    }
    for (const v of report.vendors) {
      if (!v.observed) continue;
      const row = rows.get(v.key) ?? { key: v.key, name: v.name, consentCategory: v.consentCategory, cells: inputs.map(() => null), marks: [] };
      row.cells[i] = vendorCell(v, rulesByActor.get(actorKey(v.vendorId, v.name)));
      rows.set(v.key, row);
    }
  });
  return [...rows.values()].map((row) => ({ ...row, marks: vendorMarks(row, scenarios) }));
}

function vendorCell(v: VendorRow, rules: ReadonlySet<string> | undefined): VendorCell {
  return { requests: v.requests, cookies: v.cookies, storageKeys: v.storageKeys, rules: [...(rules ?? [])].sort() };
}

function vendorMarks(row: ComparedVendor, scenarios: readonly ComparedScenario[]): ComparisonMark[] {
  const where = (test: (cell: VendorCell, s: ComparedScenario) => boolean): string[] =>
    scenarios.filter((s, i) => row.cells[i] && test(row.cells[i]!, s)).map((s) => s.name);
  const ran = (cell: VendorCell) => cell.requests + cell.cookies + cell.storageKeys > 0;
  return marksOf(
    {
      before: where((c) => c.rules.includes('tracking-before-consent')),
      afterRefusal: where((c, s) => s.choice === 'refused' && c.rules.includes('tracking-after-refusal')),
      afterWithdrawal: where((c, s) => s.choice === 'withdrawn' && c.rules.includes('tracking-after-refusal')),
      ran: where(ran),
    },
    TRACKING.has(row.consentCategory),
    scenarios,
  );
}

function compareCookies(inputs: readonly ScenarioInput[], scenarios: readonly ComparedScenario[]): ComparedCookie[] {
  const rows = new Map<string, ComparedCookie>();
  inputs.forEach(({ report }, i) => {
    const categories = new Map(report.vendors.map((v) => [actorKey(v.vendorId, v.name), v.consentCategory]));
    for (const c of report.cookies) {
      const key = `${c.name}|${c.domain}`;
      const category = c.vendorName === null ? null : (categories.get(actorKey(c.vendorId, c.vendorName)) ?? null);
      const row = rows.get(key) ?? {
        name: c.name,
        domain: c.domain,
        vendorName: c.vendorName,
        consentCategory: category,
        cells: inputs.map(() => null),
        marks: [],
      };
      row.consentCategory ??= category;
      row.cells[i] = cookieCell(c);
      rows.set(key, row);
    }
  });
  return [...rows.values()].map((row) => ({ ...row, marks: cookieMarks(row, scenarios) }));
}

function cookieCell(c: CookieRow): CookieCell {
  return { consentAtSet: c.consentAtSet, lifetimeDays: c.session ? null : c.lifetimeDays, stored: c.stored, preexisting: c.preexisting };
}

function cookieMarks(row: ComparedCookie, scenarios: readonly ComparedScenario[]): ComparisonMark[] {
  const category = row.consentCategory;
  const tracking = category !== null && TRACKING.has(category);
  // Set in this scenario (not left over from an earlier visit) while its category was not granted.
  const unconsented = (cell: CookieCell) => tracking && !cell.preexisting && !cell.consentAtSet.granted[category as keyof ConsentSnapshot['granted']];
  const where = (test: (cell: CookieCell, s: ComparedScenario) => boolean): string[] =>
    scenarios.filter((s, i) => row.cells[i] && test(row.cells[i]!, s)).map((s) => s.name);
  const refusedAtSet = (cell: CookieCell) => cell.consentAtSet.status === 'refused' || cell.consentAtSet.status === 'partial';
  return marksOf(
    {
      before: where((c) => unconsented(c) && c.consentAtSet.status === 'no-choice'),
      afterRefusal: where((c, s) => s.choice === 'refused' && unconsented(c) && refusedAtSet(c)),
      afterWithdrawal: where((c, s) => s.choice === 'withdrawn' && unconsented(c) && refusedAtSet(c)),
      ran: where(() => true),
    },
    tracking,
    scenarios,
  );
}

/**
 * The marks from where something tracked and where it ran at all. "Only after acceptance"
 * compares presence: it needs an accepted scenario and one with no consent given (none,
 * reject; a withdrawal scenario accepted first, so things rightly ran in it), and a tracking
 * category (a necessary service may run everywhere).
 */
function marksOf(
  where: { before: string[]; afterRefusal: string[]; afterWithdrawal: string[]; ran: string[] },
  tracking: boolean,
  scenarios: readonly ComparedScenario[],
): ComparisonMark[] {
  const marks: ComparisonMark[] = [];
  const add = (code: ComparisonMark['code'], names: string[]) => {
    if (names.length > 0) marks.push({ code, scenarios: names });
  };
  add('before-consent', where.before);
  add('after-refusal', where.afterRefusal);
  add('after-withdrawal', where.afterWithdrawal);
  const ran = new Set(where.ran);
  const accepted = scenarios.filter((s) => s.choice === 'accepted' && ran.has(s.name));
  const unconsented = scenarios.filter((s) => s.choice === 'no-choice' || s.choice === 'refused');
  if (tracking && accepted.length > 0 && unconsented.length > 0 && unconsented.every((s) => !ran.has(s.name))) {
    add(
      'only-after-acceptance',
      accepted.map((s) => s.name),
    );
  }
  return marks;
}
