/**
 * Scoring of the accuracy benchmark: audit findings matched to a shop's ground truth by the
 * matching rules written down in the header of eval-audit.ts (the script). Pure (no I/O);
 * run-eval.ts feeds it.
 */

export type Scenario = 'none' | 'reject' | 'accept' | 'revoke';

export interface ExpectedEntry {
  id: string;
  rule: string;
  vendor?: string;
  cookie?: string;
  host?: string;
  scenarios: Scenario[];
  why: string;
}

export interface Trap {
  id: string;
  kind: string;
  rules: string[];
  vendors?: string[];
  cookies?: string[];
  hosts?: string[];
  scenarios: Scenario[];
  why: string;
}

export interface GroundTruth {
  shop: string;
  expected: ExpectedEntry[];
  traps: Trap[];
}

/** What scoring needs of a finding (a subset of the report's Finding). */
export interface ScoredFinding {
  id: string;
  ruleId: string;
  kind: 'violation' | 'notice';
  subject: { kind: string; label: string; vendorId: string | null; processorId: string | null };
  evidence: ReadonlyArray<{ type: string; url?: string }>;
}

export interface ScenarioFindings {
  shop: string;
  scenario: Scenario;
  findings: readonly ScoredFinding[];
}

export interface FindingVerdict {
  shop: string;
  scenario: Scenario;
  findingId: string;
  rule: string;
  subject: string;
  /** The expected entry it matched, or null for a false positive. */
  expected: string | null;
  /** The trap it fell into, when false. */
  trap: string | null;
}

export interface MissedEntry {
  shop: string;
  scenario: Scenario;
  expected: string;
  rule: string;
  subject: string;
  why: string;
}

export interface Tally {
  reported: number;
  truePositives: number;
  expected: number;
  found: number;
  trapHits: number;
  precision: number;
  recall: number;
}

export interface Score {
  overall: Tally;
  byShop: Record<string, Tally>;
  byRule: Record<string, Tally>;
  verdicts: FindingVerdict[];
  missed: MissedEntry[];
}

function hostOfUrl(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

function vendorMatches(f: ScoredFinding, vendor: string): boolean {
  return f.subject.vendorId === vendor || (f.subject.vendorId === null && f.subject.processorId === vendor);
}

function cookieMatches(f: ScoredFinding, cookie: string): boolean {
  return (f.subject.kind === 'cookie' || f.subject.kind === 'storage-key') && f.subject.label === cookie;
}

function hostMatches(f: ScoredFinding, host: string): boolean {
  if (f.subject.kind === 'unknown-host' && (f.subject.label === host || host.endsWith(`.${f.subject.label}`))) return true;
  return f.evidence.some((e) => e.url !== undefined && hostOfUrl(e.url) === host);
}

function matchesExpected(f: ScoredFinding, e: ExpectedEntry): boolean {
  if (f.ruleId !== e.rule) return false;
  if (e.vendor !== undefined && !vendorMatches(f, e.vendor)) return false;
  if (e.cookie !== undefined && !cookieMatches(f, e.cookie)) return false;
  if (e.host !== undefined && !hostMatches(f, e.host)) return false;
  return true;
}

function matchesTrap(f: ScoredFinding, t: Trap): boolean {
  if (!t.rules.includes('*') && !t.rules.includes(f.ruleId)) return false;
  return (
    (t.vendors ?? []).some((v) => vendorMatches(f, v)) || (t.cookies ?? []).some((c) => cookieMatches(f, c)) || (t.hosts ?? []).some((h) => hostMatches(f, h))
  );
}

function subjectOf(f: ScoredFinding): string {
  return `${f.subject.kind}:${f.subject.label}${f.subject.vendorId ? ` (${f.subject.vendorId})` : ''}`;
}

function subjectOfEntry(e: ExpectedEntry): string {
  return [e.vendor && `vendor ${e.vendor}`, e.cookie && `cookie ${e.cookie}`, e.host && `host ${e.host}`].filter(Boolean).join(', ');
}

function emptyCounts(): Omit<Tally, 'precision' | 'recall'> {
  return { reported: 0, truePositives: 0, expected: 0, found: 0, trapHits: 0 };
}

function finish(c: Omit<Tally, 'precision' | 'recall'>): Tally {
  return { ...c, precision: c.reported === 0 ? 1 : c.truePositives / c.reported, recall: c.expected === 0 ? 1 : c.found / c.expected };
}

/** Scores every audited (shop, scenario) against the shops' ground truth. */
export function scoreFindings(audited: readonly ScenarioFindings[], truths: ReadonlyMap<string, GroundTruth>): Score {
  const verdicts: FindingVerdict[] = [];
  const missed: MissedEntry[] = [];
  const overall = emptyCounts();
  const byShop = new Map<string, ReturnType<typeof emptyCounts>>();
  const byRule = new Map<string, ReturnType<typeof emptyCounts>>();
  const counts = (map: Map<string, ReturnType<typeof emptyCounts>>, key: string) => {
    let c = map.get(key);
    if (!c) map.set(key, (c = emptyCounts()));
    return c;
  };
  const add = (shop: string, rule: string, field: keyof ReturnType<typeof emptyCounts>) => {
    for (const c of [overall, counts(byShop, shop), counts(byRule, rule)]) c[field] += 1;
  };
  for (const { shop, scenario, findings } of audited) {
    const truth = truths.get(shop);
    if (!truth) throw new Error(`no ground truth for shop "${shop}"`);
    const expected = truth.expected.filter((e) => e.scenarios.includes(scenario));
    const traps = truth.traps.filter((t) => t.scenarios.includes(scenario));
    const violations = findings.filter((f) => f.kind === 'violation');
    for (const f of violations) {
      const hit = expected.find((e) => matchesExpected(f, e)) ?? null;
      const trap = hit ? null : (traps.find((t) => matchesTrap(f, t)) ?? null);
      add(shop, f.ruleId, 'reported');
      if (hit) add(shop, f.ruleId, 'truePositives');
      if (trap) add(shop, f.ruleId, 'trapHits');
      verdicts.push({ shop, scenario, findingId: f.id, rule: f.ruleId, subject: subjectOf(f), expected: hit?.id ?? null, trap: trap?.id ?? null });
    }
    for (const e of expected) {
      add(shop, e.rule, 'expected');
      if (violations.some((f) => matchesExpected(f, e))) add(shop, e.rule, 'found');
      else missed.push({ shop, scenario, expected: e.id, rule: e.rule, subject: subjectOfEntry(e), why: e.why });
    }
  }
  const finishAll = (map: Map<string, ReturnType<typeof emptyCounts>>) =>
    Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, finish(c)]));
  return { overall: finish(overall), byShop: finishAll(byShop), byRule: finishAll(byRule), verdicts, missed };
}

/** The score as a plain-text table: one row per shop, per rule, and overall. */
export function formatScoreTable(title: string, score: Score): string {
  const header = ['', 'reported', 'true', 'precision', 'expected', 'found', 'recall', 'trap hits'];
  const row = (name: string, t: Tally) => [
    name,
    String(t.reported),
    String(t.truePositives),
    t.precision.toFixed(3),
    String(t.expected),
    String(t.found),
    t.recall.toFixed(3),
    String(t.trapHits),
  ];
  const rows = [
    ...Object.entries(score.byShop).map(([k, t]) => row(`shop ${k}`, t)),
    ...Object.entries(score.byRule).map(([k, t]) => row(`rule ${k}`, t)),
    row('overall', score.overall),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [title, line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
