import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Separate from vite.config.ts so tests never load the crx plugin (which empties dist/).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/presenter/**/*.test.ts',
            'test/build/**/*.test.ts',
            'test/adapters/**/*.test.ts',
            'test/messaging/**/*.test.ts',
            'test/data/**/*.test.ts',
            'test/architecture/**/*.test.ts',
            'test/accuracy/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/cli/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // After the unit and component tests, never beside them: timing-sensitive browser tests
          // (a frame that lives 300 ms, consent read at the first request) starve on two busy cores.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e-firefox',
          environment: 'node',
          include: ['test/e2e-firefox/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // After the Chromium tests, never beside them: two browsers on two cores would be flaky.
          sequence: { groupOrder: 2 },
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        test: {
          name: 'popup',
          environment: 'happy-dom',
          include: ['test/popup/**/*.test.ts'],
        },
      },
    ],
  },
});
