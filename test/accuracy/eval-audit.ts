/**
 * `npm run eval:audit`: the accuracy benchmark. Audits every shop of the corpus
 * (test/fixtures/accuracy/) in each of its consent scenarios with the built extension in
 * Chromium, matches the findings to each shop's ground truth by the rules written down in
 * score.ts, prints precision, recall and trap hits per shop, per rule and overall, for the
 * hand-written models and for models drafted from the policy texts, and writes them to
 * out/eval-audit.json. Options: --extension <dist>, --shop <id> (repeatable), --json <file>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DIST, REPO_ROOT, ensureBuild } from '../../src/cli/ensure-build';
import { runAccuracyEval, type EvalResult } from './run-eval';
import { formatScoreTable, type Score } from './score';

function falseAndMissed(label: string, score: Score): string[] {
  return [
    `${label}: false positives`,
    ...score.verdicts.filter((v) => v.expected === null).map((v) => `  ${v.shop} [${v.scenario}] ${v.rule} ${v.subject}${v.trap ? `  ← TRAP ${v.trap}` : ''}`),
    `${label}: missed`,
    ...score.missed.map((m) => `  ${m.shop} [${m.scenario}] ${m.rule} ${m.subject} (${m.expected})`),
  ];
}

export function formatEval(result: EvalResult): string {
  return [
    formatScoreTable('Hand-written models', result.handWritten),
    '',
    formatScoreTable('Models drafted from the policy texts (no target)', result.drafted),
    '',
    ...falseAndMissed('hand-written', result.handWritten),
    ...falseAndMissed('drafted', result.drafted),
    '',
    `${result.runs.length} audits in ${(result.durationMs / 1000).toFixed(0)} s (extension ${result.extensionVersion})`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { extension: { type: 'string' }, shop: { type: 'string', multiple: true }, json: { type: 'string' } } });
  const extensionDir = path.resolve(values.extension ?? DEFAULT_DIST);
  if (values.extension === undefined) {
    const build = ensureBuild((l) => console.log(l), extensionDir);
    if (!build.ok) throw new Error(build.message);
  }
  const result = await runAccuracyEval({ extensionDir, ...(values.shop ? { shops: values.shop } : {}), log: (l) => console.log(l) });
  console.log(`\n${formatEval(result)}`);
  const file = path.resolve(values.json ?? path.join(REPO_ROOT, 'out/eval-audit.json'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written: ${path.relative(process.cwd(), file)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
