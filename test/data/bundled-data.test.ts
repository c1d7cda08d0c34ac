import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extensionData } from '../../src/data/extension-data.ts';
import { nodeData } from '../../src/data/node-data.ts';

/**
 * Both readers of the bundled data (vite's globs for the extension, node:fs for the CLI and
 * tests) must hand the core every file in the data folders: a file dropped into a folder
 * under a name a reader does not match would otherwise be silently left out.
 */
const VENDOR_DIR = fileURLToPath(new URL('../../src/core/vendors/data/', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../../src/core/policy/models/', import.meta.url));
// The JSON Schema for editors lives beside the data files but is not data.
const NOT_DATA = new Set(['vendor.schema.json']);

const vendorFilesInFolder = readdirSync(VENDOR_DIR)
  .filter((f) => !NOT_DATA.has(f))
  .sort();
const modelFilesInFolder = readdirSync(MODEL_DIR).sort();

describe.each([
  ['extension (vite globs)', extensionData],
  ['node (node:fs)', nodeData],
])('bundled data read for the %s', (_name, data) => {
  it('holds every file of the vendor data folder', () => {
    expect(vendorFilesInFolder.length).toBeGreaterThan(1);
    expect(Object.keys(data.files.vendorFiles).sort()).toEqual(vendorFilesInFolder);
  });

  it('holds every file of the model folder', () => {
    expect(modelFilesInFolder).toContain('connox.yaml');
    expect(data.files.modelSources.map((s) => s.fileName).sort()).toEqual(modelFilesInFolder);
  });

  it('puts every vendor of every file into the catalogue', () => {
    const inFiles = Object.values(data.files.vendorFiles).reduce<number>((n, file) => n + (file as unknown[]).length, 0);
    expect(data.catalogue()).toHaveLength(inFiles);
  });

  it('parses every bundled model', () => {
    expect(data.models().map((m) => m.id)).toContain('connox');
  });
});

describe('the two readers', () => {
  it('read the same contents', () => {
    expect(extensionData.files.vendorFiles).toEqual(nodeData.files.vendorFiles);
    expect(extensionData.files.modelSources).toEqual(nodeData.files.modelSources);
  });
});
