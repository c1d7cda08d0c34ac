import { describe, expect, it } from 'vitest';
import { boundEvidence, MAX_EVIDENCE_PER_FINDING } from '../../../src/core/audit/evidence';
import type { EvidenceItem } from '../../../src/core/audit/report-types';
import { finding, FindingGroups, type FindingDraft } from '../../../src/core/audit/rule';
import { NO_CHOICE } from '../../../src/core/consent/consent-state';

const item = (at: number): EvidenceItem => ({
  type: 'storage-key',
  area: 'localStorage',
  key: `k${at}`,
  origin: 'https://a.example',
  frame: { frameId: 0, kind: 'top', url: null },
  at,
  consent: NO_CHOICE,
});

const draft = (over: Partial<FindingDraft> = {}): FindingDraft => ({
  ruleId: 'r',
  subjectKey: 's',
  severity: 'high',
  message: { code: 'declared-not-observed', params: { processor: 'P' } },
  subject: { kind: 'vendor', label: 'L', vendorId: null, processorId: null },
  evidence: [],
  clause: null,
  ...over,
});

describe('finding()', () => {
  it('builds a stable id from rule and subject, defaults to a violation', () => {
    expect(finding(draft())).toMatchObject({
      id: 'r:s',
      kind: 'violation',
      evidenceOmitted: 0,
      absence: null,
      attribution: { vendorName: null, confidence: null, basis: null },
    });
  });

  it('keeps the absence text only when there is no clause', () => {
    const clause = { quote: 'q', section: 's', document: 'd', origin: 'policy-text', language: 'en' };
    const absence = { code: 'no-model-installed', params: {} } as const;
    expect(finding(draft({ absence })).absence).toEqual(absence);
    expect(finding(draft({ absence, clause })).absence).toBeNull();
  });

  it('never names an unknown actor as a vendor', () => {
    const actor = {
      key: 'site:x.io',
      kind: 'unknown' as const,
      name: 'x.io',
      vendor: null,
      processors: [],
      source: 'unknown' as const,
      organisation: null,
      legalEntity: null,
      country: null,
      consentCategory: 'unknown' as const,
    };
    expect(finding(draft({ actor })).attribution.vendorName).toBeNull();
  });
});

describe('boundEvidence / FindingGroups', () => {
  it('keeps the earliest items and counts the rest', () => {
    const items = Array.from({ length: MAX_EVIDENCE_PER_FINDING + 3 }, (_, i) => item(1000 - i));
    const { evidence, evidenceOmitted } = boundEvidence(items);
    expect(evidence).toHaveLength(MAX_EVIDENCE_PER_FINDING);
    expect(evidenceOmitted).toBe(3);
    expect(evidence[0]!.at).toBe(1000 - (MAX_EVIDENCE_PER_FINDING + 2));
    expect(boundEvidence([])).toEqual({ evidence: [], evidenceOmitted: 0 });
  });

  it('creates one draft per key and only adds evidence afterwards', () => {
    const groups = new FindingGroups();
    let created = 0;
    const create = () => {
      created += 1;
      return draft({ subjectKey: 'a' });
    };
    const lazy = (at: number) => ({ at, make: () => item(at) });
    groups.add('a', lazy(2), create);
    groups.add('a', lazy(1), create);
    groups.add('b', lazy(3), () => draft({ subjectKey: 'b' }));
    expect(created).toBe(1);
    expect(groups.has('a')).toBe(true);
    const findings = groups.findings();
    expect(findings.map((f) => [f.id, f.evidence.map((e) => e.at)])).toEqual([
      ['r:a', [1, 2]],
      ['r:b', [3]],
    ]);
  });
});

describe('FindingGroups bounds evidence while grouping', () => {
  it('keeps the earliest sightings, makes evidence only for those, and counts the rest', () => {
    const groups = new FindingGroups();
    let made = 0;
    const lazy = (at: number) => ({ at, make: () => ((made += 1), item(at)) });
    const times = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    for (const at of times) groups.add('a', lazy(at), () => draft({ subjectKey: 'a' }));
    const [f] = groups.findings();
    expect(f?.evidence.map((e) => e.at)).toEqual(Array.from({ length: MAX_EVIDENCE_PER_FINDING }, (_, i) => i));
    expect(f?.evidenceOmitted).toBe(100 - MAX_EVIDENCE_PER_FINDING);
    expect(made).toBe(MAX_EVIDENCE_PER_FINDING);
  });

  it("addAll takes a host's time-ordered sightings and merges them with earlier ones", () => {
    const groups = new FindingGroups();
    let made = 0;
    const make = (at: number) => ((made += 1), item(at));
    const create = () => draft({ subjectKey: 'a' });
    // Host one: 1,000 sightings from t=500; host two: 30 from t=0, arriving later.
    groups.addAll(
      'a',
      Array.from({ length: 1000 }, (_, i) => 500 + i),
      (at) => at,
      make,
      create,
    );
    groups.add('a', { at: 505.5, make: () => make(505.5) }, create);
    groups.addAll(
      'a',
      Array.from({ length: 30 }, (_, i) => i * 10),
      (at) => at,
      make,
      create,
    );
    const [f] = groups.findings();
    const earliest = [...Array.from({ length: 30 }, (_, i) => i * 10), ...Array.from({ length: 1000 }, (_, i) => 500 + i), 505.5]
      .sort((a, b) => a - b)
      .slice(0, MAX_EVIDENCE_PER_FINDING);
    expect(f?.evidence.map((e) => e.at)).toEqual(earliest);
    expect(f?.evidenceOmitted).toBe(1031 - MAX_EVIDENCE_PER_FINDING);
    expect(made).toBe(MAX_EVIDENCE_PER_FINDING);
  });

  it('addItem drafts from the first item and makes evidence only for the kept ones', () => {
    const groups = new FindingGroups();
    const made: number[] = [];
    const drafted: number[] = [];
    for (let at = 100; at >= 1; at--) {
      groups.addItem(
        'a',
        at,
        at,
        (t) => (made.push(t), item(t)),
        (t) => (drafted.push(t), draft({ subjectKey: `first-${t}` })),
      );
    }
    const [f] = groups.findings();
    expect(drafted).toEqual([100]);
    expect(f?.id).toBe('r:first-100');
    expect(f?.evidence.map((e) => e.at)).toEqual(Array.from({ length: MAX_EVIDENCE_PER_FINDING }, (_, i) => i + 1));
    expect(f?.evidenceOmitted).toBe(100 - MAX_EVIDENCE_PER_FINDING);
    expect(made.sort((x, y) => x - y)).toEqual(Array.from({ length: MAX_EVIDENCE_PER_FINDING }, (_, i) => i + 1));
  });

  it('addAll with no sightings creates no finding', () => {
    const groups = new FindingGroups();
    groups.addAll(
      'a',
      [],
      (at: number) => at,
      item,
      () => draft(),
    );
    expect(groups.findings()).toEqual([]);
  });
});
