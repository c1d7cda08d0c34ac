import { describe, expect, it } from 'vitest';
import { contentToBackgroundSchema, type ParsedContentToBackground } from '../../src/messaging/protocol';
import { INPUT_LIMITS } from '../../src/core/observe/limits';
import { TabRecorder } from '../../src/core/observe/tab-recorder';

const LIMIT = INPUT_LIMITS.textLength;
const long = (n: number, c = 'k'): string => c.repeat(n);

function parse<T extends ParsedContentToBackground['type']>(message: unknown, type: T): Extract<ParsedContentToBackground, { type: T }> {
  const parsed = contentToBackgroundSchema.safeParse(message);
  if (!parsed.success) throw new Error(parsed.error.message);
  expect(parsed.data.type).toBe(type);
  return parsed.data as Extract<ParsedContentToBackground, { type: T }>;
}

function snapshot(entries: unknown[], over: Record<string, unknown> = {}): unknown {
  return { type: 'content/storage-snapshot', area: 'localStorage', origin: 'https://shop.example', frameUrl: 'https://shop.example/', entries, ...over };
}

describe('page data is validated item by item', () => {
  it('clips a 10,000-character storage key with its real length, and keeps its neighbours', () => {
    const data = parse(
      snapshot([
        { key: '_ga', size: 30 },
        { key: long(10_000), size: 1 },
        { key: 'tracker_id', size: 12 },
      ]),
      'content/storage-snapshot',
    );
    expect(data.entries.items.map((e) => e.key.length <= LIMIT + 20)).toEqual([true, true, true]);
    expect(data.entries.items[1]?.key.endsWith('…[10000 chars]')).toBe(true);
    expect(data.entries.items.map((e) => e.key)).toContain('tracker_id');
    expect(data.entries.dropped).toBe(0);
  });

  it('keeps the first keys of an origin with 20,000 and counts the rest', () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ key: `k${i}`, size: 1 }));
    const data = parse(snapshot(entries), 'content/storage-snapshot');
    expect(data.entries.items).toHaveLength(INPUT_LIMITS.itemsPerMessage);
    expect(data.entries.items[0]?.key).toBe('k0');
    expect(data.entries.dropped).toBe(20_000 - INPUT_LIMITS.itemsPerMessage);
  });

  it('drops a malformed key alone', () => {
    const data = parse(snapshot([{ key: 'a', size: -1 }, { key: 7 }, { key: 'b', size: 2 }]), 'content/storage-snapshot');
    expect(data.entries.items.map((e) => e.key)).toEqual(['b']);
    expect(data.entries.dropped).toBe(2);
  });

  it('clips a frame URL and an origin over 4,096 characters instead of dropping the snapshot', () => {
    const frameUrl = `https://shop.example/?q=${long(5_000, 'q')}`;
    const data = parse(snapshot([{ key: '_fbp', size: 20 }], { frameUrl, origin: `https://${long(5_000, 'o')}.example` }), 'content/storage-snapshot');
    expect(data.frameUrl.endsWith(`…[${frameUrl.length} chars]`)).toBe(true);
    expect(data.origin.length).toBeLessThan(LIMIT + 30);
    expect(data.entries.items).toHaveLength(1);
  });

  it('keeps a batch of scripts and iframes when one src is over 4,096 characters or not a resource', () => {
    const items = [
      { element: 'script', url: 'https://cdn.example/a.js' },
      { element: 'iframe', url: `https://ads.example/frame?${long(8_000, 'x')}` },
      { element: 'object', url: 'https://x.example/' },
      { element: 'script', url: 'https://t.example/t.js' },
    ];
    const data = parse({ type: 'content/resources', frameUrl: 'https://shop.example/', items }, 'content/resources');
    expect(data.items.items.map((i) => i.element)).toEqual(['script', 'iframe', 'script']);
    expect(data.items.items[1]?.url.endsWith('…[8026 chars]')).toBe(true);
    expect(data.items.dropped).toBe(1);
  });

  it('keeps 20 policy links of a page that offers 5,000, and clips a consent signal detail', () => {
    const links = Array.from({ length: 5_000 }, (_, i) => ({ url: `https://shop.example/p${i}`, text: long(10_000, 't') }));
    const data = parse({ type: 'content/policy-links', links }, 'content/policy-links');
    expect(data.links.items).toHaveLength(20);
    expect(data.links.dropped).toBe(4_980);
    const signal = { source: 'google-consent-mode', at: 1, phase: 'default', explicit: false, granted: {}, detail: long(100_000, 'd') };
    const consent = parse({ type: 'content/consent-signal', signal }, 'content/consent-signal');
    expect(consent.signal.detail?.length).toBeLessThan(LIMIT + 30);
  });
});

describe('a recorder fed a capped snapshot', () => {
  const frame = { frameId: 0, kind: 'top' as const, url: 'https://shop.example/' };

  it('records the first keys, counts the others once however often the page is read, and marks none removed', () => {
    const r = TabRecorder.startVisit(1, 'https://shop.example/', 0);
    const all = Array.from({ length: 20_000 }, (_, i) => ({ key: `k${i}`, size: 1 }));
    const first = parse(snapshot(all), 'content/storage-snapshot').entries;
    r.recordStorageSnapshot('localStorage', 'https://shop.example', frame, first.items, 10, true, undefined, first.dropped);
    r.recordStorageSnapshot('localStorage', 'https://shop.example', frame, first.items, 20, false, undefined, first.dropped);
    // The page reorders its keys: the next snapshot carries other ones first.
    const reordered = parse(snapshot([...all].reverse()), 'content/storage-snapshot').entries;
    r.recordStorageSnapshot('localStorage', 'https://shop.example', frame, reordered.items, 30, false, undefined, reordered.dropped);
    const kept = Object.values(r.state.storageKeys);
    expect(kept).toHaveLength(2 * INPUT_LIMITS.itemsPerMessage);
    expect(kept.every((k) => k.removedAt === null)).toBe(true);
    expect(r.state.overflow.storageKeys).toBe(20_000 - INPUT_LIMITS.itemsPerMessage);
  });
});
