import { defineConfig } from 'vitest/config';

const esbuild = { jsx: 'automatic' as const, jsxImportSource: 'preact' };
const setupFiles = ['tests/setup.ts'];

/** Tests by kind: unit (node), dom (jsdom + Testing Library), server (real HTTP on loopback), browser (real Chromium). */
export default defineConfig({
  esbuild,
  test: {
    // The JSON report feeds the plain "N passed, N failed" line .ci/run prints at the end.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/test-results.json' },
    projects: [
      { esbuild, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', setupFiles } },
      { esbuild, test: { name: 'dom', include: ['tests/dom/**/*.dom.test.tsx'], environment: 'jsdom', setupFiles } },
      { esbuild, test: { name: 'server', include: ['tests/server/**/*.server.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        esbuild,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
