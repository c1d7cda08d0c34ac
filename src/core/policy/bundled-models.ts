import connoxYaml from './models/connox.yaml?raw';
import { formatPolicyError, loadPolicy } from './load-policy.ts';
import type { PolicyModel } from './schema.ts';

const BUNDLED_SOURCES: ReadonlyArray<[fileName: string, text: string]> = [['connox.yaml', connoxYaml]];

/**
 * The models shipped with the extension, parsed on each call (cheap, and keeps module
 * load free of work). A bundled model that fails to load is a build bug, so it throws;
 * the unit tests load every bundled file to catch that before shipping.
 */
export function bundledModels(): PolicyModel[] {
  return BUNDLED_SOURCES.map(([fileName, text]) => {
    const result = loadPolicy(text, fileName, 'yaml');
    if (!result.ok) throw new Error(`bundled policy model is invalid:\n${result.errors.map(formatPolicyError).join('\n')}`);
    return result.model;
  });
}
