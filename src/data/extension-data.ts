/// <reference types="vite/client" />
import { bundledData, fileNameOf } from './bundled-data';

/**
 * The extension's bundled data: vite inlines every file matched here into the build. The
 * globs are literal because vite resolves them at build time; test/data/bundled-data.test.ts
 * fails when a file in either folder is not matched.
 */
const VENDOR_FILES = import.meta.glob<unknown>('../core/vendors/data/vendors-*.json', { eager: true, import: 'default' });
const MODEL_FILES = import.meta.glob<string>('../core/policy/models/*.yaml', { eager: true, query: '?raw', import: 'default' });

export const extensionData = bundledData({
  vendorFiles: Object.fromEntries(Object.entries(VENDOR_FILES).map(([file, json]) => [fileNameOf(file), json])),
  modelSources: Object.entries(MODEL_FILES)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, text]) => ({ fileName: fileNameOf(file), text })),
});
