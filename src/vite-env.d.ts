/// <reference types="vite/client" />

declare module 'policylens:extra-vendor-db' {
  import type { ExtraVendorSource } from './core/vendors/vendor-index';
  export function extraVendorSources(): ExtraVendorSource[];
}
