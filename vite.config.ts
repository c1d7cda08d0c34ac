import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

// Content scripts are built standalone: crxjs's default loader would add
// web_accessible_resources for <all_urls>, which lets any page detect the auditor.
export default defineConfig({
  plugins: [
    svelte(),
    crx({
      manifest,
      contentScripts: {
        standaloneFiles: ['src/content/index.ts'],
      },
    }),
  ],
  build: {
    target: 'chrome120',
    sourcemap: false,
    minify: false,
  },
});
