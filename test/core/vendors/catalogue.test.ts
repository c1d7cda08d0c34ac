import { describe, expect, it } from 'vitest';
import { checkCatalogue, loadCatalogue, parseVendorFiles } from '../../../src/core/vendors/catalogue.ts';
import { nodeData } from '../../../src/data/node-data.ts';
import { VendorFileSchema } from '../../../src/core/vendors/schema.ts';
import type { Vendor } from '../../../src/core/vendors/schema.ts';

const files = nodeData.files.vendorFiles;
const vendors = nodeData.catalogue();
const index = nodeData.vendorIndex();

function vendorOf(host: string): string | null {
  return index.lookupHost(host)?.vendor.id ?? null;
}

describe('bundled data files', () => {
  it('include both halves of the catalogue', () => {
    const names = Object.keys(files);
    expect(names.some((f) => f.startsWith('vendors-a-'))).toBe(true);
    expect(names.some((f) => f.startsWith('vendors-b-'))).toBe(true);
  });

  it.each(Object.keys(files))('%s matches the schema', (file) => {
    const result = VendorFileSchema.safeParse(files[file]);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('pass the cross-file checks (unique ids and domains, reachable domains)', () => {
    const result = parseVendorFiles(files);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('have unique ids', () => {
    const ids = vendors.map((v) => v.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('never let two vendors claim the same domain', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const v of vendors) {
      for (const d of v.domains) {
        const prev = owner.get(d);
        if (prev !== undefined && prev !== v.id) clashes.push(`${d}: ${prev} / ${v.id}`);
        owner.set(d, v.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('holds at least 300 vendors in total', () => {
    expect(vendors.length).toBeGreaterThanOrEqual(300);
  });

  it('holds at least 160 vendors in the a-half', () => {
    const aHalf = Object.entries(files)
      .filter(([file]) => file.startsWith('vendors-a-'))
      .flatMap(([, data]) => data as Vendor[]);
    expect(aHalf.length).toBeGreaterThanOrEqual(160);
  });

  it('has patterns that match their own literal names', () => {
    // A pattern whose display name has no {placeholder} must accept that name, otherwise
    // the exact cookie the entry documents would go unattributed.
    const broken = vendors.flatMap((v) =>
      v.cookies
        .filter((c) => c.pattern !== undefined && !c.name.includes('{') && !new RegExp(c.pattern).test(c.name))
        .map((c) => `${v.id}: ${c.name} !~ ${c.pattern}`),
    );
    expect(broken).toEqual([]);
  });
});

describe('checkCatalogue', () => {
  const base: Vendor = {
    id: 'a',
    name: 'A',
    organisation: 'A',
    legalEntity: 'A Ltd',
    country: 'IE',
    category: 'other',
    products: [],
    domains: ['a.example'],
    cookies: [],
    privacyPolicyUrl: 'https://a.example/privacy',
    aliases: [],
  };

  it('reports duplicate ids, duplicate domains, public-suffix domains and duplicate cookies', () => {
    const issues = checkCatalogue([
      base,
      { ...base, domains: ['a.example', 'github.io'] },
      {
        ...base,
        id: 'c',
        domains: ['c.example'],
        cookies: [
          { name: 'x', type: 'cookie', purpose: 'p', lifetimeDays: 1 },
          { name: 'x', type: 'cookie', purpose: 'p', lifetimeDays: 1 },
        ],
      },
    ]).map((i) => i.message);
    expect(issues).toEqual([
      'duplicate vendor id "a"',
      'domain "a.example" is already claimed by "a"',
      'domain "github.io" is a public suffix, so no host lookup can reach it',
      'cookie "x" is listed twice',
    ]);
  });

  it('turns schema failures into issues tied to file and vendor', () => {
    const result = parseVendorFiles({ 'vendors-x.json': [{ ...base, country: 'Ireland' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]).toMatchObject({ file: 'vendors-x.json', vendorId: 'a', path: '0.country' });
    }
  });

  it('refuses to load an invalid catalogue, naming the file', () => {
    expect(() => loadCatalogue({ 'vendors-x.json': [base, base] })).toThrow(/catalogue is invalid \(2 issues\).*duplicate vendor id "a"; .*already claimed/);
  });
});

describe('Connox processors and key vendors', () => {
  it.each([
    ['www.google-analytics.com', 'google-analytics'],
    ['region1.google-analytics.com', 'google-analytics'],
    ['www.googletagmanager.com', 'google-tag-manager'],
    ['www.googleadservices.com', 'google-ads'],
    // googleads.g.doubleclick.net is Google Ads remarketing; the rest of doubleclick.net is
    // DoubleClick / Campaign Manager (googleads.g.doubleclick.net is the Ads remarketing endpoint; see src/core/vendors/README.md).
    ['googleads.g.doubleclick.net', 'google-ads'],
    ['ad.doubleclick.net', 'google-doubleclick'],
    ['7654321.fls.doubleclick.net', 'google-doubleclick'],
    ['securepubads.g.doubleclick.net', 'google-ad-manager'],
    ['stats.g.doubleclick.net', 'google-analytics'],
    ['pay.google.com', 'google-pay'],
    ['www.youtube.com', 'youtube'],
    ['www.youtube-nocookie.com', 'youtube'],
    ['fonts.googleapis.com', 'google-fonts'],
    ['fonts.gstatic.com', 'google-fonts'],
    ['maps.googleapis.com', 'google-maps'],
    ['www.gstatic.com', 'google'],
    ['consent.cookiebot.com', 'cookiebot'],
    ['consentcdn.cookiebot.com', 'cookiebot'],
    ['eu-api.friendlycaptcha.eu', 'friendly-captcha'],
    ['secure.pay1.de', 'payone'],
    ['www.paypal.com', 'paypal'],
    ['www.paypalobjects.com', 'paypal'],
    ['applepay.cdn-apple.com', 'apple-pay'],
    ['widget.trustpilot.com', 'trustpilot'],
    ['api.zenloop.com', 'zenloop'],
    ['api.exponea.com', 'bloomreach'],
    ['static.zdassets.com', 'zendesk'],
    ['static.hotjar.com', 'hotjar'],
    ['connect.facebook.net', 'facebook-pixel'],
    ['analytics.tiktok.com', 'tiktok-pixel'],
    ['www.clarity.ms', 'microsoft-clarity'],
    ['bat.bing.com', 'microsoft-advertising'],
    ['cdn.particularaudience.com', 'particular-audience'],
  ])('%s → %s', (host, id) => {
    expect(vendorOf(host)).toBe(id);
  });

  it.each([
    ['bloomreach', 'Exponea'],
    ['zendesk', 'Zendesc'],
    ['google-ads', 'AdWords'],
    ['hotjar', 'Contentsquare Hotjar'],
  ])('%s has alias %s', (id, alias) => {
    expect(index.vendorById(id)?.aliases).toContain(alias);
  });

  it('has every shared processor id with the agreed legal entity and country', () => {
    const expected: Record<string, [string, string]> = {
      cookiebot: ['Usercentrics A/S', 'DK'],
      'friendly-captcha': ['Friendly Captcha GmbH', 'DE'],
      payone: ['PAYONE GmbH', 'DE'],
      paypal: ['PayPal (Europe) S.à r.l. et Cie, S.C.A.', 'LU'],
      'apple-pay': ['Apple Distribution International Ltd.', 'IE'],
      trustpilot: ['Trustpilot A/S', 'DK'],
      zenloop: ['zenloop GmbH', 'DE'],
      bloomreach: ['Exponea s.r.o.', 'SK'],
      zendesk: ['Zendesk, Inc.', 'US'],
      optilyz: ['optilyz GmbH', 'DE'],
      hotjar: ['Hotjar Ltd', 'MT'],
      'facebook-pixel': ['Meta Platforms Ireland Limited', 'IE'],
    };
    for (const [id, [legalEntity, country]] of Object.entries(expected)) {
      expect(index.vendorById(id), id).toMatchObject({ legalEntity, country });
    }
    for (const id of [
      'google-tag-manager',
      'google-analytics',
      'google-ads',
      'google-doubleclick',
      'google-pay',
      'youtube',
      'google-fonts',
      'particular-audience',
      'tiktok-pixel',
      'microsoft-clarity',
      'microsoft-advertising',
    ]) {
      expect(index.vendorById(id), id).toBeDefined();
    }
  });

  it('files every Google product under organisation "Google"', () => {
    const google = vendors.filter((v) => v.id === 'google' || v.id.startsWith('google-') || v.id === 'youtube' || v.id === 'firebase');
    expect(google.length).toBeGreaterThanOrEqual(15);
    expect(google.filter((v) => v.organisation !== 'Google').map((v) => v.id)).toEqual([]);
  });
});

describe('bundled cookie attribution', () => {
  it('matches GA4 and Hotjar id patterns', () => {
    expect(index.matchCookieName('_ga_ABC123XYZ').map((m) => m.vendor.id)).toEqual(['google-analytics']);
    expect(index.matchCookieName('_hjSessionUser_123456').map((m) => m.vendor.id)).toEqual(['hotjar']);
    expect(index.matchCookieName('_ga').map((m) => m.vendor.id)).toEqual(['google-analytics']);
  });

  it('attributes _ga on the shop domain to Google Analytics with medium confidence', () => {
    expect(index.attributeCookie({ name: '_ga', domain: '.shop.example' })).toMatchObject({
      vendor: { id: 'google-analytics' },
      confidence: 'medium',
      basis: 'unique-name',
    });
  });

  it('raises _ga to high when gtag.js from googletagmanager.com set it (same organisation)', () => {
    expect(index.attributeCookie({ name: '_ga', domain: '.shop.example', setByUrl: 'https://www.googletagmanager.com/gtag/js?id=G-1' })).toMatchObject({
      vendor: { id: 'google-analytics' },
      confidence: 'high',
      basis: 'organisation-host-and-name',
    });
  });

  it('attributes a Hotjar cookie set by Hotjar’s script with high confidence', () => {
    expect(index.attributeCookie({ name: '_hjSessionUser_123456', domain: 'shop.example', setByHost: 'static.hotjar.com' })).toMatchObject({
      vendor: { id: 'hotjar' },
      confidence: 'high',
    });
  });

  it('reports MUID on a first-party domain as ambiguous between the Microsoft products', () => {
    const result = index.attributeCookie({ name: 'MUID', domain: 'shop.example' });
    expect(result).toMatchObject({ vendor: null, confidence: 'low', basis: 'ambiguous-name' });
    expect(result?.candidates.map((v) => v.id)).toEqual(expect.arrayContaining(['microsoft-advertising', 'microsoft-clarity']));
  });

  it('resolves MUID on .clarity.ms to Clarity', () => {
    expect(index.attributeCookie({ name: 'MUID', domain: '.clarity.ms' })).toMatchObject({
      vendor: { id: 'microsoft-clarity' },
      confidence: 'high',
    });
  });

  it('lists every CMP that uses euconsent-v2 when nothing disambiguates', () => {
    const result = index.attributeCookie({ name: 'euconsent-v2', domain: 'shop.example' });
    expect(result?.confidence).toBe('low');
    expect(result?.candidates.map((v) => v.id)).toEqual(expect.arrayContaining(['didomi', 'quantcast-choice', 'sourcepoint']));
  });

  it('attributes a Cloudflare cookie on a vendor host to that vendor (the controller), medium', () => {
    const result = index.attributeCookie({ name: '__cf_bm', domain: '.trustpilot.com' });
    expect(result).toMatchObject({ vendor: { id: 'trustpilot' }, confidence: 'medium', basis: 'vendor-host-unknown-name' });
  });

  it('attributes _GRECAPTCHA on www.google.com to reCAPTCHA through the organisation', () => {
    expect(index.attributeCookie({ name: '_GRECAPTCHA', domain: 'www.google.com' })).toMatchObject({
      vendor: { id: 'google-recaptcha' },
      confidence: 'high',
    });
  });

  it('matches storage keys only against the same storage type', () => {
    expect(index.attributeCookie({ name: 'hjViewportId', domain: 'shop.example', type: 'sessionStorage' })?.vendor?.id).toBe('hotjar');
    expect(index.attributeCookie({ name: 'hjViewportId', domain: 'shop.example', type: 'cookie' })).toBeNull();
  });
});
