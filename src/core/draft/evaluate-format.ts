import { CLAIM_KINDS, CORPUS_TARGETS, type ClaimKind, type CorpusReport, type Tally } from './evaluate.ts';

/** The drafting benchmark's figures as plain-text (markdown) tables: per claim kind, per language, per page, then the misses. */

const KIND_TITLE: Record<ClaimKind, string> = {
  processors: 'processors',
  lifetimes: 'lifetimes',
  legalBases: 'legal bases',
  consent: 'consent',
  transfers: 'transfers',
};

const pr = (t: Tally) => `${t.precision.toFixed(2)} / ${t.recall.toFixed(2)}`;
const counts = (t: Tally) => `${t.truePositives}/${t.falsePositives}/${t.falseNegatives}`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function formatCorpusReport(report: CorpusReport): string {
  const byKind = table(
    ['claim kind', 'TP/FP/FN', 'precision', 'recall', 'target P / R', 'met'],
    [
      ...CLAIM_KINDS.map((k) => {
        const t = report.byKind[k];
        return [
          KIND_TITLE[k],
          counts(t),
          t.precision.toFixed(3),
          t.recall.toFixed(3),
          `${CORPUS_TARGETS[k].precision} / ${CORPUS_TARGETS[k].recall}`,
          t.meetsTarget ? 'yes' : 'no',
        ];
      }),
      ['all kinds', counts(report.overall), report.overall.precision.toFixed(3), report.overall.recall.toFixed(3), '', ''],
    ],
  );
  const kindHeader = CLAIM_KINDS.map((k) => `${KIND_TITLE[k]} P / R`);
  const byLanguage = table(
    ['language', 'pages', ...kindHeader],
    report.byLanguage.map((l) => [l.language, String(l.pages), ...CLAIM_KINDS.map((k) => pr(l.kinds[k]))]),
  );
  const byPage = table(
    ['page', 'read as', ...kindHeader, 'traps sprung'],
    report.pages.map((p) => [p.id, p.draftLanguage, ...CLAIM_KINDS.map((k) => pr(p.kinds[k])), `${p.traps.filter((t) => t.sprung).length}/${p.traps.length}`]),
  );
  const details = report.pages.flatMap((p) => {
    const lines = CLAIM_KINDS.flatMap((k) => {
      const s = p.kinds[k];
      return [
        ...(s.missed.length ? [`  ${KIND_TITLE[k]} missed: ${s.missed.join(', ')}`] : []),
        ...(s.spurious.length ? [`  ${KIND_TITLE[k]} spurious: ${s.spurious.join(', ')}`] : []),
      ];
    });
    const traps = p.traps.filter((t) => t.sprung).map((t) => `  trap (${t.kind}) "${t.quote}": ${t.detail}`);
    return lines.length || traps.length ? [`${p.id}:`, ...lines, ...traps] : [];
  });
  return [
    `Drafting benchmark: ${report.pages.length} pages; aggregates over the ${report.pages.filter((p) => !p.seed).length} pages the rules were not written on (${report.byLanguage.length} languages); traps sprung ${report.traps.sprung}/${report.traps.total}`,
    '',
    ...byKind,
    '',
    ...byLanguage,
    '',
    ...byPage,
    '',
    ...details,
  ].join('\n');
}
