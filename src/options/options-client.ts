import type { DraftLanguage, DraftModelResponse, ImportModelResponse, ModelFormat, ModelListing, SimpleResponse } from '../messaging/options-payloads';
import type { OptionsRequests, PageDocumentResponse, PageTextResponse } from '../messaging/protocol';
import type { StructuredDocument } from '../core/draft/document/structured-document';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SigningKey } from '../core/report/evidence-signature';
import { request } from '../messaging/request';
import { downloadText } from '../shared/download-text';
import type { SaveFile } from '../shared/download-text';

// The options components import their payload types from their client.
export type { DraftClaim, DraftLanguage, ModelFormat, ModelListing, ModelSummary } from '../messaging/options-payloads';

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
  draftModel(text: string, language: DraftLanguage, options?: { keepClaimIds?: string[]; page?: StructuredDocument }): Promise<DraftModelResponse>;
  /** The text of the page open in a tab (opened from the popup on the shop's privacy page). */
  pageText(tabId: number): Promise<PageTextResponse>;
  /** The page open in a tab as structure: headings, lists and tables, so cookie tables are read row by row. */
  pageDocument(tabId: number): Promise<PageDocumentResponse>;
  importDeclaration(request: OptionsRequests['options/import-declaration']['request']): Promise<OptionsRequests['options/import-declaration']['response']>;
  saveFile(file: SaveFile): void;
  settings(): Promise<OptionsRequests['options/get-settings']['response']>;
  /** Turns the optional page-reported consent reader (main world) on or off. */
  setPageConsentReader(on: boolean): Promise<SimpleResponse>;
  /** The fingerprint of the key exported bundles are signed with, or null. */
  signingKeyFingerprint(): Promise<string | null>;
  /** Keeps a signing key in the extension's own storage (never sent anywhere), or removes it (null). */
  setSigningKey(key: SigningKey | null): Promise<SimpleResponse>;
  /** 32 bytes from the browser's CSPRNG, the seed of a new key (the core has no random source). */
  randomSeed(): Uint8Array;
}

export function extensionOptionsClient(): OptionsClient {
  return {
    listModels: () => request('options/list-models', {}),
    importModel: (text, fileName) => request('options/import-model', { text, fileName }),
    exportModel: (id, format) => request('options/export-model', { id, format }),
    deleteModel: (id) => request('options/delete-model', { id }),
    assignDomain: (domain, modelId) => request('options/assign-domain', { domain, modelId }),
    unassignDomain: (domain) => request('options/unassign-domain', { domain }),
    draftModel: (text, language, options) =>
      request('options/draft-model', {
        text,
        language,
        ...(options?.keepClaimIds ? { keepClaimIds: options.keepClaimIds } : {}),
        ...(options?.page ? { page: options.page } : {}),
      }),
    pageText: (tabId) => request('options/page-text', { tabId }),
    pageDocument: (tabId) => request('options/page-document', { tabId }),
    importDeclaration: (declaration) => request('options/import-declaration', declaration),
    saveFile: downloadText,
    settings: () => request('options/get-settings', {}),
    setPageConsentReader: (on) => request('options/set-page-consent-reader', { on }),
    signingKeyFingerprint: async () => (await request('options/get-signing-key', {})).fingerprint,
    setSigningKey: (key) => request('options/set-signing-key', { secretKey: key ? bytesToHex(key.secretKey) : null }),
    randomSeed: () => crypto.getRandomValues(new Uint8Array(32)),
  };
}
