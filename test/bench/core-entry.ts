/**
 * The core modules the bench drives. Bundled by build-core.ts: the catalogue is inlined with
 * import.meta.glob and the Connox model with `?raw`, exactly as in the extension build, so
 * plain Node cannot import these sources directly.
 */
export { bundledVendorIndex, loadBundledCatalogue } from '../../src/core/vendors/catalogue.ts';
export { buildVendorIndex } from '../../src/core/vendors/vendor-index.ts';
// The default build's vendor layers (third-party-web behind the catalogue), with their data inlined.
export { defaultVendorSources } from '../../src/background/extra-db/default-layers.ts';
export { bundledModels } from '../../src/core/policy/bundled-models.ts';
export { hostOf, siteOf } from '../../src/core/site.ts';
export { Attributor } from '../../src/core/audit/attributor.ts';
export { audit } from '../../src/core/audit/audit.ts';
export { TabRecorder } from '../../src/core/observe/tab-recorder.ts';
export { buildContext, inReportOrder } from '../../src/core/audit/audit.ts';
export { RULES } from '../../src/core/audit/rules.ts';
export { cookieRows, storageRows, uncheckableClaims, vendorRows } from '../../src/core/audit/report-rows.ts';
export { auditWarnings } from '../../src/core/audit/audit-warnings.ts';
