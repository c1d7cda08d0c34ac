/**
 * Cross-checks the project's vendor catalogue against Ghostery's TrackerDB, and the opt-in
 * layer built from it. TrackerDB is CC-BY-NC-SA-4.0: it is read here from node_modules (a
 * dev dependency) and never bundled by default.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeData } from '../../../src/data/node-data.ts';
import { VendorSchema } from '../../../src/core/vendors/schema.ts';
import type { Vendor } from '../../../src/core/vendors/schema.ts';
import { TRACKERDB_SOURCE_ID, trackerDbLayer, type TrackerDbJson } from '../../../src/core/vendors/trackerdb-layer.ts';
import { buildVendorIndex } from '../../../src/core/vendors/vendor-index.ts';

const require = createRequire(import.meta.url);
// The package's exports map exposes only the SDK (dist/cjs/index.js); the JSON sits in dist/.
const sdk = require.resolve('@ghostery/trackerdb');
const json = JSON.parse(readFileSync(path.join(path.dirname(sdk), '..', 'trackerdb.json'), 'utf8')) as TrackerDbJson;

/**
 * Words that differ between two spellings of one company ("Google LLC" / "Google",
 * "Microsoft Corporation" / "Microsoft") and so say nothing about identity.
 */
const NOISE = new Set([
  'inc',
  'llc',
  'ltd',
  'limited',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'ab',
  'as',
  'aps',
  'oy',
  'spa',
  'srl',
  'sro',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'group',
  'holding',
  'holdings',
  'the',
  'platforms',
  'technologies',
  'technology',
  'international',
  'europe',
  'ireland',
  'uk',
  'us',
  'and',
  'et',
  'cie',
  'sca',
  'kg',
  'se',
  'com',
  'io',
  'de',
  'net',
]);

function tokens(name: string): Set<string> {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && !NOISE.has(w));
  return new Set(words);
}

/** One of the names shares a distinctive word with the other, or one contains the other squashed. */
function similar(a: string, b: string): boolean {
  const ta = tokens(a);
  const tb = tokens(b);
  for (const w of ta) if (tb.has(w)) return true;
  const sa = [...ta].join('');
  const sb = [...tb].join('');
  return sa.length >= 3 && sb.length >= 3 && (sa.includes(sb) || sb.includes(sa));
}

/** Every name the catalogue has for a vendor's company. */
function catalogueNames(v: Vendor): string[] {
  return [v.organisation, v.legalEntity, v.name, ...v.aliases, ...v.products];
}

interface Check {
  vendor: string;
  domain: string;
  trackerDbOrganisation: string;
  trackerDbPattern: string;
  agrees: boolean;
}

describe('TrackerDB opt-in layer', () => {
  const layer = trackerDbLayer(json);
  if (!layer.ok) throw new Error(layer.issues.join('; '));
  const source = layer.source;
  const catalogue = nodeData.catalogue();

  it('maps TrackerDB records onto valid Vendor records', () => {
    expect(layer.stats.domains).toBeGreaterThan(4_000);
    const samples = Object.keys(json.domains).filter((_, i) => i % 25 === 0);
    for (const domain of samples) {
      const vendor = source.lookupHost(domain);
      expect(vendor, domain).not.toBeNull();
      const parsed = VendorSchema.safeParse(vendor);
      expect(parsed.success ? [] : parsed.error.issues, domain).toEqual([]);
    }
    const ga = source.lookupHost('region1.google-analytics.com');
    expect(ga).toMatchObject({ id: 'trackerdb-google-analytics', organisation: 'Google', country: 'US', category: 'analytics' });
    expect(ga?.legalEntity).toMatch(/^unknown/);
  });

  it('resolves subdomains along the domain ladder and misses unknown hosts', () => {
    expect(source.lookupHost('deep.sub.mmtro.com')?.organisation).toBe('1000mercis');
    expect(source.lookupHost('www.connox.nl')).toBeNull();
    expect(source.lookupHost('')).toBeNull();
  });

  it('rejects a file of another shape with issues instead of throwing', () => {
    expect(trackerDbLayer({ patterns: [] })).toMatchObject({ ok: false });
    expect(trackerDbLayer(null)).toMatchObject({ ok: false });
  });

  it('answers through buildVendorIndex only for hosts the catalogue does not know', () => {
    const index = buildVendorIndex(catalogue, [source]);
    // mmtro.com (1000mercis) is in TrackerDB but not in the catalogue.
    expect(buildVendorIndex(catalogue).lookupHost('tags.mmtro.com')).toBeNull();
    expect(index.lookupHost('tags.mmtro.com')).toMatchObject({ source: TRACKERDB_SOURCE_ID, vendor: { organisation: '1000mercis' } });
    // The catalogue still wins where both know the host.
    expect(index.lookupHost('www.google-analytics.com')).toMatchObject({ source: 'catalogue', vendor: { id: 'google-analytics' } });
  });

  it('agrees with the catalogue on who owns the domains both know', () => {
    const checks: Check[] = [];
    for (const vendor of catalogue) {
      for (const domain of vendor.domains) {
        const tdb = source.lookupHost(domain);
        if (!tdb) continue;
        const agrees = catalogueNames(vendor).some((n) => similar(n, tdb.organisation) || similar(n, tdb.name));
        checks.push({ vendor: vendor.id, domain, trackerDbOrganisation: tdb.organisation, trackerDbPattern: tdb.name, agrees });
      }
    }
    const withDomains = catalogue.filter((v) => v.domains.length > 0);
    const vendorsOverlapping = new Set(checks.map((c) => c.vendor));
    const agreed = checks.filter((c) => c.agrees).length;
    const rate = agreed / checks.length;
    const disagreements = checks.filter((c) => !c.agrees);
    console.log(
      [
        `TrackerDB cross-check: ${withDomains.length} catalogue vendors with domains, ${vendorsOverlapping.size} with at least one domain TrackerDB knows`,
        `${checks.length} overlapping domains, ${agreed} attributed to a similarly named organisation: agreement ${(rate * 100).toFixed(1)} %`,
        `disagreements (${disagreements.length}):`,
        ...disagreements.map((d) => `  ${d.domain}: catalogue ${d.vendor} / TrackerDB ${d.trackerDbOrganisation} (${d.trackerDbPattern})`),
      ].join('\n'),
    );
    expect(checks.length).toBeGreaterThan(100);
    // See src/core/vendors/README.md ("Cross-check against TrackerDB") for the threshold.
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
});
