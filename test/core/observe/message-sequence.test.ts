import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_STREAMS, takeMessage, type SequenceMark } from '../../../src/core/observe/message-sequence';
import { addGap, countEndWithoutStart, type ObservationGap } from '../../../src/core/observe/observation-gaps';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { TAB_LIMITS } from '../../../src/core/observe/limits';
import { tabStateSchema } from '../../../src/core/observe/tab-state-schema';
import { auditWarnings } from '../../../src/core/audit/audit-warnings';
import { createPresenter } from '../../../src/presenter/presenter';
import type { WebRequestDetails } from '../../../src/core/observe/normalise-request';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);

function request(requestId: string, url: string, type = 'script'): WebRequestDetails {
  return { requestId, url, method: 'GET', type, frameId: 0, parentFrameId: -1, tabId: 7, timeStamp: T0 + 10 } as WebRequestDetails;
}

function visit(limits = TAB_LIMITS): TabRecorder {
  const r = TabRecorder.startVisit(7, 'https://www.connox.nl/', T0, { mainRequestId: '100', limits });
  r.recordRequest(request('100', 'https://www.connox.nl/', 'main_frame'));
  return r;
}

function warningsOf(r: TabRecorder) {
  const ctx = { state: r.state, cookies: [], consent: { observations: [] }, hosts: [], attributor: { isFirstPartyHost: () => false } };
  return auditWarnings(ctx as unknown as Parameters<typeof auditWarnings>[0]);
}

describe('takeMessage: sequence numbers per stream', () => {
  it('finds nothing missing while the numbers follow each other, and counts a skipped run since the last arrival', () => {
    const marks: Record<string, SequenceMark> = {};
    expect(takeMessage(marks, 'doc:resources', 1, 10)).toBeNull();
    expect(takeMessage(marks, 'doc:resources', 2, 20)).toBeNull();
    expect(takeMessage(marks, 'doc:resources', 5, 50)).toEqual({ missing: 2, since: 20 });
    expect(takeMessage(marks, 'doc:resources', 6, 60)).toBeNull();
  });

  it('keeps streams apart: another kind or another document counts on its own', () => {
    const marks: Record<string, SequenceMark> = {};
    takeMessage(marks, 'a:resources', 1, 10);
    expect(takeMessage(marks, 'a:storage-snapshot', 1, 11)).toBeNull();
    expect(takeMessage(marks, 'b:resources', 1, 12)).toBeNull();
    expect(takeMessage(marks, 'a:resources', 2, 13)).toBeNull();
  });

  it('ignores a late or repeated number, and a stream first seen past 1 (its document began before the visit)', () => {
    const marks: Record<string, SequenceMark> = {};
    takeMessage(marks, 'doc:resources', 1, 10);
    takeMessage(marks, 'doc:resources', 4, 40);
    expect(takeMessage(marks, 'doc:resources', 3, 41)).toBeNull();
    expect(takeMessage(marks, 'doc:resources', 4, 42)).toBeNull();
    expect(marks['doc:resources']).toEqual({ n: 4, at: 40 });
    expect(takeMessage(marks, 'old:resources', 9, 50)).toBeNull();
    expect(takeMessage(marks, 'old:resources', 11, 60)).toEqual({ missing: 1, since: 50 });
  });

  it(`follows at most ${MAX_MESSAGE_STREAMS} streams`, () => {
    const marks: Record<string, SequenceMark> = {};
    for (let i = 0; i < MAX_MESSAGE_STREAMS + 5; i += 1) takeMessage(marks, `d${i}:resources`, 1, i);
    expect(Object.keys(marks)).toHaveLength(MAX_MESSAGE_STREAMS);
  });
});

describe('the recorder records lost content-script messages as a gap naming the source', () => {
  it('a lost storage snapshot: one gap from the previous snapshot to the next, with the count and the kind', () => {
    const r = visit();
    r.recordMessageSequence('d1', 'storage-snapshot', 1, T0 + 100);
    r.recordMessageSequence('d1', 'resources', 1, T0 + 150);
    r.recordMessageSequence('d1', 'storage-snapshot', 2, T0 + 200);
    r.recordMessageSequence('d1', 'storage-snapshot', 4, T0 + 900);
    expect(r.state.gaps).toEqual([{ from: T0 + 200, to: T0 + 900, reason: 'messages-lost', source: 'storage-snapshot', unfinishedRequests: 0, lost: 1 }]);
    expect(warningsOf(r).filter((w) => w.code === 'page-messages-missing')).toEqual([
      { code: 'page-messages-missing', params: { from: T0 + 200, to: T0 + 900, source: 'storage-snapshot', lost: 1 } },
    ]);
    // No worker stop: no "the browser stopped the worker" warning.
    expect(warningsOf(r).map((w) => w.code)).not.toContain('observations-missing');
  });

  it('continues the count after a worker restart: the marks are part of the stored state', () => {
    const r = visit();
    r.recordMessageSequence('d1', 'resources', 1, T0 + 100);
    const stored = tabStateSchema.parse(JSON.parse(JSON.stringify(r.state)));
    const restored = TabRecorder.fromState(stored);
    // Messages 2 and 3 were taken after the last write and lost with the stop.
    restored.recordMessageSequence('d1', 'resources', 4, T0 + 5_000);
    expect(restored.state.gaps).toEqual([{ from: T0 + 100, to: T0 + 5_000, reason: 'messages-lost', source: 'resources', unfinishedRequests: 0, lost: 2 }]);
  });

  it('words the warning in every language with the kind of message', () => {
    const r = visit();
    r.recordMessageSequence('d1', 'consent-signal', 1, T0 + 100);
    r.recordMessageSequence('d1', 'consent-signal', 3, T0 + 200);
    const warning = warningsOf(r).find((w) => w.code === 'page-messages-missing')!;
    expect(createPresenter('en').warning(warning)).toMatch(/^1 message of the page's content script \(consent signals\) never reached PolicyLens/);
    for (const lang of ['nl', 'de', 'fr', 'es', 'it', 'sv', 'da'] as const) {
      const text = createPresenter(lang).warning(warning);
      expect(text, lang).not.toMatch(/messageKind|consent signals|\{/);
      expect(text, lang).toMatch(/\b1\b/);
    }
  });
});

describe('a request end whose start was lost is counted, not ignored', () => {
  it('counts it in the last worker stop’s gap, once per request (a redirect hop and an error end it again)', () => {
    const r = visit();
    r.state.gaps = [{ from: T0 + 50, to: T0 + 400, reason: 'worker-stopped', unfinishedRequests: 0 }];
    expect(r.recordRequestEnd('130', 'https://www.connox.nl/a.js', 200, null)).toBe(false);
    r.recordEndWithoutStart('130', T0 + 500);
    r.recordEndWithoutStart('130', T0 + 510);
    r.recordEndWithoutStart('131', T0 + 520);
    expect(r.state.gaps).toEqual([{ from: T0 + 50, to: T0 + 400, reason: 'worker-stopped', unfinishedRequests: 0, endsWithoutStart: 2 }]);
    expect(warningsOf(r).filter((w) => w.code === 'request-starts-missing')).toEqual([
      { code: 'request-starts-missing', params: { from: T0 + 50, to: T0 + 400, lost: 2 } },
    ]);
  });

  it('without a stop, opens a gap of its own that widens over the next ones', () => {
    const r = visit();
    r.recordEndWithoutStart('140', T0 + 500);
    r.recordEndWithoutStart('141', T0 + 700);
    expect(r.state.gaps).toEqual([{ from: T0 + 500, to: T0 + 700, reason: 'request-start-lost', unfinishedRequests: 0, lost: 2 }]);
    expect(createPresenter('en').warning(warningsOf(r).find((w) => w.code === 'request-starts-missing')!)).toMatch(/^2 requests started before/);
  });

  it("leaves out ends of the tab's earlier page (numbered below the visit's first request) and of requests past the cap", () => {
    const r = visit();
    r.recordEndWithoutStart('99', T0 + 500);
    r.recordEndWithoutStart('not-a-number', T0 + 500);
    expect(r.state.gaps).toBeUndefined();
    const full = visit({ ...TAB_LIMITS, requests: 1 });
    full.recordRequest(request('101', 'https://www.connox.nl/overflow.js'));
    expect(full.state.overflow.requests).toBe(1);
    full.recordEndWithoutStart('101', T0 + 500);
    expect(full.state.gaps).toBeUndefined();
  });

  it('finds the request that did start, and says so', () => {
    const r = visit();
    r.recordRequest(request('150', 'https://www.connox.nl/b.js'));
    expect(r.recordRequestEnd('150', 'https://www.connox.nl/b.js', 200, null)).toBe(true);
  });
});

describe('addGap keeps gaps of different kinds apart', () => {
  const stop: ObservationGap = { from: 0, to: 100, reason: 'worker-stopped', unfinishedRequests: 1 };
  const lost: ObservationGap = { from: 50, to: 150, reason: 'messages-lost', source: 'resources', unfinishedRequests: 0, lost: 2 };
  it('does not merge a lost message into an overlapping worker stop, nor two sources', () => {
    expect(addGap([stop], lost)).toEqual([stop, lost]);
    const other: ObservationGap = { ...lost, source: 'policy-links', lost: 1 };
    expect(addGap([lost], other)).toEqual([lost, other]);
  });

  it('merges the same source and adds the counts', () => {
    expect(addGap([lost], { ...lost, from: 120, to: 200, lost: 3 })).toEqual([{ ...lost, to: 200, lost: 5 }]);
  });

  it('countEndWithoutStart leaves the other gaps as they were', () => {
    expect(countEndWithoutStart([stop, lost], 300)).toEqual([{ ...stop, endsWithoutStart: 1 }, lost]);
  });
});
