import type { DraftContext } from './draft-context.ts';

// "IP-Anonymisierung", "anonymizeIp", "IP-adressen worden geanonimiseerd", "anonymisation de l'adresse IP", …
const IP_ANONYMISATION_RE =
  /anonymizeIp|\bIP[- ]?(?:anonymi[sz]ation|anonymisierung|anonimizzazione|anonimización|anonymisering)|\bIP[- ]address(?:es)? (?:is |are )?anonymi[sz]ed|\bIP-?adres(?:sen)?\b[^.]{0,40}\bgeanonimiseerd|\bIP-Adressen?\b[^.]{0,40}\banonymisiert|anonymisation de l['’]adresse IP|adresses? IP\b[^.]{0,30}\banonymisées?|anonimizzazione dell['’](?:indirizzo )?IP|anonimización de (?:la )?(?:dirección )?IP|IP-adresse[rn]?\b[^.]{0,30}\banonymiser/iu;

/** An IP-anonymisation promise, for the processor the sentence is about (GA's "anonymizeIp"). */
export function attachIpAnonymisation(ctx: DraftContext): void {
  for (const a of ctx.body) {
    const m = IP_ANONYMISATION_RE.exec(a.s.text);
    if (!m) continue;
    const at = ctx.processorAt(a);
    const modelPath = ctx.promise({ kind: 'ip-anonymisation', ...(at ? { processorId: at.model.id } : {}), source: ctx.source(a.s), checkable: at !== null });
    ctx.claim(a.s, { start: m.index, end: m.index + m[0].length }, { extractor: 'promise', promise: 'ip-anonymisation', confidence: 0.7, modelPath });
  }
}
