import thirdPartyWebIndex from '../core/vendors/generated/third-party-web-index.json';
import { thirdPartyWebLayer } from '../core/vendors/third-party-web-layer';
import type { ExtraVendorSource } from '../core/vendors/vendor-index';

/**
 * The vendor layers every build carries behind the catalogue: data whose licence lets
 * anyone use it. third-party-web (MIT) is the base layer: it names the company and
 * category of ~2,100 entities, but no legal entity and no country.
 */
export function defaultVendorSources(): ExtraVendorSource[] {
  const layer = thirdPartyWebLayer(thirdPartyWebIndex);
  if (!layer.ok) {
    // Bundled data: a damaged file is a build defect the tests catch; the audit goes on without it.
    console.error('PolicyLens: the third-party-web layer did not load', layer.issues);
    return [];
  }
  return [layer.source];
}
