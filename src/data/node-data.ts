import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledData, MODEL_FILE_NAME, VENDOR_FILE_NAME } from './bundled-data';

/** The same data the extension bundles, read from the source folders with node:fs (CLI, scripts, tests). */
const VENDOR_DIR = fileURLToPath(new URL('../core/vendors/data/', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../core/policy/models/', import.meta.url));

function filesIn(dir: string, name: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => name.test(f))
    .sort();
}

export const nodeData = bundledData({
  vendorFiles: Object.fromEntries(filesIn(VENDOR_DIR, VENDOR_FILE_NAME).map((f) => [f, JSON.parse(readFileSync(VENDOR_DIR + f, 'utf8')) as unknown])),
  modelSources: filesIn(MODEL_DIR, MODEL_FILE_NAME).map((f) => ({ fileName: f, text: readFileSync(MODEL_DIR + f, 'utf8') })),
});
