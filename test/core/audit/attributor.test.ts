import { describe, expect, it } from 'vitest';
import { isDeclared } from '../../../src/core/audit/actor';
import { Attributor } from '../../../src/core/audit/attributor';
import { consentCategoryOfPolicyCategory, consentCategoryOfVendor } from '../../../src/core/audit/consent-category';
import { ADEQUATE, EEA } from '../../../src/core/audit/countries';
import { buildVendorIndex } from '../../../src/core/vendors/vendor-index';
import type { Vendor } from '../../../src/core/vendors/schema';
import { connox, cookieClaim, miniModel, processor, vendors } from './build-visit';

function connoxAttributor(): Attributor {
  const model = connox();
  return new Attributor(model, vendors(), 'connox.nl', new Set(model.shop.domains));
}

describe('Attributor.host', () => {
  it("maps the page site and the shop's other domains to the shop", () => {
    const a = connoxAttributor();
    for (const h of ['www.connox.nl', 'static.connox.nl', 'connox.nl', 'www.connox.de', 'WWW.CONNOX.CO.UK.']) {
      expect(a.host(h)).toBe(a.shop);
    }
    expect(a.shop).toMatchObject({ key: 'shop', kind: 'shop', name: 'Connox', legalEntity: 'Connox GmbH', consentCategory: 'necessary' });
    expect(isDeclared(a.shop)).toBe(true);
  });

  it("prefers the policy's hosts, carrying its processors, legal entity and country", () => {
    const ads = connoxAttributor().host('www.googleadservices.com');
    expect(ads).toMatchObject({
      key: 'vendor:google-ads',
      kind: 'vendor',
      source: 'policy',
      legalEntity: 'Google Inc.',
      country: 'US',
      consentCategory: 'marketing',
    });
    expect(ads.processors.map((p) => p.id)).toEqual(['google-remarketing', 'google-conversion-tracking', 'google-customer-match']);
    expect(isDeclared(ads)).toBe(true);
  });

  it('matches wildcard hosts (*.doubleclick.net) and caches actors per host', () => {
    const a = connoxAttributor();
    const dc = a.host('ad.doubleclick.net');
    expect(dc).toMatchObject({ key: 'vendor:google-doubleclick', source: 'policy' });
    expect(a.host('ad.doubleclick.net')).toBe(dc);
  });

  it('falls back to the catalogue, then to an unknown site actor', () => {
    const a = connoxAttributor();
    expect(a.host('connect.facebook.net')).toMatchObject({ key: 'vendor:facebook-pixel', source: 'catalogue', processors: [], consentCategory: 'marketing' });
    expect(isDeclared(a.host('connect.facebook.net'))).toBe(false);
    expect(a.host('tracker.unknown-example.io')).toMatchObject({
      key: 'site:unknown-example.io',
      kind: 'unknown',
      name: 'unknown-example.io',
      consentCategory: 'unknown',
      source: 'unknown',
    });
  });

  it('takes the consent category from the policy category, then consentRequired: false, then the vendor category', () => {
    const a = connoxAttributor();
    expect(a.host('eu-api.friendlycaptcha.eu').consentCategory).toBe('necessary'); // category: necessary
    expect(a.host('www.google-analytics.com').consentCategory).toBe('statistics'); // vendor analytics
    expect(a.host('static.zdassets.com').consentCategory).toBe('preferences'); // vendor customer-service
  });

  it('works without a policy: every third party comes from the catalogue', () => {
    const a = new Attributor(null, vendors(), 'shop.example', new Set());
    expect(a.shop.name).toBe('shop.example');
    expect(a.host('www.googleadservices.com')).toMatchObject({ source: 'catalogue', processors: [], legalEntity: 'Google Ireland Limited', country: 'IE' });
  });

  it('builds a processor actor for a declared host without a vendor id', () => {
    const model = miniModel({
      processors: [processor({ id: 'own-cdn', name: 'Own CDN', legalEntity: 'CDN BV', country: 'NL', hosts: ['cdn.cdn-example.io'] })],
    });
    const a = new Attributor(model, vendors(), 'shop.example', new Set(['shop.example']));
    expect(a.host('cdn.cdn-example.io')).toMatchObject({
      key: 'processor:own-cdn',
      kind: 'vendor',
      vendor: null,
      name: 'Own CDN',
      legalEntity: 'CDN BV',
      country: 'NL',
      source: 'policy',
      consentCategory: 'unknown',
    });
  });
});

describe('Attributor.cookie and storageKey', () => {
  it("uses the policy's cookie claims first, with high confidence on the processor's own host", () => {
    const a = connoxAttributor();
    expect(a.cookie('frc_sid', 'eu-api.friendlycaptcha.eu', 'eu-api.friendlycaptcha.eu')).toMatchObject({
      actor: { key: 'vendor:friendly-captcha' },
      confidence: 'high',
      basis: 'policy-cookie-claim',
    });
    expect(a.cookie('frc_sid', 'connox.nl', null)).toMatchObject({ actor: { key: 'vendor:friendly-captcha' }, confidence: 'medium' });
  });

  it('attributes first-party cookies by a unique documented name, else to the shop', () => {
    const a = connoxAttributor();
    expect(a.cookie('_fbp', 'connox.nl', null)).toMatchObject({ actor: { key: 'vendor:facebook-pixel' }, confidence: 'medium', basis: 'unique-name' });
    expect(a.cookie('cx_cart', 'www.connox.nl', 'www.connox.nl')).toMatchObject({
      actor: { key: 'shop' },
      confidence: null,
      basis: 'first-party-unknown-name',
    });
  });

  it('attributes third-party cookies to the host that set them or the domain they live on', () => {
    const a = connoxAttributor();
    expect(a.cookie('uid', 'unknown-example.io', 'px.unknown-example.io')).toMatchObject({
      actor: { key: 'site:unknown-example.io' },
      confidence: 'medium',
      basis: 'set-by-unknown-host',
    });
    expect(a.cookie('whatever', 'connect.facebook.net', null)).toMatchObject({
      actor: { key: 'vendor:facebook-pixel' },
      confidence: 'high',
      basis: 'cookie-domain-of-vendor',
    });
    expect(a.cookie('uid', 'unknown-example.io', null)).toMatchObject({ actor: { kind: 'unknown' }, confidence: null, basis: 'unknown-domain' });
  });

  it('does not let a catch-all pattern (".*") attribute cookies by name', () => {
    const model = miniModel({
      processors: [processor({ id: 'all', hosts: ['x.all-example.io'], cookies: [cookieClaim({ pattern: '.*', maxLifetimeDays: 30 })] })],
    });
    const a = new Attributor(model, vendors(), 'shop.example', new Set(['shop.example']));
    expect(a.cookie('cx_cart', 'www.shop.example', null).actor.kind).toBe('shop');
    // …but the pattern still covers that processor's cookies for limits
    expect(a.claimsCovering(model.processors[0]!, 'anything', 'cookie')).toHaveLength(1);
    expect(a.claimsCovering(model.processors[0]!, 'anything', 'localStorage')).toHaveLength(0);
  });

  it("attributes storage keys by claim, unique catalogue name, or the vendor frame's origin", () => {
    const a = connoxAttributor();
    expect(a.storageKey('frc_sid', 'sessionStorage', 'https://www.connox.nl')).toMatchObject({
      actor: { key: 'vendor:friendly-captcha' },
      basis: 'policy-storage-claim',
    });
    expect(a.storageKey('x', 'localStorage', 'https://eu-api.friendlycaptcha.eu')).toMatchObject({
      actor: { key: 'vendor:friendly-captcha' },
      basis: 'storage-of-vendor-frame',
    });
    expect(a.storageKey('cx_recent', 'localStorage', 'https://www.connox.nl')).toMatchObject({ actor: { key: 'shop' }, basis: 'first-party-unknown-name' });
  });

  it('works against a tiny hand-made vendor list', () => {
    const tiny: Vendor[] = [
      {
        id: 'acme-ads',
        name: 'Acme Ads',
        organisation: 'Acme',
        legalEntity: 'Acme Inc.',
        country: 'US',
        category: 'advertising',
        products: [],
        domains: ['acme-ads.example'],
        cookies: [{ name: 'acme_id', type: 'cookie', purpose: 'id', lifetimeDays: 365 }],
        privacyPolicyUrl: 'https://acme-ads.example/privacy',
        aliases: [],
      },
    ];
    const a = new Attributor(null, buildVendorIndex(tiny), 'shop.example', new Set());
    expect(a.host('px.acme-ads.example')).toMatchObject({ key: 'vendor:acme-ads', country: 'US', consentCategory: 'marketing' });
    expect(a.cookie('acme_id', 'shop.example', null)).toMatchObject({ actor: { key: 'vendor:acme-ads' }, basis: 'unique-name' });
    expect(a.host('connect.facebook.net').kind).toBe('unknown');
  });
});

describe('consent categories and countries', () => {
  it('maps vendor categories to consent categories', () => {
    expect(consentCategoryOfVendor('advertising')).toBe('marketing');
    expect(consentCategoryOfVendor('session-recording')).toBe('statistics');
    expect(consentCategoryOfVendor('customer-service')).toBe('preferences');
    expect(consentCategoryOfVendor('consent')).toBe('necessary');
    expect(consentCategoryOfVendor('fraud-captcha')).toBe('necessary');
  });

  it('maps policy category ids, case-insensitively, and returns null for unknown ids', () => {
    expect(consentCategoryOfPolicyCategory('Marketing')).toBe('marketing');
    expect(consentCategoryOfPolicyCategory('analytics')).toBe('statistics');
    expect(consentCategoryOfPolicyCategory('functional')).toBe('preferences');
    expect(consentCategoryOfPolicyCategory('partner')).toBe('marketing');
    expect(consentCategoryOfPolicyCategory('session')).toBeNull();
    expect(consentCategoryOfPolicyCategory(null)).toBeNull();
    expect(consentCategoryOfPolicyCategory(undefined)).toBeNull();
  });

  it('knows the EEA and the adequacy list (US only via DPF, so not listed)', () => {
    expect(EEA.has('NL') && EEA.has('NO') && EEA.has('MT')).toBe(true);
    expect(EEA.has('GB') || EEA.has('CH') || EEA.has('US')).toBe(false);
    expect(ADEQUATE.has('GB') && ADEQUATE.has('CH') && ADEQUATE.has('JP')).toBe(true);
    expect(ADEQUATE.has('US')).toBe(false);
  });
});
