import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { sizeBudget } from './build/size-budget';
import { lazyOnly } from './build/lazy-only';
import { pictures } from './build/pictures';

const KB = 1024;

export default defineConfig({
  plugins: [
    preact(),
    // OpenMoji pictures used by content, the app and organisers, copied before the precache manifest is built.
    pictures(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // The page registers the worker itself (src/app/sw-bridge.ts); the manifest is public/manifest.webmanifest.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2,json}'],
        // Screenshots are for the install dialog only; no need to keep them offline.
        // The organisers' workspace loads on demand; participants' devices never fetch it.
        globIgnores: ['budget.json', 'screenshots/**', 'assets/workspace-*'],
      },
    }),
    // Gzip and Brotli copies beside each text asset, served by @fastify/static's preCompressed.
    compression({
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress')],
      threshold: 1024,
      logLevel: 'silent',
    }),
    sizeBudget({ firstLoadJs: 50 * KB, criticalPath: 120 * KB, serviceWorker: 40 * KB }),
    lazyOnly({ modules: [/\/src\/workspace\//, /\/locales\/en\/workspace\.json$/], prefix: 'workspace' }),
  ],
  build: { target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
