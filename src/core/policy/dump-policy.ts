import { stringify } from 'yaml';
import type { PolicyFormat } from './load-policy.ts';
import type { PolicyModel } from './schema.ts';

/**
 * Serialise a model for export. `loadPolicy(dumpPolicy(m, f), name, f)` gives back a model
 * deep-equal to `m`. Shared object references are written out in full (no YAML anchors),
 * so the file reads the same as a hand-written one.
 */
export function dumpPolicy(model: PolicyModel, format: PolicyFormat): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  return stringify(model, { aliasDuplicateObjects: false, lineWidth: 0, indentSeq: true });
}
