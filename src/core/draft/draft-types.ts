import type { LegalBasisKind, PolicyModel, Safeguard, StorageType } from '../policy/schema.ts';
import type { Vendor } from '../vendors/schema.ts';
import type { CategoryKind, DraftLanguage } from './lexicon/lexicon-types.ts';
import type { StructuredDocument } from './document/structured-document.ts';
import type { ConsentStatementKind } from './extract-consent.ts';
import type { DurationMatch } from './extract-durations.ts';
import type { PhraseKind, VendorPhraseIndex } from './vendor-phrase-index.ts';

/** Input of draftPolicy(): the policy text plus what the options page knows about the shop. */
export interface DraftPolicyInput {
  /** The policy as plain text (copied from the page or extracted from a PDF); or give `page`. */
  text?: string;
  /**
   * The policy page as structure (headings, paragraphs, lists, tables), read from the page or
   * from pasted HTML. Wins over `text`; claims' offsets then point into `PolicyDraft.text`.
   */
  page?: StructuredDocument;
  /** 'auto' (default) guesses from stopwords. */
  language?: DraftLanguage | 'auto';
  /** The vendor catalogue, e.g. loadBundledCatalogue(). */
  vendors: readonly Vendor[];
  /** A prebuilt index over `vendors`; built (and cached per array) when absent. */
  vendorIndex?: VendorPhraseIndex;
  shop: {
    name: string;
    /** Registrable domains the model applies to; at least one. */
    domains: readonly string[];
  };
  /** Where the text came from; becomes the model's only document. */
  document?: { id?: string; url?: string | null; title?: string };
  /** Model id; defaults to a slug of the shop name. */
  modelId?: string;
}

/** Which extractor produced a claim. */
export type ExtractorName =
  'vendor' | 'legal-entity' | 'legal-basis' | 'duration' | 'storage-key' | 'transfer' | 'consent' | 'purpose' | 'data-subject-right' | 'category' | 'promise';

interface ClaimBase {
  /** Stable within one draft: "c1", "c2", … in text order. */
  id: string;
  extractor: ExtractorName;
  /** The sentence, normalised (the `quote` of sources built from it). */
  sentence: string;
  /** The sentence's offsets in the input text, for highlighting. */
  sentenceStart: number;
  sentenceEnd: number;
  /** The matched words' offsets in the input text. */
  start: number;
  end: number;
  /** The matched words as written. */
  matched: string;
  /** Nearest level-1 heading (the `section` of sources built from it). */
  section: string;
  /** 0..1: how sure the extractor is about this reading. */
  confidence: number;
  /**
   * Where the claim landed in the draft, as a path such as `processors[3].legalBasis[0]`;
   * null when it is listed for review only.
   */
  modelPath: string | null;
  /** Why the confidence is lowered or how a rule applied. */
  note?: string;
}

/** One extraction, with its sentence, offsets and confidence. Tagged by `extractor`. */
export type ExtractedClaim =
  | (ClaimBase & {
      extractor: 'vendor';
      vendorId: string | null;
      candidates: readonly string[];
      role: 'service' | 'entity';
      phraseKind: PhraseKind;
    })
  | (ClaimBase & { extractor: 'legal-entity'; name: string; country: string | null })
  | (ClaimBase & { extractor: 'legal-basis'; article: string | null; kind: LegalBasisKind })
  | (ClaimBase & {
      extractor: 'duration';
      use: 'cookie-lifetime' | 'retention' | 'other';
      days: number;
      bound: DurationMatch['bound'];
    })
  | (ClaimBase & { extractor: 'storage-key'; name: string; storage: StorageType; maxLifetimeDays: number | null })
  | (ClaimBase & { extractor: 'transfer'; safeguards: Safeguard[]; countries: string[]; thirdCountry: boolean })
  | (ClaimBase & { extractor: 'consent'; kind: ConsentStatementKind })
  | (ClaimBase & { extractor: 'purpose'; purpose: string })
  | (ClaimBase & { extractor: 'data-subject-right'; article: number })
  | (ClaimBase & { extractor: 'category'; category: CategoryKind })
  | (ClaimBase & { extractor: 'promise'; promise: 'first-party-only' | 'no-cookies' | 'ip-anonymisation' });

/** A heading as the options page can show it (offsets into the input text). */
export interface DraftSection {
  title: string;
  level: 1 | 2;
  start: number;
  end: number;
}

export interface DraftIssue {
  path: string;
  message: string;
}

/** What a text in a language outside the eight still gives: the vendors it names. */
export interface UnsupportedLanguage {
  /** The language recognised ("pt", "nb", …), or null when none is. */
  detected: string | null;
  vendors: Array<{ vendorId: string; name: string; sentence: string }>;
}

export interface PolicyDraft {
  /** The text the offsets point into: the input text, or the structured page rendered to lines. */
  text: string;
  /** Validates with policyModelSchema; every claim has a verbatim `source`. */
  model: PolicyModel;
  claims: ExtractedClaim[];
  language: DraftLanguage;
  /** True when `language` was guessed rather than given. */
  languageDetected: boolean;
  sections: DraftSection[];
  /** Sentence count, for the UI's summary line. */
  sentenceCount: number;
}

export type DraftPolicyResult =
  | { ok: true; draft: PolicyDraft }
  /** `unsupported` is set when the text's language is outside the eight: nothing is guessed. */
  | { ok: false; issues: DraftIssue[]; unsupported?: UnsupportedLanguage };
