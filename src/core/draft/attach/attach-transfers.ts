import { EEA_COUNTRIES } from '../../countries/eea.ts';
import type { Safeguard, ThirdCountryTransfer } from '../../policy/schema.ts';
import { mainSafeguard } from '../extract-transfers.ts';
import type { Analysed, DraftContext, ProcessorDraft } from './draft-context.ts';
import { windowSentences } from './processor-sentences.ts';

export function transferFor(ctx: DraftContext, p: ProcessorDraft, own: readonly Analysed[], country: string | null, path: string): ThirdCountryTransfer | null {
  const sentences = p.anchorTop !== null ? own : windowSentences(ctx, p);
  const cited: Safeguard[] = [];
  const countries = new Set<string>();
  let sourceAt: Analysed | null = null;
  for (const a of sentences) {
    const t = a.transfer;
    const relevant = t.safeguards.length > 0 || ((t.thirdCountry || t.transferVerb) && t.countries.length > 0);
    if (!relevant) continue;
    for (const sg of t.safeguards) cited.push(sg.safeguard);
    for (const c of t.countries) countries.add(c.code);
    if (!sourceAt || (t.safeguards.length > 0 && sourceAt.transfer.safeguards.length === 0 && sourceAt.transfer.countries.length === 0)) sourceAt = a;
    const first = t.safeguards[0] ?? t.countries[0];
    ctx.claim(a.s, first ?? { start: 0, end: a.s.text.length }, {
      extractor: 'transfer',
      safeguards: t.safeguards.map((s) => s.safeguard),
      countries: t.countries.map((c) => c.code),
      thirdCountry: t.thirdCountry,
      confidence: t.safeguards.length > 0 ? 0.8 : 0.6,
      modelPath: `${path}.thirdCountryTransfer`,
    });
  }
  if (country !== null && !EEA_COUNTRIES.has(country)) countries.add(country);
  const main = mainSafeguard(cited);
  if (!sourceAt && countries.size === 0) return null;
  if (!sourceAt) {
    const s = ctx.analysed[p.entitySentence ?? [...p.mentionSentences.keys()][0] ?? 0] as Analysed;
    return {
      countries: [...countries],
      safeguard: 'none-stated',
      source: ctx.source(s.s),
      checkable: false,
      tension: 'The provider sits outside the EU/EEA, but the text names no transfer safeguard for it.',
    };
  }
  return {
    countries: [...countries],
    safeguard: main?.safeguard ?? 'none-stated',
    ...(main && main.alsoCited.length > 0 ? { alsoCited: main.alsoCited } : {}),
    source: ctx.source(sourceAt.s),
    checkable: false,
  };
}
