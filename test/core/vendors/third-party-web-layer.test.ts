import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readThirdPartyWebPackage, serialiseIndex, THIRD_PARTY_WEB_INDEX_FILE } from '../../../src/cli/generate-third-party-web-index.ts';
import { UNKNOWN_COUNTRY } from '../../../src/core/vendors/schema.ts';
import { buildThirdPartyWebIndex, type ThirdPartyWebEntity } from '../../../src/core/vendors/third-party-web-index.ts';
import {
  THIRD_PARTY_WEB_CATEGORIES,
  THIRD_PARTY_WEB_SOURCE_ID,
  thirdPartyWebLayer,
  thirdPartyWebVendorId,
} from '../../../src/core/vendors/third-party-web-layer.ts';
import { buildVendorIndex } from '../../../src/core/vendors/vendor-index.ts';

const pkg = readThirdPartyWebPackage();
const committed = JSON.parse(readFileSync(THIRD_PARTY_WEB_INDEX_FILE, 'utf8')) as unknown;

function layerOf(entities: ThirdPartyWebEntity[]) {
  const built = buildThirdPartyWebIndex(entities, '0.0.0', 'notice');
  if (!built.ok) throw new Error(built.issues.join('; '));
  const layer = thirdPartyWebLayer(built.index);
  if (!layer.ok) throw new Error(layer.issues.join('; '));
  return layer.source;
}

describe('the bundled third-party-web index', () => {
  it('is what the generator makes from the installed package (run src/cli/generate-third-party-web-index.ts after an update)', () => {
    const built = buildThirdPartyWebIndex(pkg.entities, pkg.version, pkg.licence);
    expect(built.ok ? serialiseIndex(built.index) : built.issues).toEqual(readFileSync(THIRD_PARTY_WEB_INDEX_FILE, 'utf8'));
  });

  it("carries third-party-web's copyright and MIT permission notice into the bundle", () => {
    expect((committed as { licenceNotice: string }).licenceNotice).toMatch(
      /^The MIT License[\s\S]*Copyright \(c\) \d{4} Patrick Hulce[\s\S]*Permission is hereby granted/,
    );
  });

  it('loads as a layer with every entity', () => {
    const layer = thirdPartyWebLayer(committed);
    expect(layer.ok && layer.stats.entities).toBe(pkg.entities.length);
  });

  it('maps every category the package uses', () => {
    const unmapped = [...new Set(pkg.entities.map((e) => e.category))].filter((c) => !(c in THIRD_PARTY_WEB_CATEGORIES));
    expect(unmapped).toEqual([]);
  });

  it('gives every entity its own vendor id', () => {
    const ids = pkg.entities.map((e) => thirdPartyWebVendorId(e.name));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('finds the same entity as third-party-web itself for every example host the package lists', () => {
    // third-party-web's own finder (lib/index.js) is the reference; its examples are real hosts.
    const tpw = createRequire(import.meta.url)('third-party-web') as { getEntity(url: string): { name: string } | undefined };
    const layer = thirdPartyWebLayer(committed);
    if (!layer.ok) throw new Error(layer.issues.join('; '));
    const examples = (
      JSON.parse(readFileSync(new URL('../../../node_modules/third-party-web/dist/entities.json', import.meta.url), 'utf8')) as { examples?: string[] }[]
    )
      .flatMap((e) => e.examples ?? [])
      .map((x) => (x.includes('://') ? new URL(x).hostname : (x.split('/')[0] ?? '')).toLowerCase());
    expect(examples.length).toBeGreaterThan(500);
    const differ = examples.filter((host) => (layer.source.lookupHost(host)?.name ?? null) !== (tpw.getEntity(host)?.name ?? null));
    expect(differ).toEqual([]);
  });
});

describe('thirdPartyWebLayer', () => {
  const source = layerOf([
    { name: 'Ads & Co', company: 'Ads Group', category: 'ad', domains: ['*.ads.example', 'pixel.shared.example'] },
    { name: 'Shared CDN', category: 'cdn', domains: ['*.shared.example'] },
    { name: 'Chat', category: 'customer-success', domains: ['widget.chat.example'] },
  ]);

  it.each([
    ['ads.example', 'Ads & Co'],
    ['x.y.ads.example', 'Ads & Co'],
    ['pixel.shared.example', 'Ads & Co'], // an exact host beats a wildcard parent
    ['a.pixel.shared.example', 'Shared CDN'], // an exact host covers no subdomains
    ['shared.example', 'Shared CDN'],
    ['widget.chat.example', 'Chat'],
  ])('%s → %s', (host, name) => {
    expect(source.lookupHost(host)?.name).toBe(name);
  });

  it.each(['chat.example', 'x.widget.chat.example', 'example', 'notads.example', ''])('%s → nothing', (host) => {
    expect(source.lookupHost(host)).toBeNull();
  });

  it('names the company and a mapped category, and claims no country or legal entity', () => {
    expect(source.lookupHost('ads.example')).toMatchObject({
      id: 'tpw-ads-co',
      organisation: 'Ads Group',
      category: 'advertising',
      country: UNKNOWN_COUNTRY,
      legalEntity: 'unknown (third-party-web names the company: Ads Group)',
      domains: ['ads.example', 'pixel.shared.example'],
      cookies: [],
    });
    expect(source.lookupHost('shared.example')).toMatchObject({ organisation: 'Shared CDN', category: 'cdn' });
    expect(source.lookupHost('widget.chat.example')?.category).toBe('customer-service');
  });

  it('answers after the catalogue, marked with its source and a lower confidence', () => {
    const catalogueVendor = { ...source.lookupHost('ads.example')!, id: 'ads', name: 'Ads (catalogue)', domains: ['ads.example'], country: 'FR' };
    const index = buildVendorIndex([catalogueVendor], [source]);
    expect(index.lookupHost('www.ads.example')).toMatchObject({ source: 'catalogue', confidence: 'high', vendor: { id: 'ads' } });
    expect(index.lookupHost('cdn.shared.example')).toMatchObject({ source: THIRD_PARTY_WEB_SOURCE_ID, confidence: 'medium', vendor: { id: 'tpw-shared-cdn' } });
  });

  it.each([
    [null, 'must be an object'],
    [{ format: 'other', entities: [] }, '"format"'],
    [{ format: 'policylens-third-party-web-index' }, 'no "entities"'],
    [{ format: 'policylens-third-party-web-index', entities: ['only\ttwo'] }, 'entity 0'],
  ])('rejects a damaged index (%j) with a message', (json, message) => {
    const layer = thirdPartyWebLayer(json);
    expect(layer.ok ? [] : layer.issues.join(' ')).toContain(message);
  });
});

describe('buildThirdPartyWebIndex', () => {
  it('reports a domain listed twice and a malformed one instead of picking a winner', () => {
    const built = buildThirdPartyWebIndex(
      [
        { name: 'A', category: 'ad', domains: ['*.a.example', 'not a host'] },
        { name: 'B', category: 'ad', domains: ['*.a.example'] },
      ],
      '1',
      'notice',
    );
    expect(built.ok ? [] : built.issues).toEqual(['A: "not a host" is not a hostname or *.hostname', 'B: "*.a.example" is already listed by A']);
  });
});
