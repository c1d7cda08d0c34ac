import { buildVendorIndex, type VendorIndex } from '../core/vendors/vendor-index';
import { defaultVendorSources } from '../data/default-vendor-layers';
import { nodeData } from '../data/node-data';

let index: VendorIndex | null = null;

/**
 * The catalogue with the default layers behind it: the index the default extension build
 * audits with (src/background/extra-db/none.ts), so the CLI attributes exactly as the popup does.
 */
export function defaultVendorIndex(): VendorIndex {
  index ??= buildVendorIndex(nodeData.catalogue(), defaultVendorSources());
  return index;
}
