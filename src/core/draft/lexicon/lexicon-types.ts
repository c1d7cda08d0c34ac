import type { DurationUnit } from '../../policy/duration.ts';

/** Languages the drafter has lexicons for. */
export type DraftLanguage = 'nl' | 'de' | 'en' | 'fr' | 'it' | 'es' | 'da' | 'sv';

/** What a cookie-table column holds, bound from its header words. */
export type ColumnKind = 'name' | 'provider' | 'purpose' | 'category' | 'duration' | 'consent' | 'type' | 'domain';

/** The consent categories the audit knows (src/core/audit/consent-category.ts). */
export type CategoryKind = 'necessary' | 'preferences' | 'statistics' | 'marketing';

/**
 * The words one language gives the drafter. Lower-case unless noted; a lexicon is data only,
 * so a new language is one new file next to these (and its entry in lexicons.ts).
 */
export interface DraftLexicon {
  language: DraftLanguage;
  /** Function words (mostly) exclusive to this language among the eight, for detection. */
  stopwords: readonly string[];
  /** Abbreviations after which a full stop does not end a sentence (without the dot). */
  abbreviations: readonly string[];
  /**
   * Dotted abbreviations that end a sentence when a capital follows ("… a EE.UU. TikTok
   * puede …"); other dotted ones never do ("EU-U.S. Data Privacy Framework").
   */
  sentenceFinalAbbreviations?: readonly string[];
  /** Duration unit words ("maanden", "mois", "år"). */
  units: Partial<Record<DurationUnit, readonly string[]>>;
  /** Header words of cookie-table columns, longest phrases first is not required. */
  headers: Record<ColumnKind, readonly string[]>;
  /** A duration cell meaning "until the session ends" ("Session", "Sitzung", "sessie"). */
  session: RegExp;
  /** Words naming a consent category in a cell, heading or sentence. */
  categories: Record<CategoryKind, RegExp>;
  /** A cell or phrase saying consent is needed ("Opt-in", "Einwilligung erforderlich"). */
  consentRequired: RegExp;
  /** A cell or phrase saying consent is not needed ("No consent required", "nicht erforderlich"). */
  consentNotRequired: RegExp;
  /** Cells answering a yes/no consent column. */
  yes: RegExp;
  no: RegExp;
  /** Words before a vendor name that say it is NOT used ("We do not use", "wir setzen keine"). */
  negatedUse: RegExp;
  /** "only our own cookies", "keine Cookies von Drittanbietern": first-party only. */
  firstPartyOnly: RegExp;
  /** "This service sets no cookies", "setzt keine Cookies". */
  noCookies: RegExp;
  /** A site-wide limit sentence: "no cookie is stored longer than", "kein Cookie … länger als". */
  siteWideLimit: RegExp;
  /** First-party provider cells ("first party", "eigene", "erstanbieter"). */
  firstPartyProvider: RegExp;
}
