/**
 * Vendor coverage measured against the web: how many of third-party-web's entities with
 * HTTP Archive prevalence figures PolicyLens attributes to a company, by the catalogue
 * alone and by all default layers (catalogue + third-party-web), unweighted and weighted
 * by the entity's script occurrences. Part of `npm run bench`; alone:
 *
 *   npx tsx test/bench/vendor-coverage.ts
 *
 * Two readings: an entity counts when some of the domains third-party-web lists for it
 * resolve through the layers' host lookup to a vendor, or only when every one does;
 * "with country" additionally needs a known country (not ZZ).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readThirdPartyWebPackage } from '../../src/cli/generate-third-party-web-index.ts';
import { UNKNOWN_COUNTRY, VendorFileSchema, type Vendor } from '../../src/core/vendors/schema.ts';
import { thirdPartyWebLayer } from '../../src/core/vendors/third-party-web-layer.ts';
import { buildVendorIndex, type VendorIndex } from '../../src/core/vendors/vendor-index.ts';
import { REPO_ROOT } from './paths.ts';
import { fmt, table } from './stats.ts';

const DATA_DIR = path.join(REPO_ROOT, 'src/core/vendors/data');
const INDEX_FILE = path.join(REPO_ROOT, 'src/core/vendors/generated/third-party-web-index.json');
const TOP = 300;
const UNATTRIBUTED_SHOWN = 20;

export interface Share {
  entities: number;
  of: number;
  occurrences: number;
  ofOccurrences: number;
}

/** Two readings of "an entity is attributed": some of its hosts, or all of them. */
export type Reading = 'any' | 'every';

export interface ReadingResult {
  catalogue: Share;
  catalogueWithCountry: Share;
  allLayers: Share;
  /** How many of the top TOP entities the catalogue alone attributes with a country, and which it does not. */
  top: { withCountry: number; missing: string[] };
  unattributedByCatalogue: { name: string; occurrences: number }[];
  unattributedByAllLayers: { name: string; occurrences: number }[];
}

export interface CoverageResult {
  thirdPartyWebVersion: string;
  catalogueVendors: number;
  /** Entities with prevalence figures. */
  entities: number;
  top: number;
  readings: Record<Reading, ReadingResult>;
}

/** The catalogue's data files as the build inlines them, validated with the same schema. */
function readCatalogue(): Vendor[] {
  return readdirSync(DATA_DIR)
    .filter((f) => /^vendors-.*\.json$/.test(f))
    .sort()
    .flatMap((f) => VendorFileSchema.parse(JSON.parse(readFileSync(path.join(DATA_DIR, f), 'utf8'))));
}

/** Hosts to look up for an entity: `*.d` is probed at `d` (which it covers), exact hosts as they are. */
function probes(domains: readonly string[]): string[] {
  return domains.map((d) => (d.startsWith('*.') ? d.slice(2) : d).toLowerCase());
}

export function measureVendorCoverage(): CoverageResult {
  const { version, entities } = readThirdPartyWebPackage();
  const vendors = readCatalogue();
  const layer = thirdPartyWebLayer(JSON.parse(readFileSync(INDEX_FILE, 'utf8')));
  if (!layer.ok) throw new Error(`third-party-web index: ${layer.issues.join('; ')}`);
  const catalogue = buildVendorIndex(vendors);
  const all = buildVendorIndex(vendors, [layer.source]);

  const ranked = entities.filter((e) => (e.totalOccurrences ?? 0) > 0).sort((a, b) => (b.totalOccurrences ?? 0) - (a.totalOccurrences ?? 0));
  const total = ranked.reduce((n, e) => n + (e.totalOccurrences ?? 0), 0);
  const row = (e: (typeof ranked)[number]) => ({ name: e.name, occurrences: e.totalOccurrences ?? 0 });

  function reading(kind: Reading): ReadingResult {
    const attributed = (index: VendorIndex, needCountry: boolean) => (domains: readonly string[]) => {
      const hit = (host: string) => {
        const match = index.lookupHost(host);
        return match !== null && (!needCountry || match.vendor.country !== UNKNOWN_COUNTRY);
      };
      return kind === 'any' ? probes(domains).some(hit) : probes(domains).every(hit);
    };
    const share = (test: (domains: readonly string[]) => boolean): Share => {
      const hits = ranked.filter((e) => test(e.domains));
      return { entities: hits.length, of: ranked.length, occurrences: hits.reduce((n, e) => n + (e.totalOccurrences ?? 0), 0), ofOccurrences: total };
    };
    const byCatalogue = attributed(catalogue, false);
    const byCatalogueWithCountry = attributed(catalogue, true);
    const byAll = attributed(all, false);
    const top = ranked.slice(0, TOP);
    return {
      catalogue: share(byCatalogue),
      catalogueWithCountry: share(byCatalogueWithCountry),
      allLayers: share(byAll),
      top: {
        withCountry: top.filter((e) => byCatalogueWithCountry(e.domains)).length,
        missing: top.filter((e) => !byCatalogueWithCountry(e.domains)).map((e) => e.name),
      },
      unattributedByCatalogue: ranked
        .filter((e) => !byCatalogue(e.domains))
        .slice(0, UNATTRIBUTED_SHOWN)
        .map(row),
      unattributedByAllLayers: ranked
        .filter((e) => !byAll(e.domains))
        .slice(0, UNATTRIBUTED_SHOWN)
        .map(row),
    };
  }

  return {
    thirdPartyWebVersion: version,
    catalogueVendors: vendors.length,
    entities: ranked.length,
    top: TOP,
    readings: { any: reading('any'), every: reading('every') },
  };
}

function pct(part: number, whole: number): string {
  return `${fmt((100 * part) / whole, 1)} %`;
}

const READING_TITLE: Record<Reading, string> = {
  any: 'some of its hosts attributed (the measure issue 18 used)',
  every: 'every host third-party-web lists for it attributed',
};

export function coverageSection(c: CoverageResult): string {
  const line = (name: string, s: Share) => [name, `${s.entities} / ${s.of}`, pct(s.entities, s.of), pct(s.occurrences, s.ofOccurrences)];
  const list = (rows: ReadingResult['unattributedByCatalogue']) =>
    rows.length === 0 ? 'none' : rows.map((r) => `${r.name} (${r.occurrences.toLocaleString('en')})`).join(', ');
  const part = (kind: Reading) => {
    const r = c.readings[kind];
    return [
      `An entity counts when it has ${READING_TITLE[kind]}; "weighted" counts each entity by its script occurrences.`,
      '',
      table(
        ['layers', 'entities attributed', 'unweighted', 'weighted by occurrences'],
        [
          line(`catalogue alone (${c.catalogueVendors} vendors)`, r.catalogue),
          line('catalogue alone, with a known country', r.catalogueWithCountry),
          line('all default layers (catalogue + third-party-web)', r.allLayers),
        ],
      ),
      '',
      `Top ${c.top} entities attributed by the catalogue alone with a country: ${r.top.withCountry} / ${c.top}${r.top.missing.length > 0 ? ` (not: ${r.top.missing.join(', ')})` : ''}.`,
      '',
      `Top ${UNATTRIBUTED_SHOWN} unattributed by the catalogue alone (occurrences): ${list(r.unattributedByCatalogue)}.`,
      '',
      `Top ${UNATTRIBUTED_SHOWN} unattributed by all default layers: ${list(r.unattributedByAllLayers)}.`,
    ];
  };
  return [
    `### Vendor coverage against third-party-web ${c.thirdPartyWebVersion} (${c.entities.toLocaleString('en')} entities with HTTP Archive prevalence figures)`,
    '',
    ...part('any'),
    '',
    ...part('every'),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${coverageSection(measureVendorCoverage())}\n`);
}
