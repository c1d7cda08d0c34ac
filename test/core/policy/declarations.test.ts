import { describe, expect, it } from 'vitest';
import { nodeData } from '../../../src/data/node-data.ts';
import { compareSources } from '../../../src/core/policy/compare-sources.ts';
import { declaredNamePattern, parseDeclaredName, parseExpiryDays } from '../../../src/core/policy/cookie-declaration.ts';
import type { CookieDeclaration, DeclaredCookie } from '../../../src/core/policy/cookie-declaration.ts';
import { dumpPolicy } from '../../../src/core/policy/dump-policy.ts';
import { parseCookiebotDeclaration } from '../../../src/core/policy/import-cookiebot.ts';
import { parseOneTrustDeclaration } from '../../../src/core/policy/import-onetrust.ts';
import { loadPolicy } from '../../../src/core/policy/load-policy.ts';
import { mergeDeclaration } from '../../../src/core/policy/merge-declaration.ts';
import { policyModelSchema } from '../../../src/core/policy/schema.ts';
import type { PolicyModel } from '../../../src/core/policy/schema.ts';
import { fixture } from './helpers.ts';

const CD_URL = 'https://consent.cookiebot.com/00000000-0000-0000-0000-000000000000/cd.js';
const OT_URL = 'https://cdn.cookielaw.org/consent/0000/nl.json';
const connox = nodeData.models()[0] as PolicyModel;

// Stand-in for the vendor catalogue's cookie-name knowledge.
const CATALOGUE: Record<string, string> = {
  CookieConsent: 'cookiebot',
  _ga: 'google-analytics',
  '_ga_#': 'google-analytics',
  __zlcmid: 'zendesk',
  __exponea_etc__: 'bloomreach',
  _gcl_au: 'google-ads',
};
const resolveVendor = (c: DeclaredCookie) => CATALOGUE[c.name] ?? null;

function cookiebot(): CookieDeclaration {
  const result = parseCookiebotDeclaration(fixture('cookiebot-cd.js'), CD_URL);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.declaration;
}

function onetrust(): CookieDeclaration {
  const result = parseOneTrustDeclaration(fixture('onetrust-domain-data.json'), OT_URL);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.declaration;
}

function cookiesOf(model: PolicyModel, processorId: string): string[] {
  return (model.processors.find((p) => p.id === processorId)?.cookies ?? [])
    .filter((c) => c.source.origin !== 'policy-text')
    .map((c) => c.name ?? c.pattern ?? '');
}

describe('parseCookiebotDeclaration', () => {
  it('reads every category table of cd.js without running it', () => {
    const result = parseCookiebotDeclaration(fixture('cookiebot-cd.js'), CD_URL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { cookies } = result.declaration;
    expect(result.declaration.origin).toBe('cookiebot-declaration');
    expect(cookies).toHaveLength(19);
    expect(result.skipped.map((s) => s.message)).toEqual([
      expect.stringMatching(/^"collect": type "Pixel Tracker"/),
      expect.stringMatching(/^"ads\/ga-audiences": type "Pixel Tracker"/),
    ]);
    expect(cookies.find((c) => c.name === 'CookieConsent')).toMatchObject({
      provider: 'Cookiebot',
      host: null,
      category: 'necessary',
      categoryLabel: 'Necessary',
      storage: 'cookie',
      maxLifetimeDays: 365,
      expiryText: '1 jaar',
    });
    expect(cookies.find((c) => c.name === 'frc_sid')).toMatchObject({ storage: 'sessionStorage', maxLifetimeDays: 0, host: 'eu-api.friendlycaptcha.eu' });
    expect(cookies.find((c) => c.name === 'ZD-suid')).toMatchObject({ storage: 'localStorage', maxLifetimeDays: null, category: 'preferences' });
    expect(cookies.find((c) => c.name === '_ga_#')).toMatchObject({ pattern: '^_ga_.+$', category: 'statistics', maxLifetimeDays: 731 });
    expect(cookies.find((c) => c.name === 'IDE')).toMatchObject({ category: 'marketing', host: 'doubleclick.net' });
    expect(cookies.find((c) => c.name === 'cx_ab_variant')).toMatchObject({ category: 'unclassified', maxLifetimeDays: 30 });
  });

  it('handles single quotes, escapes, HTML in providers and ignores the *Count variables', () => {
    const script = `CookieConsentDialog.cookieTableNecessaryCount = 1;\nCookieConsentDialog.cookieTableNecessary = [['a\\'b', 'Shop<br/>', 'x &amp; y', 'Session', 'HTTP', 1],];`;
    const result = parseCookiebotDeclaration(script, 'cd.js');
    expect(result).toMatchObject({ ok: true, declaration: { cookies: [{ name: "a'b", provider: 'Shop', purpose: 'x & y', maxLifetimeDays: 0 }] } });
  });

  it.each([
    ['var x = 1;', /no CookieConsentDialog/],
    ['CookieConsentDialog.cookieTableNecessary = [["a", "b"', /offset|closed/],
    ['CookieConsentDialog.cookieTableNecessary = {};', /unexpected/],
  ])('reports scripts it cannot read: %s', (script, message) => {
    const result = parseCookiebotDeclaration(script, 'cd.js');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(message);
  });
});

describe('parseOneTrustDeclaration', () => {
  it('reads first-party and host cookies per group', () => {
    const result = parseOneTrustDeclaration(fixture('onetrust-domain-data.json'), OT_URL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.declaration.cookies.map((c) => [c.name, c.category, c.maxLifetimeDays, c.host])).toEqual([
      ['OptanonConsent', 'necessary', 365, 'connox.nl'],
      ['cx_basket', 'necessary', 1200, 'www.connox.nl'],
      ['_ga', 'statistics', 400, 'connox.nl'],
      ['_gid', 'statistics', 1, 'region1.google-analytics.com'],
      ['IDE', 'marketing', 390, 'doubleclick.net'],
      ['_hjSession_*', 'marketing', 0, 'hotjar.com'],
    ]);
    expect(result.declaration.cookies[3]?.purpose).toBe('Onderscheidt gebruikers.');
    expect(result.declaration.cookies[5]?.pattern).toBe('^_hjSession_.+$');
  });

  it('accepts a bare { Groups } root and rejects other JSON', () => {
    expect(parseOneTrustDeclaration('{"Groups": []}', 'x')).toMatchObject({ ok: true, declaration: { cookies: [] } });
    expect(parseOneTrustDeclaration('{"foo": 1}', 'x')).toMatchObject({ ok: false });
    expect(parseOneTrustDeclaration('not json', 'x')).toMatchObject({ ok: false });
  });
});

describe('mergeDeclaration', () => {
  it('attaches declared cookies to the processors of the model as a second source', () => {
    const merged = mergeDeclaration(connox, cookiebot(), { resolveVendor });
    expect(policyModelSchema.safeParse(merged).success).toBe(true);
    expect(cookiesOf(merged, 'cookiebot')).toEqual(['CookieConsent']);
    expect(cookiesOf(merged, 'friendly-captcha')).toEqual(['frc_sid', 'frc_sol']);
    expect(cookiesOf(merged, 'google-analytics')).toEqual(['_ga', '^_ga_.+$']);
    expect(cookiesOf(merged, 'google-doubleclick')).toEqual(['test_cookie', 'IDE']);
    expect(cookiesOf(merged, 'google-remarketing')).toEqual(['_gcl_au']);
    expect(cookiesOf(merged, 'zendesk')).toEqual(['__zlcmid', 'ZD-suid']);
    expect(cookiesOf(merged, 'zenloop')).toEqual(['zenloop_survey']);
    expect(cookiesOf(merged, 'youtube')).toEqual(['YSC', 'VISITOR_INFO1_LIVE']);
    expect(cookiesOf(merged, 'exponea')).toEqual(['__exponea_etc__']);
    expect(cookiesOf(merged, 'particular-audience')).toEqual(['_pa_uid']);
    expect(merged.firstPartyCookies.map((c) => c.name)).toEqual(['cx_session', 'cx_basket', 'cx_ab_variant']);
    const facebook = merged.processors.find((p) => p.id === 'declared-facebook-com');
    expect(facebook).toMatchObject({ role: 'unknown', hosts: ['facebook.com'], source: { origin: 'cookiebot-declaration', document: CD_URL } });
    expect(merged.cookieCategories.map((c) => c.id)).toEqual([
      'necessary',
      'marketing',
      'session',
      'permanent',
      'partner',
      'preferences',
      'statistics',
      'unclassified',
    ]);
    const ide = merged.processors.find((p) => p.id === 'google-doubleclick')?.cookies.find((c) => c.name === 'IDE');
    expect(ide).toMatchObject({
      storage: 'cookie',
      maxLifetimeDays: 365,
      domain: 'doubleclick.net',
      category: 'marketing',
      checkable: true,
      source: { origin: 'cookiebot-declaration', section: 'Marketing', document: CD_URL, quote: expect.stringMatching(/^IDE \| doubleclick\.net \| /) },
    });
  });

  it('does not change the input model and is idempotent for the same document', () => {
    const before = JSON.stringify(connox);
    const once = mergeDeclaration(connox, cookiebot(), { resolveVendor });
    expect(JSON.stringify(connox)).toBe(before);
    expect(mergeDeclaration(once, cookiebot(), { resolveVendor })).toEqual(once);
  });

  it('keeps both declarations when a second tool is merged', () => {
    const both = mergeDeclaration(mergeDeclaration(connox, cookiebot(), { resolveVendor }), onetrust());
    expect(policyModelSchema.safeParse(both).success).toBe(true);
    const origins = new Set(both.processors.flatMap((p) => p.cookies.map((c) => c.source.origin)));
    expect(origins).toEqual(new Set(['policy-text', 'cookiebot-declaration', 'onetrust-declaration']));
    expect(both.processors.find((p) => p.id === 'declared-hotjar-com')?.cookies[0]?.pattern).toBe('^_hjSession_.+$');
  });

  it('registers a non-URL document id so the merged model still validates and round-trips', () => {
    const merged = mergeDeclaration(connox, { ...cookiebot(), document: 'cookiebot cd.js 2024-07' }, { resolveVendor });
    expect(merged.documents.at(-1)).toMatchObject({ id: 'cookiebot-declaration-cookiebot-cd-js-2024-07', url: null });
    const again = loadPolicy(dumpPolicy(merged, 'yaml'), 'merged.yaml');
    expect(again.ok && again.model).toEqual(merged);
  });
});

describe('compareSources', () => {
  it('is empty when no declaration has been merged', () => {
    expect(compareSources(connox)).toEqual([]);
  });

  it('reports where the text and the Cookiebot declaration disagree, with both sources', () => {
    // PayPal sets cookies (the catalogue says so); Google Pay's button sets none.
    const vendorSetsCookies = (vendorId: string): boolean => vendorId === 'paypal';
    const found = compareSources(mergeDeclaration(connox, cookiebot(), { resolveVendor }), { vendorSetsCookies });
    const summary = found.map((d) => `${d.kind} ${d.processorId ?? '(first party)'}${'cookie' in d ? ` ${d.cookie}` : ''}`);
    expect(summary).not.toContain('processor-only-in-text google-pay');
    expect(summary).toEqual(
      expect.arrayContaining([
        'processor-only-in-declaration declared-facebook-com',
        'processor-only-in-text paypal',
        'category-mismatch google-doubleclick test_cookie',
        'first-party-mismatch google-doubleclick test_cookie',
        'lifetime-mismatch particular-audience _pa_uid',
        'lifetime-mismatch (first party) cx_basket',
      ]),
    );
    // Declared and in the text, with matching facts: no discrepancy.
    expect(summary.filter((s) => / (frc_sid|CookieConsent|IDE|_ga)$/.test(s))).toEqual([]);
    expect(summary).not.toContain('processor-only-in-text friendly-captcha');
    expect(summary).not.toContain('processor-only-in-text optilyz');

    const basket = found.find((d) => d.kind === 'lifetime-mismatch' && d.cookie === 'cx_basket');
    expect(basket).toMatchObject({
      textDays: 1000,
      declaredDays: 1096,
      text: { origin: 'policy-text', quote: expect.stringContaining('maximaal 1000 dagen') },
      declaration: { origin: 'cookiebot-declaration', document: CD_URL },
    });
    const pa = found.find((d) => d.kind === 'lifetime-mismatch' && d.cookie === '_pa_uid');
    expect(pa).toMatchObject({ textDays: 8036, declaredDays: 8400, limit: { kind: 'promise', asWritten: expect.stringContaining('maximaal 22 jaar') } });
    const testCookie = found.find((d) => d.kind === 'category-mismatch' && d.cookie === 'test_cookie');
    expect(testCookie).toMatchObject({ textCategory: 'marketing', declaredCategory: 'necessary' });
    for (const d of found) {
      expect(d.text ?? d.declaration).not.toBeNull();
      if (d.kind !== 'processor-only-in-text' && d.kind !== 'processor-only-in-declaration') {
        expect(d.text.origin).toBe('policy-text');
        expect(d.declaration.origin).toBe('cookiebot-declaration');
      }
    }
  });

  it('reports a declared lifetime that differs from a lifetime the text states for that cookie', () => {
    const declaration: CookieDeclaration = {
      origin: 'onetrust-declaration',
      document: OT_URL,
      cookies: [
        {
          name: 'frc_sid',
          pattern: null,
          provider: 'eu-api.friendlycaptcha.eu',
          host: 'eu-api.friendlycaptcha.eu',
          category: 'necessary',
          categoryLabel: 'Noodzakelijk',
          purpose: '',
          storage: 'sessionStorage',
          maxLifetimeDays: 30,
          expiryText: '30',
          quote: 'frc_sid | 30 days',
        },
      ],
    };
    const found = compareSources(mergeDeclaration(connox, declaration));
    expect(found).toContainEqual(
      expect.objectContaining({ kind: 'lifetime-mismatch', processorId: 'friendly-captcha', cookie: 'frc_sid', textDays: 0, declaredDays: 30 }),
    );
  });
});

describe('declaration helpers', () => {
  it.each([
    ['Session', 0],
    ['Sessie', 0],
    ['1 jaar', 365],
    ['2 years', 731],
    ['1–2 years', 731],
    ['400 dagen', 400],
    ['1 dag', 1],
    ['13 maanden', 396],
    ['3 Monate', 91],
    ['13 mois', 396],
    ['1 uur', 0.041667],
    ['400', 400],
    ['Persistent', null],
    ['', null],
  ])('parseExpiryDays(%j) = %j', (text, days) => {
    expect(parseExpiryDays(text)).toBe(days);
  });

  it('turns wildcard names into anchored regexes', () => {
    expect(declaredNamePattern('_ga')).toBeNull();
    expect(declaredNamePattern('_ga_#')).toBe('^_ga_.+$');
    expect(declaredNamePattern('_pk_id.*')).toBe('^_pk_id\\..+$');
    expect(parseDeclaredName('rc::c [x2]')).toEqual({ name: 'rc::c', pattern: null });
    expect(declaredNamePattern('_hjid#[x3]')).toBe('^_hjid.+$');
  });
});
