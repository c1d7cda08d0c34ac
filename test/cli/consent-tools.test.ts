import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/policylens';
import { EXIT } from '../../src/cli/cli-io';
import { fileStem } from '../../src/cli/write-outputs';
import { CONSENT_SCENARIOS, type ConsentScenario } from '../../src/cli/consent-scenario';
import type { AuditReport, EvidenceItem } from '../../src/core/audit/report-types';
import type { ConsentSnapshot } from '../../src/core/consent/consent-state';
import type { CookieObservation, StorageKeyObservation } from '../../src/core/observation';
import { startStorefront, type Storefront } from '../fixtures/storefront/server';
import type { ConsentToolId } from '../fixtures/storefront/consent-tools/consent-tool';
import { DIST, SHOP } from '../e2e/harness';

/**
 * The consent state under every piece of evidence, on the same shop run by five consent
 * tools (Cookiebot, OneTrust, Quantcast Choice for IAB TCF v2.2, Didomi, Usercentrics), each operated
 * through the CLI by autoconsent's own rule for it, in real Chromium with the built
 * extension. The shop is the clean one except for the Meta pixel, which loads on every page
 * view: so after "accept all" the vendors that waited for consent must not be "before
 * consent", after "reject all" the pixel must be "after refusal", and every request, cookie
 * and storage key must carry the state the visitor's choice put in force at its moment.
 */

const URL_UNDER_TEST = `${SHOP}/`;
const PLANTED_VENDOR = 'facebook-pixel';

/** Where a tool keeps the record it writes when, and only when, the visitor chooses. */
type ChoiceRecord =
  | { store: 'cookie'; name: string; domain: string; hostOnly: boolean }
  /** A Web Storage key: the extension sees when it appeared, not when it was rewritten. */
  | { store: 'localStorage'; name: string; origin: string };

interface ToolCase {
  tool: ConsentToolId;
  /** autoconsent's rule name for the tool. */
  cmp: string;
  record: ChoiceRecord;
}

const TOOLS: readonly ToolCase[] = [
  // Cookiebot stores its record on the host; the others on the root domain.
  { tool: 'cookiebot', cmp: 'Cybotcookiebot', record: { store: 'cookie', name: 'CookieConsent', domain: 'www.connox.nl', hostOnly: true } },
  { tool: 'onetrust', cmp: 'Onetrust', record: { store: 'cookie', name: 'OptanonAlertBoxClosed', domain: 'connox.nl', hostOnly: false } },
  { tool: 'quantcast-choice', cmp: 'quantcast', record: { store: 'cookie', name: 'euconsent-v2', domain: 'connox.nl', hostOnly: false } },
  { tool: 'didomi', cmp: 'didomi', record: { store: 'cookie', name: 'didomi_token', domain: 'connox.nl', hostOnly: false } },
  { tool: 'usercentrics', cmp: 'usercentrics-api', record: { store: 'localStorage', name: 'uc_user_interaction', origin: SHOP } },
];

/**
 * How far apart two clocks of one browser may put the same moment: a request's webRequest
 * time and the cookies API's time for the cookie written just before it. Evidence this close
 * to a click may carry the state before or after it.
 */
const CLICK_TOLERANCE_MS = 250;

interface SavedResult {
  consent: { cmp: string | null; applied: boolean; detail: string; steps: string[] };
  evidence: {
    report: AuditReport;
    choiceVisitObservations?: { cookies: Record<string, CookieObservation>; storageKeys: Record<string, StorageKeyObservation> };
  };
}

type State = 'no-choice' | 'accepted' | 'refused';

const FINAL_STATE: Readonly<Record<ConsentScenario, State>> = { none: 'no-choice', reject: 'refused', accept: 'accepted', revoke: 'refused' };

function matches(snapshot: ConsentSnapshot, state: State): boolean {
  const { preferences, statistics, marketing } = snapshot.granted;
  if (state === 'no-choice') return snapshot.status === 'no-choice';
  if (state === 'accepted') return snapshot.status === 'accepted' && preferences && statistics && marketing;
  return snapshot.status === 'refused' && !preferences && !statistics && !marketing;
}

/** The tool's choice record as the extension saw it in the visit in which the choice was made. */
function choiceRecordIn(result: SavedResult, record: ChoiceRecord): CookieObservation | StorageKeyObservation | undefined {
  const seen = result.evidence.choiceVisitObservations;
  if (record.store === 'cookie') return Object.values(seen?.cookies ?? {}).find((c) => c.name === record.name);
  return Object.values(seen?.storageKeys ?? {}).find((k) => k.area === record.store && k.key === record.name);
}

/**
 * When the record was first written and last rewritten, where the extension's observations
 * tell (a cookie's changes; a storage key only when it was first listed, which can be later).
 */
function recordWrites(result: SavedResult, record: ChoiceRecord): { first: number; last: number } | undefined {
  const stored = choiceRecordIn(result, record);
  if (!stored) return undefined;
  return { first: stored.firstSeenAt, last: stored.kind === 'cookie' ? stored.lastChangedAt : stored.firstSeenAt };
}

/** A choice made in the visit, and the moment it applies from. */
interface Choice {
  at: number;
  state: State;
}

/**
 * When each choice applied in the visit in which it was made. An acceptance applies from the
 * moment autoconsent was asked to accept (the CLI's stamp, before the click). A refusal or
 * withdrawal applies from the click: the tool's record of it (the choice cookie written, or
 * rewritten for a withdrawal, as the cookies API saw it; or any of the tool's records read as
 * refusing while autoconsent's call ran — the click came before that write) or, if that came
 * later, autoconsent's return.
 */
function choicesOf(result: SavedResult, record: ChoiceRecord): Choice[] {
  const report = result.evidence.report;
  const actions = (report.scenario?.actions ?? []).filter((a) => a.ok);
  const seen = recordWrites(result, record);
  // Each choice writes the record once: the first choice is its first write, a second its last.
  const writes = seen ? [...new Set([seen.first, seen.last])].sort((a, b) => a - b) : [];
  const refusingRecords = report.consent.timeline
    .filter((o) => o.source === 'consent-record' && !o.carried && !o.granted.statistics && !o.granted.marketing && !o.granted.preferences)
    .map((o) => o.at);
  return actions.map((action, i) => {
    if (action.action === 'accept') return { at: action.at, state: 'accepted' };
    const during = refusingRecords.filter((at) => action.calledAt !== undefined && at >= action.calledAt && at < action.at);
    return { at: Math.min(action.at, writes[i] ?? Infinity, ...during), state: 'refused' };
  });
}

/** The states a piece of evidence at `at` may rightly carry (two only within the tolerance around a click). */
function statesAt(at: number, scenario: ConsentScenario, result: SavedResult, record: ChoiceRecord): State[] {
  const report = result.evidence.report;
  const reloadStart = report.scenario?.parts.find((p) => p.part === 'reload')?.visitStartedAt;
  // A returning visitor's stored choice is in force from the first request of the reload.
  if (scenario === 'none' || reloadStart === undefined) return ['no-choice'];
  if (at >= reloadStart) return [FINAL_STATE[scenario]];
  let state: State = 'no-choice';
  const allowed = new Set<State>();
  for (const choice of choicesOf(result, record)) {
    if (at >= choice.at - CLICK_TOLERANCE_MS && at <= choice.at + CLICK_TOLERANCE_MS) allowed.add(state).add(choice.state);
    if (at >= choice.at) state = choice.state;
  }
  allowed.add(state);
  return [...allowed];
}

/** Every timed consent snapshot in the report: each finding's evidence, each cookie and storage row. */
function snapshots(report: AuditReport): Array<{ what: string; at: number; consent: ConsentSnapshot }> {
  const describe = (e: EvidenceItem): string =>
    e.type === 'request' ? e.url : e.type === 'consent' ? `consent ${e.source}` : `${e.type} ${'name' in e ? e.name : e.key}`;
  return [
    ...report.findings.flatMap((f) => f.evidence.map((e) => ({ what: `${f.ruleId}: ${describe(e)}`, at: e.at, consent: e.consent }))),
    ...report.cookies.map((c) => ({ what: `cookie row ${c.name}`, at: c.firstSeenAt, consent: c.consentAtSet })),
    ...report.storage.map((s) => ({ what: `storage row ${s.key}`, at: s.firstSeenAt, consent: s.consentAtSet })),
  ];
}

function violations(report: AuditReport, ruleId: string): Array<{ vendor: string | null; label: string; parts: string[] }> {
  return report.findings
    .filter((f) => f.kind === 'violation' && f.ruleId === ruleId)
    .map((f) => ({ vendor: f.subject.vendorId, label: f.subject.label, parts: f.parts ?? [] }));
}

interface ToolRun {
  outDir: string;
  code: number;
  output: string;
  storefront: Storefront | null;
}

const runs = new Map<ConsentToolId, ToolRun>();

function resultOf(tool: ConsentToolId, scenario: ConsentScenario): SavedResult {
  const run = runs.get(tool)!;
  return JSON.parse(readFileSync(path.join(run.outDir, `${fileStem(URL_UNDER_TEST, scenario)}.json`), 'utf8')) as SavedResult;
}

// One storefront per tool; the CLI runs go side by side, one browser each at a time, so the
// machine runs one browser per tool throughout instead of waiting on each run's slowest scenario.
beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build: run \`npm run build\` first`);
  await Promise.all(
    TOOLS.map(async ({ tool }) => {
      const storefront = await startStorefront({ variant: 'pixel-before-consent', consentTool: tool });
      const run: ToolRun = { outDir: mkdtempSync(path.join(tmpdir(), `policylens-cmp-${tool}-`)), code: -1, output: '', storefront };
      runs.set(tool, run);
      const lines: string[] = [];
      run.code = await main(
        [
          URL_UNDER_TEST,
          '--consent',
          'all',
          '--extension',
          DIST,
          `--browser-arg=--host-resolver-rules=${storefront.hostResolverRules}`,
          '--browser-arg=--ignore-certificate-errors',
          '--allow-third-party-cookies',
          '--out',
          run.outDir,
          '--format',
          'json',
          '--concurrency',
          '1',
          '--settle',
          '300',
          '--timeout',
          '45000',
          '--lang',
          'en',
        ],
        { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      );
      run.output = lines.join('\n');
    }),
  );
}, 600_000);

afterAll(async () => {
  for (const run of runs.values()) {
    await run.storefront?.close();
    if (run.outDir) rmSync(run.outDir, { recursive: true, force: true });
  }
});

describe.each(TOOLS)('consent tool $tool on the storefront', ({ tool, cmp, record }) => {
  /** A test that holds only once the extension reads this tool's record of the choice. */

  it(`is detected and operated by autoconsent's ${cmp} rule in every scenario, its self-test confirming each refusal`, () => {
    const run = runs.get(tool)!;
    expect(run.code, run.output).toBe(EXIT.ok);
    for (const scenario of CONSENT_SCENARIOS) {
      const { consent } = resultOf(tool, scenario);
      const log = `${scenario}: ${consent.steps.join(' | ')}`;
      expect(consent.cmp, log).toBe(cmp);
      expect(consent.applied, log).toBe(true);
      expect(consent.steps[0], log).toBe(`detect: popup-found (${cmp})`);
      if (scenario === 'reject' || scenario === 'revoke') expect(consent.steps, log).toContain('self-test: the consent tool reports the refusal');
    }
  });

  it(`stores its record of the choice (${record.name}, ${record.store}) at the click, and none without a choice`, () => {
    for (const scenario of ['reject', 'accept', 'revoke'] as const) {
      const result = resultOf(tool, scenario);
      if (record.store === 'localStorage') {
        // The content script reads Web Storage on a falling schedule, so a key written at the
        // click may first be listed in the reload: only where it is stored is checked.
        const row = result.evidence.report.storage.find((k) => k.area === record.store && k.key === record.name);
        expect(row, `${scenario}: ${record.name}`).toMatchObject({ origin: record.origin });
        continue;
      }
      expect(choiceRecordIn(result, record), `${scenario}: ${record.name}`).toMatchObject({
        domain: record.domain,
        hostOnly: record.hostOnly,
        preexisting: false,
      });
      // Written by the click: after autoconsent was asked to accept, before it returned from refusing.
      const writes = recordWrites(result, record)!;
      const first = result.evidence.report.scenario!.actions[0]!;
      if (first.action === 'accept') expect(writes.first, scenario).toBeGreaterThanOrEqual(first.at - CLICK_TOLERANCE_MS);
      else expect(writes.first, scenario).toBeLessThanOrEqual(first.at + CLICK_TOLERANCE_MS);
      // A withdrawal rewrites it.
      if (scenario === 'revoke') expect(writes.last, scenario).toBeGreaterThan(writes.first);
    }
    const untouched = resultOf(tool, 'none').evidence.report;
    expect([...untouched.cookies.map((c) => c.name), ...untouched.storage.map((k) => k.key)]).not.toContain(record.name);
  });

  for (const scenario of CONSENT_SCENARIOS) {
    it(`carries the right consent state on every piece of evidence (${scenario})`, () => {
      const result = resultOf(tool, scenario);
      const report = result.evidence.report;
      const seen = snapshots(report);
      expect(seen.length).toBeGreaterThan(5);
      const wrong = seen
        .map((s) => ({ ...s, allowed: statesAt(s.at, scenario, result, record) }))
        .filter((s) => !s.allowed.some((state) => matches(s.consent, state)))
        .map((s) => `${s.what} @${s.at}: ${s.consent.status} (${s.consent.source ?? 'no source'}), expected ${s.allowed.join(' or ')}`);
      expect(wrong.slice(0, 12), `${wrong.length} of ${seen.length} wrong`).toEqual([]);
      expect(matches(report.consent.now, FINAL_STATE[scenario]), `consent now: ${JSON.stringify(report.consent.now)}`).toBe(true);
    });
  }

  it('finds the pixel before consent with no choice made, and nothing else without consent', () => {
    const report = resultOf(tool, 'none').evidence.report;
    expect(violations(report, 'tracking-before-consent').map((v) => v.vendor)).toEqual([PLANTED_VENDOR]);
    expect(violations(report, 'tracking-after-refusal')).toEqual([]);
  });

  it('after "accept all", only the pixel is before consent, and only before the click: the vendors that waited for consent are not', () => {
    const report = resultOf(tool, 'accept').evidence.report;
    expect(violations(report, 'tracking-before-consent')).toEqual([{ vendor: PLANTED_VENDOR, label: expect.any(String), parts: ['choice'] }]);
    expect(violations(report, 'tracking-after-refusal')).toEqual([]);
    // The vendors the clean shop held back did load once the visitor accepted.
    const loaded = new Set(report.vendors.filter((v) => v.observed).map((v) => v.vendorId));
    for (const vendor of ['google-analytics', 'zendesk', 'bloomreach']) expect([...loaded], vendor).toContain(vendor);
  });

  for (const scenario of ['reject', 'revoke'] as const) {
    it(`after "${scenario}", the pixel is tracking after refusal in the reload, and no vendor that waited for consent is`, () => {
      const report = resultOf(tool, scenario).evidence.report;
      // After a withdrawal, what the acceptance released may still be at work on that page
      // (and rightly counts as after refusal there); in the reload only the pixel may track.
      const after = violations(report, 'tracking-after-refusal').filter((v) => scenario === 'reject' || v.parts.includes('reload'));
      expect(after.map((v) => v.vendor)).toEqual([PLANTED_VENDOR]);
      expect(after[0]!.parts).toContain('reload');
      // Before the click the pixel was tracking before consent; nothing else ever was.
      expect(violations(report, 'tracking-before-consent').map((v) => v.vendor)).toEqual([PLANTED_VENDOR]);
    });
  }
});
