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
import type { Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

/**
 * The production build's Content-Security-Policy (a `<meta>` in index.html; a server may send the
 * same as a header, adding `frame-ancestors` if it wants to limit who embeds the map): scripts and
 * workers only from the app's origin (no inline script, no eval — nothing in the browser bundle
 * needs either), data from the origin, and the tiles of the optional online basemaps
 * (src/map/basemaps.ts: 天地图, OpenStreetMap, AMap) as images and fetches. Styles: the bundle's CSS
 * files; inline style attributes set through the DOM (React, MapLibre) are not restricted by CSP.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob: https://*.tianditu.gov.cn https://tile.openstreetmap.org https://*.is.autonavi.com",
  "connect-src 'self' https://*.tianditu.gov.cn https://tile.openstreetmap.org https://*.is.autonavi.com",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Writes the policy into the built index.html (not the dev server's, which injects inline scripts). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'sde-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: resolve(here, 'src'),
  publicDir: resolve(here, 'public'),
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
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
    // `.vite/manifest.json`: which chunk holds which module, read by `npm run bench` to size the
    // first JS and the UI chunk it loads in parallel.
    manifest: true,
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
