import { describe, expect, it } from 'vitest';
import { TabRecorder, REQUEST_CHUNK_SIZE } from '../../../src/core/observe/tab-recorder';
import { TAB_LIMITS } from '../../../src/core/observe/limits';
import { parseTabState, tabStateSchema } from '../../../src/core/observe/tab-state-schema';
import { summariseTab, attemptOutcome } from '../../../src/core/observe/summarise-tab';
import { fromBrowserCookie } from '../../../src/core/observe/normalise-cookie';
import { parseSetCookie } from '../../../src/core/observe/parse-set-cookie';
import type { WebRequestDetails } from '../../../src/core/observe/normalise-request';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function request(over: Partial<WebRequestDetails> & { url: string }): WebRequestDetails {
  return { requestId: over.url, method: 'GET', type: 'script', frameId: 0, parentFrameId: -1, tabId: 7, timeStamp: T0 + 10, ...over };
}

function visit(): TabRecorder {
  const r = TabRecorder.startVisit(7, 'https://www.connox.nl/', T0, { mainRequestId: 'main' });
  r.recordRequest(request({ requestId: 'main', url: 'https://www.connox.nl/', type: 'main_frame' }));
  return r;
}

describe('TabRecorder', () => {
  it('classifies first and third party by registrable domain', () => {
    const r = visit();
    r.recordRequest(request({ url: 'https://static.connox.nl/app.js' }));
    r.recordRequest(request({ url: 'https://www.googletagmanager.com/gtm.js?id=GTM-1' }));
    r.recordRequest(request({ url: 'https://connox.nl.evil.example/x.js' }));
    expect(r.state.requests.map((q) => q.party)).toEqual(['first', 'first', 'third', 'third']);
    expect(r.state.requests[2]?.site).toBe('googletagmanager.com');
  });

  it('attributes a sub-frame request to its parent and remembers frame URLs', () => {
    const r = visit();
    r.recordRequest(request({ url: 'https://www.youtube.com/embed/x', type: 'sub_frame', frameId: 5, parentFrameId: 0 }));
    r.recordRequest(request({ url: 'https://i.ytimg.com/vi/x.jpg', type: 'image', frameId: 5, parentFrameId: 0 }));
    expect(r.state.requests[1]?.frame).toEqual({ frameId: 0, kind: 'top', url: 'https://www.connox.nl/' });
    expect(r.state.requests[2]?.frame).toEqual({ frameId: 5, kind: 'sub', url: 'https://www.youtube.com/embed/x' });
  });

  it('records each redirect hop as its own request and its own status', () => {
    const r = visit();
    r.recordRequest(request({ requestId: '9', url: 'https://a.example/1' }));
    r.recordRequest(request({ requestId: '9', url: 'https://b.example/2' }));
    r.recordRequestEnd('9', 'https://a.example/1', 302, null);
    r.recordRequestEnd('9', 'https://b.example/2', 200, null);
    expect(r.state.requests.slice(1).map((q) => [q.host, q.status])).toEqual([
      ['a.example', 302],
      ['b.example', 200],
    ]);
  });

  it(`caps requests at ${TAB_LIMITS.requests} and counts the overflow (50,000 fired)`, () => {
    const r = visit();
    for (let i = 0; i < 50_000; i += 1) r.recordRequest(request({ requestId: `r${i}`, url: `https://www.connox.nl/px?i=${i}` }));
    expect(r.state.requests.length).toBe(TAB_LIMITS.requests);
    expect(r.state.overflow.requests).toBe(50_001 - TAB_LIMITS.requests);
    expect(summariseTab(r.state).requests).toBe(50_001);
  });

  it('caps cookies, storage keys and resources too', () => {
    const limits = { ...TAB_LIMITS, cookies: 2, storageKeys: 2, resources: 1 };
    const r = TabRecorder.startVisit(7, 'https://www.connox.nl/', T0, { limits });
    for (const name of ['a', 'b', 'c']) r.recordCookieSet(parseSetCookie(`${name}=1`, 'www.connox.nl', T0)!, T0);
    r.recordStorageSnapshot(
      'localStorage',
      'https://www.connox.nl',
      { frameId: 0, kind: 'top', url: null },
      [
        { key: 'k1', size: 3 },
        { key: 'k2', size: 3 },
        { key: 'k3', size: 3 },
      ],
      T0,
    );
    r.recordResource('script', 'https://a.example/1.js', { frameId: 0, kind: 'top', url: null }, T0);
    r.recordResource('script', 'https://a.example/2.js', { frameId: 0, kind: 'top', url: null }, T0);
    expect(r.state.overflow).toMatchObject({ cookies: 1, storageKeys: 1, resources: 1 });
  });

  it("marks the keys of a visit's first read of each storage area and origin as preexisting, and notes a rewrite", () => {
    const r = TabRecorder.startVisit(7, 'https://www.connox.nl/', T0);
    const top = { frameId: 0, kind: 'top' as const, url: null };
    const sub = { frameId: 4, kind: 'sub' as const, url: null };
    r.recordStorageSnapshot('localStorage', 'https://www.connox.nl', top, [{ key: 'old', size: 5 }], T0, true);
    // A later document of the same origin reads keys this visit's scripts wrote: not the visit's initial state.
    r.recordStorageSnapshot(
      'localStorage',
      'https://www.connox.nl',
      sub,
      [
        { key: 'old', size: 5 },
        { key: 'new', size: 5 },
      ],
      T0 + 10,
      true,
    );
    r.recordStorageSnapshot('sessionStorage', 'https://www.connox.nl', top, [{ key: 'tab', size: 5 }], T0, true);
    r.recordStorageSnapshot(
      'localStorage',
      'https://www.connox.nl',
      top,
      [
        { key: 'old', size: 9 },
        { key: 'new', size: 5 },
      ],
      T0 + 20,
    );
    const keys = r.state.storageKeys;
    expect(keys['localStorage|https://www.connox.nl|old']).toMatchObject({ preexisting: true, rewrittenAt: T0 + 20 });
    expect(keys['localStorage|https://www.connox.nl|new']?.preexisting).toBeUndefined();
    expect(keys['sessionStorage|https://www.connox.nl|tab']).toMatchObject({ preexisting: true });
    expect(keys['sessionStorage|https://www.connox.nl|tab']?.rewrittenAt).toBeUndefined();
    expect(tabStateSchema.parse(JSON.parse(JSON.stringify(r.state))).storageAreasRead).toEqual({
      'localStorage|https://www.connox.nl': true,
      'sessionStorage|https://www.connox.nl': true,
    });
  });

  it('keeps the first time a cookie was seen across overwrites, and marks removal', () => {
    const r = visit();
    const jar = {
      name: '_ga',
      value: 'GA1.1',
      domain: '.connox.nl',
      path: '/',
      hostOnly: false,
      secure: true,
      httpOnly: false,
      sameSite: 'lax',
      session: false,
      expirationDate: (T0 + 400 * 86_400_000) / 1000,
    };
    r.recordCookieSet(fromBrowserCookie(jar, T0 + 100), T0 + 100);
    r.recordCookieSet(fromBrowserCookie({ ...jar, value: 'GA1.2.longer' }, T0 + 500), T0 + 500);
    const c = Object.values(r.state.cookies)[0]!;
    expect(c).toMatchObject({ firstSeenAt: T0 + 100, lastChangedAt: T0 + 500, party: 'first', valueLength: 12 });
    expect(c.lifetimeDays).toBeCloseTo(400, 4);
    r.recordCookieRemoved(fromBrowserCookie(jar, T0 + 900), T0 + 900);
    expect(Object.values(r.state.cookies)[0]?.removedAt).toBe(T0 + 900);
  });

  it('does not let a late jar snapshot rewrite a cookie seen set in this visit', () => {
    const r = visit();
    const attrs = parseSetCookie('a=1; Max-Age=60', 'www.connox.nl', T0)!;
    r.recordCookieSet(attrs, T0 + 1);
    r.recordCookieSet(attrs, T0 + 5, true);
    expect(Object.values(r.state.cookies)[0]).toMatchObject({ firstSeenAt: T0 + 1, preexisting: false });
  });

  it('concerns itself only with cookies of the page or of hosts it requested', () => {
    const r = visit();
    r.recordRequest(request({ url: 'https://googleads.g.doubleclick.net/pagead/x' }));
    expect(r.concernsCookieDomain('.doubleclick.net')).toBe(true);
    expect(r.concernsCookieDomain('connox.nl')).toBe(true);
    expect(r.concernsCookieDomain('.facebook.com')).toBe(false);
  });

  it('marks storage keys that disappear as removed and reports new ones with their time', () => {
    const r = visit();
    const frame = { frameId: 0, kind: 'top' as const, url: 'https://www.connox.nl/' };
    r.recordStorageSnapshot('sessionStorage', 'https://www.connox.nl', frame, [{ key: 'frc_sid', size: 10 }], T0 + 1);
    r.recordStorageSnapshot('sessionStorage', 'https://www.connox.nl', frame, [{ key: 'frc_sol', size: 10 }], T0 + 2);
    const keys = Object.values(r.state.storageKeys);
    expect(keys.find((k) => k.key === 'frc_sid')?.removedAt).toBe(T0 + 2);
    expect(keys.find((k) => k.key === 'frc_sol')?.firstSeenAt).toBe(T0 + 2);
  });

  it('hands out only changed request chunks, and the persisted form parses back to the same state', () => {
    const r = visit();
    for (let i = 0; i < REQUEST_CHUNK_SIZE + 10; i += 1) r.recordRequest(request({ requestId: `r${i}`, url: `https://x.example/${i}` }));
    const first = r.takeChanges();
    expect([...first.chunks.keys()]).toEqual([0, 1]);
    r.recordRequest(request({ requestId: 'late', url: 'https://x.example/late' }));
    const second = r.takeChanges();
    expect([...second.chunks.keys()]).toEqual([1]);
    const restored = parseTabState(second.meta, [first.chunks.get(0), second.chunks.get(1)]);
    expect(restored).toEqual(r.state);
  });

  it('refuses stored state that does not parse', () => {
    expect(parseTabState({ version: 1, tabId: 'x' }, [])).toBeNull();
    expect(parseTabState(null, [])).toBeNull();
  });

  it('tells stored attempts from refused ones', () => {
    const r = visit();
    const attempt = {
      ...parseSetCookie('IDE=1; Domain=.doubleclick.net; Max-Age=100', 'googleads.g.doubleclick.net', T0)!,
      requestId: '1',
      requestUrl: 'https://googleads.g.doubleclick.net/',
      requestHost: 'googleads.g.doubleclick.net',
      frame: { frameId: 0, kind: 'top' as const, url: null },
      at: T0,
    };
    r.recordCookieAttempt(attempt);
    expect(attemptOutcome(r.state.cookieAttempts[0]!, r.state)).toBe('not-stored');
    r.recordCookieSet(parseSetCookie('IDE=1; Domain=.doubleclick.net; Max-Age=100', 'googleads.g.doubleclick.net', T0)!, T0);
    expect(attemptOutcome(r.state.cookieAttempts[0]!, r.state)).toBe('stored');
    expect(r.state.cookieAttempts[0]?.party).toBe('third');
  });
});
