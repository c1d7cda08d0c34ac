import { describe, expect, it } from 'vitest';
import { trackingAfterRefusal } from '../../../src/core/audit/rules/tracking-after-refusal';
import { trackingBeforeConsent } from '../../../src/core/audit/rules/tracking-before-consent';
import { NO_CHOICE } from '../../../src/core/consent/consent-state';
import { category, check, miniModel, processor, SHOP, T0, visit } from './build-visit';
import { title } from './words';

const MARKETING_CLAUSE = {
  quote: 'Deze cookies kunnen informatie naar Connox sturen of naar een andere website waartoe de cookie behoort (third party cookie).',
  section: 'Marketing cookies',
};
const COOKIEBOT_CLAUSE = { quote: 'Deze website maakt gebruik van de tool Cookiebot.' };
// A conversion hit (tracking endpoint), not the plain load of conversion.js.
const ADS = 'https://www.googleadservices.com/pagead/conversion/123456/?label=x';
const META_HIT = 'https://connect.facebook.net/tr/?id=1&ev=PageView';

describe('rule tracking-before-consent', () => {
  it('flags a marketing request made before the Cookiebot accept, with consent state no-choice', () => {
    const v = visit().cookiebotBanner(50).request(ADS, { at: 100 }).cookiebot('accept', 5_000);
    const findings = check(trackingBeforeConsent, v);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(title(f)).toBe('Before consent: Google Ads (marketing)');
    expect(f).toMatchObject({
      id: 'tracking-before-consent:vendor:google-ads',
      ruleId: 'tracking-before-consent',
      severity: 'high',
      kind: 'violation',
      subject: { kind: 'vendor', label: 'Google Ads', vendorId: 'google-ads', processorId: 'google-remarketing' },
      attribution: { confidence: 'high', basis: 'policy', country: 'US', legalEntity: 'Google Inc.' },
      clause: MARKETING_CLAUSE,
      absence: null,
    });
    expect(f.evidence).toEqual([
      {
        type: 'request',
        url: ADS,
        host: 'www.googleadservices.com',
        resourceType: 'script',
        frame: { frameId: 0, kind: 'top', url: 'https://www.connox.nl/' },
        at: T0 + 100,
        consent: NO_CHOICE,
      },
    ]);
  });

  it('does not flag the same request after the accept, nor one at the exact moment of the accept', () => {
    const v = visit().cookiebot('accept', 1_000).request(ADS, { at: 1_000 }).request(ADS, { at: 2_000, requestId: 'later' });
    expect(check(trackingBeforeConsent, v)).toEqual([]);
  });

  it('flags statistics (Hotjar) too, citing the consent tool when no category rule covers statistics', () => {
    const v = visit().request('https://in.hotjar.com/api/v2/client/sites/1/visit-data', { at: 100, method: 'POST', type: 'xmlhttprequest' });
    const [f] = check(trackingBeforeConsent, v);
    expect(title(f)).toBe('Before consent: Hotjar (statistics)');
    expect(f).toMatchObject({ subject: { vendorId: 'hotjar' }, clause: COOKIEBOT_CLAUSE, attribution: { legalEntity: 'Hotjar Ltd', country: 'MT' } });
  });

  it('never flags necessary services (Cookiebot, Friendly Captcha)', () => {
    const v = visit()
      .request('https://consent.cookiebot.com/uc.js', { at: 10 })
      .request('https://consentcdn.cookiebot.com/consentconfig/x.js', { at: 20 })
      .request('https://eu-api.friendlycaptcha.eu/api/v1/puzzle', { at: 30, type: 'xmlhttprequest' })
      .attempt('frc_sid=1; Secure; SameSite=None', { host: 'eu-api.friendlycaptcha.eu', at: 40 })
      .storage('sessionStorage', 'https://www.connox.nl', ['frc_sid', 'frc_sc'], { at: 50 });
    expect(check(trackingBeforeConsent, v)).toEqual([]);
  });

  it('flags marketing cookies and storage keys before consent, grouped under their vendor', () => {
    const v = visit()
      .request('https://connect.facebook.net/en_US/fbevents.js', { at: 100 })
      .browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 300 })
      .cookiebot('accept', 10_000);
    const findings = check(trackingBeforeConsent, v);
    expect(findings.map((f) => f.id)).toEqual(['tracking-before-consent:vendor:facebook-pixel']);
    expect(findings[0]!.evidence.map((e) => [e.type, e.at, e.consent.status])).toEqual([
      ['request', T0 + 100, 'no-choice'],
      ['cookie', T0 + 300, 'no-choice'],
    ]);
  });

  it('ignores cookies from an earlier visit (preexisting) and unknown third parties', () => {
    const v = visit()
      .browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 1, preexisting: true })
      .request('https://tracker.unknown-example.io/p.gif', { at: 100 });
    expect(check(trackingBeforeConsent, v)).toEqual([]);
  });

  it('without a model, rests on the law: the ePrivacy Directive art. 5(3), quoted, with high severity', () => {
    const [f] = check(trackingBeforeConsent, visit().request(META_HIT), { policy: null });
    expect(f).toMatchObject({ ruleId: 'tracking-before-consent', severity: 'high', grounds: 'legal-baseline', absence: null });
    expect(f!.clause).toMatchObject({ section: 'Article 5(3)', origin: 'legal-baseline', language: 'en' });
    expect(f!.clause!.quote).toMatch(/^Member States shall ensure that the storing of information/);
  });

  it('a German shop without a model is held to § 25 TDDDG, in German', () => {
    const [f] = check(trackingBeforeConsent, visit('https://www.connox.de/').request(META_HIT), { policy: null });
    expect(f).toMatchObject({ grounds: 'legal-baseline', clause: { section: '§ 25 Abs. 1', language: 'de' } });
  });

  it("where a model has no consent rule, the law fills the gap; the shop's own rule wins where it has one", () => {
    const silent = miniModel({ processors: [processor({ id: 'meta', vendorId: 'facebook-pixel', hosts: ['connect.facebook.net'] })] });
    const [f] = check(trackingBeforeConsent, visit(SHOP).request(META_HIT), { policy: silent });
    expect(f).toMatchObject({ grounds: 'legal-baseline', clause: { section: 'Article 5(3)' }, absence: null });
    const speaking = miniModel({ processors: [processor({ id: 'meta', vendorId: 'facebook-pixel', hosts: ['connect.facebook.net'], consentRequired: true })] });
    const [g] = check(trackingBeforeConsent, visit(SHOP).request(META_HIT), { policy: speaking });
    expect(g).toMatchObject({ grounds: 'shop-policy' });
    expect(g!.clause!.origin).not.toBe('legal-baseline');
  });

  it("uses a declared processor's own consent requirement as the clause", () => {
    const model = miniModel({ processors: [processor({ id: 'meta', vendorId: 'facebook-pixel', consentRequired: true, hosts: ['connect.facebook.net'] })] });
    const [f] = check(trackingBeforeConsent, visit(SHOP).request(META_HIT), { policy: model });
    expect(f!.clause?.quote).toBe('We use meta.');
  });

  it('treats a processor the policy marks consentRequired: false as necessary', () => {
    const model = miniModel({ processors: [processor({ id: 'meta', vendorId: 'facebook-pixel', consentRequired: false, hosts: ['connect.facebook.net'] })] });
    expect(check(trackingBeforeConsent, visit(SHOP).request(META_HIT), { policy: model })).toEqual([]);
  });
});

describe('grading the evidence of tracking (tracking-signals.ts)', () => {
  const SCRIPT = 'https://connect.facebook.net/en_US/fbevents.js';

  it('reports a plain library load that stores nothing and carries no identifier as a low notice that says so', () => {
    const findings = check(trackingBeforeConsent, visit().request(SCRIPT, { at: 100 }).request(SCRIPT, { at: 200, requestId: 'again' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'tracking-before-consent:vendor:facebook-pixel:plain-load',
      severity: 'low',
      kind: 'notice',
      message: { code: 'tracking-before-consent.plain-load', params: { category: 'marketing', requests: 2 } },
    });
    expect(title(findings[0])).toBe('Before consent, a plain load only: Meta Pixel (marketing)');
  });

  it.each([
    ['a pixel hit (tracking endpoint)', (v: ReturnType<typeof visit>) => v.request(META_HIT, { at: 150, type: 'image' })],
    ['an identifier in the query', (v: ReturnType<typeof visit>) => v.request('https://connect.facebook.net/signals/config/1?fbclid=abc', { at: 150 })],
    ['a sendBeacon', (v: ReturnType<typeof visit>) => v.request('https://connect.facebook.net/x', { at: 150, type: 'ping', method: 'POST' })],
    [
      'a cookie the vendor stores',
      (v: ReturnType<typeof visit>) => v.browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 300 }),
    ],
  ])('makes the library load tracking: %s', (_what, add) => {
    const findings = check(trackingBeforeConsent, add(visit().request(SCRIPT, { at: 100 })));
    expect(findings.map((f) => [f.id, f.severity, f.kind])).toEqual([['tracking-before-consent:vendor:facebook-pixel', 'high', 'violation']]);
    expect(findings[0]!.evidence.map((e) => e.at)).toContain(T0 + 100);
  });

  it('after a refusal a plain load stays a low notice, not critical', () => {
    const [f] = check(trackingAfterRefusal, visit().cookiebot('decline', 50).request(SCRIPT, { at: 100 }));
    expect(f).toMatchObject({ severity: 'low', kind: 'notice', message: { code: 'tracking-after-refusal.plain-load' } });
  });

  it("the shop's own model wins over the catalogue's category: a vendor filed under a category without consent is not tracking", () => {
    const model = miniModel({
      cookieCategories: [category({ id: 'search', consentRequired: false })],
      processors: [processor({ id: 'meta', vendorId: 'facebook-pixel', category: 'search', hosts: ['connect.facebook.net'] })],
    });
    expect(check(trackingBeforeConsent, visit(SHOP).request(META_HIT, { at: 100 }), { policy: model })).toEqual([]);
  });
});

describe('rule tracking-after-refusal', () => {
  it('flags a marketing cookie set after a Cookiebot decline as critical', () => {
    const v = visit().cookiebot('decline', 1_000).browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 2_000 });
    const findings = check(trackingAfterRefusal, v);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(title(f)).toBe('After refusal: Meta Pixel (marketing)');
    expect(f).toMatchObject({
      id: 'tracking-after-refusal:vendor:facebook-pixel',
      ruleId: 'tracking-after-refusal',
      severity: 'critical',
      clause: MARKETING_CLAUSE,
      attribution: { confidence: 'medium', basis: 'unique-name' },
    });
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]).toMatchObject({
      type: 'cookie',
      name: '_fbp',
      at: T0 + 2_000,
      consent: {
        status: 'refused',
        since: T0 + 1_000,
        source: 'cookiebot',
        granted: { necessary: true, preferences: false, statistics: false, marketing: false },
      },
    });
  });

  it('does not flag what happened before the decline (that is "before consent")', () => {
    const v = visit().request(ADS, { at: 100 }).cookiebot('decline', 1_000);
    expect(check(trackingAfterRefusal, v)).toEqual([]);
    expect(check(trackingBeforeConsent, v)).toHaveLength(1);
  });

  // Regression test (fixed): tracking-without-consent.ts:44 skips every cookie with preexisting === true, but the
  // recorder keeps that flag when the page rewrites the cookie during the visit (it only bumps
  // lastChangedAt). So a Meta Pixel that rewrites _fbp after the visitor refused is never
  // reported when _fbp was already in the jar. Expected: one tracking-after-refusal finding with
  // the rewrite; actual: none. Fix: skip only preexisting cookies with lastChangedAt === firstSeenAt
  // (never rewritten in this visit), and date the evidence at lastChangedAt for rewritten ones.
  it('reports a preexisting marketing cookie that is rewritten after refusal', () => {
    const v = visit()
      .browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 60 }, { at: 1, preexisting: true })
      .cookiebot('decline', 1_000)
      .browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }, { at: 2_000 });
    expect(check(trackingAfterRefusal, v).map((f) => f.subject.vendorId)).toEqual(['facebook-pixel']);
  });

  it('with partial consent (statistics granted, marketing refused) flags only marketing', () => {
    const v = visit()
      .cookiebot({ statistics: true, marketing: false }, 1_000)
      .request('https://static.hotjar.com/c/hotjar-1.js', { at: 2_000 })
      .request('https://connect.facebook.net/en_US/fbevents.js', { at: 2_100 });
    const findings = check(trackingAfterRefusal, v);
    expect(findings.map((f) => f.subject.vendorId)).toEqual(['facebook-pixel']);
    expect(findings[0]!.evidence[0]!.consent).toMatchObject({ status: 'partial', granted: { statistics: true, marketing: false } });
  });

  it('does not flag anything after a full accept', () => {
    const v = visit().cookiebot('accept', 1_000).request(META_HIT, { at: 2_000 }).request('https://static.hotjar.com/x.js', { at: 2_000 });
    expect(check(trackingAfterRefusal, v)).toEqual([]);
  });

  it('flags tracking after consent is withdrawn', () => {
    const v = visit()
      .cookiebot('accept', 1_000)
      .request('https://connect.facebook.net/a.js', { at: 1_500 })
      .cookiebot('withdraw', 3_000)
      .request('https://connect.facebook.net/b.js', { at: 4_000 });
    const [f] = check(trackingAfterRefusal, v);
    expect(f!.evidence.map((e) => (e.type === 'request' ? e.url : ''))).toEqual(['https://connect.facebook.net/b.js']);
    expect(f!.evidence[0]!.consent.status).toBe('refused');
  });

  it('does not count storage keys left from before the visit (a withdrawal, an earlier visit) as new tracking', () => {
    const model = miniModel({ processors: [processor({ id: 'ads', category: null, vendorId: 'facebook-pixel', hosts: ['connect.facebook.net'] })] });
    const frame = { frameId: 3, kind: 'sub' as const, url: 'https://connect.facebook.net/frame' };
    const leftover = visit(SHOP)
      .storage('localStorage', 'https://connect.facebook.net', ['fb_state'], { at: 5, frame, initial: true })
      .cookiebot('decline', 100)
      .storage('localStorage', 'https://connect.facebook.net', ['fb_state'], { at: 200, frame });
    expect(check(trackingAfterRefusal, leftover, { policy: model })).toEqual([]);
    // Written again after the refusal (its value changed): that write is tracking.
    const rewritten = visit(SHOP)
      .storage('localStorage', 'https://connect.facebook.net', ['fb_state'], { at: 5, frame, initial: true })
      .cookiebot('decline', 100)
      .storage('localStorage', 'https://connect.facebook.net', ['fb_state'], { at: 200, frame, valueSize: 40 });
    const [f] = check(trackingAfterRefusal, rewritten, { policy: model });
    expect(f?.evidence[0]).toMatchObject({ type: 'storage-key', key: 'fb_state', at: T0 + 200, consent: { status: 'refused' } });
  });

  it('flags storage keys of a marketing vendor after refusal', () => {
    const model = miniModel({ processors: [processor({ id: 'ads', category: null, vendorId: 'facebook-pixel', hosts: ['connect.facebook.net'] })] });
    const v = visit(SHOP)
      .cookiebot('decline', 100)
      .storage('localStorage', 'https://connect.facebook.net', ['fb_state'], {
        at: 200,
        frame: { frameId: 3, kind: 'sub', url: 'https://connect.facebook.net/frame' },
      });
    const [f] = check(trackingAfterRefusal, v, { policy: model });
    expect(f!.evidence[0]).toMatchObject({
      type: 'storage-key',
      key: 'fb_state',
      area: 'localStorage',
      frame: { frameId: 3, kind: 'sub' },
      at: T0 + 200,
      consent: { status: 'refused' },
    });
  });

  it('gives a polled storage key the benefit of the doubt: flagged only when it was absent from a read after the refusal too', () => {
    const model = miniModel({ processors: [processor({ id: 'ads', category: null, vendorId: 'facebook-pixel', hosts: ['connect.facebook.net'] })] });
    const frame = { frameId: 3, kind: 'sub' as const, url: 'https://connect.facebook.net/frame' };
    const seen = (readBefore: number) =>
      visit(SHOP).cookiebot('decline', 100).storage('localStorage', 'https://connect.facebook.net', ['fb_state'], { at: 200, frame, readBefore });
    // The read before it was at 50, before the refusal: the key may have been written while consent stood.
    expect(check(trackingAfterRefusal, seen(50), { policy: model })).toEqual([]);
    // The read before it was at 150, after the refusal: written after it.
    expect(check(trackingAfterRefusal, seen(150), { policy: model })).toHaveLength(1);
  });
});
