import { describe, expect, it } from 'vitest';
import { decodeTabState, encodeMeta, encodeRequestChunk, storedBytes } from '../../../src/core/observe/tab-state-codec';
import { REQUEST_CHUNK_SIZE, type TabRecorder } from '../../../src/core/observe/tab-recorder';
import { STORAGE_BUDGET_BYTES, TAB_LIMITS } from '../../../src/core/observe/limits';
import { heavyTab } from './heavy-tab';

/** What TabStore writes for a recorder: key → stored string. */
function stored(recorder: TabRecorder): Map<string, string> {
  const out = new Map<string, string>();
  const { meta, chunks } = recorder.takeChanges();
  if (meta) out.set('tab:7', encodeMeta(meta));
  for (const [chunk, requests] of chunks) out.set(`tab:7:r${chunk}`, encodeRequestChunk(requests));
  return out;
}

function decode(values: Map<string, string>): ReturnType<typeof decodeTabState> {
  return decodeTabState(values.get('tab:7'), (i) => values.get(`tab:7:r${i}`), REQUEST_CHUNK_SIZE);
}

const SMALL = { ...TAB_LIMITS, requests: 1_200, cookies: 50, cookieAttempts: 50, storageKeys: 50, resources: 50 };

describe('the stored form of a visit', () => {
  it('round-trips a visit recorded from events', () => {
    const recorder = heavyTab(SMALL);
    recorder.state.gaps = [{ from: 1, to: 2, reason: 'worker-stopped', unfinishedRequests: 3 }];
    recorder.state.lastChangeAt = 5;
    expect(decode(stored(recorder))).toEqual(JSON.parse(JSON.stringify(recorder.state)));
  });

  it('keeps a tab at every cap within the storage budget, at under half of its plain JSON', () => {
    const recorder = heavyTab();
    const values = stored(recorder);
    const bytes = [...values].reduce((sum, [key, value]) => sum + storedBytes(key, value), 0);
    expect(bytes).toBeLessThan(STORAGE_BUDGET_BYTES);
    expect(bytes).toBeLessThan(JSON.stringify(recorder.state).length / 2);
    const back = decode(values);
    expect(back?.requests).toHaveLength(TAB_LIMITS.requests);
    expect(Object.keys(back?.cookies ?? {})).toHaveLength(TAB_LIMITS.cookies);
  });

  it('refuses what it did not write: another format, a missing or altered chunk, a wild count', () => {
    const values = stored(heavyTab(SMALL));
    const meta = values.get('tab:7') as string;
    expect(decode(new Map([...values, ['tab:7', meta.replace('"format":2', '"format":1')]]))).toBeNull();
    const withoutChunk = new Map(values);
    withoutChunk.delete('tab:7:r1');
    expect(decode(withoutChunk)).toBeNull();
    expect(decode(new Map([...values, ['tab:7:r0', (values.get('tab:7:r0') as string).replace('"main_frame"', '42')]]))).toBeNull();
    expect(decode(new Map([...values, ['tab:7', meta.replace(/"requestCount":\d+/, '"requestCount":1e12')]]))).toBeNull();
    expect(decodeTabState({ not: 'a string' }, () => undefined, REQUEST_CHUNK_SIZE)).toBeNull();
  });

  it('counts stored bytes as UTF-8', () => {
    expect(storedBytes('k', 'abc')).toBe(4);
    expect(storedBytes('k', 'é€😀')).toBe(1 + 2 + 3 + 4);
  });
});
