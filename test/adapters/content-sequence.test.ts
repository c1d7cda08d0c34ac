import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContentToBackground } from '../../src/messaging/protocol';
import type { notifyBackground as NotifyBackground } from '../../src/content/runtime';

const sent: ContentToBackground[] = [];

describe("the content script's sender numbers its messages", () => {
  let notifyBackground: typeof NotifyBackground;
  beforeAll(async () => {
    // The runtime the sender finds at load (Chrome's shape), before the module is imported.
    vi.stubGlobal('chrome', { runtime: { sendMessage: (m: ContentToBackground) => (sent.push(m), Promise.resolve()), onMessage: { addListener() {} } } });
    ({ notifyBackground } = await import('../../src/content/runtime'));
  });

  it('per kind from 1, under one random document id', () => {
    notifyBackground({ type: 'content/resources', frameUrl: 'https://a.example/', items: [] });
    notifyBackground({ type: 'content/policy-links', links: [] });
    notifyBackground({ type: 'content/resources', frameUrl: 'https://a.example/', items: [] });
    expect(sent.map((m) => [m.type, m.seq?.n])).toEqual([
      ['content/resources', 1],
      ['content/policy-links', 1],
      ['content/resources', 2],
    ]);
    const docs = new Set(sent.map((m) => m.seq?.doc));
    expect(docs.size).toBe(1);
    expect([...docs][0]).toMatch(/^[0-9a-f]{16}$/);
  });
});
