import type { PolicyModel } from '../policy/schema.ts';
import type { Vendor } from '../vendors/schema.ts';
import type { DraftLanguage } from './detect-language.ts';
import { draftPolicy } from './draft-policy.ts';

/** The quality bar for drafted processors (by vendor id). */
export const EXTRACTION_TARGETS = { processorsRecall: 0.95, processorsPrecision: 0.9 } as const;

export interface EvaluationInput {
  /** The policy text the reference model was written from. */
  text: string;
  /** The hand-written model, e.g. bundledModels()[0] (Connox). */
  reference: PolicyModel;
  vendors: readonly Vendor[];
  language?: DraftLanguage | 'auto';
}

/** Set comparison of extracted items with the reference. Precision/recall are 1 when there is nothing to get wrong. */
export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  matched: string[];
  /** In the reference, not extracted. */
  missed: string[];
  /** Extracted, not in the reference. */
  spurious: string[];
}

export interface EvaluationReport {
  /** Vendor ids of processors. */
  processors: Score & {
    /** Reference processors without a vendor id (not scored): recipient categories and unlisted companies. */
    outOfScope: string[];
    /** Unlisted companies (no vendor id) the draft names, and whether the reference names them too. */
    unlisted: Array<{ name: string; inReference: boolean }>;
  };
  /** Days of max-cookie-lifetime and retention promises, aligned by sentence. */
  retention: Score & {
    /** Extracted periods whose sentence the reference records without days (not scored). */
    unscored: string[];
  };
  /** Pairs "vendorId article" over all legal bases with an article. */
  legalBasesPerVendor: Score;
  /** Distinct articles cited in the legal bases of processors and cookie categories. */
  legalBasesOverall: Score;
  /** The scoring rules, for printing next to the figures. */
  rules: string[];
  meetsTargets: boolean;
}

const RULES = [
  'processors: set of vendorIds of the draft vs the reference; reference processors with vendorId null (recipient categories, companies outside the catalogue) are out of scope and listed separately',
  'retention: (kind, days) of max-cookie-lifetime.maxDays and retention.periodDays; a draft item counts when the reference has the same kind and days for an overlapping quote; a draft item whose sentence the reference records with periodDays null is unscored',
  'legal bases per vendor: set of "vendorId article" pairs from processors\' legalBasis entries whose article is not null (all processors of one vendor pooled)',
  'legal bases overall: set of distinct articles in legalBasis entries of processors and cookie categories',
];

/**
 * Runs the drafter on a policy text and scores it against a hand-written model of the same
 * text. Throws when the draft itself fails: for the bundled seed that is a bug, not input.
 */
export function evaluateExtraction(input: EvaluationInput): EvaluationReport {
  const result = draftPolicy({
    text: input.text,
    vendors: input.vendors,
    language: input.language ?? 'auto',
    shop: { name: input.reference.shop.name, domains: input.reference.shop.domains },
    document: { id: input.reference.documents[0]?.id ?? 'policy', title: input.reference.documents[0]?.title ?? 'Privacy policy' },
  });
  if (!result.ok) throw new Error(`draftPolicy failed: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const draft = result.draft.model;
  const ref = input.reference;

  const vendorIds = (m: PolicyModel) => new Set(m.processors.flatMap((p) => (p.vendorId ? [p.vendorId] : [])));
  const processors = score(vendorIds(ref), vendorIds(draft));
  const refNames = ref.processors.filter((p) => p.vendorId === null).map((p) => `${p.name} ${p.legalEntity ?? ''}`.toLowerCase());
  const unlisted = draft.processors
    .filter((p) => p.vendorId === null)
    .map((p) => {
      const head = p.name.toLowerCase().split(/\s+/)[0] ?? '';
      return { name: p.name, inReference: refNames.some((n) => n.includes(head)) };
    });

  const retention = scoreRetention(ref, draft);
  const pairs = (m: PolicyModel) =>
    new Set(m.processors.flatMap((p) => (p.vendorId ? p.legalBasis.flatMap((b) => (b.article ? [`${p.vendorId} ${b.article}`] : [])) : [])));
  const articles = (m: PolicyModel) =>
    new Set([...m.processors.flatMap((p) => p.legalBasis), ...m.cookieCategories.flatMap((c) => c.legalBasis)].flatMap((b) => (b.article ? [b.article] : [])));

  const report: EvaluationReport = {
    processors: { ...processors, outOfScope: ref.processors.filter((p) => p.vendorId === null).map((p) => `${p.id} (${p.kind})`), unlisted },
    retention,
    legalBasesPerVendor: score(pairs(ref), pairs(draft)),
    legalBasesOverall: score(articles(ref), articles(draft)),
    rules: RULES,
    meetsTargets: false,
  };
  report.meetsTargets =
    report.processors.recall >= EXTRACTION_TARGETS.processorsRecall && report.processors.precision >= EXTRACTION_TARGETS.processorsPrecision;
  return report;
}

function score(reference: ReadonlySet<string>, extracted: ReadonlySet<string>): Score {
  const matched = [...extracted].filter((x) => reference.has(x)).sort();
  const spurious = [...extracted].filter((x) => !reference.has(x)).sort();
  const missed = [...reference].filter((x) => !extracted.has(x)).sort();
  return finish(matched, spurious, missed);
}

function finish(matched: string[], spurious: string[], missed: string[]): Score {
  const tp = matched.length;
  return {
    truePositives: tp,
    falsePositives: spurious.length,
    falseNegatives: missed.length,
    precision: tp + spurious.length === 0 ? 1 : tp / (tp + spurious.length),
    recall: tp + missed.length === 0 ? 1 : tp / (tp + missed.length),
    matched,
    missed,
    spurious,
  };
}

interface PeriodItem {
  kind: 'lifetime' | 'retention';
  days: number | null;
  quote: string;
}

function periods(m: PolicyModel, withNullDays: boolean): PeriodItem[] {
  return m.promises.flatMap((p): PeriodItem[] => {
    if (p.kind === 'max-cookie-lifetime') return [{ kind: 'lifetime', days: p.maxDays, quote: p.source.quote }];
    if (p.kind === 'retention' && (p.periodDays !== null || (withNullDays && p.period !== null))) {
      return [{ kind: 'retention', days: p.periodDays, quote: p.source.quote }];
    }
    return [];
  });
}

function scoreRetention(ref: PolicyModel, draft: PolicyModel): EvaluationReport['retention'] {
  const reference = periods(ref, true);
  const scored = reference.filter((r) => r.days !== null);
  const used = new Set<PeriodItem>();
  const matched: string[] = [];
  const spurious: string[] = [];
  const unscored: string[] = [];
  for (const d of periods(draft, false)) {
    const label = `${d.kind} ${d.days} days`;
    const hit = scored.find(
      (r) => !used.has(r) && r.kind === d.kind && r.days !== null && Math.abs(r.days - (d.days ?? -1)) < 0.5 && quotesOverlap(r.quote, d.quote),
    );
    if (hit) {
      used.add(hit);
      matched.push(label);
    } else if (reference.some((r) => r.days === null && r.kind === d.kind && quotesOverlap(r.quote, d.quote))) {
      unscored.push(label);
    } else {
      spurious.push(label);
    }
  }
  const missed = scored.filter((r) => !used.has(r)).map((r) => `${r.kind} ${r.days} days`);
  return { ...finish(matched, spurious, missed), unscored };
}

/** Quotes overlap when one contains the other (parts split at " […] "), whitespace- and case-insensitively. */
export function quotesOverlap(a: string, b: string): boolean {
  const parts = (q: string) =>
    q
      .toLowerCase()
      .split('[…]')
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p.length >= 15);
  const pa = parts(a);
  const pb = parts(b);
  return pa.some((x) => pb.some((y) => x.includes(y) || y.includes(x)));
}

/** The report as a plain-text table with the scoring rules underneath. */
export function formatEvaluation(report: EvaluationReport): string {
  const row = (name: string, s: Score, extra = '') =>
    `| ${name.padEnd(22)} | ${String(s.truePositives).padStart(3)} | ${String(s.falsePositives).padStart(3)} | ${String(s.falseNegatives).padStart(3)} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${extra}`;
  const lines = [
    '| measure                |  TP |  FP |  FN | precision | recall | notes',
    '| ---------------------- | --- | --- | --- | --------- | ------ | -----',
    row(
      'processors (vendorId)',
      report.processors,
      `target P≥${EXTRACTION_TARGETS.processorsPrecision} R≥${EXTRACTION_TARGETS.processorsRecall}: ${report.meetsTargets ? 'met' : 'NOT met'}`,
    ),
    row('retention / lifetimes', report.retention, report.retention.unscored.length ? `unscored: ${report.retention.unscored.join(', ')}` : ''),
    row('legal bases per vendor', report.legalBasesPerVendor),
    row('legal bases overall', report.legalBasesOverall),
  ].map((l) => l.replace(/\| (\d\.\d{3}) \| (\d\.\d{3}) \|/, (_, p: string, r: string) => `| ${p.padEnd(9)} | ${r.padEnd(6)} |`));
  const detail = (name: string, s: Score) => [
    ...(s.missed.length ? [`${name} missed: ${s.missed.join(', ')}`] : []),
    ...(s.spurious.length ? [`${name} spurious: ${s.spurious.join(', ')}`] : []),
  ];
  return [
    ...lines,
    '',
    ...detail('processors', report.processors),
    ...detail('retention', report.retention),
    ...detail('legal bases per vendor', report.legalBasesPerVendor),
    ...detail('legal bases overall', report.legalBasesOverall),
    `out of scope (reference processors without vendorId): ${report.processors.outOfScope.length}`,
    `unlisted companies drafted: ${report.processors.unlisted.map((u) => `${u.name}${u.inReference ? '' : ' (not in reference)'}`).join(', ') || 'none'}`,
    '',
    'Rules:',
    ...report.rules.map((r) => `- ${r}`),
  ].join('\n');
}
