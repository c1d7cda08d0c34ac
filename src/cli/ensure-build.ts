import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_DIST = path.join(REPO_ROOT, 'dist');

const SOURCES = ['src', 'public', 'manifest.json', 'vite.config.ts'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    // The CLI itself is not part of the extension build.
    if (target.endsWith(`${path.sep}src`) && entry === 'cli') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Whether dist/ is missing or older than any extension source file. */
export function buildIsStale(distDir = DEFAULT_DIST): boolean {
  const manifest = path.join(distDir, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(REPO_ROOT, s)) > built);
}

/** What ensureBuild is about to do: a first build, or a rebuild of a stale one. */
export type BuildStart = 'build' | 'rebuild';

/** Builds the extension with vite when dist/ is missing or stale; `starting` is told which, for the caller to word. */
export function ensureBuild(starting: (kind: BuildStart) => void, distDir = DEFAULT_DIST): { ok: true; built: boolean } | { ok: false; message: string } {
  if (!buildIsStale(distDir)) return { ok: true, built: false };
  starting(existsSync(path.join(distDir, 'manifest.json')) ? 'rebuild' : 'build');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) return { ok: false, message: `vite build failed (exit ${result.status ?? result.signal})` };
  return { ok: true, built: true };
}
