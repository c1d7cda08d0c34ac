// Only in builds made with VITE_POLICYLENS_EXTRA_DB=trackerdb (see vite.config.ts). Ghostery's
// TrackerDB is CC-BY-NC-SA-4.0: such a build is for non-commercial use and must carry its notice.
import trackerDbJson from '../../../node_modules/@ghostery/trackerdb/dist/trackerdb.json';
import { trackerDbLayer } from '../../core/vendors/trackerdb-layer';
import type { ExtraVendorSource } from '../../core/vendors/vendor-index';
import { defaultVendorSources } from '../../data/default-vendor-layers';

/**
 * TrackerDB before the default layers: it knows headquarters countries, which
 * third-party-web does not, so where both know a host its answer says more.
 */
export function extraVendorSources(): ExtraVendorSource[] {
  const layer = trackerDbLayer(trackerDbJson);
  if (!layer.ok) {
    console.error('PolicyLens: the TrackerDB layer did not load', layer.issues);
    return defaultVendorSources();
  }
  return [layer.source, ...defaultVendorSources()];
}
