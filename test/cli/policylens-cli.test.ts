import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { Window } from 'happy-dom';
import { main } from '../../src/cli/policylens';
import { EXIT, type CliIo } from '../../src/cli/cli-io';
import { fileStem } from '../../src/cli/write-outputs';
import { buildIsStale } from '../../src/cli/ensure-build';
import { verifyEvidenceBundle } from '../../src/core/report/evidence-bundle';
import { startStorefront, type Storefront } from '../fixtures/storefront/server';
import { DIST, SHOP } from '../e2e/harness';
import { englishIn } from '../presenter/english-fragments';
import { csvRecords } from '../fixtures/parse-csv';
import type { AuditReport } from '../../src/core/audit/report-types';
import type { Variant } from '../fixtures/storefront/types';

/**
 * The CLI end to end: real Chromium with the built extension, the fixture storefront under
 * the shop's real hostname, consent operated by autoconsent's own Cookiebot rule. The CLI
 * entry is called as a function; nothing is spawned and nothing touches the network.
 */

const URL_UNDER_TEST = `${SHOP}/`;

function capture(): CliIo & { text(): string } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), text: () => lines.join('\n') };
}

function browserArgs(storefront: Storefront): string[] {
  return [`--browser-arg=--host-resolver-rules=${storefront.hostResolverRules}`, '--browser-arg=--ignore-certificate-errors'];
}

interface SavedResult {
  format: string;
  url: string;
  scenario: string;
  consent: { cmp: string | null; applied: boolean; detail: string; steps: string[] };
  evidence: { report: AuditReport; observations: { requests: unknown[] } };
}

function readResult(outDir: string, scenario: string): SavedResult {
  return JSON.parse(readFileSync(path.join(outDir, `${fileStem(URL_UNDER_TEST, scenario)}.json`), 'utf8')) as SavedResult;
}

function violationRules(result: SavedResult): string[] {
  return [...new Set(result.evidence.report.findings.filter((f) => f.kind === 'violation').map((f) => f.ruleId))];
}

function sarifValidator() {
  const file = path.resolve(import.meta.dirname, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile({ ...schema, $id: id as string });
}

/** A live audit of the storefront's home page with the built extension, third-party cookies allowed. */
/** Every live run: a short settle, a generous timeout for a loaded machine, English words. */
const LIVE_RUN_FLAGS = ['--settle', '500', '--timeout', '45000', '--lang', 'en'];

function liveAuditArgs(storefront: Storefront, outDir: string, consent: string, extra: readonly string[]): string[] {
  return [
    URL_UNDER_TEST,
    '--consent',
    consent,
    '--extension',
    DIST,
    ...browserArgs(storefront),
    '--allow-third-party-cookies',
    '--out',
    outDir,
    ...LIVE_RUN_FLAGS,
    ...extra,
  ];
}

/**
 * One live audit per describe block: the storefront variant started, the CLI run once in
 * beforeAll, its output folder and storefront cleaned up in afterAll.
 */
function liveRun(variant: Variant, consent: string, extra: readonly string[]): { outDir: string; code: number; output: string } {
  const run = { outDir: '', code: -1, output: '' };
  let storefront: Storefront | null = null;
  beforeAll(async () => {
    storefront = await startStorefront({ variant });
    run.outDir = mkdtempSync(path.join(tmpdir(), `policylens-cli-${variant}-`));
    const io = capture();
    run.code = await main(liveAuditArgs(storefront, run.outDir, consent, extra), io);
    run.output = io.text();
  }, 300_000);
  afterAll(async () => {
    await storefront?.close();
    if (run.outDir) rmSync(run.outDir, { recursive: true, force: true });
  });
  return run;
}

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build: run \`npm run build\` first`);
});

describe('policylens CLI on the planted storefront', () => {
  const live = liveRun('planted', 'all', ['--format', 'json,html,sarif,junit,csv', '--concurrency', '4']);

  it('writes result files that policylens verify accepts: the run sealed, each report re-derived from its observations', async () => {
    const files = ['none', 'reject', 'accept', 'revoke'].map((s) => path.join(live.outDir, `${fileStem(URL_UNDER_TEST, s)}.json`));
    const io = capture();
    expect(await main(['verify', ...files], io), io.text()).toBe(EXIT.ok);
    expect(io.text().match(/OK, unchanged and re-derived/g)).toHaveLength(4);
  });

  it('audits every scenario and exits 0 without --fail-on', () => {
    expect(live.code, live.output).toBe(EXIT.ok);
    for (const scenario of ['none', 'reject', 'accept', 'revoke']) {
      const result = readResult(live.outDir, scenario);
      expect(result.format).toBe('policylens-audit');
      // The library's own Cookiebot rule found and operated the fixture's banner.
      expect(result.consent.cmp, `${scenario}: ${result.consent.steps.join(' | ')}`).toBe('Cybotcookiebot');
      expect(result.consent.applied, `${scenario}: ${result.consent.detail}`).toBe(true);
      if (scenario === 'reject' || scenario === 'revoke') expect(result.consent.steps).toContain('self-test: the consent tool reports the refusal');
      // Full report and full observation log, sealed together.
      expect(verifyEvidenceBundle(JSON.stringify(result.evidence)).ok).toBe(true);
      expect(result.evidence.observations.requests.length).toBeGreaterThan(5);
      expect(existsSync(path.join(live.outDir, `${fileStem(URL_UNDER_TEST, scenario)}.html`))).toBe(true);
    }
  });

  it('finds tracking before consent with no choice made', () => {
    expect(violationRules(readResult(live.outDir, 'none'))).toContain('tracking-before-consent');
    expect(violationRules(readResult(live.outDir, 'none'))).not.toContain('tracking-after-refusal');
  });

  it('finds tracking after refusal when the planted shop keeps tracking after "reject all" and a reload', () => {
    expect(violationRules(readResult(live.outDir, 'reject'))).toContain('tracking-after-refusal');
  });

  it('finds tracking after a withdrawal through the consent tool (revoke)', () => {
    expect(violationRules(readResult(live.outDir, 'revoke'))).toContain('tracking-after-refusal');
  });

  it('after "accept all", tracking before consent is only what ran before the click, and nothing counts as after a refusal', () => {
    const report = readResult(live.outDir, 'accept').evidence.report;
    const rules = violationRules(readResult(live.outDir, 'accept'));
    expect(rules).not.toContain('tracking-after-refusal');
    // The planted shop tracks from the first request; once the visitor accepts, all of it is allowed.
    const clickedAt = report.scenario!.actions[0]!.at;
    for (const f of report.findings.filter((x) => x.ruleId === 'tracking-before-consent')) {
      expect(f.parts, f.id).toEqual(['choice']);
      for (const e of f.evidence) expect(e.at, f.id).toBeLessThanOrEqual(clickedAt);
    }
  });

  it('writes one comparison page: per company and scenario what the scenario report counts over every part, marks from its findings, links to each report', () => {
    const doc = new new Window().DOMParser().parseFromString(readFileSync(path.join(live.outDir, 'policylens-comparison.html'), 'utf8'), 'text/html');
    const section = doc.querySelector(`section.page[data-url="${URL_UNDER_TEST}"]`);
    expect(section).not.toBeNull();
    const scenarios = ['none', 'reject', 'accept', 'revoke'];
    expect([...section!.querySelectorAll('table.scenarios a')].map((a) => a.getAttribute('href'))).toEqual(
      scenarios.map((s) => `${fileStem(URL_UNDER_TEST, s)}.html`),
    );
    const reports = Object.fromEntries(scenarios.map((s) => [s, readResult(live.outDir, s).evidence.report]));
    for (const scenario of scenarios) {
      const report = reports[scenario]!;
      const cells = [...section!.querySelectorAll(`table.vendors tbody td[data-scenario="${scenario}"][data-requests]`)];
      const shown = new Map(cells.map((td) => [td.parentElement!.getAttribute('data-vendor'), Number(td.getAttribute('data-requests'))]));
      const observed = report.vendors.filter((v) => v.observed);
      expect(new Map(observed.map((v) => [v.key, v.requests])), scenario).toEqual(shown);
      // Every part counts: the choice visit's requests and the reload's add up (the sealed log holds both).
      const parts = readResult(live.outDir, scenario).evidence as unknown as {
        observations: { requests: unknown[] };
        choiceVisitObservations?: { requests: unknown[] };
      };
      if (scenario !== 'none')
        expect(report.counts.requests, scenario).toBe(parts.observations.requests.length + (parts.choiceVisitObservations?.requests.length ?? 0));
    }
    // Each company the reject report finds tracking after the refusal is marked so, in that scenario.
    const refusedTrackers = reports.reject!.findings.filter(
      (f) => f.ruleId === 'tracking-after-refusal' && f.kind === 'violation' && f.subject.kind === 'vendor',
    );
    expect(refusedTrackers.length).toBeGreaterThan(0);
    for (const f of refusedTrackers) {
      const row = [...section!.querySelectorAll('table.vendors tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.startsWith(f.subject.label));
      expect(row?.querySelector('li[data-mark="after-refusal"]')?.textContent, f.subject.label).toContain('reject');
      expect(row?.querySelector('td[data-scenario="reject"]')?.className).toBe('broken');
    }
    expect(section!.querySelectorAll('li[data-mark="after-refusal"]').length).toBe(
      new Set(refusedTrackers.map((f) => `${f.subject.vendorId}|${f.subject.label}`)).size,
    );
    expect(live.output).toContain('policylens-comparison.html');
  });

  it("draws the consent timeline in each HTML report: one mark per request, cookie and storage key of the report's evidence, in time order", () => {
    for (const scenario of ['reject', 'accept']) {
      const report = readResult(live.outDir, scenario).evidence.report;
      // What the report holds, each item at its earliest time: the findings' evidence and the cookie and storage rows.
      const earliest = new Map<string, number>();
      const add = (key: string, at: number) => earliest.set(key, Math.min(at, earliest.get(key) ?? Infinity));
      for (const f of report.findings)
        for (const e of f.evidence) {
          if (e.type === 'request') add(`request ${e.url} ${e.at} ${e.frame.frameId}`, e.at);
          else if (e.type === 'cookie' || e.type === 'cookie-attempt') add(`cookie ${e.name} ${e.domain}`, e.at);
          else if (e.type === 'storage-key') add(`storage ${e.area} ${e.origin} ${e.key}`, e.at);
        }
      for (const c of report.cookies) if (!c.preexisting) add(`cookie ${c.name} ${c.domain}`, c.firstSeenAt);
      for (const st of report.storage) add(`storage ${st.area} ${st.origin} ${st.key}`, st.firstSeenAt);
      const html = readFileSync(path.join(live.outDir, `${fileStem(URL_UNDER_TEST, scenario)}.html`), 'utf8');
      const doc = new new Window().DOMParser().parseFromString(html, 'text/html');
      const marks = [...doc.querySelectorAll('#timeline svg g.mark')].map((g) => Number(g.getAttribute('data-at')));
      expect(marks.length, scenario).toBe(earliest.size);
      expect(marks, scenario).toEqual([...earliest.values()].sort((a, b) => a - b));
      expect(
        [...doc.querySelectorAll('#timeline table tr.mark-row')].map((r) => Number(r.getAttribute('data-at'))),
        scenario,
      ).toEqual(marks);
      // The click of the scenario is a line at its time; a scenario report also marks the reload.
      const click = report.scenario!.actions.find((a) => a.ok)!;
      expect(doc.querySelector(`#timeline g.change[data-kind="click"][data-at="${click.at}"]`), scenario).not.toBeNull();
      expect(doc.querySelector('#timeline g.change[data-kind="reload"]'), scenario).not.toBeNull();
      expect(html).not.toMatch(/<script/i);
    }
  });

  it("writes the HTML report's tables as CSV (--format csv), a row for each of the table's rows", () => {
    const stem = fileStem(URL_UNDER_TEST, 'reject');
    const doc = new new Window().DOMParser().parseFromString(readFileSync(path.join(live.outDir, `${stem}.html`), 'utf8'), 'text/html');
    const cells = (section: string, column: number) =>
      [...doc.querySelectorAll(`#${section} tbody tr`)].map((tr) => tr.querySelectorAll('td')[column]?.textContent);
    const csv = (table: string) => csvRecords(readFileSync(path.join(live.outDir, `${stem}.${table}.csv`), 'utf8'));
    expect(csv('cookies').map((r) => r.name)).toEqual(cells('cookies', 0));
    expect(csv('storage').map((r) => r.key)).toEqual(cells('storage', 1));
    expect(csv('companies').map((r) => r.requests)).toEqual(cells('vendors', 5));
    expect(
      csv('findings')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...doc.querySelectorAll('article.finding')].map((a) => a.id.replace(/^finding-/, '')).sort());
    expect(csv('findings').length).toBeGreaterThan(0);
    // The request log: the HTML table's rows (part, time, company, …, host and path) in the CSV's order.
    const requests = csv('requests');
    expect(requests.map((r) => r.part)).toEqual(cells('requests', 0));
    expect(requests.map((r) => `${r.host}${r.path}`)).toEqual(cells('requests', 5));
    expect(new Set(requests.map((r) => r.part))).toEqual(new Set(['choice', 'reload']));
    // …and the report's request counts: every request the tabs kept, per company as the companies table counts them.
    const report = readResult(live.outDir, 'reject').evidence.report;
    expect(requests.length + (report.counts.overflow.requests ?? 0)).toBe(report.counts.requests);
    const perVendor = new Map<string, number>();
    for (const r of requests) if (r.vendor_key !== 'shop') perVendor.set(r.vendor_key!, (perVendor.get(r.vendor_key!) ?? 0) + 1);
    expect(perVendor).toEqual(new Map(report.vendors.filter((v) => v.requests > 0).map((v) => [v.key, v.requests])));
    expect(requests.filter((r) => r.party === 'third')).toHaveLength(report.counts.thirdPartyRequests);
    // The refusal's click splits the choice visit: tracking before it and after it are told apart.
    expect(requests.some((r) => r.part === 'choice' && r.consent_phase === 'before-choice')).toBe(true);
    expect(requests.some((r) => r.consent_phase === 'after-refusal')).toBe(true);
    expect(requests.map((r) => r.path).join(' ')).not.toContain('?');
  });

  it('prints a table of discrepancies per scenario and a summary', () => {
    expect(live.output).toMatch(/\[reject\][\s\S]*severity\s+rule\s+subject\s+title/);
    expect(live.output).toMatch(/Critical\s+tracking-after-refusal/);
    expect(live.output).toContain('Summary');
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', () => {
    const sarif = JSON.parse(readFileSync(path.join(live.outDir, 'policylens.sarif'), 'utf8'));
    const validate = sarifValidator();
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const results = sarif.runs[0].results as Array<{ ruleId: string; properties: { scenario: string } }>;
    expect(results.some((r) => r.ruleId === 'tracking-after-refusal' && r.properties.scenario === 'reject')).toBe(true);
  });

  it('writes JUnit XML that parses, with a suite per scenario', () => {
    const xml = readFileSync(path.join(live.outDir, 'policylens.junit.xml'), 'utf8');
    const doc = new new Window().DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const suites = [...doc.getElementsByTagName('testsuite')].map((s) => s.getAttribute('name'));
    expect(suites).toEqual(['none', 'reject', 'accept', 'revoke'].map((s) => `${URL_UNDER_TEST} [${s}]`));
  });

  it('re-audits a saved observation log without a browser and gets the same findings', async () => {
    const saved = path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'reject')}.json`);
    const reOut = path.join(live.outDir, 'reaudit');
    const io = capture();
    const reCode = await main(['reaudit', saved, '--out', reOut, '--format', 'json'], io);
    expect(reCode, io.text()).toBe(EXIT.ok);
    const again = JSON.parse(readFileSync(path.join(reOut, `${fileStem(URL_UNDER_TEST, 'reject')}.json`), 'utf8')) as SavedResult;
    const ids = (r: SavedResult, rule?: string) =>
      r.evidence.report.findings
        .filter((f) => !rule || f.ruleId === rule)
        .map((f) => f.id)
        .sort();
    const original = readResult(live.outDir, 'reject');
    expect(ids(again, 'tracking-after-refusal')).toEqual(ids(original, 'tracking-after-refusal'));
    expect(ids(again, 'tracking-after-refusal').length).toBeGreaterThan(0);
    // The extension in dist/ and the core in src/ are the same code only when the build is
    // current (the CLI rebuilt it above when it was not), so the whole report must come out the same.
    expect(buildIsStale(DIST), 'dist/ is older than the extension sources').toBe(false);
    expect(ids(again)).toEqual(ids(original));
    expect(again.scenario).toBe('reject');
    // The re-audited result is a verifiable bundle too: its run sealed, its report re-derivable.
    const verifyIo = capture();
    expect(await main(['verify', path.join(reOut, `${fileStem(URL_UNDER_TEST, 'reject')}.json`)], verifyIo), verifyIo.text()).toBe(EXIT.ok);
  });

  it('words the table and the HTML report in the language asked for (--lang nl), without English text', async () => {
    const saved = path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'reject')}.json`);
    const reOut = path.join(live.outDir, 'reaudit-nl');
    const io = capture();
    expect(await main(['reaudit', saved, '--out', reOut, '--format', 'html', '--lang', 'nl'], io)).toBe(EXIT.ok);
    const table = io.text();
    expect(table).toMatch(/Kritiek\s+tracking-after-refusal/);
    expect(englishIn(table)).toEqual([]);
    const html = readFileSync(path.join(reOut, `${fileStem(URL_UNDER_TEST, 'reject')}.html`), 'utf8');
    expect(html).toContain('<html lang="nl">');
    const doc = new new Window().DOMParser().parseFromString(html, 'text/html');
    for (const quote of [...doc.querySelectorAll('blockquote')]) quote.remove();
    expect(englishIn(doc.body.textContent ?? '')).toEqual([]);
    expect(await main(['reaudit', saved, '--lang', 'xx'], capture())).toBe(EXIT.usage);
  });

  it('holds the shop to the legal baseline only with --policy baseline: findings rest on the quoted law, never "no discrepancies"', async () => {
    const saved = path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'none')}.json`);
    const reOut = path.join(live.outDir, 'reaudit-baseline');
    const io = capture();
    expect(await main(['reaudit', saved, '--policy', 'baseline', '--out', reOut, '--format', 'json', '--lang', 'en', '--fail-on', 'high'], io)).toBe(
      EXIT.failOn,
    );
    const again = JSON.parse(readFileSync(path.join(reOut, `${fileStem(URL_UNDER_TEST, 'none')}.json`), 'utf8')) as SavedResult;
    const report = again.evidence.report;
    expect(report.policy).toBeNull();
    expect(await main(['verify', path.join(reOut, `${fileStem(URL_UNDER_TEST, 'none')}.json`)], capture())).toBe(EXIT.ok);
    expect(report.summary).toMatchObject({ checkedAgainst: 'legal-baseline', verdict: { code: 'baseline-violations' } });
    const before = report.findings.filter((f) => f.ruleId === 'tracking-before-consent');
    expect(before.length).toBeGreaterThan(0);
    for (const f of before) {
      expect(f).toMatchObject({ severity: 'high', grounds: 'legal-baseline', clause: { section: 'Article 5(3)', origin: 'legal-baseline' } });
    }
    expect(report.findings.filter((f) => f.ruleId === 'undeclared-third-party')).toEqual([]);
    expect(io.text()).toContain('checked against: the legal baseline only');
    expect(io.text()).not.toMatch(/No discrepancies found/);
  });

  it('exits 1 with --fail-on when a violation reaches the threshold', async () => {
    const saved = path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'reject')}.json`);
    expect(await main(['reaudit', saved, '--fail-on', 'critical'], capture())).toBe(EXIT.failOn);
    const accepted = path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'accept')}.json`);
    expect(await main(['reaudit', accepted, '--fail-on', 'critical'], capture())).toBe(EXIT.ok);
  });
});

describe('policylens CLI on the clean storefront', () => {
  let storefront: Storefront;
  let outDir: string;

  beforeAll(async () => {
    storefront = await startStorefront({ variant: 'clean' });
    outDir = mkdtempSync(path.join(tmpdir(), 'policylens-cli-clean-'));
  });

  afterAll(async () => {
    await storefront?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('finds no violation in any scenario and passes --fail-on info', async () => {
    const io = capture();
    const code = await main(liveAuditArgs(storefront, outDir, 'all', ['--format', 'json', '--concurrency', '4', '--fail-on', 'info']), io);
    for (const scenario of ['none', 'reject', 'accept', 'revoke']) {
      const result = readResult(outDir, scenario);
      expect(result.consent.applied, `${scenario}: ${result.consent.detail}`).toBe(true);
      expect(
        result.evidence.report.findings.filter((f) => f.kind === 'violation').map((f) => `${f.severity} ${f.id}`),
        scenario,
      ).toEqual([]);
    }
    expect(code, io.text()).toBe(EXIT.ok);
    // Without its model, the clean shop still keeps the law: no finding against the baseline either.
    for (const scenario of ['none', 'reject']) {
      const saved = path.join(outDir, `${fileStem(URL_UNDER_TEST, scenario)}.json`);
      const baselineIo = capture();
      expect(await main(['reaudit', saved, '--policy', 'baseline', '--lang', 'en', '--fail-on', 'low'], baselineIo), baselineIo.text()).toBe(EXIT.ok);
      expect(baselineIo.text()).toContain('No breach of the legal baseline found');
    }
  }, 300_000);
});

describe('policylens CLI errors', () => {
  let storefront: Storefront;
  let outDir: string;

  beforeAll(async () => {
    storefront = await startStorefront({ variant: 'clean' });
    outDir = mkdtempSync(path.join(tmpdir(), 'policylens-cli-err-'));
  });

  afterAll(async () => {
    await storefront?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('reports a page that cannot be reached, finishes the batch, and exits 3', async () => {
    // localhost is excluded from the host mapping: a port nobody listens on refuses the connection.
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const deadUrl = `http://localhost:${closedPort}/`;
    const io = capture();
    const code = await main(
      [URL_UNDER_TEST, deadUrl, '--extension', DIST, ...browserArgs(storefront), '--out', outDir, '--format', 'json', '--settle', '0', '--timeout', '30000'],
      io,
    );
    expect(code, io.text()).toBe(EXIT.pageErrors);
    const run = JSON.parse(readFileSync(path.join(outDir, 'policylens-run.json'), 'utf8')) as {
      results: Array<{ url: string; ok: boolean; error: string | null }>;
    };
    expect(run.results.find((r) => r.url === URL_UNDER_TEST)?.ok).toBe(true);
    expect(run.results.find((r) => r.url === deadUrl)?.error).toMatch(/connection refused/);
    expect(io.text()).toMatch(/ERROR: connection refused/);
  }, 300_000);

  it('reports a certificate the browser refuses as a TLS error', async () => {
    // Without --ignore-certificate-errors the fixture's self-signed certificate is refused.
    const io = capture();
    const tlsOut = path.join(outDir, 'tls');
    const code = await main(
      [
        URL_UNDER_TEST,
        '--extension',
        DIST,
        `--browser-arg=--host-resolver-rules=${storefront.hostResolverRules}`,
        '--out',
        tlsOut,
        '--format',
        'json',
        '--settle',
        '0',
        '--timeout',
        '20000',
      ],
      io,
    );
    expect(code, io.text()).toBe(EXIT.pageErrors);
    expect(io.text()).toMatch(/TLS error/);
  }, 300_000);

  it('audits with a policy model file imported into the extension through --policy', async () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../src/core/policy/models/connox.yaml'), 'utf8');
    const file = path.join(outDir, 'connox-cli-test.yaml');
    writeFileSync(file, source.replace(/^id: connox$/m, 'id: connox-cli-test'));
    const policyOut = path.join(outDir, 'policy');
    const io = capture();
    const code = await main(
      [URL_UNDER_TEST, '--policy', file, '--extension', DIST, ...browserArgs(storefront), '--out', policyOut, '--format', 'json', '--settle', '0'],
      io,
    );
    expect(code, io.text()).toBe(EXIT.ok);
    const result = JSON.parse(readFileSync(path.join(policyOut, `${fileStem(URL_UNDER_TEST, 'none')}.json`), 'utf8')) as {
      evidence: { report: { policy: { id: string; origin: string } } };
    };
    expect(result.evidence.report.policy).toMatchObject({ id: 'connox-cli-test', origin: 'user' });
  }, 300_000);

  it('refuses bad arguments with exit 2 before starting a browser', async () => {
    expect(await main(['--consent', 'maybe', URL_UNDER_TEST], capture())).toBe(EXIT.usage);
    expect(await main(['--shard', '3/2', URL_UNDER_TEST], capture())).toBe(EXIT.usage);
    expect(await main(['--fail-on', 'terrible', URL_UNDER_TEST], capture())).toBe(EXIT.usage);
    expect(await main(['--browser', '/nonexistent/chrome', URL_UNDER_TEST], capture())).toBe(EXIT.usage);
  });

  it('prints policy errors located by file, line and column', async () => {
    const bad = path.join(outDir, 'bad-policy.yaml');
    writeFileSync(bad, 'id: broken\nshop:\n  name: [unclosed\n');
    const io = capture();
    expect(await main(['--policy', bad, URL_UNDER_TEST], io)).toBe(EXIT.usage);
    expect(io.text()).toMatch(/bad-policy\.yaml:\d+:\d+/);
  });
});

describe('policylens CLI on a shop that tracks only in the seconds after "reject all"', () => {
  const live = liveRun('refusal-window', 'reject', ['--format', 'json,html,sarif,junit', '--fail-on', 'critical']);

  it('counts the visit in which the choice was made: --fail-on critical exits 1', () => {
    expect(live.code, live.output).toBe(EXIT.failOn);
  });

  it('reports the tracking after the click as after refusal, seen only in the choice visit, in every output', () => {
    const result = readResult(live.outDir, 'reject');
    const report = result.evidence.report;
    const after = report.findings.filter((f) => f.ruleId === 'tracking-after-refusal');
    expect(after.length, live.output).toBeGreaterThan(0);
    for (const f of after) expect(f.parts).toEqual(['choice']);
    expect(report.scenario?.parts.map((p) => p.part)).toEqual(['choice', 'reload']);
    expect(report.scenario?.actions).toMatchObject([{ action: 'refuse', ok: true }]);
    expect(report.summary.bySeverity.critical).toBeGreaterThan(0);
    // The refusal applies from the click: the visitor's action is on the consent timeline.
    expect(report.consent.timeline.some((o) => o.source === 'visitor-action')).toBe(true);
    // Sealed: the bundle holds both visits' logs.
    expect(verifyEvidenceBundle(JSON.stringify(result.evidence)).ok).toBe(true);
    expect((result.evidence as unknown as { choiceVisitObservations?: { requests: unknown[] } }).choiceVisitObservations?.requests.length).toBeGreaterThan(0);
    // The table, the HTML report, SARIF and JUnit all carry it with its part.
    expect(live.output).toMatch(/Critical\s+tracking-after-refusal\s+\S.*\s+choice\s/);
    const html = readFileSync(path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'reject')}.html`), 'utf8');
    expect(html).toContain('Seen in: the visit in which the choice was made');
    const sarif = JSON.parse(readFileSync(path.join(live.outDir, 'policylens.sarif'), 'utf8'));
    const results = sarif.runs[0].results as Array<{ ruleId: string; properties: { parts: string[] | null } }>;
    expect(results.some((r) => r.ruleId === 'tracking-after-refusal' && r.properties.parts?.includes('choice'))).toBe(true);
    const junit = readFileSync(path.join(live.outDir, 'policylens.junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase [^>]*name="tracking-after-refusal"[^>]*>\s*<failure /);
  });

  it('keeps counting it when the saved result is re-audited', async () => {
    const saved = path.join(live.outDir, `${fileStem(URL_UNDER_TEST, 'reject')}.json`);
    expect(await main(['reaudit', saved, '--fail-on', 'critical', '--lang', 'en'], capture())).toBe(EXIT.failOn);
  });
});

describe('policylens CLI on a shop whose banner hides "reject" behind its settings', () => {
  const live = liveRun('reject-in-settings', 'reject,accept', ['--format', 'json', '--concurrency', '2']);

  it('reads the first layer before the choice and reports that refusing takes more than accepting, on the law, in both scenarios', () => {
    expect(live.code, live.output).toBe(EXIT.ok);
    for (const scenario of ['reject', 'accept']) {
      const result = readResult(live.outDir, scenario);
      // autoconsent still refuses (through Cookiebot's API, as no reject button is visible): it cannot tell the effort.
      expect(result.consent.applied, `${scenario}: ${result.consent.detail}`).toBe(true);
      expect(result.consent.steps).toContain('first layer: 1 accept, 0 reject, 1 settings button(s)');
      const report = result.evidence.report;
      expect(report.scenario?.actions[0]?.firstLayer).toEqual({ cmp: 'Cybotcookiebot', accept: 1, reject: 0, settings: 1 });
      const violations = report.findings.filter((f) => f.kind === 'violation');
      // The shop is the clean one otherwise: the banner is its only violation.
      expect(
        violations.map((f) => [f.ruleId, f.severity, f.grounds]),
        scenario,
      ).toEqual([['refusal-harder-than-accepting', 'medium', 'legal-baseline']]);
      expect(violations[0]?.clause?.section).toBe('Article 7(3)');
      expect(violations[0]?.parts).toEqual(['choice']);
    }
  });
});
