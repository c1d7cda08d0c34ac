import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const CORE = path.resolve(import.meta.dirname, '../../../src/core');
// Data generators run by hand in Node; nothing in the extension imports them.
const EXCLUDED_DIRS = new Set(['data-src']);

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]webextension-polyfill['"]/, 'imports the browser API; pass data in from an adapter instead'],
  [/\bchrome\.[a-z]/, 'uses the chrome.* API; adapters own browser APIs'],
  [/\b(window|document|navigator|localStorage|sessionStorage)\./, 'uses a DOM global; the core runs in Node and the worker alike'],
  [/\bfetch\(/, 'fetches; the extension makes no network request of its own'],
  [/\bDate\.now\(\)|new Date\(\)(?!\.)/, 'reads the clock; take the time as a parameter'],
  [/\bMath\.random\(\)/, 'is random; take a seed or an id as a parameter'],
  [/from ['"]node:/, 'imports a Node module; the core also runs in the browser'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return EXCLUDED_DIRS.has(name) ? [] : sourceFiles(full);
    return /\.(ts|svelte)$/.test(name) ? [full] : [];
  });
}

describe('src/core is pure', () => {
  const files = sourceFiles(CORE);
  it('has files to check', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [path.relative(CORE, f), f]))('%s uses no browser, DOM, clock or Node globals', (_name, file) => {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const problems = FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, why]) => why);
    expect(problems).toEqual([]);
  });
});
