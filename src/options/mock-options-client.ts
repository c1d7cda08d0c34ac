import { keyFingerprint, type SigningKey } from '../core/report/evidence-signature';
import type { DraftClaim, ImportModelResponse, ModelListing, ModelSummary } from '../messaging/options-payloads';
import type { SaveFile } from '../shared/download-text';
import type { OptionsClient } from './options-client';

export interface MockOptionsClient extends OptionsClient {
  readonly saved: SaveFile[];
  readonly imported: Array<{ text: string; fileName: string }>;
  readonly draftCalls: Array<{ text: string; language: string; keepClaimIds?: string[]; page?: boolean }>;
}

export interface MockOptionsClientOptions {
  listing?: ModelListing;
  /** What importModel answers; default: ok with a model named after the file. */
  importResult?: (text: string, fileName: string) => ImportModelResponse;
  draftClaims?: DraftClaim[];
}

export const BUNDLED_CONNOX: ModelSummary = {
  id: 'connox',
  title: 'Connox — privacyverklaring (NL)',
  origin: 'bundled',
  shadowed: false,
  shopName: 'Connox',
  domains: ['connox.nl', 'connox.de'],
  language: 'nl',
  policyDate: '2024-11-05',
  policyVersion: null,
  fileName: null,
};

/** An in-memory OptionsClient for component tests and a dev page. */
export function mockOptionsClient(options: MockOptionsClientOptions = {}): MockOptionsClient {
  let listing: ModelListing = structuredClone(options.listing ?? { models: [BUNDLED_CONNOX], assignments: {}, warnings: [] });
  const saved: SaveFile[] = [];
  const imported: Array<{ text: string; fileName: string }> = [];
  const draftCalls: Array<{ text: string; language: string; keepClaimIds?: string[]; page?: boolean }> = [];
  const claims = options.draftClaims ?? [];
  let pageConsentReader = false;
  let signingKey: SigningKey | null = null;
  let seeds = 0;
  return {
    saved,
    imported,
    draftCalls,
    async listModels() {
      return structuredClone(listing);
    },
    async importModel(text, fileName) {
      imported.push({ text, fileName });
      const result = options.importResult?.(text, fileName) ?? {
        ok: true as const,
        model: { ...BUNDLED_CONNOX, id: fileName.replace(/\.\w+$/, ''), title: fileName, origin: 'user' as const, fileName },
        warnings: [],
        replaced: false,
      };
      if (result.ok) listing = { ...listing, models: [result.model, ...listing.models.filter((m) => m.id !== result.model.id)] };
      return result;
    },
    async exportModel(id, format) {
      const model = listing.models.find((m) => m.id === id);
      return model
        ? { ok: true, fileName: `${id}.${format}`, text: format === 'json' ? JSON.stringify({ id }) : `id: ${id}\n` }
        : { ok: false, message: `no model ${id}` };
    },
    async deleteModel(id) {
      const model = listing.models.find((m) => m.id === id);
      if (!model || model.origin !== 'user') return { ok: false, message: 'only imported models can be deleted' };
      listing = { ...listing, models: listing.models.filter((m) => m.id !== id) };
      return { ok: true };
    },
    async assignDomain(domain, modelId) {
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain.trim().toLowerCase())) return { ok: false, message: `"${domain}" is not a domain name` };
      listing = { ...listing, assignments: { ...listing.assignments, [domain.trim().toLowerCase()]: modelId } };
      return { ok: true };
    },
    async unassignDomain(domain) {
      const { [domain]: _removed, ...rest } = listing.assignments;
      listing = { ...listing, assignments: rest };
      return { ok: true };
    },
    async importDeclaration(request) {
      return request.text.includes('CookieConsentDialog')
        ? { ok: true as const, cookies: 3, modelId: request.modelId }
        : { ok: false as const, message: 'no Cookiebot cookie tables found' };
    },
    async pageText(tabId) {
      return tabId === 1
        ? {
            ok: true as const,
            url: 'https://www.connox.nl/privacybeleid',
            host: 'www.connox.nl',
            title: 'Privacybeleid',
            text: 'Wij gebruiken Google Analytics.',
          }
        : { ok: false as const, message: 'no such tab' };
    },
    async pageDocument(tabId) {
      return tabId === 1
        ? {
            ok: true as const,
            url: 'https://www.connox.nl/privacybeleid',
            host: 'www.connox.nl',
            document: { title: 'Privacybeleid', blocks: [{ kind: 'paragraph' as const, text: 'Wij gebruiken Google Analytics.' }] },
          }
        : { ok: false as const, message: 'no such tab' };
    },
    async draftModel(text, language, opts) {
      draftCalls.push({ text, language, ...(opts?.keepClaimIds ? { keepClaimIds: opts.keepClaimIds } : {}), ...(opts?.page ? { page: true } : {}) });
      if (text.trim() === '') return { ok: false, message: 'no text to draft from' };
      const kept = opts?.keepClaimIds ? claims.filter((c) => opts.keepClaimIds?.includes(c.id)) : claims;
      return { ok: true, draft: { yaml: `# draft\nclaims: [${kept.map((c) => c.id).join(', ')}]\n`, claims: kept } };
    },
    saveFile(file) {
      saved.push(file);
    },
    async settings() {
      return { pageConsentReader };
    },
    async setPageConsentReader(on) {
      pageConsentReader = on;
      return { ok: true };
    },
    async signingKeyFingerprint() {
      return signingKey ? keyFingerprint(signingKey.publicKey) : null;
    },
    async setSigningKey(key) {
      signingKey = key;
      return { ok: true };
    },
    randomSeed() {
      // Deterministic in tests: a different seed per call, so a second key differs from the first.
      seeds += 1;
      return new Uint8Array(32).fill(seeds);
    },
  };
}
