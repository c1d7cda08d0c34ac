import { formatPolicyError, loadPolicy } from './load-policy.ts';
import type { PolicyModel } from './schema.ts';

/** The text of one model file shipped with the extension, handed in by a composition root (src/data/). */
export interface ModelSource {
  fileName: string;
  text: string;
}

/**
 * Parses the bundled models (cheap, and keeps module load free of work). A bundled model
 * that fails to load is a build bug, so it throws; the unit tests load every bundled file
 * to catch that before shipping.
 */
export function loadBundledModels(sources: readonly ModelSource[]): PolicyModel[] {
  return sources.map(({ fileName, text }) => {
    const result = loadPolicy(text, fileName, 'yaml');
    if (!result.ok) throw new Error(`bundled policy model is invalid:\n${result.errors.map(formatPolicyError).join('\n')}`);
    return result.model;
  });
}
