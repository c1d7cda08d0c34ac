import { describe, expect, it } from 'vitest';
import { trackingBeforeConsent } from '../../../src/core/audit/rules/tracking-before-consent';
import { TabRecorder } from '../../../src/core/observe/tab-recorder';
import { check, context, miniModel, run, T0, visit } from './build-visit';

const SHOP = 'https://www.cname-shop.example/';
/** Adobe Analytics' first-party data collection: a shop subdomain CNAMEd into omtrdc.net. */
const CLOAKED = 'https://metrics.cname-shop.example/b/ss/shop/1/JS-2.22.0/s123';
const CDN = 'https://static.cname-shop.example/app.js';

function firefoxVisit() {
  const v = visit(SHOP, { resolvesCanonicalNames: true });
  v.request(CLOAKED, { at: 100, type: 'image' }).request(CDN, { at: 120 });
  v.recorder.recordCanonicalName('metrics.cname-shop.example', 'cname-shop.example.sc.omtrdc.net.');
  v.recorder.recordCanonicalName('static.cname-shop.example', 'cname-shop.example.cdn.cloudflare.net');
  return v;
}

describe('CNAME cloaking', () => {
  it('attributes a first-party host whose canonical name is a tracker to that tracker', () => {
    const ctx = context(firefoxVisit(), { policy: null });
    expect(ctx.attributor.host('metrics.cname-shop.example')).toMatchObject({ kind: 'vendor', vendor: { id: 'adobe-analytics' } });
    expect(ctx.attributor.cloakedAs('metrics.cname-shop.example')).toBe('cname-shop.example.sc.omtrdc.net');
  });

  it('keeps a subdomain CNAMEd into a CDN, or into the shop itself, as the shop', () => {
    const v = firefoxVisit();
    v.recorder.recordCanonicalName('www2.cname-shop.example', 'lb.cname-shop.example');
    const ctx = context(v, { policy: null });
    expect(ctx.attributor.host('static.cname-shop.example').kind).toBe('shop');
    expect(ctx.attributor.host('www2.cname-shop.example').kind).toBe('shop');
  });

  it('reports the cloaked tracker before consent, with the canonical name in the evidence', () => {
    const findings = check(trackingBeforeConsent, firefoxVisit(), { policy: miniModel() });
    const cloaked = findings.find((f) => f.subject.vendorId === 'adobe-analytics');
    expect(cloaked?.evidence[0]).toMatchObject({
      type: 'request',
      host: 'metrics.cname-shop.example',
      note: { code: 'cname-cloaked', params: { canonicalName: 'cname-shop.example.sc.omtrdc.net' } },
    });
  });

  it('says when the browser could not resolve shop subdomains that act as trackers do (Chromium), and not when it could', () => {
    const chromium = visit(SHOP)
      .request(CLOAKED, { at: 100, type: 'ping' })
      .request(CDN, { at: 120 })
      .attempt('s_ecid=1; Max-Age=60000; Secure', { host: 'smetrics.cname-shop.example' });
    expect(run(chromium, { policy: null }).warnings).toContainEqual({ code: 'canonical-names-unresolved', params: { hosts: 2 } });
    expect(run(firefoxVisit(), { policy: null }).warnings.map((w) => w.code)).not.toContain('canonical-names-unresolved');
    const pageOnly = visit(SHOP).request(`${SHOP}app.js`, { at: 100 }).request(CDN, { at: 120 }).request(CLOAKED, { at: 130, type: 'image' });
    expect(run(pageOnly, { policy: null }).warnings.map((w) => w.code)).not.toContain('canonical-names-unresolved');
  });

  it('keeps at most 200 canonical names per visit, lower-cased, without the root dot, never the host itself', () => {
    const r = TabRecorder.startVisit(1, SHOP, T0, { resolvesCanonicalNames: true });
    r.recordCanonicalName('a.cname-shop.example', 'A.Example.NET.');
    r.recordCanonicalName('b.cname-shop.example', 'b.cname-shop.example');
    for (let i = 0; i < 300; i += 1) r.recordCanonicalName(`h${i}.cname-shop.example`, `x${i}.example.net`);
    expect(r.state.canonicalNames?.['a.cname-shop.example']).toBe('a.example.net');
    expect(r.state.canonicalNames).not.toHaveProperty('b.cname-shop.example');
    expect(Object.keys(r.state.canonicalNames ?? {})).toHaveLength(200);
    const chromium = TabRecorder.startVisit(1, SHOP, T0);
    chromium.recordCanonicalName('a.cname-shop.example', 'a.example.net');
    expect(chromium.state.canonicalNames).toBeUndefined();
  });
});
