import type { PolicyPromise, Processor } from '../../policy/schema.ts';
import type { Vendor } from '../../vendors/schema.ts';
import { extractSessionEnd } from '../extract-durations.ts';
import { extractArticleCitations } from '../extract-legal-bases.ts';
import { extractStorageKeys } from '../extract-storage-keys.ts';
import { LEXICONS } from '../lexicon/lexicons.ts';
import { tokenize } from '../tokenize.ts';
import { withVendorNames } from './attach-storage-keys.ts';
import { COOKIE_WORD_RE } from './cookie-word.ts';
import type { DraftAssembly, DraftContext } from './draft-context.ts';

const RETENTION_CUE_RE =
  /bewaa?r|opgeslagen|opslag|verwijder|gewist|wissen|aufbewahr|gespeichert|speicher|lösch|retain|retention|\bstore|delet|erase|\bkept\b|\bkeep|remov/i;
const THIRD_PARTY_CUE_RE = /partner|derde(?:n|partij)?\b|third[- ]part|drittanbieter|dritt/i;
const FIRST_PARTY_CUE_RE = /\beigen\b|\beigene[nm]?\b|\bown\b|first[- ]party|\bonze eigen\b/i;
const RIGHT_OF_ARTICLE: Readonly<Record<number, 'access' | 'rectification' | 'erasure' | 'restriction' | 'portability' | 'object' | 'complaint'>> = {
  15: 'access',
  16: 'rectification',
  17: 'erasure',
  18: 'restriction',
  20: 'portability',
  21: 'object',
  77: 'complaint',
};
const CONSENT_TOOLS: Readonly<Record<string, 'cookiebot' | 'onetrust' | 'usercentrics' | 'didomi'>> = {
  cookiebot: 'cookiebot',
  onetrust: 'onetrust',
  usercentrics: 'usercentrics',
  didomi: 'didomi',
};

export function attachPromises(ctx: DraftAssembly, processors: ReadonlyArray<{ vendor: Vendor | null; model: Processor }>): void {
  const add = (p: PolicyPromise) => ctx.promise(p);
  for (const a of ctx.body) {
    const prev = ctx.analysed[a.s.index - 1];
    const before = prev && !prev.s.heading && prev.s.top === a.s.top ? prev.s.text : '';
    const cookieCue = COOKIE_WORD_RE.test(a.s.text) || COOKIE_WORD_RE.test(before);
    const retentionCue = RETENTION_CUE_RE.test(a.s.text) || RETENTION_CUE_RE.test(before);
    const at = ctx.processorAt(a);
    // A duration in a table row or next to a named cookie is that cookie's lifetime (read by
    // the table and storage-key attachers), never a limit for the site or a processor.
    const namesKey = a.s.tableRow || (a.durations.length > 0 && withVendorNames(ctx, a, extractStorageKeys(a.s.text, ctx.index.knownKeyNames)).length > 0);
    for (const d of a.durations) {
      const use = cookieCue ? 'cookie-lifetime' : retentionCue ? 'retention' : 'other';
      let modelPath: string | null = null;
      let note: string | undefined;
      if (use === 'cookie-lifetime' && namesKey) {
        note = 'lifetime of the cookie the sentence names';
      } else if (use === 'cookie-lifetime') {
        const paragraphText = ctx.body
          .filter((x) => x.s.paragraph === a.s.paragraph && x.s.index <= a.s.index)
          .map((x) => x.s.text)
          .join(' ');
        const scope = at ? 'processor' : THIRD_PARTY_CUE_RE.test(paragraphText) ? 'third-party' : firstPartyCue(ctx, a.s.text) ? 'first-party' : 'all';
        note = `scope ${scope}`;
        // A limit for every cookie needs a sentence that says so ("no cookie lives longer than …").
        const siteWide = ctx.lexicon.siteWideLimit.test(a.s.text) || LEXICONS.en.siteWideLimit.test(a.s.text);
        if (scope === 'all' && !siteWide) note = 'no site-wide sentence: listed for review only';
        else
          modelPath = add({
            kind: 'max-cookie-lifetime',
            scope,
            ...(scope === 'processor' && at ? { ref: at.model.id } : {}),
            maxDays: d.days,
            asWritten: d.text,
            source: ctx.source(a.s),
            checkable: true,
          });
      } else if (use === 'retention') {
        modelPath = add({
          kind: 'retention',
          subject: ctx.sectionTitle(a.s),
          period: d.text,
          periodDays: d.days,
          ...(at ? { processorId: at.model.id } : {}),
          source: ctx.source(a.s),
          checkable: false,
        });
      }
      ctx.claim(a.s, d, {
        extractor: 'duration',
        use,
        days: d.days,
        bound: d.bound,
        confidence: use === 'other' ? 0.3 : 0.75,
        modelPath,
        ...(note ? { note } : {}),
      });
    }
    const end = cookieCue ? extractSessionEnd(a.s.text) : null;
    if (end && end.deletedWhen !== 'session' && /cookie/i.test(a.s.text + before)) {
      add({ kind: 'session-cookies-expire', scope: 'all', deletedWhen: end.deletedWhen, source: ctx.source(a.s), checkable: true });
    }
    for (const c of extractArticleCitations(a.s.text)) {
      const right = c.article === 7 && c.paragraph === 3 ? 'withdraw-consent' : RIGHT_OF_ARTICLE[c.article];
      if (!right || (c.law !== null && !/AVG|DSGVO|DS-GVO|GDPR|RGPD|Verordening|Grundverordnung|Regulation/i.test(c.law))) continue;
      const modelPath = add({ kind: 'data-subject-right', right, article: c.text, source: ctx.source(a.s), checkable: false });
      ctx.claim(a.s, c, { extractor: 'data-subject-right', article: c.article, confidence: 0.7, modelPath });
    }
  }
  for (const p of processors) {
    const model = p.model;
    const tool =
      p.vendor && p.vendor.category === 'consent' ? (CONSENT_TOOLS[p.vendor.id] ?? CONSENT_TOOLS[p.vendor.organisation.toLowerCase()] ?? 'other') : null;
    if (tool) add({ kind: 'consent-tool', tool, processorId: model.id, source: model.source, checkable: true });
  }
  const consentMode = ctx.body.find((a) => /consent mode/i.test(a.s.text));
  if (consentMode) {
    const gtm = processors.find((p) => p.vendor?.id === 'google-tag-manager');
    add({
      kind: 'consent-mechanism',
      mechanism: 'google-consent-mode',
      ...(gtm ? { processorId: gtm.model.id } : {}),
      source: ctx.source(consentMode.s),
      checkable: true,
    });
  }
  const tcf = ctx.body.find((a) => /\bTCF\b|transparency (?:&|and) consent framework/i.test(a.s.text));
  if (tcf) add({ kind: 'consent-mechanism', mechanism: 'iab-tcf', source: ctx.source(tcf.s), checkable: true });
  // General statements on third-country safeguards, outside any processor's sentences.
  for (const a of ctx.body) {
    if (a.transfer.safeguards.length === 0 || ctx.claims.some((c) => c.extractor === 'transfer' && c.sentenceStart === a.s.start)) continue;
    const modelPath = add({ kind: 'other', topic: 'third-country-safeguards', source: ctx.source(a.s), checkable: false });
    const first = a.transfer.safeguards[0] as { start: number; end: number };
    ctx.claim(a.s, first, {
      extractor: 'transfer',
      safeguards: a.transfer.safeguards.map((s) => s.safeguard),
      countries: a.transfer.countries.map((c) => c.code),
      thirdCountry: a.transfer.thirdCountry,
      confidence: 0.7,
      modelPath,
    });
  }
}

function firstPartyCue(ctx: DraftContext, text: string): boolean {
  return FIRST_PARTY_CUE_RE.test(text) || tokenize(text).some((t, i, all) => ctx.shopTokens.has(t.lower) && all[i + 1]?.lower !== 'gmbh');
}
