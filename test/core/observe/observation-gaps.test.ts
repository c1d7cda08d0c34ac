import { describe, expect, it } from 'vitest';
import { addGap, gapAtRestart, IDLE_WORKER_STOP_MS, MAX_GAPS, type ObservationGap } from '../../../src/core/observe/observation-gaps';
import { auditWarnings } from '../../../src/core/audit/audit-warnings';
import { heavyTab, HEAVY_T0 } from './heavy-tab';
import { TAB_LIMITS } from '../../../src/core/observe/limits';

const SMALL = { ...TAB_LIMITS, requests: 40, cookies: 0, cookieAttempts: 0, storageKeys: 0, resources: 0 };
const gap = (from: number, to: number, unfinishedRequests = 0): ObservationGap => ({ from, to, reason: 'worker-stopped', unfinishedRequests });

describe('gapAtRestart', () => {
  it('leaves a gap from the last stored change to the restart when the tab was active', () => {
    const state = heavyTab(SMALL).state;
    state.lastChangeAt = HEAVY_T0 + 1_000;
    // heavyTab leaves every tenth request running: their end may have come while the worker was stopped.
    expect(gapAtRestart(state, HEAVY_T0 + 3_500)).toEqual(gap(HEAVY_T0 + 1_000, HEAVY_T0 + 3_500, 4));
  });

  it('leaves none after an idle stop, nor for a visit that never changed', () => {
    const state = heavyTab(SMALL).state;
    state.lastChangeAt = HEAVY_T0;
    expect(gapAtRestart(state, HEAVY_T0 + IDLE_WORKER_STOP_MS)).toBeNull();
    expect(gapAtRestart(state, HEAVY_T0 + IDLE_WORKER_STOP_MS - 1)).not.toBeNull();
    delete state.lastChangeAt;
    expect(gapAtRestart(state, HEAVY_T0 + 10)).toBeNull();
  });
});

describe('addGap', () => {
  it('keeps separate stops apart and merges overlapping ones', () => {
    expect(addGap([gap(0, 10)], gap(20, 30))).toEqual([gap(0, 10), gap(20, 30)]);
    expect(addGap([gap(0, 10, 2)], gap(5, 30, 1))).toEqual([gap(0, 30, 2)]);
  });

  it('past the cap, widens the last gap so every stop stays covered', () => {
    let gaps: ObservationGap[] = [];
    for (let i = 0; i < MAX_GAPS + 10; i += 1) gaps = addGap(gaps, gap(i * 100, i * 100 + 10));
    expect(gaps).toHaveLength(MAX_GAPS);
    expect(gaps.at(-1)).toEqual(gap((MAX_GAPS - 1) * 100, (MAX_GAPS + 9) * 100 + 10));
  });
});

describe('the audit warns about each gap', () => {
  it('one observations-missing warning per gap, with its times and unfinished requests', () => {
    const state = heavyTab(SMALL).state;
    state.gaps = [gap(1, 2, 3), gap(5, 9)];
    const ctx = { state, cookies: [], consent: { observations: [] }, hosts: [], attributor: { isFirstPartyHost: () => false } };
    const warnings = auditWarnings(ctx as unknown as Parameters<typeof auditWarnings>[0]).filter((w) => w.code === 'observations-missing');
    expect(warnings).toEqual([
      { code: 'observations-missing', params: { from: 1, to: 2, unfinishedRequests: 3 } },
      { code: 'observations-missing', params: { from: 5, to: 9, unfinishedRequests: 0 } },
    ]);
  });
});
