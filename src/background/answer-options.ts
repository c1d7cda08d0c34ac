import type { PolicyModel } from '../core/policy/schema';
import type { PolicyRegistry } from '../core/policy/registry';
import type { ModelSummary } from '../messaging/options-payloads';
import browser from 'webextension-polyfill';
import {
  pageDocumentSchema,
  pageTextSchema,
  type BackgroundToContent,
  type PageDocumentResponse,
  type PageTextResponse,
  type PopupMessage,
  type PopupRequests,
} from '../messaging/protocol';
import type { PolicyStore } from './policy-store';
import { draftModel } from './draft-model';
import { parseCookiebotDeclaration } from '../core/policy/import-cookiebot';
import { parseOneTrustDeclaration } from '../core/policy/import-onetrust';
import { mergeDeclaration } from '../core/policy/merge-declaration';
import { dumpPolicy } from '../core/policy/dump-policy';
import { extensionData } from '../data/extension-data';
import { pageConsentReaderOn, setPageConsentReader } from './page-consent-reader';
import { setSigningKey, signingKeyFingerprint } from './signing-key-setting';

type OptionsMessage = Extract<PopupMessage, { type: `options/${string}` }>;

function summary(model: PolicyModel, origin: 'bundled' | 'user', shadowed: boolean, fileName: string | null): ModelSummary {
  return {
    id: model.id,
    title: model.title,
    origin,
    shadowed,
    shopName: model.shop.name,
    domains: model.shop.domains,
    language: model.shop.language,
    policyDate: model.shop.policyDate,
    policyVersion: model.shop.policyVersion,
    fileName,
  };
}

async function pageText(tabId: number): Promise<PageTextResponse> {
  try {
    const request: { type: keyof BackgroundToContent } = { type: 'content/get-page-text' };
    // The answer comes from a page: parsed, never trusted.
    const parsed = pageTextSchema.safeParse(await browser.tabs.sendMessage(tabId, request));
    if (!parsed.success) return { ok: false, message: 'The page did not answer with its text.' };
    return { ok: true, ...parsed.data, host: new URL(parsed.data.url).hostname };
  } catch {
    return { ok: false, message: 'The tab is closed or is not a web page PolicyLens can read.' };
  }
}

async function pageDocument(tabId: number): Promise<PageDocumentResponse> {
  try {
    const request: { type: keyof BackgroundToContent } = { type: 'content/get-page-document' };
    // The answer comes from a page: parsed (and its size bounded), never trusted.
    const parsed = pageDocumentSchema.safeParse(await browser.tabs.sendMessage(tabId, request));
    if (!parsed.success) return { ok: false, message: 'The page did not answer with its document.' };
    return { ok: true, ...parsed.data, host: new URL(parsed.data.url).hostname };
  } catch {
    return { ok: false, message: 'The tab is closed or is not a web page PolicyLens can read.' };
  }
}

/** The options page's requests: model import, export, deletion, domain assignment, drafting. */
export async function answerOptions(policies: PolicyStore, message: OptionsMessage): Promise<PopupRequests[OptionsMessage['type']]['response']> {
  await policies.ready;
  const registry = policies.current();
  const save = async (next: PolicyRegistry): Promise<{ ok: true } | { ok: false; message: string }> => {
    try {
      await policies.save(next);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  switch (message.type) {
    case 'options/list-models':
      return {
        models: registry.listModels().map((m) => summary(m.model, m.origin, m.shadowed, registry.storedFile(m.model.id)?.fileName ?? null)),
        assignments: { ...registry.assignments },
        warnings: policies.warnings(),
      };
    case 'options/import-model': {
      const imported = registry.importModel(message.text, message.fileName, undefined, extensionData.vendorIds());
      if (!imported.ok) return { ok: false, errors: imported.errors };
      const saved = await save(imported.registry);
      if (!saved.ok) return { ok: false, errors: [{ file: message.fileName, path: '', message: saved.message }] };
      return { ok: true, model: summary(imported.model, 'user', false, message.fileName), warnings: imported.warnings, replaced: imported.replaced };
    }
    case 'options/export-model': {
      const text = registry.exportModel(message.id, message.format);
      return text === null ? { ok: false, message: `no model with id "${message.id}"` } : { ok: true, fileName: `${message.id}.${message.format}`, text };
    }
    case 'options/delete-model':
      if (registry.getModel(message.id)?.origin !== 'user') return { ok: false, message: 'Only imported models can be deleted.' };
      return save(registry.removeUserModel(message.id));
    case 'options/assign-domain': {
      const assigned = registry.assignDomain(message.domain, message.modelId);
      return assigned.ok ? save(assigned.registry) : { ok: false, message: assigned.message };
    }
    case 'options/unassign-domain':
      return save(registry.unassignDomain(message.domain));
    case 'options/page-text':
      return pageText(message.tabId);
    case 'options/page-document':
      return pageDocument(message.tabId);
    case 'options/import-declaration': {
      const model = registry.getModel(message.modelId)?.model;
      if (!model) return { ok: false, message: `no model with id "${message.modelId}"` };
      const parsed =
        message.kind === 'cookiebot' ? parseCookiebotDeclaration(message.text, message.document) : parseOneTrustDeclaration(message.text, message.document);
      if (!parsed.ok) return { ok: false, message: parsed.issues.map((i) => `${i.where}: ${i.message}`).join('\n') };
      const vendors = extensionData.vendorIndex();
      const merged = mergeDeclaration(model, parsed.declaration, { resolveVendor: (c) => (c.host ? (vendors.lookupHost(c.host)?.vendor.id ?? null) : null) });
      // Saved as a user model with the same id: it takes the bundled one's place, which stays intact.
      const imported = registry.importModel(dumpPolicy(merged, 'yaml'), `${model.id}.yaml`, 'yaml');
      if (!imported.ok) return { ok: false, message: imported.errors.map((e) => `${e.path}: ${e.message}`).join('\n') };
      const saved = await save(imported.registry);
      return saved.ok ? { ok: true, cookies: parsed.declaration.cookies.length, modelId: model.id } : saved;
    }
    case 'options/draft-model':
      return draftModel({ text: message.text, ...(message.page ? { page: message.page } : {}) }, message.language, message.keepClaimIds);
    case 'options/get-settings':
      return { pageConsentReader: await pageConsentReaderOn() };
    case 'options/set-page-consent-reader':
      try {
        await setPageConsentReader(message.on);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    case 'options/get-signing-key':
      return { fingerprint: await signingKeyFingerprint() };
    case 'options/set-signing-key':
      try {
        await setSigningKey(message.secretKey);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    default: {
      const unhandled: never = message;
      throw new Error(`unhandled options message ${JSON.stringify(unhandled)}`);
    }
  }
}
