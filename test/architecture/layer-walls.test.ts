import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The walls between layers are ESLint rules (eslint.config.js); the pure core is also
 * compiled alone by tsconfig.core.json. This test feeds the linter code that breaks each wall
 * (as if it were a file in that folder), so a config change that silently drops a wall fails
 * here, not in review.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

// Loading the config (typescript-eslint, the svelte plugin) takes seconds on a busy machine.
beforeAll(() => eslint.calculateConfigForFile(path.join(ROOT, 'src/core/site.ts')), 120_000);

async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return [...new Set((result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`))].sort();
}

describe('src/core stays pure', () => {
  it.each([
    ['the extension API', "import browser from 'webextension-polyfill';\nexport const b = browser;", ['no-restricted-imports']],
    ['svelte', "import { mount } from 'svelte';\nexport const m = mount;", ['no-restricted-imports']],
    ['a Node module', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", ['import-x/no-nodejs-modules', 'no-restricted-imports']],
    ['a vite query import', "import text from './models/connox.yaml?raw';\nexport const t = text;", ['no-restricted-imports']],
    ['a vite glob', "export const files = import.meta.glob('./data/*.json');", ['no-restricted-syntax']],
    ['another layer', "import { request } from '../../messaging/request';\nexport const r = request;", ['import-x/no-restricted-paths']],
    ['the DOM and chrome', 'export const x = () => [window.location, document.title, chrome.runtime];', ['no-restricted-globals']],
    ['the network', "export const x = () => fetch('https://example.com/');", ['no-restricted-globals']],
    ['the clock', 'export const x = () => [Date.now(), performance.now()];', ['no-restricted-properties']],
    ['the clock via new Date()', 'export const x = () => new Date();', ['no-restricted-syntax']],
    ['randomness', 'export const x = () => Math.random();', ['no-restricted-properties']],
  ])('rejects %s', async (_what, code, rules) => {
    expect(await rulesBroken('src/core/policy/probe.ts', code)).toEqual(rules);
  });

  it('accepts its own files, the pure packages and a given time', async () => {
    const code =
      "import { z } from 'zod';\nimport { siteOf } from '../site';\nexport const x = (now: number) => [z.string(), siteOf('a.example'), new Date(now)];";
    expect(await rulesBroken('src/core/policy/probe.ts', code)).toEqual([]);
  });
});

describe('the extension parts meet only through src/messaging', () => {
  it.each([
    ['src/popup/probe.ts', '../options/options-client'],
    ['src/options/probe.ts', '../popup/popup-client'],
    ['src/background/probe.ts', '../popup/popup-client'],
    ['src/background/probe.ts', '../options/options-client'],
    ['src/content/probe.ts', '../background/tab-store'],
    ['src/page/probe.ts', '../content/runtime'],
    ['src/messaging/probe.ts', '../popup/popup-client'],
    ['src/popup/probe.ts', '../data/extension-data'],
    ['src/cli/probe.ts', '../background/tab-store'],
  ])('%s may not import %s', async (file, target) => {
    expect(await rulesBroken(file, `import * as m from '${target}';\nexport const x = m;`)).toEqual(['import-x/no-restricted-paths']);
  });

  it.each([
    ['src/popup/probe.ts', '../messaging/request'],
    ['src/options/probe.ts', '../shared/download-text'],
    ['src/background/probe.ts', '../data/extension-data'],
    ['src/content/probe.ts', '../messaging/consent-channel'],
    ['src/cli/probe.ts', '../data/node-data'],
  ])('%s may import %s', async (file, target) => {
    expect(await rulesBroken(file, `import * as m from '${target}';\nexport const x = m;`)).toEqual([]);
  });
});
