import { policyModelSchema } from '../policy/schema.ts';
import type {
  Contact,
  CookieCategory,
  CookieClaim,
  LegalBasis,
  PolicyModel,
  PolicyPromise,
  Processor,
  ProcessorRole,
  Safeguard,
  Source,
  ThirdCountryTransfer,
} from '../policy/schema.ts';
import type { Vendor } from '../vendors/schema.ts';
import { attachCategories } from './attach/attach-categories.ts';
import { attachCookiePromises } from './attach/attach-cookie-promises.ts';
import { attachCookieTables } from './attach/attach-cookie-tables.ts';
import { attachStorageKeys } from './attach/attach-storage-keys.ts';
import { attachIpAnonymisation } from './attach/attach-ip-anonymisation.ts';
import { categoryOfText } from './attach/category-of-text.ts';
import { attachPromises } from './attach/attach-promises.ts';
import { completeCategories } from './attach/complete-categories.ts';
import type { Analysed, ClaimFields, DraftAssembly, ProcessorSlot } from './attach/draft-context.ts';
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
import type { LegalEntityMatch } from './extract-legal-entities.ts';
import { extractPurposes } from './extract-purposes.ts';
import { extractTransferSignals, mainSafeguard } from './extract-transfers.ts';
import { EEA_COUNTRIES } from '../countries/eea.ts';
import { findCountries } from './find-countries.ts';
import { segmentText } from './segment-text.ts';
import type { DocumentSentence, SegmentedDocument } from './segment-text.ts';
import { tokenize } from './tokenize.ts';
import { buildVendorPhraseIndex, findVendorMentions } from './vendor-phrase-index.ts';
import type { VendorMention, VendorPhraseIndex } from './vendor-phrase-index.ts';

interface ProcessorDraft {
  key: string;
  vendor: Vendor | null;
  anchorTop: number | null;
  /** Sentence index → mentions of this processor in it. */
  mentionSentences: Map<number, VendorMention[]>;
  entity: LegalEntityMatch | null;
  entitySentence: number | null;
  id: string;
  name: string;
  claims: ExtractedClaim[];
}

// A blanket legal-basis statement points forward: "De volgende … worden op grond van art. 6 …".
const FORWARD_CUE_RE =
  /\bde volgende\b|\bhieronder\b|\bnavolgende\b|\bdie folgenden\b|\bnachfolgend|\bim folgenden\b|\bthe following\b|\bbelow\b|\blisted below\b/i;
// Companies whose name alone is kept as an (unresolved) processor: written capitalised, as names.
const COMPANY_ALONE = new Set(['Google', 'Meta', 'Amazon', 'Microsoft', 'Apple']);
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
const CONTROLLER_RE =
  /verwerkingsverantwoordelijke|verantwortliche[rn]?\b|\bcontroller\b|responsible (?:party|body)|verantwoordelijke voor de verwerking|responsable du traitement|titolare del trattamento|responsable del tratamiento|dataansvarlig|personuppgiftsansvarig/i;
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

/**
 * A sentence that names other vendors and not this one is about them: its safeguards, bases
 * and consent are theirs, however close it stands ("LinkedIn … under SCCs. TikTok … China").
 * A company named for its group ("Google LLC is certified …") is about every product of it.
 */
function aboutOthers(a: Analysed, p: ProcessorDraft, index: VendorPhraseIndex): boolean {
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

/** Holds the analysed document while the model is assembled; one instance per draft. */
class DraftBuilder implements DraftAssembly {
  readonly claims: ExtractedClaim[] = [];
  readonly analysed: Analysed[];
  readonly body: Analysed[];
  readonly lexicon: DraftLexicon;
  readonly firstPartyCookies: CookieClaim[] = [];
  private readonly processors: ProcessorDraft[] = [];
  private readonly usedIds = new Set<string>();
  readonly promises: PolicyPromise[] = [];
  readonly categories: CookieCategory[] = [];
  readonly inferredCategories = new Set<string>();
  /** Vendors the text names only by the first words of another's full name (shortNames()). */
  private readonly shortNameOf = new Map<string, string>();
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
    this.collectProcessors();
    this.collectUnlistedCompanies();
    this.collectCompanyNamesAlone();
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

  private headingVendors(top: number): Set<string> {
    const out = new Set<string>();
    const heading = this.analysed.find((a) => a.s.heading && a.s.section === top);
    for (const m of heading?.mentions ?? []) if (m.vendorId !== null) out.add(m.vendorId);
    return out;
  }

  /**
   * One processor per vendor and section whose heading names it ("Google Conversion
   * Tracking" and "Google Customer Match" stay apart); mentions outside such sections go to
   * the vendor's first heading processor, or to one processor for the vendor's loose mentions.
   */
  private collectProcessors(): void {
    const anchored = new Map<string, ProcessorDraft[]>();
    const byKey = new Map<string, ProcessorDraft>();
    const ensure = (key: string, vendorId: string, anchorTop: number | null): ProcessorDraft => {
      let p = byKey.get(key);
      if (!p) {
        const vendor = this.index.vendorsById.get(vendorId) ?? null;
        p = { key, vendor, anchorTop, mentionSentences: new Map(), entity: null, entitySentence: null, id: '', name: '', claims: [] };
        byKey.set(key, p);
        this.processors.push(p);
        if (anchorTop !== null) anchored.set(vendorId, [...(anchored.get(vendorId) ?? []), p]);
      }
      return p;
    };
    // Heading processors first, so loose mentions earlier in the text can join them.
    for (const a of this.analysed) {
      if (!a.s.heading || this.doc.sections[a.s.section]?.level !== 1) continue;
      for (const v of this.headingVendors(a.s.section)) ensure(`${v}@${a.s.section}`, v, a.s.section);
    }
    const shortNames = this.shortNames();
    for (const a of this.analysed) {
      for (const mention of a.mentions) {
        if (mention.vendorId === null) continue;
        const longer = shortNames.get(mention.text.toLowerCase());
        if (longer && longer !== mention.vendorId) this.shortNameOf.set(mention.vendorId, longer);
        const m = longer && longer !== mention.vendorId ? { ...mention, vendorId: longer } : mention;
        if (m.vendorId === null) continue;
        const inHeadingSection = a.s.top >= 0 && byKey.has(`${m.vendorId}@${a.s.top}`);
        const p = inHeadingSection
          ? (byKey.get(`${m.vendorId}@${a.s.top}`) as ProcessorDraft)
          : (anchored.get(m.vendorId)?.[0] ?? ensure(`${m.vendorId}@text`, m.vendorId, null));
        p.mentionSentences.set(a.s.index, [...(p.mentionSentences.get(a.s.index) ?? []), m]);
      }
    }
    this.joinGroupNames();
    this.processors.sort((a, b) => firstKey(a) - firstKey(b));
    for (const p of this.processors) this.pickEntity(p);
  }

  /**
   * A product named once in full and then by its first words ("the LinkedIn Insight Tag", then
   * "Provider: LinkedIn") is one processor: the short name stands for the full one of the same
   * company. A short name two full names share stays as the catalogue reads it.
   */
  private shortNames(): Map<string, string> {
    const out = new Map<string, string | null>();
    for (const a of this.analysed) {
      for (const m of a.mentions) {
        if (m.vendorId === null || m.role !== 'service') continue;
        const words = m.text.split(/\s+/);
        for (let n = 1; n < words.length; n++) {
          const prefix = words.slice(0, n).join(' ').toLowerCase();
          const seen = out.get(prefix);
          out.set(prefix, seen === undefined || seen === m.vendorId ? m.vendorId : null);
        }
      }
    }
    const result = new Map<string, string>();
    for (const [prefix, id] of out) {
      const vendor = id ? this.index.vendorsById.get(id) : undefined;
      if (!id || !vendor) continue;
      result.set(prefix, id);
    }
    return result;
  }

  /**
   * A company named for its group ("TikTok Technology Limited states …", "Google LLC is
   * certified …") speaks for the group's products the text names: the sentence joins each of
   * them. Never creates a processor: which product the company runs is the text's to say.
   */
  private joinGroupNames(): void {
    for (const a of this.body) {
      const groups = new Set<string>();
      for (const m of a.mentions) {
        if (m.vendorId !== null || m.role !== 'entity') continue;
        for (const id of m.candidates) groups.add(this.index.vendorsById.get(id)?.organisation.toLowerCase() ?? '');
      }
      // "Google en Microsoft kunnen gegevens verwerken in de Verenigde Staten."
      for (const t of a.tokens) {
        if (t.kind !== 'word' || !COMPANY_ALONE.has(t.text) || a.mentions.some((m) => m.start <= t.start && t.end <= m.end)) continue;
        groups.add(t.lower);
      }
      if (groups.size === 0) continue;
      for (const p of this.processors) {
        if (!p.vendor || !groups.has(p.vendor.organisation.toLowerCase()) || p.mentionSentences.has(a.s.index)) continue;
        p.mentionSentences.set(a.s.index, []);
      }
    }
  }

  /** Companies with a legal form that match no catalogue phrase and are not the shop. */
  private collectUnlistedCompanies(): void {
    const used = new Set(this.processors.flatMap((p) => (p.entity ? [`${p.entitySentence}:${p.entity.start}`] : [])));
    // The shop's own operating company (the controller) is no processor of the shop.
    const controller = new Set(this.controllerEntity()?.nameTokens ?? []);
    const seen = new Set<string>();
    for (const a of this.body) {
      for (const e of a.entities) {
        if (used.has(`${a.s.index}:${e.start}`)) continue;
        if (e.nameTokens.some((t) => this.shopTokens.has(t))) continue;
        if (controller.size > 0 && e.nameTokens.every((t) => controller.has(t))) continue;
        if (findVendorMentions(this.index, e.text).length > 0) continue;
        const key = e.nameTokens.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        this.processors.push({
          key: `unlisted:${key}`,
          vendor: null,
          anchorTop: null,
          mentionSentences: new Map([[a.s.index, []]]),
          entity: e,
          entitySentence: a.s.index,
          id: '',
          name: e.text,
          claims: [],
        });
      }
    }
  }

  /**
   * "Google" or "Meta" alone, where the draft has no processor of that company: kept as the
   * company, unresolved, for the reviewer (the catalogue cannot tell which of its products).
   */
  private collectCompanyNamesAlone(): void {
    const organisations = new Set(this.processors.flatMap((p) => (p.vendor ? [p.vendor.organisation.toLowerCase()] : [])));
    const seen = new Set<string>();
    for (const a of this.body) {
      for (const t of a.tokens) {
        if (t.kind !== 'word' || !COMPANY_ALONE.has(t.text) || organisations.has(t.lower) || seen.has(t.lower)) continue;
        if (a.mentions.some((m) => m.start <= t.start && t.end <= m.end) || a.entities.some((e) => e.start <= t.start && t.end <= e.end)) continue;
        if (isNegatedMention(a.s.text, t.start, this.lexicon)) continue;
        seen.add(t.lower);
        this.processors.push({
          key: `company:${t.lower}`,
          vendor: null,
          anchorTop: null,
          mentionSentences: new Map([[a.s.index, []]]),
          entity: { text: t.text, nameTokens: [t.lower], start: t.start, end: t.end },
          entitySentence: a.s.index,
          id: '',
          name: t.text,
          claims: [],
        });
      }
    }
  }

  /** The company the controller sentence names, if any. */
  private controllerEntity(): LegalEntityMatch | null {
    const a = this.analysed.find((x) => CONTROLLER_RE.test(x.s.text) && x.entities.length > 0);
    return a?.entities[0] ?? null;
  }

  /** The legal entity named next to the processor, preferring one with the vendor's own words in it. */
  private pickEntity(p: ProcessorDraft): void {
    if (!p.vendor) return;
    const own = new Set([p.vendor.name, p.vendor.organisation, p.vendor.legalEntity, ...p.vendor.aliases].flatMap((n) => tokenize(n).map((t) => t.lower)));
    for (const [si, mentions] of p.mentionSentences) {
      const a = this.analysed[si] as Analysed;
      if (a.s.heading || a.entities.length === 0) continue;
      const named = a.entities.find((e) => e.nameTokens.some((t) => own.has(t)));
      const othersMentioned = a.mentions.some((m) => m.vendorId !== null && m.vendorId !== p.vendor?.id);
      const after = othersMentioned ? undefined : a.entities.find((e) => e.start >= (mentions[0]?.end ?? 0));
      const pick = named ?? after;
      if (pick) {
        p.entity = pick;
        p.entitySentence = si;
        return;
      }
    }
  }

  private ownSentences(p: ProcessorDraft): Analysed[] {
    const indices = new Set(p.mentionSentences.keys());
    if (p.anchorTop !== null) for (const a of this.body) if (a.s.top === p.anchorTop && !aboutOthers(a, p, this.index)) indices.add(a.s.index);
    return [...indices]
      .sort((x, y) => x - y)
      .map((i) => this.analysed[i] as Analysed)
      .filter((a) => !a.s.heading);
  }

  /** Mention sentences and their neighbours in the same section: where loose mentions' bases sit. */
  private windowSentences(p: ProcessorDraft): Analysed[] {
    const indices = new Set<number>();
    for (const si of p.mentionSentences.keys()) {
      const top = this.analysed[si]?.s.top;
      for (const j of [si - 1, si, si + 1]) {
        const a = this.analysed[j];
        if (a && !a.s.heading && a.s.top === top && (j === si || !aboutOthers(a, p, this.index))) indices.add(j);
      }
    }
    return [...indices].sort((x, y) => x - y).map((i) => this.analysed[i] as Analysed);
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

    const own = p.vendor ? this.ownSentences(p) : [sourceSentence];
    const legalBasis = p.vendor ? this.legalBasesFor(p, path) : [];
    // A consent tool's sentences speak of the consent it collects ("Cookiebot fragt Ihre
    // Einwilligung ab"), never of one it needs: only a "no consent needed" counts for it.
    const collectsConsent = p.vendor?.category === 'consent';
    const consentRequired =
      !collectsConsent && (legalBasis.some((b) => b.kind === 'consent') || own.some((a) => a.consent?.kind === 'required'))
        ? true
        : own.some((a) => a.consent?.kind === 'not-required')
          ? false
          : null;
    const purposes = this.purposesFor(p, own, path);
    const role = roleOf(own);
    const thirdCountryTransfer = p.vendor || country ? this.transferFor(p, own, country, path) : null;

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

  /**
   * Own citations first: the heading section's sentences for a heading processor, the
   * mention sentence and its neighbours otherwise. Only when there are none, a blanket
   * statement ("De volgende … op grond van art. 6 lid 1 zin 1 punt f AVG") applies to the
   * processors of its section and of the run of vendor sections that follows it.
   */
  private legalBasesFor(p: ProcessorDraft, path: string): LegalBasis[] {
    const candidates = p.anchorTop !== null ? this.ownSentences(p) : this.windowSentences(p);
    const out: LegalBasis[] = [];
    const push = (a: Analysed, basis: LegalBasis, local: { start: number; end: number }, confidence: number, note?: string) => {
      if (out.some((b) => b.article === basis.article && b.kind === basis.kind)) return;
      // A verbal consent next to a cited 6(1)(a) adds nothing.
      if (basis.article === null && out.some((b) => b.kind === basis.kind)) return;
      out.push(basis);
      this.claim(a.s, local, {
        extractor: 'legal-basis',
        article: basis.article,
        kind: basis.kind,
        confidence,
        modelPath: `${path}.legalBasis[${out.length - 1}]`,
        ...(note ? { note } : {}),
      });
    };
    for (const a of candidates) {
      for (const b of a.bases) push(a, { article: b.article, kind: b.kind, citation: b.citation, source: this.source(a.s) }, b, b.confidence, b.note);
    }
    for (const a of candidates) {
      for (const v of a.verbal)
        push(a, { article: null, kind: v.kind, citation: v.text, source: this.source(a.s) }, v, 0.6, 'legal basis named in words, no article');
      if (a.consent?.kind === 'basis') {
        push(
          a,
          { article: null, kind: 'consent', citation: a.consent.text, source: this.source(a.s) },
          a.consent,
          0.6,
          'consent named as the basis, no article',
        );
      }
    }
    if (out.length > 0) return out;
    const blanket = this.blanketFor(p);
    if (blanket) {
      for (const b of blanket.bases) {
        push(
          blanket,
          { article: b.article, kind: b.kind, citation: b.citation, source: this.source(blanket.s) },
          b,
          Math.min(b.confidence, 0.7),
          'from a statement covering the following services',
        );
      }
    }
    return out;
  }

  private blanketFor(p: ProcessorDraft): Analysed | null {
    const tops = new Set<number>();
    if (p.anchorTop !== null) tops.add(p.anchorTop);
    for (const si of p.mentionSentences.keys()) tops.add(this.analysed[si]?.s.top ?? -1);
    for (const a of this.body) {
      if (a.bases.length === 0 || !FORWARD_CUE_RE.test(a.s.text) || a.s.top < 0) continue;
      const scope = new Set<number>([a.s.top]);
      const tops1 = this.doc.sections.filter((s) => s.level === 1 && s.index > a.s.top).map((s) => s.index);
      for (const t of tops1) {
        const hasVendor = this.analysed.some((x) => x.s.top === t && x.mentions.some((m) => m.vendorId !== null));
        if (!hasVendor) break;
        scope.add(t);
      }
      if ([...tops].some((t) => scope.has(t))) return a;
    }
    return null;
  }

  private purposesFor(p: ProcessorDraft, own: readonly Analysed[], path: string): string[] {
    const sentences = p.anchorTop !== null ? own.slice(0, 4) : own.filter((a) => p.mentionSentences.has(a.s.index));
    const out: string[] = [];
    for (const a of sentences) {
      for (const m of a.purposes) {
        if (out.length >= 4 || out.includes(m.text)) continue;
        out.push(m.text);
        this.claim(a.s, m, { extractor: 'purpose', purpose: m.text, confidence: 0.5, modelPath: `${path}.purposes[${out.length - 1}]` });
      }
    }
    return out;
  }

  private transferFor(p: ProcessorDraft, own: readonly Analysed[], country: string | null, path: string): ThirdCountryTransfer | null {
    const sentences = p.anchorTop !== null ? own : this.windowSentences(p);
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
      this.claim(a.s, first ?? { start: 0, end: a.s.text.length }, {
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
      const s = this.analysed[p.entitySentence ?? [...p.mentionSentences.keys()][0] ?? 0] as Analysed;
      return {
        countries: [...countries],
        safeguard: 'none-stated',
        source: this.source(s.s),
        checkable: false,
        tension: 'The provider sits outside the EU/EEA, but the text names no transfer safeguard for it.',
      };
    }
    return {
      countries: [...countries],
      safeguard: main?.safeguard ?? 'none-stated',
      ...(main && main.alsoCited.length > 0 ? { alsoCited: main.alsoCited } : {}),
      source: this.source(sourceAt.s),
      checkable: false,
    };
  }

  // ── Storage keys and promises ──────────────────────────────────────────────────────

  /** The sentence and up to two sentences before it in the same paragraph. */
  private context(a: Analysed): string {
    const parts = [a.s.text];
    for (let j = a.s.index - 1; j >= a.s.index - 2; j--) {
      const prev = this.analysed[j];
      if (!prev || prev.s.heading || prev.s.paragraph !== a.s.paragraph) break;
      parts.unshift(prev.s.text);
    }
    return parts.join(' ');
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

function firstKey(p: ProcessorDraft): number {
  return Math.min(...p.mentionSentences.keys(), Number.MAX_SAFE_INTEGER);
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
