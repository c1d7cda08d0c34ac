import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src/core/vendors/schema.ts';
import { buildThirdPartyWebIndex } from '../../../src/core/vendors/third-party-web-index.ts';
import { thirdPartyWebLayer } from '../../../src/core/vendors/third-party-web-layer.ts';
import { buildVendorIndex } from '../../../src/core/vendors/vendor-index.ts';
import { parseWhoArgument, whoIs, type WhoQuery } from '../../../src/core/vendors/who.ts';

function vendor(id: string, domains: string[], cookies: Vendor['cookies'] = [], organisation = id): Vendor {
  return {
    id,
    name: `${id} name`,
    organisation,
    legalEntity: `${id} Ltd`,
    country: 'NL',
    category: 'analytics',
    products: [],
    domains,
    cookies,
    privacyPolicyUrl: 'https://example.com/privacy',
    aliases: [],
  };
}

const built = buildThirdPartyWebIndex([{ name: 'Pixel Co', company: 'Pixel Group', category: 'ad', domains: ['*.pixel.example'] }], '0', 'notice');
const layer = built.ok ? thirdPartyWebLayer(built.index) : null;
const index = buildVendorIndex(
  [
    vendor(
      'stats',
      ['stats.example'],
      [
        { name: '_st_id', type: 'cookie', purpose: 'Visitor id.', lifetimeDays: 365 },
        { name: 'shared', type: 'localStorage', purpose: 'Shared key.', lifetimeDays: null },
      ],
    ),
    vendor('other', ['other.example'], [{ name: 'shared', type: 'cookie', purpose: 'Also shared.', lifetimeDays: 0 }]),
  ],
  layer?.ok ? [layer.source] : [],
);

function ask(arg: string) {
  const q = parseWhoArgument(arg);
  if (q.kind === 'invalid') throw new Error(q.message);
  return whoIs(index, q);
}

describe('parseWhoArgument', () => {
  it.each<[string, Partial<WhoQuery> | { kind: 'invalid' }]>([
    ['www.stats.example', { kind: 'host', host: 'www.stats.example' }],
    ['WWW.Stats.Example.', { kind: 'host', host: 'www.stats.example' }],
    ['https://cdn.stats.example:8443/x.js?y=1', { kind: 'host', host: 'cdn.stats.example' }],
    ['_ga', { kind: 'name', name: '_ga' }],
    ['_pk_id.1.abcd', { kind: 'name', name: '_pk_id.1.abcd' }],
    ['v1.2', { kind: 'name', name: 'v1.2' }],
    ['cookie:ab.example', { kind: 'name', name: 'ab.example' }],
    ['host:localhost', { kind: 'host', host: 'localhost' }],
    ['cookie:', { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
  ])('%j → %j', (arg, expected) => {
    expect(parseWhoArgument(arg)).toMatchObject(expected);
  });
});

describe('whoIs', () => {
  it('answers a catalogue host with the legal entity, country and high confidence', () => {
    expect(ask('a.stats.example')).toEqual({
      kind: 'host',
      input: 'a.stats.example',
      host: 'a.stats.example',
      matchedDomain: 'stats.example',
      vendor: { id: 'stats', name: 'stats name', company: 'stats', legalEntity: 'stats Ltd', country: 'NL', category: 'analytics', source: 'catalogue' },
      confidence: 'high',
    });
  });

  it('answers a third-party-web host with its company, no legal entity or country, and lower confidence', () => {
    expect(ask('https://x.pixel.example/p.gif')).toMatchObject({
      host: 'x.pixel.example',
      vendor: { id: 'tpw-pixel-co', company: 'Pixel Group', legalEntity: null, country: null, category: 'advertising', source: 'third-party-web' },
      confidence: 'medium',
    });
  });

  it('says when no layer knows a host', () => {
    expect(ask('nobody.example')).toMatchObject({ vendor: null, matchedDomain: null, confidence: null });
  });

  it('lists the one vendor documenting a name, medium confidence', () => {
    expect(ask('_st_id')).toMatchObject({
      kind: 'name',
      vendor: { id: 'stats' },
      confidence: 'medium',
      basis: 'unique-name',
      documentedBy: [{ vendor: { id: 'stats' }, documentedAs: '_st_id', type: 'cookie', lifetimeDays: 365, via: 'exact' }],
    });
  });

  it('lists every vendor documenting a shared name, low confidence and no single vendor', () => {
    const answer = ask('shared');
    expect(answer).toMatchObject({ vendor: null, confidence: 'low', basis: 'ambiguous-name' });
    expect(answer.kind === 'name' ? answer.documentedBy.map((d) => [d.vendor.id, d.type]) : []).toEqual([
      ['stats', 'localStorage'],
      ['other', 'cookie'],
    ]);
  });

  it('says when nobody documents a name', () => {
    expect(ask('nobody_knows_me')).toMatchObject({ documentedBy: [], vendor: null, confidence: null, basis: null });
  });
});
