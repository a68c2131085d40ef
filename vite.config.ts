/**
 * Vite builds the app from `src/` (entry `src/index.html`) with `public/` as static files (the built
 * data lands in `public/data/`). Vitest runs two projects: `unit` (node) and `browser` (the built
 * app in headless Debian Chromium via playwright-core; needs `npm run build` first).
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

export default defineConfig({
  root: resolve(here, 'src'),
  publicDir: resolve(here, 'public'),
  base: './',
  plugins: [react()],
  build: { outDir: resolve(here, 'dist'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
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
