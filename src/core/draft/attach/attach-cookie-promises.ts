import { DRAFT_LANGUAGES, LEXICONS } from '../lexicon/lexicons.ts';
import { extractStorageKeys } from '../extract-storage-keys.ts';
import { categoryOfText } from './category-of-text.ts';
import type { Analysed, DraftContext } from './draft-context.ts';

function firstMatch(ctx: DraftContext, a: Analysed, pick: (l: (typeof LEXICONS)[keyof typeof LEXICONS]) => RegExp): RegExpExecArray | null {
  for (const lang of [ctx.language, ...DRAFT_LANGUAGES.filter((l) => l !== ctx.language)]) {
    const m = pick(LEXICONS[lang]).exec(a.s.text);
    if (m) return m;
  }
  return null;
}

/**
 * Promises about cookies the text makes, each with its sentence: first-party only ("we only
 * use our own cookies", for the section's category when the section names one) and a
 * service's no-cookies promise ("Friendly Captcha setzt keine Cookies").
 */
export function attachCookiePromises(ctx: DraftContext): void {
  for (const a of ctx.body) {
    if (a.s.tableRow) continue;
    const firstParty = firstMatch(ctx, a, (l) => l.firstPartyOnly);
    if (firstParty) {
      const kind = categoryOfText(`${ctx.sectionTitle(a.s)} ${a.s.text}`, ctx.language);
      const categoryId = kind ? ctx.category(kind, a) : null;
      const modelPath = ctx.promise({ kind: 'first-party-only', categoryId, source: ctx.source(a.s), checkable: true });
      ctx.claim(
        a.s,
        { start: firstParty.index, end: firstParty.index + firstParty[0].length },
        {
          extractor: 'promise',
          promise: 'first-party-only',
          confidence: 0.7,
          modelPath,
        },
      );
    }
    const noCookies = firstMatch(ctx, a, (l) => l.noCookies);
    const at = noCookies ? ctx.processorAt(a) : null;
    if (noCookies && at) {
      const keys = extractStorageKeys(a.s.text, ctx.index.knownKeyNames).map((k) => k.name);
      const modelPath = ctx.promise({
        kind: 'no-cookies',
        processorId: at.model.id,
        allowedStorageKeys: keys,
        noPersistentStorage: false,
        source: ctx.source(a.s),
        checkable: true,
      });
      ctx.claim(
        a.s,
        { start: noCookies.index, end: noCookies.index + noCookies[0].length },
        {
          extractor: 'promise',
          promise: 'no-cookies',
          confidence: 0.7,
          modelPath,
        },
      );
    }
  }
}
