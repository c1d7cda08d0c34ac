import type { ExtraVendorSource } from '../../core/vendors/vendor-index';
import { defaultVendorSources } from '../../data/default-vendor-layers';

/** The default build: no opt-in database, only the default layers (data every user may use). */
export function extraVendorSources(): ExtraVendorSource[] {
  return defaultVendorSources();
}
