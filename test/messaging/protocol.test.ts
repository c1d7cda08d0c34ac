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
