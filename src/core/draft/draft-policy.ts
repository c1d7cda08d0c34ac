import { policyModelSchema } from '../policy/schema.ts';
import type { Contact, CookieCategory, CookieClaim, PolicyModel, PolicyPromise, Processor, ProcessorRole, Source } from '../policy/schema.ts';
import type { Vendor } from '../vendors/schema.ts';
import { attachCategories } from './attach/attach-categories.ts';
import { attachCookiePromises } from './attach/attach-cookie-promises.ts';
import { attachCookieTables } from './attach/attach-cookie-tables.ts';
import { attachStorageKeys } from './attach/attach-storage-keys.ts';
import { attachIpAnonymisation } from './attach/attach-ip-anonymisation.ts';
import { categoryOfText } from './attach/category-of-text.ts';
import { legalBasesFor } from './attach/attach-legal-bases.ts';
import { CONTROLLER_RE, collectCompanyNamesAlone, collectProcessors, collectUnlistedCompanies } from './collect-processors.ts';
import { attachPromises } from './attach/attach-promises.ts';
import { purposesFor } from './attach/attach-purposes.ts';
import { transferFor } from './attach/attach-transfers.ts';
import { ownSentences } from './attach/processor-sentences.ts';
import { completeCategories } from './attach/complete-categories.ts';
import type { Analysed, ClaimFields, DraftAssembly, ProcessorDraft, ProcessorSlot } from './attach/draft-context.ts';
import { fileCookiesUnderConsent } from './attach/file-cookies-under-consent.ts';
import { isNegatedMention } from './attach/negated-mention.ts';
import { detectLanguage } from './detect-language.ts';
import { renderDocument } from './document/render-document.ts';
import { LEXICONS } from './lexicon/lexicons.ts';
import type { CategoryKind, DraftLanguage, DraftLexicon } from './lexicon/lexicon-types.ts';
import { recoverCellPerLineTables } from './tables/recover-cell-lines.ts';
import type { DraftPolicyInput, DraftPolicyResult, ExtractedClaim } from './draft-types.ts';
import { extractConsentStatement } from './extract-consent.ts';
import { extractDurations } from './extract-durations.ts';
import { extractLegalBases, extractVerbalBases } from './extract-legal-bases.ts';
import { extractLegalEntities } from './extract-legal-entities.ts';
import { extractPurposes } from './extract-purposes.ts';
import { extractTransferSignals } from './extract-transfers.ts';
import { findCountries } from './find-countries.ts';
import { segmentText } from './segment-text.ts';
import type { DocumentSentence, SegmentedDocument } from './segment-text.ts';
import { tokenize } from './tokenize.ts';
import { buildVendorPhraseIndex, findVendorMentions } from './vendor-phrase-index.ts';
import type { VendorMention, VendorPhraseIndex } from './vendor-phrase-index.ts';

const ROLE_CUES: ReadonlyArray<[RegExp, ProcessorRole]> = [
  [/gezamenlijk(?:e)? verantwoordelijk|gemeinsam(?:e|en)? verantwortlich|joint(?:ly)? controllers?|joint(?:ly)? responsible/i, 'joint-controller'],
  [
    /als (?:onze |een )?verwerker|in (?:onze |ons )?opdracht|auftragsverarbeit|in unserem auftrag|as (?:our |a )?(?:data )?processor|on our behalf/i,
    'processor',
  ],
  [
    /eigen verantwoordelijkheid|(?:zelf|zelfstandig) verantwoordelijk|is in het kader van de gegevensbescherming verantwoordelijk|verantwoordelijke partij|eigene[nr]? verantwortung|eigenständig verantwortlich|independent controller|own responsibility|controller in its own right/i,
    'independent-controller',
  ],
];
const DPO_RE = /functionaris (?:voor )?(?:de )?gegevensbescherming|datenschutzbeauftragte[rn]?|data protection officer|\bDPO\b/i;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;
const DEFINED_TERM_RE = /^\s*\(\s*(?:hierna|hereinafter|nachfolgend|im folgenden)?\s*:?\s*["'“„‘]([^"'”“’‘]{2,40})["'”’]\s*\)/iu;

const indexCache = new WeakMap<readonly Vendor[], VendorPhraseIndex>();

/**
 * Drafts a policy model from a privacy-policy text (Dutch, German or English).
 *
 * Deterministic: segmentation, a vendor phrase index over the catalogue and small grammars
 * for legal bases, durations, storage keys, transfers, consent and purposes; every claim in
 * the model quotes the sentence it came from, and `claims` lists every extraction with its
 * offsets and confidence so the options page can highlight and review them. The README in
 * this folder lists the attachment rules (which sentence's legal basis goes to which processor).
 */
export function draftPolicy(input: DraftPolicyInput): DraftPolicyResult {
  const rendered = input.page ? renderDocument(input.page) : null;
  // One cell per line (text copied from a table) becomes tab-separated rows, same offsets.
  const text = rendered ? rendered.text : typeof input.text === 'string' ? recoverCellPerLineTables(input.text) : '';
  if (text.trim() === '') {
    return { ok: false, issues: [{ path: input.page ? 'page' : 'text', message: 'the policy text is empty' }] };
  }
  const guessed = input.language === undefined || input.language === 'auto';
  const guess = guessed ? detectLanguage(text) : null;
  const language: DraftLanguage = guess ? guess.language : (input.language as DraftLanguage);
  const index = input.vendorIndex ?? cachedIndex(input.vendors);
  const doc = segmentText(text, language, rendered ? { headings: rendered.headings, lineBlocks: true } : {});
  if (guess && !guess.supported) return unsupported(doc, index, guess.other);
  const docId = slug(input.document?.id ?? 'policy') || 'policy';
  const docTitle = input.document?.title?.trim() || input.page?.title.trim() || doc.sections[0]?.title || 'Privacy policy';
  const shopTokens = new Set(tokenize(input.shop.name).map((t) => t.lower));

  const builder = new DraftBuilder(doc, index, docId, docTitle, language, shopTokens);
  const model = builder.build(input, language);
  const parsed = policyModelSchema.safeParse(model);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  return {
    ok: true,
    draft: {
      text,
      model: parsed.data,
      claims: builder.claims,
      language,
      languageDetected: guessed,
      sections: doc.sections.map((s) => ({ title: s.title, level: s.level, start: s.start, end: s.end })),
      sentenceCount: doc.sentences.length,
    },
  };
}

/** A language outside the eight: no claims are guessed, only the vendors named are listed. */
function unsupported(doc: SegmentedDocument, index: VendorPhraseIndex, detected: string | null): DraftPolicyResult {
  const vendors: Array<{ vendorId: string; name: string; sentence: string }> = [];
  for (const s of doc.sentences) {
    for (const m of findVendorMentions(index, s.text)) {
      if (m.vendorId === null || vendors.some((v) => v.vendorId === m.vendorId)) continue;
      vendors.push({ vendorId: m.vendorId, name: m.text, sentence: s.text });
    }
  }
  return {
    ok: false,
    issues: [{ path: 'language', message: `the text's language${detected ? ` (${detected})` : ''} is not one the drafter supports` }],
    unsupported: { detected, vendors },
  };
}

function cachedIndex(vendors: readonly Vendor[]): VendorPhraseIndex {
  let index = indexCache.get(vendors);
  if (!index) {
    index = buildVendorPhraseIndex(vendors);
    indexCache.set(vendors, index);
  }
  return index;
}

/** Holds the analysed document while the model is assembled; one instance per draft. */
class DraftBuilder implements DraftAssembly {
  readonly claims: ExtractedClaim[] = [];
  readonly analysed: Analysed[];
  readonly body: Analysed[];
  readonly lexicon: DraftLexicon;
  readonly firstPartyCookies: CookieClaim[] = [];
  readonly processors: ProcessorDraft[] = [];
  private readonly usedIds = new Set<string>();
  readonly promises: PolicyPromise[] = [];
  readonly categories: CookieCategory[] = [];
  readonly inferredCategories = new Set<string>();
  /** Vendors the text names only by the first words of another's full name (shortNames()). */
  readonly shortNameOf = new Map<string, string>();
  private slots = new Map<string, ProcessorSlot>();

  constructor(
    readonly doc: SegmentedDocument,
    readonly index: VendorPhraseIndex,
    private readonly docId: string,
    private readonly docTitle: string,
    readonly language: DraftLanguage,
    readonly shopTokens: ReadonlySet<string>,
  ) {
    this.lexicon = LEXICONS[language];
    this.analysed = doc.sentences.map((s) => analyse(s, index, this.lexicon));
    this.body = this.analysed.filter((a) => !a.s.heading);
    this.addDefinedTerms();
  }

  build(input: DraftPolicyInput, language: DraftLanguage): PolicyModel {
    collectProcessors(this);
    collectUnlistedCompanies(this);
    collectCompanyNamesAlone(this);
    const processors = this.processors.map((p) => this.assembleProcessor(p));
    const byKey = new Map(this.processors.map((p, i) => [p.key, processors[i] as Processor]));
    this.processors.forEach((p, i) => this.slots.set(p.key, { model: processors[i] as Processor, path: `processors[${i}]` }));
    attachCategories(this);
    attachCookieTables(this);
    attachStorageKeys(this);
    fileCookiesUnderConsent(this, processors);
    attachPromises(
      this,
      this.processors.map((p) => ({ vendor: p.vendor, model: byKey.get(p.key) as Processor })),
    );
    attachCookiePromises(this);
    attachIpAnonymisation(this);
    completeCategories(this);
    this.listRemainingClaims();
    this.claims.sort((a, b) => a.sentenceStart - b.sentenceStart || a.start - b.start);
    this.claims.forEach((c, i) => (c.id = `c${i + 1}`));

    const shopName = input.shop.name.trim() || 'Shop';
    return {
      schemaVersion: 1,
      id: slug(input.modelId ?? shopName) || 'draft',
      title: `${shopName} — draft from "${this.docTitle}"`,
      description: 'Drafted automatically from the policy text. Review every claim before relying on it.',
      documents: [{ id: this.docId, url: input.document?.url ?? null, title: this.docTitle, language }],
      shop: {
        name: shopName,
        domains: [...input.shop.domains],
        language,
        policyDate: null,
        policyVersion: null,
        controller: this.controller(),
        dpo: this.dpo(),
      },
      processors,
      firstPartyCookies: this.firstPartyCookies,
      cookieCategories: this.categories,
      promises: this.promises,
    };
  }

  // ── The draft context attachers use ────────────────────────────────────────────────

  processorAt(a: Analysed): ProcessorSlot | null {
    const anchored = this.processors.find((p) => p.anchorTop !== null && p.anchorTop === a.s.top);
    const mentioned = this.processors.find((p) => p.vendor && p.mentionSentences.has(a.s.index));
    const p = anchored ?? mentioned;
    return p ? (this.slots.get(p.key) ?? null) : null;
  }

  processorOfVendor(vendorId: string): ProcessorSlot | null {
    const id = this.shortNameOf.get(vendorId) ?? vendorId;
    const p = this.processors.find((x) => x.vendor?.id === id);
    return p ? (this.slots.get(p.key) ?? null) : null;
  }

  promise(p: PolicyPromise): string {
    this.promises.push(p);
    return `promises[${this.promises.length - 1}]`;
  }

  category(kind: CategoryKind, at: Analysed, name?: string, inferred = false): string {
    if (this.categories.some((c) => c.id === kind)) {
      if (!inferred) this.inferredCategories.delete(kind);
      return kind;
    }
    if (inferred) this.inferredCategories.add(kind);
    this.categories.push({
      id: kind,
      name: name ?? (categoryOfText(this.sectionTitle(at.s), this.language) === kind ? this.sectionTitle(at.s) : kind),
      legalBasis: [],
      consentRequired: null,
      firstPartyOnly: null,
      maxLifetimeDays: null,
      source: this.source(at.s),
      checkable: true,
    });
    this.claim(
      at.s,
      { start: 0, end: at.s.text.length },
      {
        extractor: 'category',
        category: kind,
        confidence: 0.6,
        modelPath: `cookieCategories[${this.categories.length - 1}]`,
      },
    );
    return kind;
  }

  categoryConsent(id: string, required: boolean, s: DocumentSentence, local: { start: number; end: number }): void {
    const i = this.categories.findIndex((c) => c.id === id);
    const category = this.categories[i];
    if (!category || category.consentRequired !== null) return;
    category.consentRequired = required;
    this.claim(s, local, {
      extractor: 'consent',
      kind: required ? 'required' : 'not-required',
      confidence: 0.7,
      modelPath: `cookieCategories[${i}].consentRequired`,
    });
  }

  // ── Sources and claims ─────────────────────────────────────────────────────────────

  sectionTitle(s: DocumentSentence): string {
    return s.top >= 0 ? (this.doc.sections[s.top]?.title ?? this.docTitle) : this.docTitle;
  }

  source(s: DocumentSentence): Source {
    return { quote: s.text, section: this.sectionTitle(s), document: this.docId, origin: 'policy-text' };
  }

  /** Offsets of a sentence-local span in the input text. */
  private span(s: DocumentSentence, start: number, end: number): { start: number; end: number } {
    return { start: this.doc.toOriginal(s.cleanStart + start), end: this.doc.toOriginal(s.cleanStart + Math.max(start, end - 1)) + 1 };
  }

  claim(s: DocumentSentence, local: { start: number; end: number }, fields: ClaimFields): ExtractedClaim {
    const c = {
      id: '',
      sentence: s.text,
      sentenceStart: s.start,
      sentenceEnd: s.end,
      ...this.span(s, local.start, local.end),
      matched: s.text.slice(local.start, local.end),
      section: this.sectionTitle(s),
      modelPath: null,
      ...fields,
    } as ExtractedClaim;
    this.claims.push(c);
    return c;
  }

  // ── Processors ─────────────────────────────────────────────────────────────────────

  /** "Google Consent Mode ("GCM")": later sentences naming "GCM" mention the same vendor. */
  private addDefinedTerms(): void {
    const terms: Array<{ term: RegExp; from: number; mention: VendorMention }> = [];
    for (const a of this.analysed) {
      for (const m of a.mentions) {
        if (m.vendorId === null || m.role !== 'service') continue;
        const d = DEFINED_TERM_RE.exec(a.s.text.slice(m.end));
        if (!d || (d[1] as string).toLowerCase() === m.text.toLowerCase()) continue;
        const term = d[1] as string;
        terms.push({ term: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(term)}(?![\\p{L}\\p{N}])`, 'u'), from: a.s.index + 1, mention: m });
      }
    }
    for (const t of terms) {
      for (const a of this.analysed.slice(t.from)) {
        if (a.mentions.some((m) => m.vendorId === t.mention.vendorId)) continue;
        const hit = t.term.exec(a.s.text);
        if (!hit) continue;
        a.mentions.push({ ...t.mention, text: hit[0], start: hit.index, end: hit.index + hit[0].length, confidence: 0.7, phraseKind: 'alias' });
      }
    }
  }

  private assembleProcessor(p: ProcessorDraft): Processor {
    const mentionList = [...p.mentionSentences].flatMap(([si, ms]) => ms.map((m) => ({ a: this.analysed[si] as Analysed, m })));
    const service = mentionList.find((x) => x.m.role === 'service' && x.a.s.heading) ?? mentionList.find((x) => x.m.role === 'service');
    p.name = p.vendor ? (service?.m.text ?? p.vendor.name) : p.name;
    p.id = this.uniqueId(slug(p.name) || 'processor');
    const path = `processors[${this.processors.indexOf(p)}]`;
    const first = mentionList.find((x) => !x.a.s.heading) ?? mentionList[0];
    const sourceSentence = p.entitySentence !== null && !p.vendor ? (this.analysed[p.entitySentence] as Analysed) : (first?.a as Analysed);

    for (const { a, m } of mentionList) {
      this.claim(a.s, m, {
        extractor: 'vendor',
        vendorId: m.vendorId,
        candidates: m.candidates,
        role: m.role,
        phraseKind: m.phraseKind,
        confidence: m.confidence,
        modelPath: path,
      });
    }
    let country: string | null = null;
    if (p.entity && p.entitySentence !== null) {
      const a = this.analysed[p.entitySentence] as Analysed;
      country = countryAfter(a, p.entity.end);
      this.claim(a.s, p.entity, {
        extractor: 'legal-entity',
        name: p.entity.text,
        country,
        confidence: p.vendor ? 0.8 : 0.5,
        modelPath: `${path}.legalEntity`,
        ...(p.vendor ? {} : { note: 'company with a legal form that is not in the vendor catalogue' }),
      });
    } else if (first && !first.a.s.heading) {
      country = countryAfter(first.a, first.m.end);
    }

    const own = p.vendor ? ownSentences(this, p) : [sourceSentence];
    const legalBasis = p.vendor ? legalBasesFor(this, p, path) : [];
    // A consent tool's sentences speak of the consent it collects ("Cookiebot fragt Ihre
    // Einwilligung ab"), never of one it needs: only a "no consent needed" counts for it.
    const collectsConsent = p.vendor?.category === 'consent';
    const consentRequired =
      !collectsConsent && (legalBasis.some((b) => b.kind === 'consent') || own.some((a) => a.consent?.kind === 'required'))
        ? true
        : own.some((a) => a.consent?.kind === 'not-required')
          ? false
          : null;
    const purposes = purposesFor(this, p, own, path);
    const role = roleOf(own);
    const thirdCountryTransfer = p.vendor || country ? transferFor(this, p, own, country, path) : null;

    return {
      id: p.id,
      name: p.name,
      kind: 'service',
      vendorId: p.vendor?.id ?? null,
      legalEntity: p.entity?.text ?? null,
      country,
      role,
      purposes,
      legalBasis,
      consentRequired,
      category: null,
      // Public vendor facts from the catalogue, so observed requests can be attributed.
      hosts: p.vendor ? [...p.vendor.domains] : [],
      cookies: [],
      thirdCountryTransfer,
      source: this.source(sourceSentence.s),
      checkable: p.vendor !== null,
      ...(p.vendor === null ? { tension: 'Drafted from a company name the vendor catalogue does not know; check what it does.' } : {}),
    };
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}-${n}`;
    this.usedIds.add(id);
    return id;
  }

  /** Extractions no model field took (consent statements, unassigned bases), listed for review. */
  private listRemainingClaims(): void {
    const covered = (a: Analysed, start: number, extractor: string) =>
      this.claims.some((c) => c.extractor === extractor && c.sentenceStart === a.s.start && c.start === this.span(a.s, start, start + 1).start);
    for (const a of this.body) {
      if (a.consent) this.claim(a.s, a.consent, { extractor: 'consent', kind: a.consent.kind, confidence: a.consent.kind === 'mention' ? 0.4 : 0.7 });
      for (const b of a.bases) {
        if (!covered(a, b.start, 'legal-basis')) {
          this.claim(a.s, b, { extractor: 'legal-basis', article: b.article, kind: b.kind, confidence: b.confidence, note: 'not attached to a processor' });
        }
      }
      for (const m of a.mentions) {
        if (m.vendorId === null && m.role === 'service') {
          this.claim(a.s, m, {
            extractor: 'vendor',
            vendorId: null,
            candidates: m.candidates,
            role: m.role,
            phraseKind: m.phraseKind,
            confidence: m.confidence,
            note: 'fits several vendors',
          });
        }
      }
    }
  }

  // ── Shop contacts ──────────────────────────────────────────────────────────────────

  private controller(): Contact {
    const at = this.analysed.findIndex((a) => CONTROLLER_RE.test(a.s.text) && (EMAIL_RE.test(this.near(a)) || a.entities.length > 0));
    const a = this.analysed[at] ?? this.body[0] ?? (this.analysed[0] as Analysed);
    const entity = a.entities.find((e) => e.nameTokens.some((t) => this.shopTokens.has(t))) ?? a.entities[0];
    const email = EMAIL_RE.exec(at >= 0 ? this.near(a) : this.doc.clean)?.[0] ?? null;
    return {
      name: entity?.text ?? null,
      address: [],
      email,
      source: this.source(a.s),
      checkable: false,
      ...(at < 0 ? { tension: 'No controller statement found; review the contact details.' } : {}),
    };
  }

  private dpo(): Contact | null {
    const a = this.analysed.find((x) => DPO_RE.test(x.s.text));
    if (!a) return null;
    const email = EMAIL_RE.exec(this.near(a))?.[0] ?? null;
    const quoted = a.s.heading ? (this.analysed[a.s.index + 1] ?? a) : a;
    return { name: null, address: [], email, source: this.source(quoted.s), checkable: false };
  }

  /** A sentence and the next one, where contact details usually follow a label. */
  private near(a: Analysed): string {
    return `${a.s.text} ${this.analysed[a.s.index + 1]?.s.text ?? ''}`;
  }
}

function analyse(s: DocumentSentence, index: VendorPhraseIndex, lexicon: DraftLexicon): Analysed {
  const tokens = tokenize(s.text);
  // "We do NOT use Meta Pixel, TikTok Pixel": neither is a processor.
  const mentions = findVendorMentions(index, s.text, tokens).filter((m) => !isNegatedMention(s.text, m.start, lexicon));
  const entities = extractLegalEntities(s.text, tokens);
  return {
    s,
    tokens,
    mentions,
    entities,
    bases: extractLegalBases(s.text),
    verbal: extractVerbalBases(s.text),
    consent: extractConsentStatement(s.text),
    durations: extractDurations(s.text),
    transfer: extractTransferSignals(s.text),
    purposes: extractPurposes(s.text),
  };
}

function roleOf(sentences: readonly Analysed[]): ProcessorRole {
  for (const [re, role] of ROLE_CUES) if (sentences.some((a) => re.test(a.s.text))) return role;
  return 'unknown';
}

/** The first country named after `from` in the sentence, before the next company. */
function countryAfter(a: Analysed, from: number): string | null {
  const next = a.entities.find((e) => e.start > from)?.start ?? a.s.text.length;
  const windowEnd = Math.min(next, from + 200);
  return findCountries(a.s.text.slice(from, windowEnd))[0]?.code ?? null;
}

/** Lower-case ASCII id: "Google Pay™" → "google-pay", "Zürich AG" → "zurich-ag". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
