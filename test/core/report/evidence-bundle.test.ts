import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { buildEvidenceBundle, verifyEvidenceBundle } from '../../../src/core/report/evidence-bundle.ts';
import { connoxReport } from '../../fixtures/reports/connox-report.ts';

const OBSERVATIONS = { requests: [{ url: 'https://www.connox.nl/', startedAt: 1 }], cookies: [], note: 'ünïcødé €' };

function build() {
  return buildEvidenceBundle({
    report: connoxReport(),
    observations: OBSERVATIONS,
    extensionVersion: '0.1.0',
    browserVersion: 'Chromium 156',
    createdAt: Date.UTC(2025, 2, 14, 10, 0, 0),
  });
}

function reorderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorderKeys(v)]),
    );
  }
  return value;
}

describe('buildEvidenceBundle', () => {
  it('has the documented envelope', () => {
    const { bundle } = build();
    expect(bundle.format).toBe('policylens-evidence');
    expect(bundle.formatVersion).toBe(2);
    expect(bundle.createdAt).toBe('2025-03-14T10:00:00.000Z');
    expect(bundle.integrity.algorithm).toBe('SHA-256');
    expect(bundle.integrity.canonicalization).toBe('RFC8785');
    expect(bundle.integrity.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.observations).toEqual(OBSERVATIONS);
  });

  it('hashes SHA-256 over the RFC 8785 form of the bundle without its integrity field', () => {
    const { bundle } = build();
    const { integrity, ...rest } = bundle;
    expect(integrity.hash).toBe(bytesToHex(sha256(utf8ToBytes(canonicalize(rest) ?? ''))));
  });

  it('gives the same hash whatever the key order of its inputs', () => {
    const a = build().bundle.integrity.hash;
    const b = buildEvidenceBundle({
      report: reorderKeys(connoxReport()) as ReturnType<typeof connoxReport>,
      observations: reorderKeys(OBSERVATIONS),
      extensionVersion: '0.1.0',
      browserVersion: 'Chromium 156',
      createdAt: Date.UTC(2025, 2, 14, 10, 0, 0),
    }).bundle.integrity.hash;
    expect(b).toBe(a);
  });

  it('drops undefined fields before hashing, so the written file verifies', () => {
    const { json } = buildEvidenceBundle({
      report: connoxReport(),
      observations: { a: undefined, b: 1 },
      extensionVersion: '1',
      browserVersion: 'x',
      createdAt: 0,
    });
    expect(verifyEvidenceBundle(json).ok).toBe(true);
  });
});

describe('verifyEvidenceBundle', () => {
  it('accepts an untouched bundle and one re-serialised with other whitespace and key order', () => {
    const { json, bundle } = build();
    expect(verifyEvidenceBundle(json)).toMatchObject({ ok: true, hash: bundle.integrity.hash, signedBy: null });
    expect(verifyEvidenceBundle(JSON.stringify(reorderKeys(JSON.parse(json))))).toMatchObject({ ok: true, hash: bundle.integrity.hash });
  });

  it('detects tampering with the report, the observations or the metadata', () => {
    const { json } = build();
    // The parsed bundle, as far as these edits reach into it.
    type Bundle = {
      report: { summary: { violations: number }; findings: unknown[] };
      observations: { requests: Array<{ url: string }> };
      createdAt: string;
      extra?: boolean;
    };
    const edits: Array<(b: Bundle) => void> = [
      (b) => (b.report.summary.violations = 0),
      (b) => b.report.findings.pop(),
      (b) => (b.observations.requests[0]!.url = 'https://elsewhere.example/'),
      (b) => (b.createdAt = '2025-03-15T10:00:00.000Z'),
      (b) => (b.extra = true),
    ];
    for (const edit of edits) {
      const b = JSON.parse(json);
      edit(b);
      const result = verifyEvidenceBundle(JSON.stringify(b));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.code).toBe('hash_mismatch');
    }
  });

  it('rejects what is not a bundle, with a reason', () => {
    const cases = [
      'not json',
      '[]',
      '{"format":"other"}',
      JSON.stringify({ format: 'policylens-evidence', formatVersion: 3 }),
      JSON.stringify({ format: 'policylens-evidence', formatVersion: 1 }),
    ];
    for (const text of cases) {
      const result = verifyEvidenceBundle(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.code).toMatch(/^(not_json|not_object|wrong_format|unsupported_version|no_integrity)$/);
    }
    const b = JSON.parse(build().json);
    b.integrity.hash = 'XYZ';
    expect(verifyEvidenceBundle(JSON.stringify(b)).ok).toBe(false);
  });
});
