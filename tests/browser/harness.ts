/**
 * Browser harness shared by the browser tests and the benchmark: serves the production build
 * (`dist/`, from `npm run build`) on loopback with Vite's preview server and drives Debian's
 * Chromium (found with `command -v chromium`, never downloaded) through playwright-core.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import type { CarrierProps, GazetteerProps, Manifest } from '../../src/domain/built';

const root = resolve(import.meta.dirname, '..', '..');

/** Path of the system Chromium binary. @throws Error with the install command when missing. */
export function chromiumPath(): string {
  try {
    return execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
  } catch {
    throw new Error('chromium not found: apt-get install -y chromium fonts-noto-cjk');
  }
}

/** A served build and a launched browser. */
export interface Harness {
  origin: string;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * Starts the preview server on a free loopback port and launches headless Chromium.
 * @throws Error when `dist/` is missing (run `npm run build`).
 */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(resolve(root, 'dist', 'index.html'))) throw new Error('dist/ missing: run "npm run build" first');
  const server: PreviewServer = await preview({
    root: resolve(root, 'src'),
    configFile: resolve(root, 'vite.config.ts'),
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'silent',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no local URL');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    origin: new URL(url).origin,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** What a page did while it was open: requests outside the origin, console errors, page errors. */
export interface PageLog {
  foreignRequests: string[];
  consoleErrors: string[];
  consoleWarnings: string[];
  pageErrors: string[];
}

/** Opens a page that records its requests and console output. Viewport 1280×800 CSS px. */
export async function openPage(h: Harness): Promise<{ page: Page; log: PageLog }> {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const log: PageLog = { foreignRequests: [], consoleErrors: [], consoleWarnings: [], pageErrors: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== h.origin) log.foreignRequests.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
    if (m.type() === 'warning') log.consoleWarnings.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.message));
  return { page, log };
}

/** Navigates to the app (with an optional query string) and waits for the map's first `idle`. */
export async function gotoMap(page: Page, origin: string, query = ''): Promise<void> {
  await page.goto(`${origin}/${query}`);
  await page.waitForFunction(() => window.__sdeMap !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__sdeMap?.idle());
}

/**
 * The built data as the page is served them (read in the page, so that a test's expectations come
 * from the data, not from the UI): the manifest, every record with its point (or null), and the
 * gazetteer's points.
 */
export async function servedData(page: Page) {
  return page.evaluate(async () => {
    const get = async (file: string) => (await fetch(`data/${file}`)).json();
    const manifest = (await get('manifest.json')) as Manifest;
    const carriers = (await get('carriers.geojson')) as {
      features: Array<{ geometry: { coordinates: [number, number] } | null; properties: CarrierProps }>;
    };
    const gazetteer = (await get('gazetteer.geojson')) as {
      features: Array<{ geometry: { coordinates: [number, number] }; properties: GazetteerProps }>;
    };
    return { manifest, features: carriers.features, places: gazetteer.features };
  });
}
