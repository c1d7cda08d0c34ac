import type { LegalBasis } from '../../policy/schema.ts';
import type { Analysed, DraftContext, ProcessorDraft } from './draft-context.ts';
import { ownSentences, windowSentences } from './processor-sentences.ts';

// A blanket legal-basis statement points forward: "De volgende … worden op grond van art. 6 …".
const FORWARD_CUE_RE =
  /\bde volgende\b|\bhieronder\b|\bnavolgende\b|\bdie folgenden\b|\bnachfolgend|\bim folgenden\b|\bthe following\b|\bbelow\b|\blisted below\b/i;

/**
 * Own citations first: the heading section's sentences for a heading processor, the
 * mention sentence and its neighbours otherwise. Only when there are none, a blanket
 * statement ("De volgende … op grond van art. 6 lid 1 zin 1 punt f AVG") applies to the
 * processors of its section and of the run of vendor sections that follows it.
 */
export function legalBasesFor(ctx: DraftContext, p: ProcessorDraft, path: string): LegalBasis[] {
  const candidates = p.anchorTop !== null ? ownSentences(ctx, p) : windowSentences(ctx, p);
  const out: LegalBasis[] = [];
  const push = (a: Analysed, basis: LegalBasis, local: { start: number; end: number }, confidence: number, note?: string) => {
    if (out.some((b) => b.article === basis.article && b.kind === basis.kind)) return;
    // A verbal consent next to a cited 6(1)(a) adds nothing.
    if (basis.article === null && out.some((b) => b.kind === basis.kind)) return;
    out.push(basis);
    ctx.claim(a.s, local, {
      extractor: 'legal-basis',
      article: basis.article,
      kind: basis.kind,
      confidence,
      modelPath: `${path}.legalBasis[${out.length - 1}]`,
      ...(note ? { note } : {}),
    });
  };
  for (const a of candidates) {
    for (const b of a.bases) push(a, { article: b.article, kind: b.kind, citation: b.citation, source: ctx.source(a.s) }, b, b.confidence, b.note);
  }
  for (const a of candidates) {
    for (const v of a.verbal)
      push(a, { article: null, kind: v.kind, citation: v.text, source: ctx.source(a.s) }, v, 0.6, 'legal basis named in words, no article');
    if (a.consent?.kind === 'basis') {
      push(a, { article: null, kind: 'consent', citation: a.consent.text, source: ctx.source(a.s) }, a.consent, 0.6, 'consent named as the basis, no article');
    }
  }
  if (out.length > 0) return out;
  const blanket = blanketFor(ctx, p);
  if (blanket) {
    for (const b of blanket.bases) {
      push(
        blanket,
        { article: b.article, kind: b.kind, citation: b.citation, source: ctx.source(blanket.s) },
        b,
        Math.min(b.confidence, 0.7),
        'from a statement covering the following services',
      );
    }
  }
  return out;
}

function blanketFor(ctx: DraftContext, p: ProcessorDraft): Analysed | null {
  const tops = new Set<number>();
  if (p.anchorTop !== null) tops.add(p.anchorTop);
  for (const si of p.mentionSentences.keys()) tops.add(ctx.analysed[si]?.s.top ?? -1);
  for (const a of ctx.body) {
    if (a.bases.length === 0 || !FORWARD_CUE_RE.test(a.s.text) || a.s.top < 0) continue;
    const scope = new Set<number>([a.s.top]);
    const tops1 = ctx.doc.sections.filter((s) => s.level === 1 && s.index > a.s.top).map((s) => s.index);
    for (const t of tops1) {
      const hasVendor = ctx.analysed.some((x) => x.s.top === t && x.mentions.some((m) => m.vendorId !== null));
      if (!hasVendor) break;
      scope.add(t);
    }
    if ([...tops].some((t) => scope.has(t))) return a;
  }
  return null;
}
