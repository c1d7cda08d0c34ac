import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { buildEvidenceBundle } from '../../../src/core/report/evidence-bundle.ts';
import { keyFingerprint, signingKeyFromSeed } from '../../../src/core/report/evidence-signature.ts';
import { verifyEvidence, type VerifyEvidenceResult } from '../../../src/core/report/verify-evidence.ts';
import type { RederiveDeps } from '../../../src/core/report/rederive-report.ts';
import { scenarioReport } from '../../../src/core/audit/scenario-report.ts';
import type { AuditReport } from '../../../src/core/audit/report-types.ts';
import { clicked, connox, run, T0, vendors, visit } from '../audit/build-visit.ts';

const HOTJAR = 'https://static.hotjar.com/c/hotjar-1.js?sv=7';
const META = 'https://connect.facebook.net/tr/?id=1&ev=PageView';
const NOW = T0 + 60_000;
const VERSION = { verifierVersion: '0.1.0' };
const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const OTHER_KEY = signingKeyFromSeed(new Uint8Array(32).fill(9));
const DEPS: RederiveDeps = { vendors: vendors(), bundledModel: (id) => (id === 'connox' ? connox() : null) };

/** A visit with violations: trackers before any choice, a cookie set by one of them. */
function trackedVisit(pageUrl = 'https://www.connox.nl/') {
  return visit(pageUrl)
    .cookiebotBanner(50)
    .request(HOTJAR, { at: 100, type: 'script' })
    .request(META, { at: 150, type: 'image' })
    .cookie('_hjSessionUser_1=x; Max-Age=31536000', { at: 200, host: 'www.connox.nl' });
}

function bundleOf(opts: { sign?: boolean; policyModel?: boolean } = {}) {
  const v = trackedVisit();
  const report = run(v, { now: NOW });
  return buildEvidenceBundle({
    report,
    observations: v.state,
    ...(opts.policyModel ? { policyModel: connox() } : {}),
    extensionVersion: '0.1.0',
    browserVersion: 'Chromium 156',
    createdAt: NOW + 1000,
    ...(opts.sign ? { signingKey: KEY } : {}),
  });
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a forger does after an edit: recompute the SHA-256 (the signature, if any, cannot be). */
function rehashed(b: Json): string {
  const { integrity, ...rest } = b;
  return JSON.stringify({ ...rest, integrity: { ...integrity, hash: bytesToHex(sha256(utf8ToBytes(canonicalize(rest)!))) } });
}

function edited(json: string, edit: (b: Json) => void): string {
  const b = JSON.parse(json) as Json;
  edit(b);
  return rehashed(b);
}

function problemOf(result: VerifyEvidenceResult): string {
  return result.ok ? 'ok' : result.problem.code;
}

describe('verifyEvidence', () => {
  it('accepts an untouched bundle after auditing its observations again (violations and all)', () => {
    const { json, bundle } = bundleOf();
    expect(bundle.report.summary.violations).toBeGreaterThan(0);
    expect(verifyEvidence(json, DEPS, VERSION)).toMatchObject({ ok: true, hash: bundle.integrity.hash, signedBy: null });
  });

  it('accepts a signed bundle, names its key and checks --expect-key', () => {
    const { json } = bundleOf({ sign: true, policyModel: true });
    const fingerprint = keyFingerprint(KEY.publicKey);
    expect(verifyEvidence(json, DEPS, VERSION)).toMatchObject({ ok: true, signedBy: fingerprint });
    expect(verifyEvidence(json, DEPS, { ...VERSION, expectKey: fingerprint }).ok).toBe(true);
    expect(problemOf(verifyEvidence(json, DEPS, { ...VERSION, expectKey: keyFingerprint(OTHER_KEY.publicKey) }))).toBe('other_key');
    expect(problemOf(verifyEvidence(bundleOf().json, DEPS, { ...VERSION, expectKey: fingerprint }))).toBe('unsigned_but_key_expected');
  });

  it('re-derives with the sealed model, not a bundled one of the same id', () => {
    const { json } = bundleOf({ policyModel: true });
    const noBundled: RederiveDeps = { ...DEPS, bundledModel: () => null };
    expect(verifyEvidence(json, noBundled, VERSION).ok).toBe(true);
    expect(problemOf(verifyEvidence(bundleOf().json, noBundled, VERSION))).toBe('model_unavailable');
    // A weakened sealed model (its processors dropped) no longer gives the recorded report.
    const weakened = edited(json, (b) => (b.policyModel.processors = []));
    expect(problemOf(verifyEvidence(weakened, noBundled, VERSION))).toBe('report_not_derived');
  });

  it('rejects a re-hashed bundle with a tampered finding, naming the finding and field', () => {
    const { json } = bundleOf();
    const forged = edited(json, (b) => (b.report.findings[0].severity = 'info'));
    const result = verifyEvidence(forged, DEPS, VERSION);
    expect(problemOf(result)).toBe('report_not_derived');
    const first = (JSON.parse(json) as Json).report.findings[0];
    expect(result.ok ? [] : result.differences).toContainEqual({ kind: 'finding_changed', id: first.id, ruleId: first.ruleId, fields: ['severity'] });
  });

  it('rejects a re-hashed bundle with all violations removed', () => {
    const { json, bundle } = bundleOf();
    const forged = edited(json, (b) => {
      b.report.findings = b.report.findings.filter((f: Json) => f.kind !== 'violation');
      b.report.summary.violations = 0;
    });
    const result = verifyEvidence(forged, DEPS, VERSION);
    expect(problemOf(result)).toBe('report_not_derived');
    const missing = result.ok ? [] : result.differences.filter((d) => d.kind === 'finding_missing');
    expect(missing).toHaveLength(bundle.report.findings.filter((f) => f.kind === 'violation').length);
    expect(result.ok ? [] : result.differences).toContainEqual({ kind: 'field_changed', field: 'summary' });
  });

  it('rejects a re-hashed bundle whose observation log was emptied and report kept', () => {
    const { json } = bundleOf();
    const forged = edited(json, (b) => {
      b.observations.requests = [];
      b.observations.cookies = {};
      b.observations.domains = {};
    });
    const result = verifyEvidence(forged, DEPS, VERSION);
    expect(problemOf(result)).toBe('report_not_derived');
    expect((result.ok ? [] : result.differences).some((d) => d.kind === 'finding_not_derived')).toBe(true);
  });

  it('rejects another shop, back-dated: unsigned by re-derivation, signed by the signature', () => {
    const YEAR = 365 * 86_400_000;
    const otherShop = (b: Json) => {
      b.report.page = { ...b.report.page, url: 'https://www.other-shop.nl/', host: 'www.other-shop.nl', site: 'other-shop.nl' };
      b.report.generatedAt -= YEAR;
      b.createdAt = new Date(b.report.generatedAt + 1000).toISOString();
    };
    const unsigned = verifyEvidence(edited(bundleOf().json, otherShop), DEPS, VERSION);
    expect(problemOf(unsigned)).toBe('report_not_derived');
    expect(unsigned.ok ? [] : unsigned.differences).toContainEqual({ kind: 'field_changed', field: 'page' });
    // The thorough forger moves the observations too, so re-derivation agrees; the signature does not.
    const thorough = (b: Json) => {
      otherShop(b);
      const fresh = trackedVisit('https://www.other-shop.nl/');
      b.observations = JSON.parse(JSON.stringify(fresh.state));
      b.report = JSON.parse(JSON.stringify(run(fresh, { now: b.report.generatedAt })));
    };
    expect(problemOf(verifyEvidence(edited(bundleOf({ sign: true }).json, thorough), DEPS, VERSION))).toBe('signature_invalid');
    // Re-signed with the forger's own key: caught by the expected fingerprint.
    const resigned = JSON.parse(bundleOf({ sign: true }).json) as Json;
    thorough(resigned);
    const { integrity: _drop, ...content } = resigned;
    const forgery = buildEvidenceBundle({ ...content, createdAt: Date.parse(content.createdAt), signingKey: OTHER_KEY } as never).json;
    expect(verifyEvidence(forgery, DEPS, VERSION).ok).toBe(true);
    expect(problemOf(verifyEvidence(forgery, DEPS, { ...VERSION, expectKey: keyFingerprint(KEY.publicKey) }))).toBe('other_key');
  });

  it('rejects a key written twice in one object, however it is escaped', () => {
    const { json } = bundleOf();
    const twice = json.replace(/"severity": "(\w+)"/, '"severity": "info", "severity": "$1"');
    expect(twice).not.toBe(json);
    expect(JSON.parse(twice)).toEqual(JSON.parse(json));
    expect(verifyEvidence(twice, DEPS, VERSION)).toMatchObject({ ok: false, problem: { code: 'duplicate_key', key: 'severity' } });
    const escaped = json.replace(/"severity": "(\w+)"/, '"sev\\u0065rity": "info", "severity": "$1"');
    expect(problemOf(verifyEvidence(escaped, DEPS, VERSION))).toBe('duplicate_key');
  });

  it('rejects, without throwing, a re-hashed bundle whose report or observations are not what they should be', () => {
    const { json } = bundleOf();
    const edits: Array<[(b: Json) => void, string]> = [
      [(b) => (b.report = null), 'report_unreadable'],
      [(b) => (b.report.findings = [null]), 'report_unreadable'],
      [(b) => delete b.report.generatedAt, 'report_unreadable'],
      [(b) => (b.observations = 'gone'), 'observations_unreadable'],
      [(b) => (b.report.policy = { id: 'no-such-model', origin: 'bundled' }), 'model_unavailable'],
    ];
    for (const [edit, code] of edits) expect(problemOf(verifyEvidence(edited(json, edit), DEPS, VERSION))).toBe(code);
  });

  it('rejects a byte-order mark', () => {
    expect(problemOf(verifyEvidence(`\uFEFF${bundleOf().json}`, DEPS, VERSION))).toBe('byte_order_mark');
  });

  it('rejects a lone surrogate, which UTF-8 cannot encode (readers replace it, each its own way)', () => {
    const { json } = bundleOf();
    const lone = json.replace('"browserVersion": "Chromium 156"', '"browserVersion": "Chromium \\ud800"');
    expect(lone).not.toBe(json);
    expect(problemOf(verifyEvidence(lone, DEPS, VERSION))).toBe('lone_surrogate');
    const paired = json.replace('"browserVersion": "Chromium 156"', '"browserVersion": "Chromium \\ud83d\\ude00"');
    expect(problemOf(verifyEvidence(paired, DEPS, VERSION))).toBe('hash_mismatch');
  });

  it('verifies a CLI result file, whose run is sealed and whose top-level copies must match it', () => {
    const v = trackedVisit();
    const report = run(v, { now: NOW });
    const run_ = {
      url: 'https://www.connox.nl/',
      finalUrl: 'https://www.connox.nl/',
      scenario: 'none',
      consent: null,
      durationMs: 1234,
      autoconsentVersion: '14.0.0',
    };
    const { bundle } = buildEvidenceBundle({ report, observations: v.state, run: run_, extensionVersion: '0.1.0', browserVersion: 'x', createdAt: NOW });
    const file = (over: Json = {}) => JSON.stringify({ format: 'policylens-audit', formatVersion: 1, ...run_, ...over, evidence: bundle });
    expect(verifyEvidence(file(), DEPS, VERSION).ok).toBe(true);
    expect(verifyEvidence(file({ scenario: 'reject' }), DEPS, VERSION)).toMatchObject({
      ok: false,
      problem: { code: 'unsealed_field_differs', field: 'scenario' },
    });
    // A result file from before the run was sealed: its scenario and consent are unsealed.
    const { bundle: unsealed } = buildEvidenceBundle({ report, observations: v.state, extensionVersion: '0.1.0', browserVersion: 'x', createdAt: NOW });
    const old = JSON.stringify({ format: 'policylens-audit', formatVersion: 1, ...run_, evidence: unsealed });
    expect(problemOf(verifyEvidence(old, DEPS, VERSION))).toBe('run_not_sealed');
  });

  it('re-derives a whole scenario: choice visit and reload merged with the recorded actions', () => {
    const choice = trackedVisit()
      .consent(clicked('refuse', T0 + 1000))
      .cookiebot('decline', 1100);
    const reload = visit().cookiebot('decline', 20).request(HOTJAR, { at: 100, type: 'script' });
    const actions = [{ action: 'refuse' as const, at: T0 + 1000, ok: true }];
    const merged: AuditReport = scenarioReport(
      [
        { part: 'choice', report: run(choice, { now: NOW }) },
        { part: 'reload', report: run(reload, { now: NOW }) },
      ],
      { name: 'reject', actions },
    );
    const make = () =>
      buildEvidenceBundle({
        report: merged,
        observations: reload.state,
        choiceVisitObservations: choice.state,
        extensionVersion: '0.1.0',
        browserVersion: 'x',
        createdAt: NOW,
      }).json;
    expect(verifyEvidence(make(), DEPS, VERSION).ok).toBe(true);
    const noChoice = edited(make(), (b) => delete b.choiceVisitObservations);
    expect(problemOf(verifyEvidence(noChoice, DEPS, VERSION))).toBe('report_not_derived');
  });
});
