/**
 * The Firefox build's manifest, derived from the one manifest.json (never a second copy).
 * Applied before @crxjs/vite-plugin sees the manifest: with `browser: 'firefox'` crx reads
 * `background.scripts[0]` as the background entry.
 */

/** Add-on id on addons.mozilla.org; Firefox requires one for MV3 (web-ext lint ADDON_ID_REQUIRED). */
export const GECKO_ID = 'policylens@policylens.org';
/** 140: the first release that reads `data_collection_permissions` (and has MV3 host-permission prompts). */
export const GECKO_MIN_VERSION = '140.0';
/** Firefox for Android reads `data_collection_permissions` from 142 on. */
export const GECKO_ANDROID_MIN_VERSION = '142.0';
/** Permissions only the Firefox build asks for (APIs Chrome does not have). */
export const FIREFOX_ONLY_PERMISSIONS: string[] = [];

interface ManifestLike {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  permissions?: string[];
  minimum_chrome_version?: string;
  [key: string]: unknown;
}

export function manifestForFirefox<M extends ManifestLike>(manifest: M): M {
  const { minimum_chrome_version: _chromeOnly, background, permissions, ...rest } = manifest;
  const entry = background?.service_worker ?? background?.scripts?.[0];
  if (!entry) throw new Error('manifest.json has no background entry');
  return {
    ...rest,
    permissions: [...(permissions ?? []), ...FIREFOX_ONLY_PERMISSIONS.filter((p) => !permissions?.includes(p))],
    // Firefox has no extension service workers: the same module runs as an event page.
    background: { scripts: [entry], type: background?.type ?? 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // PolicyLens sends nothing anywhere: no data leaves the browser.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
    },
  } as unknown as M;
}
