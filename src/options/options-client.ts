import browser from 'webextension-polyfill';
import type { LocatedError } from '../core/report/format-located-error';
import { downloadText } from '../popup/popup-client';
import type { SaveFile } from '../popup/popup-client';

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

export type ImportModelResponse =
  | { ok: true; model: ModelSummary; warnings: LocatedError[]; replaced: boolean }
  | { ok: false; errors: LocatedError[] };

export type ModelFormat = 'yaml' | 'json';
export type DraftLanguage = 'nl' | 'de' | 'en' | 'auto';

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
  | { ok: false; message: string };

export type SimpleResponse = { ok: true } | { ok: false; message: string };

import type { OptionsRequests, PageTextResponse } from '../messaging/protocol';

export type OptionsRequestType = keyof OptionsRequests;

/** What the options page needs from the extension; a mock implements it for tests. */
export interface OptionsClient {
  listModels(): Promise<ModelListing>;
  importModel(text: string, fileName: string): Promise<ImportModelResponse>;
  exportModel(id: string, format: ModelFormat): Promise<OptionsRequests['options/export-model']['response']>;
  /** Only user models can be deleted; bundled ones answer ok:false. */
  deleteModel(id: string): Promise<SimpleResponse>;
  assignDomain(domain: string, modelId: string): Promise<SimpleResponse>;
  unassignDomain(domain: string): Promise<SimpleResponse>;
  /**
   * Draft a model from pasted policy text. With `keepClaimIds` the draft is re-made with only
   * those claims, so the YAML saved matches what the user accepted.
   */
  draftModel(text: string, language: DraftLanguage, options?: { keepClaimIds?: string[] }): Promise<DraftModelResponse>;
  /** The text of the page open in a tab (opened from the popup on the shop's privacy page). */
  pageText(tabId: number): Promise<PageTextResponse>;
  importDeclaration(request: OptionsRequests['options/import-declaration']['request']): Promise<OptionsRequests['options/import-declaration']['response']>;
  saveFile(file: SaveFile): void;
}

async function send<K extends OptionsRequestType>(type: K, request: OptionsRequests[K]['request']): Promise<OptionsRequests[K]['response']> {
  return (await browser.runtime.sendMessage({ type, ...request })) as OptionsRequests[K]['response'];
}

export function extensionOptionsClient(): OptionsClient {
  return {
    listModels: () => send('options/list-models', {}),
    importModel: (text, fileName) => send('options/import-model', { text, fileName }),
    exportModel: (id, format) => send('options/export-model', { id, format }),
    deleteModel: (id) => send('options/delete-model', { id }),
    assignDomain: (domain, modelId) => send('options/assign-domain', { domain, modelId }),
    unassignDomain: (domain) => send('options/unassign-domain', { domain }),
    draftModel: (text, language, options) =>
      send('options/draft-model', options?.keepClaimIds ? { text, language, keepClaimIds: options.keepClaimIds } : { text, language }),
    pageText: (tabId) => send('options/page-text', { tabId }),
    importDeclaration: (request) => send('options/import-declaration', request),
    saveFile: downloadText,
  };
}
