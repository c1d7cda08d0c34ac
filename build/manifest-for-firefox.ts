/**
 * The Firefox build's manifest, derived from the one manifest.json (never a second copy).
 * Applied before @crxjs/vite-plugin sees the manifest: with `browser: 'firefox'` crx reads
 * `background.scripts[0]` as the background entry.
 */

/** Add-on id on addons.mozilla.org; Firefox requires one for MV3 (web-ext lint ADDON_ID_REQUIRED). */
export const GECKO_ID = 'policylens@policylens.org';
/** 140: the first release that reads `data_collection_permissions`. */
export const GECKO_MIN_VERSION = '140.0';
/** Firefox for Android reads `data_collection_permissions` from 142 on. */
export const GECKO_ANDROID_MIN_VERSION = '142.0';

interface ManifestLike {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  minimum_chrome_version?: string;
  [key: string]: unknown;
}

export function manifestForFirefox<M extends ManifestLike>(manifest: M): M {
  const entry = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  if (!entry) throw new Error('manifest.json has no background entry');
  const firefox: Record<string, unknown> = {};
  // Key by key, so the built manifest reads in the same order as manifest.json.
  for (const [key, value] of Object.entries(manifest)) {
    if (key === 'minimum_chrome_version') continue;
    // Firefox has no extension service workers: the same module runs as an event page.
    firefox[key] = key === 'background' ? { scripts: [entry], type: manifest.background?.type ?? 'module' } : value;
  }
  // Firefox alone can tell a CNAME-cloaked tracker from the shop's own subdomain (dns.resolve).
  if (Array.isArray(manifest.permissions)) firefox.permissions = [...(manifest.permissions as string[]), 'dns'];
  firefox.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // PolicyLens sends nothing anywhere: no data leaves the browser.
      data_collection_permissions: { required: ['none'] },
    },
    gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
  };
  return firefox as M;
}
