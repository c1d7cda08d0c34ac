/**
 * `npm run eval:audit`: the accuracy benchmark. Audits every shop of the corpus
 * (test/fixtures/accuracy/) in each of its consent scenarios with the built extension in
 * Chromium (run-eval.ts: the CLI's own page audit, jobs shared out over a pool of browsers,
 * one job at a time per browser), matches the
 * findings to each shop's ground truth (score.ts, pure), prints precision, recall and trap hits
 * per shop, per rule and overall, for the hand-written models and for models drafted from the
 * policy texts, and writes everything to out/eval-audit.json.
 * Options: --extension <dist> (default: dist/, built if stale), --shop <id> (repeatable),
 * --browsers <n> (browsers side by side, default 2; 1 runs the jobs in sequence), --json <file>.
 *
 * Matching rules:
 * 1. Only violations count (`kind: 'violation'`); notices (declared-not-observed, no model,
 *    transfers without a model) judge nothing and are left out.
 * 2. A finding is matched per scenario: the scenario's whole report (choice visit and
 *    reload) against the ground-truth entries listed for that scenario.
 * 3. A finding matches an expected entry when the rule id is the same and every subject the
 *    entry names agrees: `vendor` = the finding's catalogue vendor id (or, for a vendor the
 *    catalogue lacks, its processor id); `cookie` = the cookie or storage key name of a
 *    cookie / storage-key finding; `host` = the unknown host's label or the host of one of
 *    the finding's request URLs.
 * 4. A finding that matches an expected entry is a true positive; one that does not is a
 *    false positive. A false positive that matches a trap (its rule listed, or "*", and one
 *    of its vendors, cookies or hosts, by the same subject tests) is also a trap hit.
 * 5. An expected entry is found when at least one finding matches it. Recall = found /
 *    expected entries; precision = true positives / violations reported. With nothing
 *    reported precision is 1, with nothing expected recall is 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
  const { values } = parseArgs({
    options: { extension: { type: 'string' }, shop: { type: 'string', multiple: true }, browsers: { type: 'string' }, json: { type: 'string' } },
  });
  const browsers = values.browsers === undefined ? undefined : Number(values.browsers);
  if (browsers !== undefined && !(Number.isInteger(browsers) && browsers >= 1))
    throw new Error(`--browsers wants a whole number ≥ 1, got "${values.browsers}"`);
  const extensionDir = path.resolve(values.extension ?? DEFAULT_DIST);
  if (values.extension === undefined) {
    const build = ensureBuild(
      (kind) => console.log(kind === 'rebuild' ? 'Extension sources changed: rebuilding dist/ …' : 'No build in dist/: building the extension …'),
      extensionDir,
    );
    if (!build.ok) throw new Error(build.message);
  }
  const result = await runAccuracyEval({
    extensionDir,
    ...(values.shop ? { shops: values.shop } : {}),
    ...(browsers !== undefined ? { browsers } : {}),
    log: (l) => console.log(l),
  });
  console.log(`\n${formatEval(result)}`);
  const file = path.resolve(values.json ?? path.join(REPO_ROOT, 'out/eval-audit.json'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written: ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
