import path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './paths.ts';
import type * as CoreEntry from './core-entry.ts';

export const CORE_BUNDLE = path.join(REPO_ROOT, 'out/bench/core/core.mjs');

export type Core = typeof CoreEntry;

/**
 * Bundles the core the way the extension build does (vite/rolldown, import.meta.glob and
 * ?raw resolved, dependencies inlined, not minified like dist/), into one ES module that
 * plain Node imports, so the main process and cold-start children run identical code.
 */
export async function buildCore(): Promise<void> {
  await build({
    configFile: false,
    root: REPO_ROOT,
    publicDir: false,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: path.join(REPO_ROOT, 'test/bench/core-entry.ts'),
      outDir: path.dirname(CORE_BUNDLE),
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: path.basename(CORE_BUNDLE), format: 'es' } },
    },
  });
}

export async function loadCore(): Promise<Core> {
  return (await import(CORE_BUNDLE)) as Core;
}
