/**
 * Measures the policy-text drafter against the hand-written Connox model.
 * Run: npx tsx src/cli/eval-extract.ts   (exit code 1 when the processor targets are missed)
 *
 * Reads the files with node:fs instead of the bundling helpers (bundledModels() uses `?raw`,
 * the catalogue uses import.meta.glob; both need vite).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateExtraction, formatEvaluation } from '../core/draft/evaluate.ts';
import { formatPolicyError, loadPolicy } from '../core/policy/load-policy.ts';
import { VendorFileSchema } from '../core/vendors/schema.ts';
import type { Vendor } from '../core/vendors/schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

const loaded = loadPolicy(read('src/core/policy/models/connox.yaml'), 'connox.yaml');
if (!loaded.ok) {
  console.error(loaded.errors.map(formatPolicyError).join('\n'));
  process.exit(2);
}

const dataDir = 'src/core/vendors/data';
const vendors: Vendor[] = readdirSync(path.join(root, dataDir))
  .filter((f) => /^vendors-.*\.json$/.test(f))
  .sort()
  .flatMap((f) => VendorFileSchema.parse(JSON.parse(read(`${dataDir}/${f}`))));

const started = performance.now();
const report = evaluateExtraction({
  text: read('test/core/policy/fixtures/connox-privacy-policy-nl.txt'),
  reference: loaded.model,
  vendors,
});
console.log(formatEvaluation(report));
console.log(`\n(${vendors.length} vendors, ${(performance.now() - started).toFixed(0)} ms including the index build)`);
if (!report.meetsTargets) process.exitCode = 1;
