/**
 * The policy loader against issue 24's hostile files: each shape at the size the issue
 * reported (which the limits stop) and just inside the limits (the worst a file can make the
 * loader work). Measurements, not tests; the fuzz test checks the results.
 * Run: npm run bench:policy-limits
 */
import os from 'node:os';
import { loadPolicy } from '../../src/core/policy/load-policy.ts';
import { POLICY_LIMITS } from '../../src/core/policy/policy-limits.ts';
import { HOSTILE_SHAPES, hostilePolicyFile, ISSUE_SIZES, type HostileShape } from '../core/policy/hostile-policy-files.ts';
import { fmt, median, table } from './stats.ts';

const RUNS = 5;

/** The largest size of each shape that every limit lets through. */
const INSIDE_LIMITS: Record<HostileShape, number> = {
  aliases: POLICY_LIMITS.aliases,
  'yaml-keys': POLICY_LIMITS.keys - 1,
  'json-keys': POLICY_LIMITS.keys - 1,
  'unknown-keys': POLICY_LIMITS.keys - 2,
  'flow-depth': POLICY_LIMITS.depth - 2,
  'block-depth': POLICY_LIMITS.depth - 3,
  'json-depth': POLICY_LIMITS.depth - 2,
  'long-string': POLICY_LIMITS.chars - 100,
  'list-items': POLICY_LIMITS.items + 1,
  'keys-behind-alias': POLICY_LIMITS.keys - 3,
};

function measure(shape: HostileShape, size: number): string[] {
  const { text, file } = hostilePolicyFile(shape, size);
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = loadPolicy(text, file);
    times.push(performance.now() - started);
    outcome = result.ok ? 'model' : `${result.errors.length} error(s): ${result.errors[0]?.message.slice(0, 60) ?? ''}`;
  }
  return [shape, size.toLocaleString('en'), text.length.toLocaleString('en'), fmt(median(times), 1), fmt(Math.max(...times), 1), outcome];
}

const rows: string[][] = [];
for (const shape of HOSTILE_SHAPES) {
  rows.push(measure(shape, ISSUE_SIZES[shape]));
  rows.push(measure(shape, INSIDE_LIMITS[shape]));
}
process.stdout.write(
  [
    `### Policy loader on hostile files (${os.cpus().length} cores, load ${fmt(os.loadavg()[0] ?? 0, 1)}; median and max of ${RUNS} runs)`,
    '',
    table(['shape', 'size', 'characters', 'median ms', 'max ms', 'result'], rows),
    '',
  ].join('\n'),
);
