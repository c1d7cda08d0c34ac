import { draftPolicy } from '../core/draft/draft-policy';
import { pruneDraft } from '../core/draft/prune-draft';
import { dumpPolicy } from '../core/policy/dump-policy';
import { extensionData } from '../data/extension-data';
import type { DraftLanguage, DraftModelResponse } from '../messaging/options-payloads';
import type { StructuredDocument } from '../core/draft/document/structured-document';

// The reviewer assigns the saved model to the shop's domains in the options page; until then
// it applies to a reserved name that never resolves.
const PLACEHOLDER_DOMAIN = 'draft.invalid';

/**
 * Drafts a policy model from a page's structure (the tab's or pasted HTML) or from pasted
 * text; with `keep`, only the claims the reviewer kept.
 */
export async function draftModel(source: { text: string; page?: StructuredDocument }, language: DraftLanguage, keep?: string[]): Promise<DraftModelResponse> {
  const result = draftPolicy({
    text: source.text,
    ...(source.page ? { page: source.page } : {}),
    language,
    vendors: extensionData.catalogue(),
    shop: { name: 'Drafted shop', domains: [PLACEHOLDER_DOMAIN] },
  });
  if (!result.ok) {
    const message = result.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    if (!result.unsupported) return { ok: false, message };
    return { ok: false, message, unsupported: { detected: result.unsupported.detected, vendors: result.unsupported.vendors.map((v) => v.name) } };
  }
  const { draft } = result;
  let model = draft.model;
  if (keep) {
    const kept = new Set(keep);
    const removed = draft.claims.filter((c) => !kept.has(c.id) && c.modelPath !== null).map((c) => c.modelPath as string);
    const pruned = pruneDraft(model, removed);
    if (!pruned.ok) return { ok: false, message: pruned.message };
    model = pruned.model;
  }
  return {
    ok: true,
    draft: {
      yaml: dumpPolicy(model, 'yaml'),
      claims: draft.claims.map((c) => ({
        id: c.id,
        kind: c.extractor,
        summary: summarise(c),
        sentence: c.sentence,
        matched: c.matched,
        start: c.start,
        end: c.end,
        confidence: c.confidence,
      })),
    },
  };
}

function summarise(claim: { extractor: string; matched: string; note?: string | undefined }): string {
  return `${claim.extractor}: ${claim.matched}${claim.note ? ` (${claim.note})` : ''}`;
}
