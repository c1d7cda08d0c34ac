import type { Analysed, DraftContext, ProcessorDraft } from './draft-context.ts';

export function purposesFor(ctx: DraftContext, p: ProcessorDraft, own: readonly Analysed[], path: string): string[] {
  const sentences = p.anchorTop !== null ? own.slice(0, 4) : own.filter((a) => p.mentionSentences.has(a.s.index));
  const out: string[] = [];
  for (const a of sentences) {
    for (const m of a.purposes) {
      if (out.length >= 4 || out.includes(m.text)) continue;
      out.push(m.text);
      ctx.claim(a.s, m, { extractor: 'purpose', purpose: m.text, confidence: 0.5, modelPath: `${path}.purposes[${out.length - 1}]` });
    }
  }
  return out;
}
