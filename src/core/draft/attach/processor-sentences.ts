import type { VendorPhraseIndex } from '../vendor-phrase-index.ts';
import type { Analysed, DraftContext, ProcessorDraft } from './draft-context.ts';

/**
 * A sentence that names other vendors and not this one is about them: its safeguards, bases
 * and consent are theirs, however close it stands ("LinkedIn … under SCCs. TikTok … China").
 * A company named for its group ("Google LLC is certified …") is about every product of it.
 */
export function aboutOthers(a: Analysed, p: ProcessorDraft, index: VendorPhraseIndex): boolean {
  const vendor = p.vendor;
  if (!vendor) return false;
  const sameGroup = (id: string) => id === vendor.id || index.vendorsById.get(id)?.organisation === vendor.organisation;
  let others = false;
  for (const m of a.mentions) {
    if ((m.vendorId !== null && sameGroup(m.vendorId)) || m.candidates.some(sameGroup)) return false;
    if (m.vendorId !== null || m.candidates.length > 0) others = true;
  }
  return others;
}

export function ownSentences(ctx: DraftContext, p: ProcessorDraft): Analysed[] {
  const indices = new Set(p.mentionSentences.keys());
  if (p.anchorTop !== null) for (const a of ctx.body) if (a.s.top === p.anchorTop && !aboutOthers(a, p, ctx.index)) indices.add(a.s.index);
  return [...indices]
    .sort((x, y) => x - y)
    .map((i) => ctx.analysed[i] as Analysed)
    .filter((a) => !a.s.heading);
}

/** Mention sentences and their neighbours in the same section: where loose mentions' bases sit. */
export function windowSentences(ctx: DraftContext, p: ProcessorDraft): Analysed[] {
  const indices = new Set<number>();
  for (const si of p.mentionSentences.keys()) {
    const top = ctx.analysed[si]?.s.top;
    for (const j of [si - 1, si, si + 1]) {
      const a = ctx.analysed[j];
      if (a && !a.s.heading && a.s.top === top && (j === si || !aboutOthers(a, p, ctx.index))) indices.add(j);
    }
  }
  return [...indices].sort((x, y) => x - y).map((i) => ctx.analysed[i] as Analysed);
}
