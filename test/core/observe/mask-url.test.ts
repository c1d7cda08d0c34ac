import { describe, expect, it } from 'vitest';
import { urlMasker } from '../../../src/core/observe/mask-url';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import type { WebRequestDetails } from '../../../src/core/observe/normalise-request';
import { requestTrackingSignal } from '../../../src/core/audit/tracking-signals';
import { googleConsentFromUrl } from '../../../src/core/consent/google-consent-params';

const SALT_A = new Uint8Array(32).fill(1);
const SALT_B = new Uint8Array(32).fill(2);
const mask = urlMasker(SALT_A);
const MASKED_VALUE = /^~\d+\.[0-9a-f]{8}$/;

function param(url: string, name: string): string | null {
  return new URL(url).searchParams.get(name);
}

describe('urlMasker', () => {
  it("replaces a Google Analytics hit's client id and user id by length and hash, and keeps the names", () => {
    const hit = 'https://www.google-analytics.com/collect?v=1&tid=UA-12345-1&cid=123.456&uid=jan.jansen%40example.nl&aip=1&t=pageview';
    const masked = mask(hit);
    expect(masked).not.toContain('123.456');
    expect(masked).not.toContain('jan.jansen');
    expect(param(masked, 'cid')).toMatch(/^~7\./);
    expect(param(masked, 'uid')).toMatch(/^~23\./);
    // The values the audit reads are not the visitor's and stay.
    expect([param(masked, 'v'), param(masked, 'tid'), param(masked, 'aip'), param(masked, 't')]).toEqual(['1', 'UA-12345-1', '1', 'pageview']);
  });

  it('gives one value one mask under one salt, and another under another salt', () => {
    const first = param(mask('https://t.example/p?cid=123.456'), 'cid');
    const again = param(mask('https://t.example/q?x=1&cid=123.456'), 'cid');
    const otherSalt = param(urlMasker(SALT_B)('https://t.example/p?cid=123.456'), 'cid');
    expect(first).toBe(again);
    expect(otherSalt).not.toBe(first);
    expect(otherSalt).toMatch(MASKED_VALUE);
  });

  it('masks an e-mail address and ids in the path, and keeps ordinary segments', () => {
    const masked = mask('https://shop.example/account/jan.jansen@example.nl/orders/1234567/invoice.pdf');
    expect(masked).not.toContain('jan.jansen');
    expect(masked).not.toContain('1234567');
    expect(masked.startsWith('https://shop.example/account/~')).toBe(true);
    expect(masked).toMatch(/\/orders\/~7\.[0-9a-f]{8}\/invoice\.pdf$/);
    expect(mask('https://cdn.example/js/main.4f8a9c2b.js?ver=2')).toMatch(/^https:\/\/cdn\.example\/js\/main\.4f8a9c2b\.js\?ver=~1\./);
  });

  it('masks values in fragments, both parameters and client-side routes', () => {
    const token = mask('https://shop.example/callback#access_token=abc.def.ghi&state=42');
    expect(token).not.toContain('abc.def.ghi');
    expect(token).toMatch(/#access_token=~11\.[0-9a-f]{8}&state=~2\.[0-9a-f]{8}$/);
    const route = mask('https://shop.example/#/customer/550e8400-e29b-41d4-a716-446655440000');
    expect(route).not.toContain('550e8400');
    expect(route).toMatch(/#\/customer\/~36\./);
  });

  it('keeps the Consent Mode parameters the audit reads, so the signal still decodes', () => {
    const url = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC&gcs=G100&gcd=13r3r3r3r5l1&cid=987.654&_p=1';
    const masked = mask(url);
    expect(googleConsentFromUrl(masked, 0)?.granted).toEqual(googleConsentFromUrl(url, 0)?.granted);
    expect(param(masked, '_p')).toMatch(MASKED_VALUE);
  });

  it('leaves the tracking signals (names and endpoints) as they were', () => {
    for (const url of ['https://px.example/tr?id=1&ev=PageView&fbp=fb.1.2', 'https://x.example/collect?cid=5', 'https://x.example/a.gif?a=1&b=2']) {
      expect(requestTrackingSignal({ url: mask(url), method: 'GET', resourceType: 'image' })).toBe(
        requestTrackingSignal({ url, method: 'GET', resourceType: 'image' }),
      );
    }
  });

  it('changes nothing in a masked URL, and nothing in a URL without values', () => {
    const once = mask('https://t.example/u/12345678?cid=1.2#x=y');
    expect(mask(once)).toBe(once);
    expect(mask('https://shop.example/products/lamp?')).toBe('https://shop.example/products/lamp?');
    expect(mask('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
  });
});

describe('TabRecorder with a URL mask', () => {
  const T0 = 1_700_000_000_000;
  const details = (over: Partial<WebRequestDetails> & { url: string }): WebRequestDetails => ({
    requestId: over.url,
    method: 'GET',
    type: 'image',
    frameId: 0,
    parentFrameId: -1,
    tabId: 3,
    timeStamp: T0,
    ...over,
  });

  it('keeps no value of a request, a frame, a resource or a redirect hop, and still ends the hop', () => {
    const r = TabRecorder.startVisit(3, 'https://shop.example/?email=jan%40example.nl', T0, { maskUrl: mask });
    r.recordRequest(details({ requestId: '9', url: 'https://t.example/collect?cid=123.456' }));
    r.recordRequest(details({ requestId: '9', url: 'https://t.example/sync?uid=jan.jansen%40example.nl' }));
    r.recordRequestEnd('9', 'https://t.example/sync?uid=jan.jansen%40example.nl', 204, null);
    r.recordRequest(details({ requestId: '10', type: 'sub_frame', frameId: 4, parentFrameId: 0, url: 'https://f.example/embed?session=s3cr3t' }));
    r.recordResource('script', 'https://t.example/pixel.js?fbp=fb.1.99', { frameId: 0, kind: 'top', url: 'https://shop.example/?email=jan%40example.nl' }, T0);
    const stored = JSON.stringify(r.state);
    for (const value of ['jan', '123.456', 's3cr3t', 'fb.1.99']) expect(stored).not.toContain(value);
    expect(r.state.requests.map((q) => q.status)).toEqual([null, 204, null]);
  });
});
