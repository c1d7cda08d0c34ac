import type { CookieCategory, CookieClaim, PolicyPromise, Processor, Source } from '../../policy/schema.ts';
import type { DraftLexicon, CategoryKind, DraftLanguage } from '../lexicon/lexicon-types.ts';
import type { ExtractedClaim } from '../draft-types.ts';
import type { ConsentStatement } from '../extract-consent.ts';
import type { DurationMatch } from '../extract-durations.ts';
import type { LegalBasisMatch, VerbalBasisMatch } from '../extract-legal-bases.ts';
import type { LegalEntityMatch } from '../extract-legal-entities.ts';
import type { PurposeMatch } from '../extract-purposes.ts';
import type { TransferSignals } from '../extract-transfers.ts';
import type { DocumentSentence, SegmentedDocument } from '../segment-text.ts';
import type { Token } from '../tokenize.ts';
import type { Vendor } from '../../vendors/schema.ts';
import type { VendorMention, VendorPhraseIndex } from '../vendor-phrase-index.ts';

/** Per-sentence extractor output, computed once per draft. */
export interface Analysed {
  s: DocumentSentence;
  tokens: Token[];
  mentions: VendorMention[];
  entities: LegalEntityMatch[];
  bases: LegalBasisMatch[];
  verbal: VerbalBasisMatch[];
  consent: ConsentStatement | null;
  durations: DurationMatch[];
  transfer: TransferSignals;
  purposes: PurposeMatch[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The fields an attacher gives for a claim; the context adds sentence, offsets and section. */
export type ClaimFields = DistributiveOmit<
  ExtractedClaim,
  'id' | 'sentence' | 'sentenceStart' | 'sentenceEnd' | 'start' | 'end' | 'matched' | 'section' | 'modelPath'
> & { modelPath?: string | null };

/** A processor of the draft as attachers see it: the model entry and its path in the model. */
export interface ProcessorSlot {
  model: Processor;
  path: string;
}

/**
 * What every attacher reads and writes: the analysed document, the lexicon of its language,
 * and the parts of the model being assembled. One attacher per claim kind (attach-*.ts)
 * takes a context and adds its claims; none knows another.
 */
export interface DraftContext {
  readonly doc: SegmentedDocument;
  readonly analysed: readonly Analysed[];
  /** Sentences that are not headings. */
  readonly body: readonly Analysed[];
  readonly index: VendorPhraseIndex;
  readonly language: DraftLanguage;
  readonly lexicon: DraftLexicon;
  readonly shopTokens: ReadonlySet<string>;
  readonly firstPartyCookies: CookieClaim[];
  source(s: DocumentSentence): Source;
  sectionTitle(s: DocumentSentence): string;
  claim(s: DocumentSentence, local: { start: number; end: number }, fields: ClaimFields): ExtractedClaim;
  /** The processor a sentence is about: its section's heading vendor, else the vendor it names. */
  processorAt(a: Analysed): ProcessorSlot | null;
  processorOfVendor(vendorId: string): ProcessorSlot | null;
  /**
   * The id of the draft's category of this kind, created from `at` the first time it is asked
   * for. `inferred`: only a table's consent cell implies it, so the prose around `at` is not
   * about it and lends it no legal basis.
   */
  category(kind: CategoryKind, at: Analysed, name?: string, inferred?: boolean): string;
  /** Sets a drafted category's consent flag where nothing has set it yet, with the claim's span. */
  categoryConsent(id: string, required: boolean, s: DocumentSentence, local: { start: number; end: number }): void;
  /** Adds a promise; returns its model path. */
  promise(p: PolicyPromise): string;
}

/**
 * The model-wide attachers (promises, categories' completion) also read what the others have
 * drafted so far: the claims, the categories (which they complete) and the promises.
 */
export interface DraftAssembly extends DraftContext {
  readonly claims: readonly ExtractedClaim[];
  readonly categories: CookieCategory[];
  /** Categories only a table's consent cell implied: the prose around them lends them nothing. */
  readonly inferredCategories: ReadonlySet<string>;
  readonly promises: readonly PolicyPromise[];
}

/** A processor while the draft collects it: its vendor, the sentences that name it, its legal entity. */
export interface ProcessorDraft {
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
