import { describe, expect, it } from 'vitest';
import { lifetimeExceeded } from '../../../src/core/audit/rules/lifetime-exceeded';
import { category, check, cookieClaim, miniModel, processor, visit } from './build-visit';
import { explanation, title } from './words';

const FR_SHOP = 'https://www.boutique.fr/';
const NL_SHOP = 'https://www.winkel.nl/';

/** Google Analytics' _ga (a statistics cookie by the catalogue) set on the shop's domain. */
function ga(pageUrl: string, days: number) {
  const domain = `.${new URL(pageUrl).hostname.replace(/^www\./, '')}`;
  return visit(pageUrl).browserCookie({ name: '_ga', domain, hostOnly: false, lifetimeDays: days }, { at: 100 });
}

/** A model for boutique.fr that names Google Analytics, with or without a lifetime for _ga. */
function frModel(gaDays: number | null) {
  return miniModel({
    domains: ['boutique.fr'],
    cookieCategories: [category({ id: 'statistics', consentRequired: true })],
    processors: [
      processor({
        id: 'google-analytics',
        name: 'Google Analytics',
        vendorId: 'google-analytics',
        category: 'statistics',
        cookies: [cookieClaim({ name: '_ga', maxLifetimeDays: gaDays })],
      }),
    ],
  });
}

describe('rule cookie-lifetime-exceeded: the CNIL recommendation as a baseline for French shops', () => {
  it('without a model: a statistics cookie of 2 years on a .fr shop is a low notice resting on the CNIL recommendation', () => {
    const findings = check(lifetimeExceeded, ga(FR_SHOP, 730), { policy: null });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({
      severity: 'low',
      kind: 'notice',
      grounds: 'legal-baseline',
      message: { code: 'cookie-lifetime-exceeded.national-recommendation', params: { cookie: '_ga', maxDays: 396, category: 'statistics', authority: 'CNIL' } },
      clause: { section: 'Article 5', language: 'fr', origin: 'legal-baseline' },
    });
    expect(f.clause?.quote).toContain('treize mois');
    expect(title(f)).toBe('Cookie “_ga” lives 730 days, longer than the CNIL recommends (396 days)');
    expect(explanation(f)).toContain('national recommendation');
  });

  it('allows the calendar span of 13 months (397 days) and flags a few days more', () => {
    expect(check(lifetimeExceeded, ga(FR_SHOP, 397), { policy: null })).toEqual([]);
    expect(check(lifetimeExceeded, ga(FR_SHOP, 400), { policy: null })).toHaveLength(1);
  });

  it('holds shops of other countries to no lifetime when they have no model (the Directive sets none)', () => {
    expect(check(lifetimeExceeded, ga(NL_SHOP, 730), { policy: null })).toEqual([]);
  });

  it('leaves cookies that need no consent alone', () => {
    const v = visit(FR_SHOP).browserCookie({ name: 'cart_id', domain: 'www.boutique.fr', lifetimeDays: 800 }, { at: 100 });
    expect(check(lifetimeExceeded, v, { policy: null })).toEqual([]);
  });

  it('with a partial model that names the processor but no lifetime: the recommendation fills the gap', () => {
    const findings = check(lifetimeExceeded, ga(FR_SHOP, 730), { policy: frModel(null) });
    expect(findings.map((f) => [f.message.code, f.severity, f.grounds])).toEqual([
      ['cookie-lifetime-exceeded.national-recommendation', 'low', 'legal-baseline'],
    ]);
  });

  it("with a full model the shop's own limit wins: within it nothing, beyond it a high finding on the shop's words", () => {
    expect(check(lifetimeExceeded, ga(FR_SHOP, 730), { policy: frModel(731) })).toEqual([]);
    const beyond = check(lifetimeExceeded, ga(FR_SHOP, 800), { policy: frModel(731) });
    expect(beyond.map((f) => [f.message.code, f.severity, f.grounds])).toEqual([['cookie-lifetime-exceeded', 'high', 'shop-policy']]);
  });
});
