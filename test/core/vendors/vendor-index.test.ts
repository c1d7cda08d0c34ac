import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeData } from '../../../src/data/node-data.ts';
import type { Vendor, VendorCookie } from '../../../src/core/vendors/schema.ts';
import { buildVendorIndex, literalPrefix } from '../../../src/core/vendors/vendor-index.ts';
import type { ExtraVendorSource } from '../../../src/core/vendors/vendor-index.ts';

function vendor(id: string, domains: string[], cookies: VendorCookie[] = [], organisation = id): Vendor {
  return {
    id,
    name: id.toUpperCase(),
    organisation,
    legalEntity: `${id} Ltd`,
    country: 'IE',
    category: 'other',
    products: [],
    domains,
    cookies,
    privacyPolicyUrl: `https://${id}.example/privacy`,
    aliases: [],
  };
}

function cookie(name: string, pattern?: string, type: VendorCookie['type'] = 'cookie'): VendorCookie {
  return pattern === undefined ? { name, type, purpose: 'test', lifetimeDays: 1 } : { name, pattern, type, purpose: 'test', lifetimeDays: 1 };
}

const VENDORS: Vendor[] = [
  vendor('tracker', ['tracker.com', 'cdn.tracker-static.net'], [cookie('_tr'), cookie('_tr_{id}', '^_tr_\\d+$'), cookie('uid')]),
  vendor('tracker-ads', ['ads.tracker.com'], [cookie('_tra')], 'tracker'),
  vendor('uk-vendor', ['vendor.co.uk'], [cookie('uid')]),
  vendor('au-vendor', ['stats.vendor.com.au']),
  vendor('pages-vendor', ['foo.github.io']),
  vendor('store', ['store.example'], [cookie('state', undefined, 'localStorage')]),
];
const index = buildVendorIndex(VENDORS);

describe('lookupHost', () => {
  it.each([
    ['tracker.com', 'tracker', 'tracker.com'],
    ['www.tracker.com', 'tracker', 'tracker.com'],
    ['a.b.c.tracker.com', 'tracker', 'tracker.com'],
    ['ads.tracker.com', 'tracker-ads', 'ads.tracker.com'],
    ['eu.ads.tracker.com', 'tracker-ads', 'ads.tracker.com'],
    ['cdn.tracker-static.net', 'tracker', 'cdn.tracker-static.net'],
    ['WWW.Tracker.COM.', 'tracker', 'tracker.com'],
    ['vendor.co.uk', 'uk-vendor', 'vendor.co.uk'],
    ['www.vendor.co.uk', 'uk-vendor', 'vendor.co.uk'],
    ['x.stats.vendor.com.au', 'au-vendor', 'stats.vendor.com.au'],
    ['foo.github.io', 'pages-vendor', 'foo.github.io'],
    ['assets.foo.github.io', 'pages-vendor', 'foo.github.io'],
  ])('%s → %s via %s', (host, id, matched) => {
    expect(index.lookupHost(host)).toEqual({ vendor: expect.objectContaining({ id }), matchedDomain: matched, source: 'catalogue', confidence: 'high' });
  });

  it.each([
    'bar.github.io', // a private suffix: foo.github.io must not leak to siblings
    'github.io',
    'co.uk',
    'other.co.uk',
    'vendor.com.au', // only stats.vendor.com.au is claimed
    'www.vendor.com.au',
    'tracker-static.net', // only the cdn host is claimed
    'static.tracker-static.net',
    'nottracker.com',
    'tracker.com.evil.example',
    'unknown.example',
    '',
    '127.0.0.1',
    'localhost',
  ])('%s → null', (host) => {
    expect(index.lookupHost(host)).toBeNull();
  });

  it('consults extra sources only after the catalogue, in order', () => {
    const calls: string[] = [];
    const layer = (id: string, hosts: Record<string, Vendor>): ExtraVendorSource => ({
      id,
      lookupHost(host) {
        calls.push(`${id}:${host}`);
        return hosts[host] ?? null;
      },
    });
    const extra = vendor('extra', ['extra.example']);
    const layered = buildVendorIndex(VENDORS, [
      layer('first', {}),
      { ...layer('second', { 'px.extra.example': extra, 'www.tracker.com': extra }), confidence: 'low' },
    ]);
    expect(layered.lookupHost('www.tracker.com')?.vendor.id).toBe('tracker');
    expect(calls).toEqual([]);
    expect(layered.lookupHost('px.extra.example')).toEqual({ vendor: extra, matchedDomain: 'px.extra.example', source: 'second', confidence: 'low' });
    expect(calls).toEqual(['first:px.extra.example', 'second:px.extra.example']);
  });

  it('gives an extra source without a confidence of its own "medium", below the catalogue', () => {
    const extra = vendor('extra', ['extra.example']);
    const layered = buildVendorIndex(VENDORS, [{ id: 'plain', lookupHost: (h) => (h === 'px.extra.example' ? extra : null) }]);
    expect(layered.lookupHost('px.extra.example')?.confidence).toBe('medium');
    expect(layered.lookupHost('www.tracker.com')?.confidence).toBe('high');
  });

  it('keeps the first claim when data claims a domain twice', () => {
    const dup = buildVendorIndex([vendor('one', ['dup.example']), vendor('two', ['dup.example'])]);
    expect(dup.lookupHost('dup.example')?.vendor.id).toBe('one');
  });
});

describe('literalPrefix', () => {
  it.each([
    ['^_ga_[A-Z0-9]+$', '_ga_'],
    ['^_hjSessionUser_\\d+$', '_hjSessionUser_'],
    ['^_pk_id\\.\\d+\\.[0-9a-f]+$', '_pk_id.'],
    ['^optimizely_data\\$\\$.+$', 'optimizely_data$$'],
    ['^ab?c$', 'a'],
    ['^abc*d$', 'ab'],
    ['^ab{2}$', 'a'],
    ['^ab+c$', 'ab'],
    ['^(a|b)c$', ''],
    ['^ab|cd$', ''],
    ['^a(b|c)$', 'a'],
    ['^[ab]c$', ''],
    ['^.+$', ''],
    ['no-anchor$', ''],
  ])('%s → %j', (source, prefix) => {
    expect(literalPrefix(source)).toBe(prefix);
  });

  it('is a prefix of every string the pattern matches', () => {
    const patterns = nodeData.catalogue().flatMap((v) => v.cookies.flatMap((c) => (c.pattern ? [c.pattern] : [])));
    for (const source of patterns) {
      const prefix = literalPrefix(source);
      fc.assert(
        fc.property(fc.stringMatching(new RegExp(source)), (name) => name.startsWith(prefix)),
        { numRuns: 30 },
      );
    }
  });
});

describe('matchCookieName', () => {
  it('finds exact names and patterns', () => {
    expect(index.matchCookieName('_tr').map((m) => [m.vendor.id, m.via])).toEqual([['tracker', 'exact']]);
    expect(index.matchCookieName('_tr_42').map((m) => [m.vendor.id, m.via])).toEqual([['tracker', 'pattern']]);
    expect(index.matchCookieName('_tr_x')).toEqual([]);
    expect(index.matchCookieName('uid').map((m) => m.vendor.id)).toEqual(['tracker', 'uk-vendor']);
  });

  it('filters by storage type', () => {
    expect(index.matchCookieName('state', 'localStorage')).toHaveLength(1);
    expect(index.matchCookieName('state', 'cookie')).toHaveLength(0);
  });

  it('agrees with a brute-force scan over the bundled catalogue', () => {
    const vendors = nodeData.catalogue();
    const bundled = buildVendorIndex(vendors);
    const all = vendors.flatMap((v) => v.cookies.map((c) => ({ v, c })));
    const brute = (name: string) =>
      all
        .filter(({ c }) => (c.pattern === undefined ? c.name === name : new RegExp(c.pattern).test(name)))
        .map(({ v, c }) => `${v.id}|${c.type}|${c.name}`)
        .sort();
    const fast = (name: string) =>
      bundled
        .matchCookieName(name)
        .map((m) => `${m.vendor.id}|${m.cookie.type}|${m.cookie.name}`)
        .sort();
    const known = all.map(({ c }) => c.name);
    const samples = [
      ...known,
      '_ga_ABC123XYZ',
      '_hjSessionUser_123456',
      '_pk_id.1.1fff',
      '_pk_id.0f3c2e64-1234-4abc-9def-0123456789ab.1fff',
      'AMCV_ABC123%40AdobeOrg',
      'mp_0123abcd_mixpanel',
      'KRTBCOOKIE_57',
    ];
    for (const name of samples) expect(fast(name), name).toEqual(brute(name));
    fc.assert(
      fc.property(fc.constantFrom(...known), fc.string({ maxLength: 12 }), (base, tail) => {
        const name = base.replace(/\{[^}]*\}/g, '') + tail;
        expect(fast(name)).toEqual(brute(name));
      }),
      { numRuns: 500 },
    );
  });
});

describe('attributeCookie', () => {
  it('is high when the cookie domain belongs to the vendor that documents the name', () => {
    expect(index.attributeCookie({ name: '_tr', domain: '.tracker.com' })).toMatchObject({
      vendor: { id: 'tracker' },
      confidence: 'high',
      basis: 'vendor-host-and-name',
      cookie: { name: '_tr' },
    });
  });

  it('is high when the setting host belongs to that vendor', () => {
    expect(index.attributeCookie({ name: '_tr_7', domain: 'shop.example', setByUrl: 'https://cdn.tracker-static.net/t.js' })).toMatchObject({
      vendor: { id: 'tracker' },
      confidence: 'high',
    });
  });

  it('uses the domain to pick between colliding vendors', () => {
    expect(index.attributeCookie({ name: 'uid', domain: '.vendor.co.uk' })?.vendor?.id).toBe('uk-vendor');
    expect(index.attributeCookie({ name: 'uid', domain: 'www.tracker.com' })?.vendor?.id).toBe('tracker');
  });

  it('is high through a sibling product of the same organisation', () => {
    expect(index.attributeCookie({ name: '_tra', domain: 'tracker.com' })).toMatchObject({
      vendor: { id: 'tracker-ads' },
      confidence: 'high',
      basis: 'organisation-host-and-name',
    });
  });

  it('is medium for a unique name on a first-party domain', () => {
    expect(index.attributeCookie({ name: '_tr', domain: 'shop.example', pageSite: 'shop.example' })).toMatchObject({
      vendor: { id: 'tracker' },
      confidence: 'medium',
      basis: 'unique-name',
    });
    expect(index.attributeCookie({ name: '_tr', domain: 'shop.example' })?.confidence).toBe('medium');
  });

  it('is low for a unique name on an unrecognised third-party domain', () => {
    expect(index.attributeCookie({ name: '_tr', domain: 'elsewhere.example', pageSite: 'shop.example' })).toMatchObject({
      vendor: { id: 'tracker' },
      confidence: 'low',
    });
  });

  it('is low with all candidates when several vendors use the name', () => {
    const result = index.attributeCookie({ name: 'uid', domain: 'shop.example' });
    expect(result).toMatchObject({ vendor: null, confidence: 'low', basis: 'ambiguous-name', cookie: null });
    expect(result?.candidates.map((v) => v.id)).toEqual(['tracker', 'uk-vendor']);
  });

  it('is medium for an unknown name on a vendor domain', () => {
    expect(index.attributeCookie({ name: 'mystery', domain: '.ads.tracker.com' })).toMatchObject({
      vendor: { id: 'tracker-ads' },
      confidence: 'medium',
      basis: 'vendor-host-unknown-name',
      candidates: [],
    });
  });

  it('prefers the domain owner to a name known from another vendor', () => {
    expect(index.attributeCookie({ name: 'uid', domain: 'stats.vendor.com.au' })).toMatchObject({
      vendor: { id: 'au-vendor' },
      confidence: 'medium',
      basis: 'vendor-host-unknown-name',
    });
  });

  it('is medium for an unknown name set by a vendor host', () => {
    expect(index.attributeCookie({ name: 'mystery', domain: 'shop.example', setByHost: 'tracker.com' })).toMatchObject({
      vendor: { id: 'tracker' },
      confidence: 'medium',
    });
  });

  it('returns null when nothing is known', () => {
    expect(index.attributeCookie({ name: 'mystery', domain: 'shop.example' })).toBeNull();
    expect(index.attributeCookie({ name: 'mystery', domain: '' })).toBeNull();
  });
});

describe('build cost', () => {
  it('indexes the bundled catalogue quickly and looks up in constant-ish time', () => {
    const vendors = nodeData.catalogue();
    const start = performance.now();
    const bundled = buildVendorIndex(vendors);
    const built = performance.now() - start;
    // Generous bound for slow CI machines; the real figure is a few milliseconds.
    expect(built).toBeLessThan(200);
    const lookups = performance.now();
    for (let i = 0; i < 10_000; i++) {
      bundled.lookupHost(`x${i}.region1.google-analytics.com`);
      bundled.matchCookieName(`_ga_${i}`);
    }
    expect(performance.now() - lookups).toBeLessThan(2_000);
  });
});
