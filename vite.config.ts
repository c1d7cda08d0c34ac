import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { crx } from '@crxjs/vite-plugin';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import manifest from './manifest.json' with { type: 'json' };
import { manifestForFirefox } from './build/manifest-for-firefox';
import { registeredScripts } from './build/registered-scripts';
import { PAGE_CONSENT_READER_SCRIPTS } from './src/messaging/page-consent-reader';

// The DOM event name between the main-world consent reader and the content script: new for
// every build, so a page cannot listen for a name it learned from a published build.
const consentChannel = `pl-${randomBytes(8).toString('hex')}`;

// Content scripts are built standalone: crxjs's default loader would add
// web_accessible_resources for <all_urls>, which lets any page detect the auditor.
// Opt-in extra vendor database (non-commercial licence): never part of the default build.
const extraVendorDb = process.env.VITE_POLICYLENS_EXTRA_DB === 'trackerdb' ? 'src/background/extra-db/trackerdb.ts' : 'src/background/extra-db/none.ts';

// `vite build --mode firefox` (npm run build:firefox): same sources, manifest transformed for Firefox.
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  return {
    resolve: {
      alias: { 'policylens:extra-vendor-db': fileURLToPath(new URL(extraVendorDb, import.meta.url)) },
    },
    plugins: [
      svelte(),
      crx({
        manifest: firefox ? manifestForFirefox(manifest) : manifest,
        browser: firefox ? 'firefox' : 'chrome',
        contentScripts: {
          standaloneFiles: ['src/content/index.ts'],
        },
      }),
      // The optional main-world consent reader and its bridge: registered only when turned on.
      registeredScripts(PAGE_CONSENT_READER_SCRIPTS),
    ],
    define: {
      __POLICYLENS_CONSENT_CHANNEL__: JSON.stringify(consentChannel),
    },
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      target: firefox ? 'firefox140' : 'chrome120',
      sourcemap: false,
      minify: false,
    },
  };
});
