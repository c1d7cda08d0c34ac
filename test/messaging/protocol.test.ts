import { describe, expect, it } from 'vitest';
import { contentToBackgroundSchema } from '../../src/messaging/protocol';

describe('content-script messages are untrusted', () => {
  it('accepts a well-formed storage snapshot', () => {
    const ok = contentToBackgroundSchema.safeParse({
      type: 'content/storage-snapshot',
      area: 'localStorage',
      origin: 'https://a.example',
      frameUrl: 'https://a.example/',
      entries: [{ key: 'k', size: 2 }],
    });
    expect(ok.success).toBe(true);
  });

  it("takes a message's place in its stream (document id, number from 1), and rejects a malformed one", () => {
    const resources = { type: 'content/resources', frameUrl: 'https://a.example/', items: [] };
    const parsed = contentToBackgroundSchema.safeParse({ ...resources, seq: { doc: '0a1b2c3d4e5f6071', n: 3 } });
    expect(parsed.success && parsed.data.seq).toEqual({ doc: '0a1b2c3d4e5f6071', n: 3 });
    for (const seq of [{ doc: 'd', n: 0 }, { doc: '', n: 1 }, { doc: 'd', n: 1.5 }, { doc: 'x'.repeat(41), n: 1 }, 'seven']) {
      expect(contentToBackgroundSchema.safeParse({ ...resources, seq }).success, JSON.stringify(seq)).toBe(false);
    }
  });

  it.each([
    [{ type: 'content/unknown' }],
    [{ type: 'content/storage-snapshot', area: 'cookies', origin: 'x', frameUrl: 'x', entries: [] }],
    [{ type: 'content/resources', frameUrl: 'x', items: 'not a list' }],
    ['a string'],
    [null],
  ])('rejects %j', (message) => {
    expect(contentToBackgroundSchema.safeParse(message).success).toBe(false);
  });
});
