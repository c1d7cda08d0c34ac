import { describe, expect, it } from 'vitest';
import { noCookiesPromise } from '../../../src/core/audit/rules/no-cookies-promise';
import { thirdPartyCookieInFirstPartyCategory } from '../../../src/core/audit/rules/third-party-cookie-in-first-party-category';
import { undeclaredCookie } from '../../../src/core/audit/rules/undeclared-cookie';
import { NO_CHOICE } from '../../../src/core/consent/consent-state';
import { category, check, cookieClaim, miniModel, processor, SHOP, src, T0, visit } from './build-visit';
import { explanation, title } from './words';

const FC = 'eu-api.friendlycaptcha.eu';
const NECESSARY_QUOTE =
  'Noodzakelijke cookies zijn alleen cookies van Connox, alle informatie die in de cookies is opgeslagen gaat alleen naar Connox en wordt niet naar derden gestuurd.';
const NO_COOKIES_QUOTE = 'Wij gebruiken geen HTTP-cookies en slaan geen gegevens op in het permanente geheugen van de browser.';
const FC_FRAME = { frameId: 4, kind: 'sub' as const, url: 'https://eu-api.friendlycaptcha.eu/widget' };

function frcAttempt() {
  return visit()
    .request(`https://${FC}/api/v1/puzzle`, { at: 100, type: 'xmlhttprequest' })
    .attempt('frc_sid=abc; Path=/; Secure; SameSite=None', { host: FC, url: `https://${FC}/api/v1/puzzle`, at: 120, frame: FC_FRAME });
}

describe('rule third-party-cookie-in-first-party-category', () => {
  it('flags the frc_sid attempt from eu-api.friendlycaptcha.eu in the first-party-only "necessary" category', () => {
    const findings = check(thirdPartyCookieInFirstPartyCategory, frcAttempt());
    const necessary = findings.find((f) => f.id === `third-party-cookie-in-first-party-category:necessary|${FC}|frc_sid`);
    expect(title(necessary)).toBe('Third-party cookie “frc_sid” in the “necessary” category');
    expect(necessary).toMatchObject({
      ruleId: 'third-party-cookie-in-first-party-category',
      severity: 'high',
      subject: { kind: 'cookie', label: 'frc_sid', vendorId: 'friendly-captcha', processorId: 'friendly-captcha' },
      attribution: { vendorName: 'Friendly Captcha', legalEntity: 'Friendly Captcha GmbH', country: 'DE', confidence: 'high', basis: 'policy-cookie-claim' },
      clause: { quote: NECESSARY_QUOTE, section: 'Noodzakelijke cookies' },
    });
    expect(explanation(necessary!)).toContain('tries to set the third-party cookie “frc_sid” on eu-api.friendlycaptcha.eu');
    expect(necessary!.evidence).toEqual([
      {
        type: 'cookie-attempt',
        name: 'frc_sid',
        domain: FC,
        party: 'third',
        lifetimeDays: null,
        httpOnly: false,
        secure: true,
        setBy: `https://${FC}/api/v1/puzzle`,
        stored: false,
        frame: FC_FRAME,
        at: T0 + 120,
        consent: NO_CHOICE,
      },
    ]);
    // "A cookie contains only information Connox itself sends" is contradicted by the text
    // itself (tension), so that broader promise is reported, but low.
    const all = findings.find((f) => f.id.startsWith('third-party-cookie-in-first-party-category:all|'));
    expect(all?.severity).toBe('low');
    expect(findings).toHaveLength(2);
  });

  it('does not flag a first-party necessary cookie', () => {
    const v = visit().cookie('PHPSESSID=1; Path=/; HttpOnly', { at: 10 }).browserCookie({ name: 'cx_cart', lifetimeDays: 30 });
    expect(check(thirdPartyCookieInFirstPartyCategory, v)).toEqual([]);
  });

  it('does not flag a third-party cookie outside a first-party-only category when no global promise exists', () => {
    const model = miniModel({
      cookieCategories: [category({ id: 'necessary', firstPartyOnly: true }), category({ id: 'marketing', firstPartyOnly: false })],
      processors: [
        processor({ id: 'ads', category: 'marketing', hosts: ['px.ads-example.io'] }),
        processor({ id: 'captcha', category: 'necessary', hosts: ['api.captcha-example.io'] }),
      ],
    });
    const v = visit(SHOP)
      .attempt('ad=1; Max-Age=60; Secure; SameSite=None', { host: 'px.ads-example.io', stored: true })
      .attempt('cap=1; Max-Age=60; Secure; SameSite=None', { host: 'api.captcha-example.io', stored: true });
    const findings = check(thirdPartyCookieInFirstPartyCategory, v, { policy: model });
    expect(findings.map((f) => [f.subject.label, f.severity, f.clause?.quote])).toEqual([['cap', 'high', 'necessary cookies.']]);
    // attempt and stored cookie: one finding, both as evidence
    expect(findings[0]!.evidence.map((e) => e.type).sort()).toEqual(['cookie', 'cookie-attempt']);
  });

  // Regression test (fixed): third-party-cookie-in-first-party-category.ts:38 decides "third party" from the
  // recorder's party (page site only), ignoring the shop's other domains that the Attributor
  // treats as the shop (shop.domains). A Connox cookie set by www.connox.de on a connox.nl page
  // is Connox's own, yet it is reported as a HIGH "third-party cookie in the necessary category"
  // (plus the low "all cookies are its own" one). Expected: no finding; actual: 2 findings.
  // Fix: skip items whose actor.kind === 'shop' (or use ctx.attributor.isFirstPartyHost(domain)).
  it('does not treat a cookie of another Connox shop domain (connox.de) as third-party', () => {
    const v = visit()
      .request('https://www.connox.de/api/x', { at: 5 })
      .attempt('cx_de=1; Max-Age=600; Secure; SameSite=None', { host: 'www.connox.de', at: 10, stored: true });
    expect(check(thirdPartyCookieInFirstPartyCategory, v)).toEqual([]);
  });

  it('ignores preexisting third-party cookies', () => {
    const model = miniModel({ promises: [{ kind: 'first-party-only', categoryId: null, source: src('All our cookies are our own.'), checkable: true }] });
    const v = visit(SHOP).browserCookie({ name: 'old', domain: '.other-example.io', hostOnly: false, lifetimeDays: 10 }, { preexisting: true });
    expect(check(thirdPartyCookieInFirstPartyCategory, v, { policy: model })).toEqual([]);
  });
});

describe('rule no-cookies-promise-broken (Friendly Captcha)', () => {
  it('flags a cookie of Friendly Captcha against "Wij gebruiken geen HTTP-cookies"', () => {
    const findings = check(noCookiesPromise, frcAttempt());
    expect(findings).toHaveLength(1);
    expect(title(findings[0])).toBe('Friendly Captcha tries to set cookie “frc_sid”');
    expect(findings[0]).toMatchObject({
      id: `no-cookies-promise-broken:friendly-captcha|cookie|${FC}|frc_sid`,
      severity: 'high',
      subject: { kind: 'cookie', label: 'frc_sid', processorId: 'friendly-captcha' },
      clause: { quote: NO_COOKIES_QUOTE, section: 'Gegevensbeschermingsinformatie voor Friendly Captcha' },
    });
    expect(findings[0]!.evidence[0]).toMatchObject({ type: 'cookie-attempt', frame: FC_FRAME, at: T0 + 120, consent: NO_CHOICE });
  });

  it('does not flag the four sessionStorage keys the policy names', () => {
    const v = visit().storage('sessionStorage', 'https://www.connox.nl', ['frc_sid', 'frc_sc', 'frc_rc', 'frc_sol'], { at: 500 });
    expect(check(noCookiesPromise, v)).toEqual([]);
  });

  it('flags a Friendly Captcha key in localStorage (persistent storage)', () => {
    const v = visit().storage('localStorage', 'https://www.connox.nl', ['frc_sol'], { at: 500 });
    const findings = check(noCookiesPromise, v);
    expect(findings).toHaveLength(1);
    expect(title(findings[0])).toBe('Friendly Captcha stores “frc_sol” in localStorage');
    expect(explanation(findings[0])).toBe('The policy says Friendly Captcha keeps nothing persistent, but “frc_sol” appears in localStorage.');
    expect(findings[0]).toMatchObject({
      id: 'no-cookies-promise-broken:friendly-captcha|localStorage|frc_sol',
      severity: 'medium',
      clause: { quote: NO_COOKIES_QUOTE },
    });
    expect(findings[0]!.evidence[0]).toMatchObject({
      type: 'storage-key',
      area: 'localStorage',
      key: 'frc_sol',
      origin: 'https://www.connox.nl',
      at: T0 + 500,
    });
  });

  it("flags an unlisted key in Friendly Captcha's own frame storage, even in sessionStorage", () => {
    const v = visit().storage('sessionStorage', `https://${FC}`, ['frc_other'], { at: 600, frame: FC_FRAME });
    const [f] = check(noCookiesPromise, v);
    expect(f).toMatchObject({ attribution: { basis: 'storage-of-vendor-frame' } });
    expect(title(f!)).toBe('Friendly Captcha stores “frc_other” in sessionStorage');
    expect(explanation(f!)).toContain('lists only frc_sid, frc_sc, frc_rc, and frc_sol');
  });

  it("ignores other vendors' cookies and promises not marked checkable", () => {
    expect(check(noCookiesPromise, visit().browserCookie({ name: '_fbp', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 }))).toEqual([]);
    const model = miniModel({
      processors: [processor({ id: 'cap', hosts: ['api.captcha-example.io'] })],
      promises: [{ kind: 'no-cookies', processorId: 'cap', allowedStorageKeys: [], noPersistentStorage: true, source: src('No cookies.'), checkable: false }],
    });
    expect(check(noCookiesPromise, visit(SHOP).attempt('x=1; Max-Age=9', { host: 'api.captcha-example.io' }), { policy: model })).toEqual([]);
  });
});

describe('rule undeclared-cookie', () => {
  const model = miniModel({
    processors: [
      processor({ id: 'stats', hosts: ['stats.stats-example.io'], cookies: [cookieClaim({ name: '_st' }), cookieClaim({ pattern: '^_st_\\d+$' })] }),
      processor({ id: 'chat', hosts: ['chat.chat-example.io'] }),
    ],
  });

  it('flags a cookie of a processor whose declared cookie list does not include it', () => {
    const v = visit(SHOP).attempt('_st_x=1; Max-Age=60; Secure; SameSite=None', { host: 'stats.stats-example.io', at: 50 });
    const findings = check(undeclaredCookie, v, { policy: model });
    expect(findings).toHaveLength(1);
    expect(title(findings[0])).toBe('Undeclared cookie “_st_x”');
    expect(findings[0]).toMatchObject({
      id: 'undeclared-cookie:processor:stats|cookie|_st_x',
      ruleId: 'undeclared-cookie',
      severity: 'medium',
      subject: { kind: 'cookie', label: '_st_x', processorId: 'stats' },
      clause: { quote: 'Cookie _st.', section: 'Cookies' },
    });
    expect(findings[0]!.evidence[0]).toMatchObject({ type: 'cookie-attempt', name: '_st_x', at: T0 + 50 });
  });

  it('accepts names and patterns from the list, and processors that list no cookies at all', () => {
    const v = visit(SHOP)
      .attempt('_st=1; Max-Age=60', { host: 'stats.stats-example.io' })
      .attempt('_st_42=1; Max-Age=60', { host: 'stats.stats-example.io' })
      .attempt('chat_id=1; Max-Age=60', { host: 'chat.chat-example.io' });
    expect(check(undeclaredCookie, v, { policy: model })).toEqual([]);
  });

  it('flags a storage key of Friendly Captcha not in its declared sessionStorage list', () => {
    const v = visit().storage('localStorage', `https://${FC}`, ['frc_x'], { at: 700, frame: FC_FRAME });
    const [f] = check(undeclaredCookie, v);
    expect(title(f)).toBe('Undeclared localStorage key “frc_x”');
    expect(f).toMatchObject({ subject: { kind: 'storage-key', label: 'frc_x', processorId: 'friendly-captcha' } });
  });

  it('leaves Friendly Captcha cookies to the more precise no-cookies rule', () => {
    expect(check(undeclaredCookie, frcAttempt())).toEqual([]);
  });

  // Regression test (fixed): attributor.ts claimsCovering() ignores CookieClaim.domain. Connox's only Google Ads
  // cookie claim is the catch-all ".*" for the domain googleadservices.com; its tension note
  // says it does not cover the first-party _gcl_* cookies. Yet it "covers" _gcl_au on connox.nl,
  // so undeclared-cookie stays silent. Expected: one undeclared-cookie finding for _gcl_au;
  // actual: none. Fix: skip claims whose `domain` does not cover the cookie's domain
  // (cookieDomainMatches(claim.domain, cookieDomain), honouring a leading "*.").
  it('does not let a claim for googleadservices.com cover the first-party _gcl_au', () => {
    const v = visit().browserCookie({ name: '_gcl_au', domain: '.connox.nl', hostOnly: false, lifetimeDays: 90 });
    expect(check(undeclaredCookie, v).map((f) => f.subject.label)).toEqual(['_gcl_au']);
  });
});
