import { describe, expect, it } from 'vitest';
import { upgradeLegacyCacheStorage } from '../../../src/core/observe/legacy-cache-storage';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { tabStateSchema } from '../../../src/core/observe/tab-state-schema';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

/** A log as the CLI saved it before Cache Storage names were storage keys. */
function legacyLog(): Record<string, unknown> {
  const r = TabRecorder.startVisit(3, 'https://www.shop.nl/', T0, { mainRequestId: 'm' });
  r.recordRequest({ requestId: 'm', url: 'https://www.shop.nl/', method: 'GET', type: 'main_frame', frameId: 0, parentFrameId: -1, tabId: 3, timeStamp: T0 });
  return {
    ...JSON.parse(JSON.stringify(r.state)),
    cacheStorage: [
      { origin: 'https://www.shop.nl', cacheName: 'sw-v1', at: T0 + 900, source: 'devtools' },
      { origin: 'https://ads.example', cacheName: 'ad-assets', at: T0 + 900, source: 'devtools' },
      { origin: 'https://ads.example', cacheName: '', at: T0 + 900, source: 'devtools' },
    ],
  };
}

describe('re-auditing a log saved with the old cacheStorage list', () => {
  it('turns each cache name into a DevTools storage key of area cacheStorage, dated to the visit', () => {
    const parsed = tabStateSchema.parse(upgradeLegacyCacheStorage(legacyLog()));
    expect(Object.values(parsed.storageKeys).map((k) => [k.area, k.origin, k.key, k.frame.kind, k.firstSeenAt, k.writtenAfter, k.source])).toEqual([
      ['cacheStorage', 'https://www.shop.nl', 'sw-v1', 'top', T0 + 900, T0, 'devtools'],
      ['cacheStorage', 'https://ads.example', 'ad-assets', 'sub', T0 + 900, T0, 'devtools'],
    ]);
  });

  it('leaves a current log, and anything that is not a log, as it is', () => {
    const current = { ...legacyLog() };
    delete current.cacheStorage;
    expect(upgradeLegacyCacheStorage(current)).toBe(current);
    expect(upgradeLegacyCacheStorage(null)).toBeNull();
    expect(upgradeLegacyCacheStorage('x')).toBe('x');
  });
});
