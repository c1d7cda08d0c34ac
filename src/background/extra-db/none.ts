import type { ExtraVendorSource } from '../../core/vendors/vendor-index';

/** The default build: no extra vendor database (only data every user may use is bundled). */
export function extraVendorSources(): ExtraVendorSource[] {
  return [];
}
