/**
 * Vite builds the app from `src/` (entry `src/index.html`) with `public/` as static files (the built
 * data lands in `public/data/`). Vitest runs two projects: `unit` (node) and `browser` (the built
 * app in headless Debian Chromium via playwright-core; needs `npm run build` first).
 *
 * The build is a static folder that works from any sub-path or CDN (`base: './'`: every URL in it is
 * relative) and holds a precompressed `.gz` (gzip -9) and `.br` (brotli 11) beside each text file,
 * the data under `data/` included, for a static host to send as they are (README, "Deploy").
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

export default defineConfig({
  root: resolve(here, 'src'),
  publicDir: resolve(here, 'public'),
  base: './',
  plugins: [
    react(),
    // Compresses the bundle's files and, after the build, the copied `public/` files (the GeoJSON
    // data). Fonts (woff2) are compressed already; a sibling no smaller than its file is not written.
    compression({
      include: /\.(html|css|js|mjs|json|geojson|svg|txt)$/,
      algorithms: ['gzip', 'brotliCompress'],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // Brotli at quality 11 makes the compression plugin most of the build's time (a few seconds);
    // that is expected, so Rolldown's slow-plugin report is not printed on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    root: here,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: here,
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Builds the real data once per run for every test file, and removes it afterwards.
          globalSetup: ['tests/setup/realData.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          root: here,
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
