import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatPolicyError, loadPolicy } from '../core/policy/load-policy';
import type { PolicyModel } from '../core/policy/schema';
import { nodeData } from '../data/node-data';
import { REPO_ROOT } from './ensure-build';

export const BUNDLED_MODELS_DIR = path.join(REPO_ROOT, 'src/core/policy/models');

/** The `--policy` value that forces the legal baseline (src/core/baseline/). */
export const BASELINE_POLICY_ARG = 'baseline';

export type ResolvedPolicyArg =
  | { ok: true; kind: 'file'; text: string; fileName: string; model: PolicyModel; warnings: string[] }
  | { ok: true; kind: 'bundled'; id: string; text: string; fileName: string; model: PolicyModel; warnings: string[] }
  /** `--policy baseline`: hold the shop to the legal baseline only, whatever model it has. */
  | { ok: true; kind: 'baseline'; warnings: string[] }
  | { ok: false; errors: string[] };

/** The bundled model files (id → file), read from the source tree the extension is built from. */
export function bundledPolicyFiles(): Array<{ id: string; fileName: string; text: string; model: PolicyModel }> {
  if (!existsSync(BUNDLED_MODELS_DIR)) return [];
  return readdirSync(BUNDLED_MODELS_DIR)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .flatMap((fileName) => {
      const text = readFileSync(path.join(BUNDLED_MODELS_DIR, fileName), 'utf8');
      const loaded = loadPolicy(text, fileName);
      return loaded.ok ? [{ id: loaded.model.id, fileName, text, model: loaded.model }] : [];
    });
}

/**
 * `--policy <file|bundled-name>`: an existing file is loaded and validated here, so its
 * errors are printed located (file:line:col path: message) before any browser starts;
 * otherwise the value names a bundled model by id or file name.
 */
export function resolvePolicyArg(value: string, cwd = process.cwd()): ResolvedPolicyArg {
  if (value === BASELINE_POLICY_ARG) return { ok: true, kind: 'baseline', warnings: [] };
  const file = path.resolve(cwd, value);
  if (existsSync(file) && statSync(file).isFile()) {
    const text = readFileSync(file, 'utf8');
    const fileName = path.relative(cwd, file) || path.basename(file);
    const loaded = loadPolicy(text, fileName, undefined, { knownVendorIds: nodeData.vendorIds() });
    if (!loaded.ok) return { ok: false, errors: loaded.errors.map(formatPolicyError) };
    return { ok: true, kind: 'file', text, fileName, model: loaded.model, warnings: loaded.warnings.map(formatPolicyError) };
  }
  const bundled = bundledPolicyFiles();
  const hit = bundled.find((b) => b.id === value || b.fileName === value || b.fileName.replace(/\.[^.]+$/, '') === value);
  if (hit) return { ok: true, kind: 'bundled', id: hit.id, text: hit.text, fileName: hit.fileName, model: hit.model, warnings: [] };
  return {
    ok: false,
    errors: [`--policy ${value}: no such file, and no bundled model of that name (bundled: ${bundled.map((b) => b.id).join(', ') || 'none'})`],
  };
}
