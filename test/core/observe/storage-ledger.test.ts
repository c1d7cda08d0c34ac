import { describe, expect, it } from 'vitest';
import { metaKey, planTabWrites, StorageLedger } from '../../../src/core/observe/storage-ledger';
import { decodeTabState, storedBytes } from '../../../src/core/observe/tab-state-codec';
import { REQUEST_CHUNK_SIZE, TabRecorder } from '../../../src/core/observe/tab-recorder';
import { auditWarnings } from '../../../src/core/audit/audit-warnings';
import { HEAVY_T0 } from './heavy-tab';

function fire(recorder: TabRecorder, from: number, count: number): void {
  for (let i = from; i < from + count; i += 1) {
    const url = `https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123&_p=${i}&dl=https%3A%2F%2Fwww.connox.nl%2Fp%2F${i}`;
    recorder.recordRequest({ requestId: String(i), url, method: 'GET', type: 'ping', frameId: 0, parentFrameId: -1, tabId: 7, timeStamp: HEAVY_T0 + i });
  }
}

describe('StorageLedger', () => {
  it('counts each key once, replaced values by their difference, removed keys as freed', () => {
    const ledger = new StorageLedger(1_000);
    ledger.record('a', 'xxxx');
    ledger.record('b', 'yy');
    expect(ledger.bytes).toBe(storedBytes('a', 'xxxx') + storedBytes('b', 'yy'));
    expect(ledger.growth({ a: 'x', c: 'zzz' })).toBe(-3 + storedBytes('c', 'zzz'));
    ledger.record('a', 'x');
    ledger.forget('b');
    ledger.forget('never-written');
    expect(ledger.bytes).toBe(storedBytes('a', 'x'));
  });
});

describe('planTabWrites under a byte budget', () => {
  it('writes everything while it fits', () => {
    const recorder = TabRecorder.startVisit(7, 'https://www.connox.nl/', HEAVY_T0);
    fire(recorder, 1, 600);
    const ledger = new StorageLedger(1_000_000);
    const writes = planTabWrites(7, recorder, ledger);
    expect(Object.keys(writes).sort()).toEqual(['tab:7', 'tab:7:r0', 'tab:7:r1']);
    expect(ledger.bytes).toBe(Object.entries(writes).reduce((sum, [k, v]) => sum + storedBytes(k, v), 0));
    expect(recorder.state.overflow.requests).toBe(0);
  });

  it('past the budget, stores what it has and counts every later observation as overflow, which the report warns about', () => {
    const recorder = TabRecorder.startVisit(7, 'https://www.connox.nl/', HEAVY_T0);
    const ledger = new StorageLedger(30_000);
    const stored = new Map<string, string>();
    // Flushes of a busy page: 200 requests between writes.
    for (let batch = 0; batch < 10; batch += 1) {
      fire(recorder, 1 + batch * 200, 200);
      for (const [key, value] of Object.entries(planTabWrites(7, recorder, ledger))) stored.set(key, value);
    }
    const kept = recorder.state.requests.length;
    expect(kept).toBeLessThan(2_000);
    expect(kept + recorder.state.overflow.requests).toBe(2_000);
    // The one write that passed the budget went out; nothing after it grew the store.
    expect(ledger.bytes).toBeLessThan(30_000 + 30_000);
    // What is stored is exactly what the recorder kept, overflow count included.
    const restored = decodeTabState(stored.get(metaKey(7)), (i) => stored.get(`tab:7:r${i}`), REQUEST_CHUNK_SIZE);
    expect(restored?.requests).toHaveLength(kept);
    expect(restored?.overflow.requests).toBe(2_000 - kept);
    const ctx = { state: restored, cookies: [], consent: { observations: [] }, hosts: [], attributor: { isFirstPartyHost: () => false } };
    expect(auditWarnings(ctx as unknown as Parameters<typeof auditWarnings>[0])).toContainEqual({
      code: 'observations-overflowed',
      params: { overflow: [{ kind: 'requests', count: 2_000 - kept }] },
    });
  });

  it('a closed tab counts every kind of new observation as overflow, and still updates what it kept', () => {
    const recorder = TabRecorder.startVisit(7, 'https://www.connox.nl/', HEAVY_T0);
    fire(recorder, 1, 3);
    recorder.closeToNewObservations();
    fire(recorder, 10, 2);
    const frame = { frameId: 0, kind: 'top' as const, url: 'https://www.connox.nl/' };
    recorder.recordResource('script', 'https://cdn.example.com/a.js', frame, HEAVY_T0);
    recorder.recordStorageSnapshot('localStorage', 'https://www.connox.nl', frame, [{ key: 'k', size: 1 }], HEAVY_T0);
    recorder.recordRequestEnd('1', recorder.state.requests[0]?.url ?? '', 204, null);
    expect(recorder.state.overflow).toMatchObject({ requests: 2, resources: 1, storageKeys: 1 });
    expect(recorder.state.requests.map((r) => r.status)).toEqual([204, null, null]);
  });
});
