/**
 * The realistic page-load phase alone: `npm run bench:page-load -- [--rounds N] [--compare DIR]`
 * (after `npx vite build`); `--compare` adds a row for another build (e.g. an earlier
 * commit's dist/). Prints its table and writes out/bench/page-load.md and .json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DIST } from '../../src/cli/ensure-build.ts';
import { benchRealisticPageLoad } from './page-load-realistic.ts';
import { OUT_DIR } from './paths.ts';
import { realisticSection } from './realistic-section.ts';
import { roundsArgument } from './rounds-argument.ts';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
mkdirSync(OUT_DIR, { recursive: true });
const compareAt = process.argv.indexOf('--compare');
const compareDir = compareAt < 0 ? null : process.argv[compareAt + 1];
if (compareAt >= 0 && !compareDir) throw new Error('--compare wants a build directory');
const compare = compareDir ? { label: `other build (${path.basename(compareDir)}), tab on the shop with a model`, dir: compareDir } : null;
const result = await benchRealisticPageLoad(DEFAULT_DIST, roundsArgument(process.argv), log, compare);
const section = realisticSection(result, 'Page load as shoppers feel it');
writeFileSync(path.join(OUT_DIR, 'page-load.md'), `${section}\n`);
writeFileSync(path.join(OUT_DIR, 'page-load.json'), JSON.stringify(result, null, 2));
process.stdout.write(`${section}\n`);
