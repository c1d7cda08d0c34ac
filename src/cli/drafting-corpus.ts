import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusPage } from '../core/draft/evaluate.ts';
import { parsePageTruth } from '../core/draft/evaluate-truth.ts';
import type { PolicyModel } from '../core/policy/schema.ts';

/** The drafting benchmark's pages: one folder each with page.html, page.txt (its flattening) and truth.json. */
export const DRAFTING_CORPUS_DIR = fileURLToPath(new URL('../../test/fixtures/drafting/', import.meta.url));

/** The page folders, sorted. */
export function corpusFolders(dir = DRAFTING_CORPUS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'truth.json')))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Reads every page; a folder that does not parse is an issue naming the folder and the field, not a crash. */
export function loadDraftingCorpus(models: readonly PolicyModel[], dir = DRAFTING_CORPUS_DIR): { pages: CorpusPage[]; issues: string[] } {
  const pages: CorpusPage[] = [];
  const issues: string[] = [];
  for (const folder of corpusFolders(dir)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8'));
    } catch (e) {
      issues.push(`${folder}/truth.json: ${(e as Error).message}`);
      continue;
    }
    const parsed = parsePageTruth(json, models);
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((i) => `${folder}/truth.json: ${i}`));
      continue;
    }
    const textFile = resolve(folder, parsed.truth.text ?? 'page.txt');
    const htmlFile = join(folder, 'page.html');
    if (!existsSync(textFile)) {
      issues.push(`${folder}: ${textFile} missing (npm run eval:extract -- --flatten writes it from page.html)`);
      continue;
    }
    pages.push({
      truth: parsed.truth,
      text: readFileSync(textFile, 'utf8'),
      html: existsSync(htmlFile) ? readFileSync(htmlFile, 'utf8') : null,
    });
  }
  return { pages, issues };
}
