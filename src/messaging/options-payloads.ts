import type { LocatedError } from '../core/report/format-located-error';

/** One policy model as the options page lists it (from PolicyRegistry.listModels()). */
export interface ModelSummary {
  id: string;
  title: string;
  origin: 'bundled' | 'user';
  /** A bundled model hidden by a user model with the same id. */
  shadowed: boolean;
  shopName: string;
  domains: string[];
  language: string;
  policyDate: string | null;
  policyVersion: string | null;
  /** The imported file's name (user models only). */
  fileName: string | null;
}

export interface ModelListing {
  models: ModelSummary[];
  /** domain → model id (PolicyRegistry.assignments). */
  assignments: Record<string, string>;
  /** Stored models that no longer validate (RegistryFromJsonResult warnings). */
  warnings: LocatedError[];
}

export type ImportModelResponse = { ok: true; model: ModelSummary; warnings: LocatedError[]; replaced: boolean } | { ok: false; errors: LocatedError[] };

export type ModelFormat = 'yaml' | 'json';
export type DraftLanguage = 'nl' | 'de' | 'en' | 'fr' | 'it' | 'es' | 'da' | 'sv' | 'auto';

export interface DraftClaim {
  id: string;
  kind: string;
  summary: string;
  /** The policy sentence the claim was drafted from, and its offsets in the input text. */
  sentence: string;
  start: number;
  end: number;
  /** The words in the sentence the claim rests on (highlighted in the review). */
  matched?: string;
  /** 0..1 */
  confidence: number;
}

export type DraftModelResponse =
  | { ok: true; draft: { yaml: string; claims: DraftClaim[] } }
  /** `unsupported`: the text's language is not one of the eight; the vendors it names are still listed. */
  | { ok: false; message: string; unsupported?: { detected: string | null; vendors: string[] } };

export type SimpleResponse = { ok: true } | { ok: false; message: string };
