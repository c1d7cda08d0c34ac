/**
 * The core modules the bench drives. Bundled by build-core.ts with the extension's data
 * reader (src/data/extension-data.ts): the catalogue and the Connox model are inlined by
 * vite exactly as in the extension build.
 */
import { extensionData } from '../../src/data/extension-data.ts';

export const loadBundledCatalogue = () => extensionData.catalogue();
export const bundledVendorIndex = () => extensionData.vendorIndex();
export const bundledModels = () => extensionData.models();
export { buildVendorIndex } from '../../src/core/vendors/vendor-index.ts';
// The default build's vendor layers (third-party-web behind the catalogue), with their data inlined.
export { defaultVendorSources } from '../../src/data/default-vendor-layers.ts';
export { hostOf, siteOf } from '../../src/core/site.ts';
export { Attributor } from '../../src/core/audit/attributor.ts';
export { audit } from '../../src/core/audit/audit.ts';
export { TabRecorder } from '../../src/core/observe/tab-recorder.ts';
export { buildContext, inReportOrder } from '../../src/core/audit/audit.ts';
export { RULES } from '../../src/core/audit/rules.ts';
export { cookieRows, storageRows, uncheckableClaims, vendorRows } from '../../src/core/audit/report-rows.ts';
export { auditWarnings } from '../../src/core/audit/audit-warnings.ts';
