/**
 * Measures the policy-text drafter against the hand-written Connox model.
 * Run: npx tsx src/cli/eval-extract.ts   (exit code 1 when the processor targets are missed)
 */
import { readFileSync } from 'node:fs';
import { evaluateExtraction, formatEvaluation } from '../core/draft/evaluate.ts';
import { nodeData } from '../data/node-data.ts';

const SEED_TEXT = new URL('../../test/core/policy/fixtures/connox-privacy-policy-nl.txt', import.meta.url);

const reference = nodeData.models().find((m) => m.id === 'connox');
if (!reference) {
  console.error('the bundled Connox model is missing');
  process.exit(2);
}
const vendors = nodeData.catalogue();

const started = performance.now();
const report = evaluateExtraction({ text: readFileSync(SEED_TEXT, 'utf8'), reference, vendors });
console.log(formatEvaluation(report));
console.log(`\n(${vendors.length} vendors, ${(performance.now() - started).toFixed(0)} ms including the index build)`);
if (!report.meetsTargets) process.exitCode = 1;
