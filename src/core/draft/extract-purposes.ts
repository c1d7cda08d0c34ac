/** A purpose clause ("om onze nieuwsbrieven te verzenden", "zur Analyse …", "to measure …"). */
export interface PurposeMatch {
  text: string;
  start: number;
  end: number;
}

const MAX_WORDS = 16;
const PURPOSE_RES: readonly RegExp[] = [
  // nl: "om … te <verb>" (optionally "en te <verb>"), "voor marketingdoeleinden", "met het oog op …"
  /\bom\s+((?:[^,.;:()]+?\s+)?te\s+[\p{L}-]+(?:\s+en\s+(?:te\s+)?[\p{L}-]+)?)/giu,
  /\bvoor\s+([\p{L}-]*doeleinden)\b/giu,
  /\bmet het oog op\s+([^,.;:()]+)/giu,
  // de: "um … zu <verb>", "zum Zweck der …", "für Marketingzwecke"
  /\bum\s+((?:[^,.;:()]+?\s+)?zu\s+[\p{L}-]+)/giu,
  /\bzu[mr]?\s+(Zweck(?:e|en)?\s+(?:der|des|von)\s+[^,.;:()]+)/giu,
  /\bfür\s+([\p{L}-]*[zZ]wecke)\b/giu,
  // en: "to <purpose verb> …", "for marketing purposes", "for the purpose of …"
  /\b(?:in order )?to\s+((?:analy[sz]e|measure|show|display|provide|improve|optimi[sz]e|send|process|evaluate|personali[sz]e|prevent|detect|protect|deliver|track|collect|offer|enable|ensure|handle|manage|recogni[sz]e|serve|target|retarget)\b[^,.;:()]*)/giu,
  /\bfor\s+((?:the\s+)?purposes?\s+of\s+[^,.;:()]+|[\p{L}-]+\s+purposes)/giu,
];

/** Purpose clauses in one sentence, in text order, each at most 16 words. */
export function extractPurposes(text: string): PurposeMatch[] {
  const out: PurposeMatch[] = [];
  for (const re of PURPOSE_RES) {
    for (const m of text.matchAll(re)) {
      const clause = (m[1] as string).trim();
      if (clause.split(/\s+/).length > MAX_WORDS) continue;
      const start = (m.index ?? 0) + m[0].indexOf(clause);
      if (out.some((o) => start < o.end && o.start < start + clause.length)) continue;
      out.push({ text: clause, start, end: start + clause.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
