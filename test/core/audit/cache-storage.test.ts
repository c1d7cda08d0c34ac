import { describe, expect, it } from 'vitest';
import { trackingAfterRefusal } from '../../../src/core/audit/rules/tracking-after-refusal';
import { trackingBeforeConsent } from '../../../src/core/audit/rules/tracking-before-consent';
import { undeclaredCookie } from '../../../src/core/audit/rules/undeclared-cookie';
import { check, cookieClaim, miniModel, processor, run, SHOP, T0, visit } from './build-visit';

// Cache Storage names reach the audit only from the CLI (DevTools protocol), as storage keys
// of area `cacheStorage`; the storage rules read them as they read IndexedDB names.
const META = 'https://connect.facebook.net';
const META_FRAME = 'https://connect.facebook.net/frame.html';

describe('Cache Storage names in the audit', () => {
  it('flags a marketing vendor’s cache written before consent, with the DevTools source in the evidence', () => {
    const v = visit().devtoolsStorage('cacheStorage', META, ['px-assets-v1'], { at: 400, frameUrl: META_FRAME }).cookiebot('accept', 10_000);
    const findings = check(trackingBeforeConsent, v);
    expect(findings.map((f) => f.id)).toEqual(['tracking-before-consent:vendor:facebook-pixel']);
    expect(findings[0]!.evidence).toEqual([
      expect.objectContaining({ type: 'storage-key', area: 'cacheStorage', key: 'px-assets-v1', origin: META, at: T0 + 400, source: 'devtools' }),
    ]);
  });

  it('treats it as it treats an IndexedDB name of the same vendor', () => {
    const cache = check(trackingBeforeConsent, visit().devtoolsStorage('cacheStorage', META, ['x'], { frameUrl: META_FRAME }));
    const idb = check(trackingBeforeConsent, visit().devtoolsStorage('indexedDB', META, ['x'], { frameUrl: META_FRAME }));
    expect(cache.map((f) => [f.id, f.severity])).toEqual(idb.map((f) => [f.id, f.severity]));
    expect(cache).toHaveLength(1);
  });

  it('flags a cache written after a refusal, not one written before it', () => {
    const after = visit().cookiebot('decline', 1_000).devtoolsStorage('cacheStorage', META, ['px-assets-v1'], { at: 2_000, frameUrl: META_FRAME });
    expect(check(trackingAfterRefusal, after).map((f) => [f.id, f.severity])).toEqual([['tracking-after-refusal:vendor:facebook-pixel', 'critical']]);
    const before = visit().devtoolsStorage('cacheStorage', META, ['px-assets-v1'], { at: 500, frameUrl: META_FRAME }).cookiebot('decline', 1_000);
    expect(check(trackingAfterRefusal, before)).toEqual([]);
  });

  it('reads a name first listed at the end of the page as written some time in the visit: flagged only if that whole time was forbidden', () => {
    const endRead = { at: 5_000, frameUrl: META_FRAME, seenBy: 'read' } as const;
    // No choice in the whole visit: before consent, whenever it was written.
    expect(check(trackingBeforeConsent, visit().devtoolsStorage('cacheStorage', META, ['c'], endRead))).toHaveLength(1);
    // Refused half-way: it may have been written before the refusal, so neither rule claims it.
    const split = visit().cookiebot('decline', 1_000).devtoolsStorage('cacheStorage', META, ['c'], endRead);
    expect(check(trackingAfterRefusal, split)).toEqual([]);
    expect(check(trackingBeforeConsent, split)).toEqual([]);
  });

  it('does not count a cache an earlier part of the scenario already held as written in this one', () => {
    const reload = visit()
      .cookiebot('decline', -1_000)
      .devtoolsStorage('cacheStorage', META, ['c'], { at: 5_000, frameUrl: META_FRAME, seenBy: 'read', preexisting: true });
    expect(check(trackingAfterRefusal, reload)).toEqual([]);
  });

  it('flags a processor’s cache its declared list does not cover, and accepts one the list declares as cacheStorage', () => {
    const stats = 'https://stats.stats-example.io';
    const model = miniModel({
      processors: [
        processor({
          id: 'stats',
          hosts: ['stats.stats-example.io'],
          cookies: [cookieClaim({ name: '_st' }), cookieClaim({ name: 'st-cache', storage: 'cacheStorage' })],
        }),
      ],
    });
    const v = visit(SHOP)
      .request(`${stats}/frame.html`, { type: 'sub_frame', frameId: 5 })
      .devtoolsStorage('cacheStorage', stats, ['st-cache', 'st-other'], { frameUrl: `${stats}/frame.html` });
    const findings = check(undeclaredCookie, v, { policy: model });
    expect(findings.map((f) => f.id)).toEqual(['undeclared-cookie:processor:stats|cacheStorage|st-other']);
    expect(findings[0]!.evidence[0]).toMatchObject({ type: 'storage-key', area: 'cacheStorage', source: 'devtools' });
  });

  it('lists it in the storage table with its vendor', () => {
    const report = run(visit().devtoolsStorage('cacheStorage', META, ['px-assets-v1'], { frameUrl: META_FRAME }));
    expect(report.storage.map((s) => [s.area, s.key, s.origin, s.vendorName])).toEqual([['cacheStorage', 'px-assets-v1', META, 'Meta Pixel']]);
  });

  it('leaves what the extension saw without a source mark', () => {
    const v = visit().storage('localStorage', META, ['px_id'], { at: 400, frame: { frameId: 5, kind: 'sub', url: META_FRAME } });
    const [f] = check(trackingBeforeConsent, v);
    expect(f!.evidence[0]).not.toHaveProperty('source');
  });
});
