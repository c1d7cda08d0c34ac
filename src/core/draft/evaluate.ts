import type { PolicyModel } from '../policy/schema.ts';
import type { Vendor } from '../vendors/schema.ts';
import type { DraftLanguage } from './detect-language.ts';
import { draftPolicy } from './draft-policy.ts';
import type { DraftPolicyInput } from './draft-types.ts';
import { draftItems, type LifetimeItem, type TransferItem, truthItems } from './evaluate-items.ts';
import type { PageTruth, Trap } from './evaluate-truth.ts';

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

// ---------------------------------------------------------------------------------------------
// The drafting benchmark: a corpus of pages with annotated ground truth (test/fixtures/drafting/).
// ---------------------------------------------------------------------------------------------

/** The claim kinds the benchmark scores, in table order. */
export const CLAIM_KINDS = ['processors', 'lifetimes', 'legalBases', 'consent', 'transfers'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** The issue's targets, on texts the rules were not written on. */
export const CORPUS_TARGETS: Record<ClaimKind, { precision: number; recall: number }> = {
  processors: { precision: 0.9, recall: 0.9 },
  lifetimes: { precision: 0.9, recall: 0.8 },
  legalBases: { precision: 0.8, recall: 0.8 },
  consent: { precision: 0.8, recall: 0.8 },
  transfers: { precision: 0.8, recall: 0.8 },
};

/** One benchmark page as the drafter gets it. */
export interface CorpusPage {
  truth: PageTruth;
  /** The page's plain-text flattening (what a browser's innerText gives). */
  text: string;
  /** The page's HTML, for a drafter that reads structure; null for texts that exist only as text (PDF extractions). */
  html: string | null;
}

export interface TrapResult {
  kind: Trap['kind'];
  quote: string;
  /** True when the draft fell into it. */
  sprung: boolean;
  detail: string;
}

export interface PageScore {
  id: string;
  /** The drafter's rules were written on this page: not in the aggregates. */
  seed: boolean;
  language: PageTruth['language'];
  layouts: PageTruth['layouts'];
  /** The language the drafter read the text as. */
  draftLanguage: string;
  kinds: Record<ClaimKind, Score>;
  traps: TrapResult[];
}

/** Counts only (aggregates over pages). */
export type Tally = Pick<Score, 'truePositives' | 'falsePositives' | 'falseNegatives' | 'precision' | 'recall'>;

export interface CorpusReport {
  /** Every page, seeds included. */
  pages: PageScore[];
  /** The aggregates below are over the pages that are not seeds. */
  byLanguage: Array<{ language: string; pages: number; kinds: Record<ClaimKind, Tally> }>;
  byKind: Record<ClaimKind, Tally & { meetsTarget: boolean }>;
  /** All kinds pooled. */
  overall: Tally;
  traps: { sprung: number; total: number };
}

/**
 * What the drafter reads of a page — the one place to change when the drafter takes a structured
 * document (headings, tables) instead of flattened text.
 */
export function draftInputOf(page: CorpusPage, vendors: readonly Vendor[]): DraftPolicyInput {
  return {
    text: page.text,
    vendors,
    language: 'auto',
    shop: { name: page.truth.shop.name, domains: page.truth.shop.domains },
    document: { id: 'policy', title: page.truth.shop.name },
  };
}

/** Drafts every page and scores the drafts. Throws when a draft fails: for a corpus page (non-empty text) that is a bug, not input. */
export function evaluateCorpus(pages: readonly CorpusPage[], vendors: readonly Vendor[]): CorpusReport {
  const scores = pages.map((page) => {
    const result = draftPolicy(draftInputOf(page, vendors));
    if (!result.ok) throw new Error(`${page.truth.id}: draftPolicy failed: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    return scoreDraft(page.truth, result.draft.model, result.draft.language);
  });
  return summarise(scores);
}

/** Scores one drafted model against a page's ground truth (the matching rules of the benchmark). */
export function scoreDraft(truth: PageTruth, model: PolicyModel, draftLanguage = model.shop.language): PageScore {
  const drafted = draftItems(model);
  const expected = truthItems(truth);
  const consentDrafted = truth.cookieConsent ? drafted.consent : new Set([...drafted.consent].filter((c) => !c.startsWith('cookie:')));
  return {
    id: truth.id,
    seed: truth.seed ?? false,
    language: truth.language,
    layouts: truth.layouts,
    draftLanguage,
    kinds: {
      processors: strict(score(new Set(truth.processors), drafted.processors)),
      lifetimes: strict(scoreLifetimes(truth.lifetimes, drafted.lifetimes)),
      legalBases: strict(score(expected.legalBases, drafted.legalBases)),
      consent: strict(score(expected.consent, consentDrafted)),
      transfers: strict(scoreTransfers(truth.transfers, drafted.transfers)),
    },
    traps: truth.traps.map((t) => checkTrap(t, model, drafted.processors)),
  };
}

/** Same lifetime within 2 % (month and year lengths differ between texts and drafter) or one minute. */
function sameDays(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.02 * Math.max(a, b), 1 / 1440);
}

/** `*` in a truth name stands for the variable part ("_ga_*"); a drafted pattern is tried on that stand-in. */
function sameCookie(truthName: string, item: LifetimeItem): boolean {
  if (!item.isPattern) return item.name.toLowerCase() === truthName.toLowerCase();
  try {
    return new RegExp(item.name).test(truthName.replace(/\*/g, 'ABC123'));
  } catch {
    return false;
  }
}

function scoreLifetimes(truth: Record<string, number>, drafted: readonly LifetimeItem[]): Score {
  const open = new Map(Object.entries(truth));
  const matched: string[] = [];
  const spurious: string[] = [];
  for (const item of drafted) {
    const hit = [...open].find(([name, days]) => sameCookie(name, item) && sameDays(days, item.days));
    if (hit) {
      open.delete(hit[0]);
      matched.push(`${hit[0]}=${hit[1]}`);
    } else spurious.push(`${item.name}=${round(item.days)}`);
  }
  return finish(matched.sort(), spurious.sort(), [...open].map(([n, d]) => `${n}=${d}`).sort());
}

function scoreTransfers(truth: PageTruth['transfers'], drafted: readonly TransferItem[]): Score {
  const open = [...truth];
  const matched: string[] = [];
  const spurious: string[] = [];
  for (const d of drafted) {
    const label = `${d.processor} ${d.country} ${d.mechanism}`;
    const at = open.findIndex((t) => t.processor === d.processor && t.country === d.country);
    if (at >= 0 && (open[at] as PageTruth['transfers'][number]).mechanisms.includes(d.mechanism)) {
      open.splice(at, 1);
      matched.push(label);
    } else if (at >= 0 || d.mechanism !== 'none-stated') {
      spurious.push(label);
    } // "none-stated" where the text says nothing about the transfer is the drafter's inference, not a claim of the text.
  }
  return finish(matched.sort(), spurious.sort(), open.map((t) => `${t.processor} ${t.country} ${t.mechanisms.join('|')}`).sort());
}

function checkTrap(trap: Trap, model: PolicyModel, processors: ReadonlySet<string>): TrapResult {
  const base = { kind: trap.kind, quote: trap.quote };
  switch (trap.kind) {
    case 'negation':
    case 'generic-word': {
      const hit = trap.notProcessors.filter((id) => processors.has(id));
      return { ...base, sprung: hit.length > 0, detail: hit.length ? `drafted ${hit.join(', ')}` : `none of ${trap.notProcessors.join(', ')} drafted` };
    }
    case 'own-company': {
      const name = trap.name.toLowerCase();
      const hit = model.processors.filter((p) => `${p.name} ${p.legalEntity ?? ''}`.toLowerCase().includes(name));
      return { ...base, sprung: hit.length > 0, detail: hit.length ? `drafted as processor ${hit.map((p) => p.id).join(', ')}` : `${trap.name} not drafted` };
    }
    case 'site-wide-limit': {
      const limits = [
        ...model.promises.flatMap((p) => (p.kind === 'max-cookie-lifetime' && p.scope !== 'processor' ? [p.maxDays] : [])),
        ...model.cookieCategories.flatMap((c) => (c.maxLifetimeDays !== null ? [c.maxLifetimeDays] : [])),
      ].filter((d) => sameDays(d, trap.days));
      return { ...base, sprung: limits.length > 0, detail: limits.length ? `drafted a limit of ${round(trap.days)} days beyond one cookie` : 'no such limit' };
    }
  }
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3);
}

function tally(scores: readonly Tally[]): Tally {
  const tp = scores.reduce((s, x) => s + x.truePositives, 0);
  const fp = scores.reduce((s, x) => s + x.falsePositives, 0);
  const fn = scores.reduce((s, x) => s + x.falseNegatives, 0);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: precisionOf(tp, fp, fn), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

function strict(s: Score): Score {
  return { ...s, precision: precisionOf(s.truePositives, s.falsePositives, s.falseNegatives) };
}

/** Nothing drafted where there was something to find is precision 0, not 1: silence is not precise. */
function precisionOf(tp: number, fp: number, fn: number): number {
  if (tp + fp === 0) return fn === 0 ? 1 : 0;
  return tp / (tp + fp);
}

function kindsOf(scores: readonly PageScore[]): Record<ClaimKind, Tally> {
  return Object.fromEntries(CLAIM_KINDS.map((k) => [k, tally(scores.map((s) => s.kinds[k]))])) as Record<ClaimKind, Tally>;
}

/** Aggregates leave out seed pages: the targets are for texts the rules were not written on. */
function summarise(pages: PageScore[]): CorpusReport {
  const unseen = pages.filter((p) => !p.seed);
  const kinds = kindsOf(unseen);
  const languages = [...new Set(unseen.map((p) => p.language))];
  const traps = unseen.flatMap((p) => p.traps);
  return {
    pages,
    byLanguage: languages.map((language) => {
      const of = unseen.filter((p) => p.language === language);
      return { language, pages: of.length, kinds: kindsOf(of) };
    }),
    byKind: Object.fromEntries(
      CLAIM_KINDS.map((k) => [
        k,
        { ...kinds[k], meetsTarget: kinds[k].precision >= CORPUS_TARGETS[k].precision && kinds[k].recall >= CORPUS_TARGETS[k].recall },
      ]),
    ) as CorpusReport['byKind'],
    overall: tally(CLAIM_KINDS.map((k) => kinds[k])),
    traps: { sprung: traps.filter((t) => t.sprung).length, total: traps.length },
  };
}
