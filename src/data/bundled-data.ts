import { loadBundledModels } from '../core/policy/load-bundled-models';
import type { ModelSource } from '../core/policy/load-bundled-models';
import type { PolicyModel } from '../core/policy/schema';
import { loadCatalogue } from '../core/vendors/catalogue';
import type { Vendor } from '../core/vendors/schema';
import { buildVendorIndex } from '../core/vendors/vendor-index';
import type { VendorIndex } from '../core/vendors/vendor-index';

/**
 * The data files the core needs, read by a composition root and handed to the core's pure
 * loaders. Two readers fill it: extension-data.ts (vite inlines the files into the build)
 * and node-data.ts (node:fs, for the CLI, scripts and tests). Both read every file of the
 * two folders, so adding a vendor file or a model is dropping it into its folder.
 */
export interface BundledFiles {
  /** File name (e.g. "vendors-a-google.json") → parsed JSON. */
  vendorFiles: Readonly<Record<string, unknown>>;
  /** The policy model files, by file name. */
  modelSources: readonly ModelSource[];
}

/** The parsed bundled data, each part built on first use and reused. */
export interface BundledData {
  readonly files: BundledFiles;
  catalogue(): readonly Vendor[];
  /** Index over the catalogue alone; with extra sources build one: buildVendorIndex(catalogue(), layers). */
  vendorIndex(): VendorIndex;
  /** The catalogue's vendor ids: what a policy model's vendorId is checked against on import. */
  vendorIds(): ReadonlySet<string>;
  /** Parsed on each call: callers own (and may change) the models they get. */
  models(): PolicyModel[];
}

/** Vendor data files: `vendors-<half>-<topic>.json` beside vendor.schema.json. */
export const VENDOR_FILE_NAME = /^vendors-[a-z0-9-]+\.json$/;
/** Policy model files. */
export const MODEL_FILE_NAME = /^[a-z0-9-]+\.yaml$/;

export function bundledData(files: BundledFiles): BundledData {
  let vendors: readonly Vendor[] | undefined;
  let index: VendorIndex | undefined;
  let ids: ReadonlySet<string> | undefined;
  return {
    files,
    catalogue() {
      vendors ??= loadCatalogue(files.vendorFiles);
      return vendors;
    },
    vendorIndex() {
      index ??= buildVendorIndex(this.catalogue());
      return index;
    },
    vendorIds() {
      ids ??= new Set(this.catalogue().map((v) => v.id));
      return ids;
    },
    models: () => loadBundledModels(files.modelSources),
  };
}

/** "../core/vendors/data/vendors-a-google.json" → "vendors-a-google.json". */
export function fileNameOf(filePath: string): string {
  return filePath.slice(filePath.lastIndexOf('/') + 1);
}
