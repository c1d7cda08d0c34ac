import { describe, expect, it } from 'vitest';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { mergeDevtoolsFindings, NOT_STORED, type DevtoolsFindings } from '../../../src/core/observe/merge-devtools';
import { parseSetCookie } from '../../../src/core/observe/parse-set-cookie';
import { tabStateSchema } from '../../../src/core/observe/tab-state-schema';
import { urlMasker } from '../../../src/core/observe/mask-url';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const DAY = 86_400_000;

function state(stored: string[] = []) {
  const r = TabRecorder.startVisit(3, 'https://www.shop.nl/', T0, { mainRequestId: 'm' });
  // What the extension saw stored (capped by the browser, as cookies.onChanged reports it).
  for (const name of stored) r.recordCookieSet(parseSetCookie(`${name}=abc; Max-Age=${400 * 86_400}`, 'www.shop.nl', T0)!, T0 + 60);
  r.recordRequest({ requestId: 'm', url: 'https://www.shop.nl/', method: 'GET', type: 'main_frame', frameId: 0, parentFrameId: -1, tabId: 3, timeStamp: T0 });
  r.recordRequest({
    requestId: 'f',
    url: 'https://ads.example/f.html',
    method: 'GET',
    type: 'sub_frame',
    frameId: 4,
    parentFrameId: 0,
    tabId: 3,
    timeStamp: T0,
  });
  return r.state;
}

const none: DevtoolsFindings = { cookieWrites: [], cookieIssues: [], webSockets: [], storageNames: [] };

describe('merging DevTools findings into the log', () => {
  it('turns a script cookie write into a cookie attempt with the lifetime asked for, the script and its stack', () => {
    const expires = new Date(T0 + 1359 * DAY).toUTCString();
    const { state: merged, counts } = mergeDevtoolsFindings(state(['_long']), {
      ...none,
      cookieWrites: [
        {
          cookie: `_long=abc; expires=${expires}; path=/`,
          stack: ['https://cdn.example/tag.js:3:9', 'https://www.shop.nl/:10:1'],
          at: T0 + 50,
          frameUrl: 'https://www.shop.nl/',
          isTop: true,
        },
      ],
    });
    const attempt = merged.cookieAttempts.at(-1)!;
    expect(attempt).toMatchObject({
      name: '_long',
      domain: 'www.shop.nl',
      via: 'script',
      source: 'devtools',
      requestUrl: 'https://cdn.example/tag.js',
      requestHost: 'cdn.example',
      party: 'first',
      valueLength: 3,
      frame: { frameId: 0, kind: 'top' },
    });
    expect(attempt.lifetimeDays).toBeCloseTo(1359, 1);
    expect(attempt.stack).toEqual(['https://cdn.example/tag.js:3:9', 'https://www.shop.nl/:10:1']);
    expect(attempt.refusedBecause).toBeUndefined();
    expect(counts.scriptCookieWrites).toBe(1);
    expect(tabStateSchema.safeParse(merged).success).toBe(true);
  });

  it('takes the jar over a frame the session misnamed: a top-page write filed under a third-party frame stays first-party', () => {
    const { state: merged } = mergeDevtoolsFindings(state(['CookieConsent']), {
      ...none,
      cookieWrites: [{ cookie: 'CookieConsent=x; path=/', stack: [], at: T0 + 55, frameUrl: 'https://ads.example/f.html', isTop: false }],
    });
    expect(merged.cookieAttempts.at(-1)).toMatchObject({ name: 'CookieConsent', domain: 'www.shop.nl', party: 'first' });
  });

  it('keeps a third-party frame’s own write third-party when the jar has it there (or nowhere)', () => {
    const { state: merged } = mergeDevtoolsFindings(state(), {
      ...none,
      cookieWrites: [{ cookie: 'tp=1; path=/', stack: [], at: T0 + 55, frameUrl: 'https://ads.example/f.html', isTop: false }],
    });
    expect(merged.cookieAttempts.at(-1)).toMatchObject({ name: 'tp', domain: 'ads.example', party: 'third' });
  });

  it('marks a write the browser refused with its reasons, and keeps a refusal the hook missed', () => {
    const { state: merged, counts } = mergeDevtoolsFindings(state(), {
      ...none,
      cookieWrites: [{ cookie: 'tp=1; max-age=60', stack: ['https://ads.example/f.js:1:1'], at: T0, frameUrl: 'https://ads.example/f.html', isTop: false }],
      cookieIssues: [
        {
          name: 'tp',
          domain: 'ads.example',
          rawCookieLine: 'tp=1; max-age=60',
          exclusionReasons: ['ExcludeThirdPartyPhaseout'],
          operation: 'SetCookie',
          fromScript: true,
          cookieUrl: 'https://ads.example/f.html',
          at: T0 + 2,
        },
        {
          name: 'other',
          domain: 'ads.example',
          rawCookieLine: 'other=2; max-age=60',
          exclusionReasons: ['ExcludeThirdPartyPhaseout'],
          operation: 'SetCookie',
          fromScript: true,
          cookieUrl: 'https://ads.example/f.html',
          at: T0 + 3,
        },
        {
          name: 'read',
          domain: 'ads.example',
          rawCookieLine: null,
          exclusionReasons: ['ExcludeSameSiteLax'],
          operation: 'ReadCookie',
          fromScript: true,
          cookieUrl: null,
          at: T0 + 4,
        },
      ],
    });
    const added = merged.cookieAttempts.filter((a) => a.source === 'devtools');
    expect(added.map((a) => [a.name, a.refusedBecause, a.party, a.frame.frameId])).toEqual([
      ['tp', ['ExcludeThirdPartyPhaseout'], 'third', 4],
      ['other', ['ExcludeThirdPartyPhaseout'], 'third', 4],
    ]);
    expect(counts.refusedScriptCookies).toBe(2);
  });

  it('calls a script write refused when the browser filed no reason but never stored it', () => {
    const { state: merged } = mergeDevtoolsFindings(state(), {
      ...none,
      cookieWrites: [
        { cookie: 'blocked=1; max-age=60; SameSite=None; Secure', stack: [], at: T0, frameUrl: 'https://ads.example/f.html', isTop: false },
        { cookie: 'gone=; max-age=0', stack: [], at: T0, frameUrl: 'https://www.shop.nl/', isTop: true },
      ],
    });
    const added = merged.cookieAttempts.filter((a) => a.source === 'devtools');
    expect(added.map((a) => [a.name, a.refusedBecause, a.requestUrl])).toEqual([
      ['blocked', [NOT_STORED], 'https://ads.example/f.html'],
      ['gone', undefined, 'https://www.shop.nl/'],
    ]);
  });

  it('adds a WebSocket the extension did not record as a websocket request, and none it did', () => {
    const base = state();
    const { state: merged } = mergeDevtoolsFindings(base, {
      ...none,
      webSockets: [
        { url: 'wss://chat.example/socket', at: T0, frameUrl: 'https://www.shop.nl/', isTop: true },
        { url: base.requests[0]!.url, at: T0, frameUrl: null, isTop: true },
      ],
    });
    expect(merged.requests.filter((r) => r.source === 'devtools').map((r) => [r.url, r.resourceType, r.party])).toEqual([
      ['wss://chat.example/socket', 'websocket', 'third'],
    ]);
  });

  it('adds IndexedDB and Cache Storage names as storage keys of their area, once each, leaving the input unchanged', () => {
    const base = state();
    const before = JSON.stringify(base);
    const { state: merged, counts } = mergeDevtoolsFindings(base, {
      ...none,
      storageNames: [
        { area: 'indexedDB', origin: 'https://ads.example', name: 'ad_db', at: T0, frameUrl: 'https://ads.example/f.html', isTop: false },
        { area: 'indexedDB', origin: 'https://ads.example', name: 'ad_db', at: T0 + 1, frameUrl: null, isTop: false },
        { area: 'cacheStorage', origin: 'https://www.shop.nl', name: 'v1', at: T0, frameUrl: null, isTop: true },
      ],
    });
    expect(Object.values(merged.storageKeys).map((k) => [k.area, k.origin, k.key, k.source, k.frame.frameId])).toEqual([
      ['indexedDB', 'https://ads.example', 'ad_db', 'devtools', 4],
      ['cacheStorage', 'https://www.shop.nl', 'v1', 'devtools', 0],
    ]);
    expect(counts).toMatchObject({ indexedDB: 1, cacheStorage: 1 });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('dates a name first listed by the end-of-page read to the visit, and keeps one an earlier part held as preexisting', () => {
    const base = state();
    const { state: merged } = mergeDevtoolsFindings(base, {
      ...none,
      storageNames: [
        { area: 'cacheStorage', origin: 'https://www.shop.nl', name: 'written', at: T0 + 10, frameUrl: null, isTop: true, seenBy: 'write', preexisting: false },
        { area: 'cacheStorage', origin: 'https://www.shop.nl', name: 'listed', at: T0 + 90, frameUrl: null, isTop: true, seenBy: 'read', preexisting: false },
        { area: 'indexedDB', origin: 'https://www.shop.nl', name: 'older', at: T0 + 90, frameUrl: null, isTop: true, seenBy: 'read', preexisting: true },
      ],
    });
    const byName = Object.fromEntries(Object.values(merged.storageKeys).map((k) => [k.key, k]));
    expect(byName.written).not.toHaveProperty('writtenAfter');
    expect(byName.written).not.toHaveProperty('preexisting');
    expect(byName.listed).toMatchObject({ firstSeenAt: T0 + 90, writtenAfter: base.startedAt });
    expect(byName.older).toMatchObject({ preexisting: true });
    expect(byName.older).not.toHaveProperty('writtenAfter');
  });
});

describe('merging DevTools findings under a URL mask', () => {
  const mask = urlMasker(new Uint8Array(32).fill(9));

  it("masks the script's URL, its stack (line and column kept), the frame and a WebSocket, as the extension masked its own", () => {
    const r = TabRecorder.startVisit(3, 'https://www.shop.nl/', T0, { maskUrl: mask });
    const frameUrl = 'https://ads.example/f.html?visitor=jan%40example.nl';
    r.recordRequest({ requestId: 'f', url: frameUrl, method: 'GET', type: 'sub_frame', frameId: 4, parentFrameId: 0, tabId: 3, timeStamp: T0 });
    const { state: merged } = mergeDevtoolsFindings(
      r.state,
      {
        ...none,
        cookieWrites: [{ cookie: 'uid=1; max-age=60', stack: ['https://cdn.example/t.js?k=secret123:12:5'], at: T0, frameUrl, isTop: false }],
        webSockets: [{ url: 'wss://live.example/socket?token=s3cr3t', at: T0, frameUrl, isTop: false }],
      },
      mask,
    );
    const attempt = merged.cookieAttempts.find((a) => a.source === 'devtools');
    expect(attempt?.stack?.[0]).toMatch(/^https:\/\/cdn\.example\/t\.js\?k=~9\.[0-9a-f]{8}:12:5$/);
    // The frame is found among the extension's (masked) frames: same salt, same URL.
    expect(attempt?.frame.frameId).toBe(4);
    const text = JSON.stringify(merged);
    for (const value of ['jan', 'secret123', 's3cr3t']) expect(text).not.toContain(value);
  });
});
