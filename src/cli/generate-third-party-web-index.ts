/**
 * Regenerates src/core/vendors/generated/third-party-web-index.json from the installed
 * `third-party-web` package (a pinned dev dependency):
 *
 *   npx tsx src/cli/generate-third-party-web-index.ts          # write
 *   npx tsx src/cli/generate-third-party-web-index.ts --check  # exit 1 when out of date
 *
 * The committed output is what the extension bundles; the package itself never is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildThirdPartyWebIndex, type ThirdPartyWebEntity, type ThirdPartyWebIndex } from '../core/vendors/third-party-web-index';
import { REPO_ROOT } from './ensure-build';

export const THIRD_PARTY_WEB_PACKAGE = path.join(REPO_ROOT, 'node_modules/third-party-web');
export const THIRD_PARTY_WEB_INDEX_FILE = path.join(REPO_ROOT, 'src/core/vendors/generated/third-party-web-index.json');

/** The package's version and its entity records (with prevalence figures, for the benchmark). */
export function readThirdPartyWebPackage(): { version: string; licence: string; entities: (ThirdPartyWebEntity & { totalOccurrences?: number })[] } {
  const pkg = JSON.parse(readFileSync(path.join(THIRD_PARTY_WEB_PACKAGE, 'package.json'), 'utf8')) as { version: string };
  const entities = JSON.parse(readFileSync(path.join(THIRD_PARTY_WEB_PACKAGE, 'dist/entities.json'), 'utf8')) as ThirdPartyWebEntity[];
  const licence = readFileSync(path.join(THIRD_PARTY_WEB_PACKAGE, 'LICENSE'), 'utf8').trim();
  return { version: pkg.version, licence, entities };
}

/** One entity per line: small diffs when third-party-web is updated. */
export function serialiseIndex(index: ThirdPartyWebIndex): string {
  const lines = index.entities.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "format": ${JSON.stringify(index.format)},\n  "version": ${JSON.stringify(index.version)},\n  "licence": "MIT",\n  "licenceNotice": ${JSON.stringify(index.licenceNotice)},\n  "entities": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function run(argv: readonly string[]): number {
  const { version, licence, entities } = readThirdPartyWebPackage();
  const built = buildThirdPartyWebIndex(entities, version, licence);
  if (!built.ok) {
    for (const issue of built.issues) process.stderr.write(`third-party-web ${version}: ${issue}\n`);
    return 1;
  }
  const text = serialiseIndex(built.index);
  const target = path.relative(REPO_ROOT, THIRD_PARTY_WEB_INDEX_FILE);
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(THIRD_PARTY_WEB_INDEX_FILE, 'utf8');
    } catch {
      // a missing file is simply out of date
    }
    if (current === text) return 0;
    process.stderr.write(`${target} is out of date: run npx tsx src/cli/generate-third-party-web-index.ts\n`);
    return 1;
  }
  writeFileSync(THIRD_PARTY_WEB_INDEX_FILE, text);
  process.stdout.write(`${target}: ${built.index.entities.length} entities from third-party-web ${version} (${text.length.toLocaleString('en')} bytes)\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(run(process.argv.slice(2)));
