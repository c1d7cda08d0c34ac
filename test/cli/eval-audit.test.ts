import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAccuracyEval, type EvalResult } from '../accuracy/run-eval';
import { formatEval } from '../accuracy/eval-audit';
import { DIST } from '../e2e/harness';

/**
 * The accuracy benchmark as a test: every corpus shop in each of its scenarios with the built
 * extension in Chromium (two browsers side by side, one job at a time each, one server), scored against the
 * ground truth. Fails below the issue's targets with the hand-written models: precision
 * ≥ 0.9, recall ≥ 0.95, no trap hit; and with the models drafted from the same policy texts
 * (issue 16), a precision within 0.1 of the hand-written models'.
 */

const TARGET = { precision: 0.9, recall: 0.95, trapHits: 0 };
/** How far below the hand-written models' precision the drafted models' may be. */
const DRAFTED_PRECISION_GAP = 0.1;
const STATE_OF: Record<string, string> = { none: 'no-choice', reject: 'refused', accept: 'accepted', revoke: 'withdrawn' };

describe('accuracy benchmark (npm run eval:audit)', () => {
  let result: EvalResult;
  let printed = '';
  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build: run \`npm run build\` first`);
    result = await runAccuracyEval({ extensionDir: DIST, log: () => {} });
    printed = formatEval(result);
    console.log(printed);
  }, 600_000);

  it("audits every shop in every scenario, with the scenario applied and the shop's model in use", () => {
    expect(result.runs.length).toBeGreaterThanOrEqual(6);
    for (const run of result.runs) {
      expect(run.error, `${run.shop} [${run.scenario}]`).toBeNull();
      expect(run.consentState, `${run.shop} [${run.scenario}]`).toBe(STATE_OF[run.scenario]);
      // The shop's hand-written model (its id is the shop's), not the legal baseline alone.
      expect(run.policyId, `${run.shop} [${run.scenario}]`).toBe(run.shop);
    }
  });

  it('reaches precision ≥ 0.9, recall ≥ 0.95 and no trap hit with the hand-written models', () => {
    const { precision, recall, trapHits } = result.handWritten.overall;
    expect({ precision: precision >= TARGET.precision, recall: recall >= TARGET.recall, trapHits }, printed).toEqual({
      precision: true,
      recall: true,
      trapHits: TARGET.trapHits,
    });
  });

  it("reaches, with models drafted from the policy texts, a precision within 0.1 of the hand-written models'", () => {
    const gap = result.handWritten.overall.precision - result.drafted.overall.precision;
    expect(gap, printed).toBeLessThanOrEqual(DRAFTED_PRECISION_GAP);
  });
});
