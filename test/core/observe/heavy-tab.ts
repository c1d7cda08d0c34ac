import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { TAB_LIMITS, type TabLimits } from '../../../src/core/observe/limits';

export const HEAVY_T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const HOSTS = [
  'www.connox.nl',
  'static.connox.nl',
  'www.google-analytics.com',
  'connect.facebook.net',
  'bat.bing.com',
  'cdn.cookielaw.org',
  'px.ads.linkedin.com',
];
const TOP = { frameId: 0, kind: 'top' as const, url: 'https://www.connox.nl/' };

/**
 * One tab filled to `limits` (the caps by default) through the recorder's own event methods,
 * as a page that hammers PolicyLens would: ended requests with long query strings, cookies,
 * refused cookie attempts, storage keys and scripts. Used by the store's tests and its benchmark.
 */
export function heavyTab(limits: Readonly<TabLimits> = TAB_LIMITS): TabRecorder {
  const r = TabRecorder.startVisit(7, 'https://www.connox.nl/', HEAVY_T0, { mainRequestId: '1' });
  for (let i = 0; i < limits.requests; i += 1) {
    const host = HOSTS[i % HOSTS.length] as string;
    const url = `https://${host}/collect?v=2&tid=G-ABC123&_p=${i}&en=page_view&dl=https%3A%2F%2Fwww.connox.nl%2Fp%2F${i}&ul=nl-nl&sr=1920x1080`;
    const requestId = String(i + 1);
    r.recordRequest({
      requestId,
      url,
      method: 'GET',
      type: i === 0 ? 'main_frame' : 'script',
      frameId: 0,
      parentFrameId: -1,
      tabId: 7,
      timeStamp: HEAVY_T0 + i,
    });
    // Every tenth request is still running when the state is read.
    if (i % 10 !== 9) r.recordRequestEnd(requestId, url, 200, null);
  }
  const attributes = (i: number, domain: string) => ({
    name: `_cookie_${i}`,
    domain,
    path: '/',
    hostOnly: false,
    secure: true,
    httpOnly: false,
    sameSite: 'lax' as const,
    partitioned: false,
    session: false,
    expiresAt: HEAVY_T0 + 86_400_000 * 400,
    lifetimeDays: 400,
    valueLength: 26,
  });
  for (let i = 0; i < limits.cookies; i += 1) r.recordCookieSet(attributes(i, '.connox.nl'), HEAVY_T0 + i);
  for (let i = 0; i < limits.cookieAttempts; i += 1) {
    r.recordCookieAttempt({
      ...attributes(i, '.doubleclick.net'),
      requestId: String(i + 1),
      requestUrl: `https://ad.doubleclick.net/pixel?id=${i}`,
      requestHost: 'ad.doubleclick.net',
      frame: TOP,
      at: HEAVY_T0 + i,
    });
  }
  const entries = Array.from({ length: limits.storageKeys }, (_, i) => ({ key: `_hjSession_${i}`, size: 120 }));
  r.recordStorageSnapshot('localStorage', 'https://www.connox.nl', TOP, entries, HEAVY_T0 + 5);
  for (let i = 0; i < limits.resources; i += 1) r.recordResource('script', `https://cdn.example-cdn.com/lib/${i}.js`, TOP, HEAVY_T0 + i);
  return r;
}
