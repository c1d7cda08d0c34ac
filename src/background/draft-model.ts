import type { DraftLanguage, DraftModelResponse } from '../options/options-client';

/** Drafting from policy text; wired to the core's drafting engine. */
export async function draftModel(_text: string, _language: DraftLanguage, _keep?: string[]): Promise<DraftModelResponse> {
  return { ok: false, message: 'Drafting is not available in this build yet.' };
}
