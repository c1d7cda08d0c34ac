import { defaultVendorSources } from '../background/extra-db/default-layers';
import { loadBundledCatalogue } from '../core/vendors/catalogue';
import { buildVendorIndex, type VendorIndex } from '../core/vendors/vendor-index';

let index: VendorIndex | null = null;

/**
 * The catalogue with the default layers behind it: the index the default extension build
 * audits with (src/background/extra-db/none.ts), so the CLI attributes exactly as the popup does.
 * Loaded through vite (see loadDefaultVendorIndex in who.ts), which inlines the data files.
 */
export function defaultVendorIndex(): VendorIndex {
  index ??= buildVendorIndex(loadBundledCatalogue(), defaultVendorSources());
  return index;
}
