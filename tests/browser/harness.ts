/**
 * Browser harness shared by the browser tests and the benchmark: serves the production build
 * (`dist/`, from `npm run build`) on loopback and drives Debian's Chromium (found with
 * `command -v chromium`, never downloaded) through playwright-core.
 *
 * By default the build is served by Vite's preview server at `/`; like a static host configured as
 * the README's "Deploy" section says, it answers with the build's precompressed `.br`/`.gz` sibling
 * of a file when the request accepts that encoding. With `prefix` (e.g. `/maps/suzhou/`) a plain
 * static server serves the folder under that sub-path only, with no fallback page (a missing
 * file is a 404), as a CDN or web server would.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import type { CarrierProps, GazetteerProps, Manifest } from '../../src/domain/built';
import { WRITE_SETTLE_MS } from '../../src/state/history';

const root = resolve(import.meta.dirname, '..', '..');
/**
 * The build served: `dist/`, or the folder named by `SDE_DIST` (e.g. a private `vite build --outDir`
 * so that a test run is not disturbed by another build of `dist/` at the same time).
 */
export const dist = resolve(root, process.env.SDE_DIST ?? 'dist');

/** Content types of the build's files (`.geojson` is not in every server's list; RFC 7946 names it). */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.mvt': 'application/vnd.mapbox-vector-tile',
  '.pmtiles': 'application/octet-stream',
};

/** Precompressed siblings, best first: the file name suffix and its `Content-Encoding`. */
export const ENCODINGS = [
  { suffix: '.br', encoding: 'br' },
  { suffix: '.gz', encoding: 'gzip' },
] as const;

/** Whether an `Accept-Encoding` header accepts `encoding` (absent or `q=0` does not). */
export function accepts(header: string | undefined, encoding: string): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return (name.trim() === encoding || name.trim() === '*') && (q === undefined || Number(q.trim().slice(2)) > 0);
  });
}

/**
 * Answers a request for a file of `dist/` the way the README's static-host configuration does:
 * the precompressed sibling when the request accepts its encoding, the content type by extension,
 * hashed `assets/` cached for a year and everything else revalidated.
 * @param path the URL path below the served folder (`''` is `index.html`).
 * @param fallThrough when true, a file without a precompressed sibling the request accepts is left
 *   to the next handler (returns false) instead of being sent plain.
 * @returns whether the response was sent; false when there is no such file (or it fell through).
 */
function sendBuilt(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  fallThrough: boolean,
  dataDir?: string,
): boolean {
  let relative: string;
  try {
    relative = decodeURIComponent(path === '' || path.endsWith('/') ? `${path}index.html` : path);
  } catch {
    return false;
  }
  // `dataDir` stands in for the build's `data/` folder (`HarnessOptions.dataDir`).
  const [folder, below] = dataDir && relative.startsWith('data/') ? [dataDir, relative.slice(5)] : [dist, relative];
  const file = resolve(folder, below);
  if (!file.startsWith(folder + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const variant = ENCODINGS.find(
    (e) => accepts(req.headers['accept-encoding'], e.encoding) && existsSync(file + e.suffix),
  );
  if (!variant && fallThrough) return false;
  const body = readFileSync(variant ? file + variant.suffix : file);
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Vary', 'Accept-Encoding');
  if (variant) res.setHeader('Content-Encoding', variant.encoding);
  res.setHeader('Cache-Control', relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** A plain static server for `dist/` under `prefix` only (no fallback page): the deploy case. */
async function staticServer(prefix: string, dataDir?: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if ((req.method === 'GET' || req.method === 'HEAD') && path.startsWith(prefix)) {
      if (sendBuilt(req, res, path.slice(prefix.length), false, dataDir)) return;
    }
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
}

/** Path of the system Chromium binary. @throws Error with the install command when missing. */
export function chromiumPath(): string {
  try {
    return execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
  } catch {
    throw new Error('chromium not found: apt-get install -y chromium fonts-noto-cjk');
  }
}

/** A served build and a launched browser. */
/** Launches headless Debian Chromium with software WebGL (SwiftShader) for the tests and the benchmark. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

export interface Harness {
  /** Scheme, host and port of the server (requests elsewhere are foreign). */
  origin: string;
  /**
   * Where the app is, without a trailing slash: `origin`, or `origin` + the prefix (pass it to
   * `gotoMap` in place of `origin` when serving under a prefix).
   */
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** How to serve the build. */
export interface HarnessOptions {
  /**
   * Serve `dist/` under this sub-path (e.g. `/maps/suzhou/`, with both slashes) with a plain static
   * server, as a static host would; by default Vite's preview server serves it at `/`.
   */
  prefix?: string;
  /**
   * A data folder served in place of the build's `data/` (e.g. one written by
   * `tsx geo/build/synthetic.ts --count 100000 --out DIR`); files not in it are 404s.
   */
  dataDir?: string;
}

/**
 * Serves the build on a free loopback port and launches headless Chromium.
 * @throws Error when `dist/` is missing (run `npm run build`).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error(`${dist} has no build: run "npm run build" first`);
  let origin: string;
  let url: string;
  let closeServer: () => Promise<void>;
  if (options.prefix !== undefined) {
    const prefix = options.prefix;
    if (!/^\/(.+\/)?$/.test(prefix)) throw new Error(`prefix must start and end with "/": ${prefix}`);
    const server = await staticServer(prefix, options.dataDir && resolve(options.dataDir));
    origin = server.origin;
    url = `${origin}${prefix.replace(/\/$/, '')}`;
    closeServer = server.close;
  } else {
    const server: PreviewServer = await preview({
      root: resolve(root, 'src'),
      configFile: resolve(root, 'vite.config.ts'),
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
      build: { outDir: dist },
      logLevel: 'silent',
      plugins: [
        {
          // Precompressed siblings first (Vite's preview compresses on the fly only the types it
          // knows, and not .geojson); anything else falls through to the preview server.
          name: 'harness-precompressed',
          configurePreviewServer(preview) {
            preview.middlewares.use((req, res, next) => {
              const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
              const dataDir = options.dataDir && resolve(options.dataDir);
              if (req.method === 'GET' || req.method === 'HEAD') {
                // With a data folder of its own, nothing of data/ falls through to the build's.
                if (sendBuilt(req, res, path, !(dataDir && path.startsWith('data/')), dataDir)) return;
                if (dataDir && path.startsWith('data/')) {
                  res.statusCode = 404;
                  res.end('not found');
                  return;
                }
              }
              next();
            });
          },
        },
      ],
    });
    const local = server.resolvedUrls?.local[0];
    if (!local) throw new Error('preview server has no local URL');
    origin = new URL(local).origin;
    url = origin;
    closeServer = () => server.close();
  }
  const browser = await launchChromium();
  return {
    origin,
    url,
    browser,
    close: async () => {
      await browser.close();
      await closeServer();
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
 * The page's URL once its view has settled. The history writes the view `WRITE_SETTLE_MS` after its
 * last change (src/state/history.ts), so an action's URL comes a little after the action: this
 * returns when the URL has not changed for twice that long.
 * @throws when it is still changing after `timeout_ms`.
 */
export async function settledUrl(page: Page, timeout_ms = 20_000): Promise<string> {
  const t0 = Date.now();
  let url = page.url();
  let since = Date.now();
  while (Date.now() - since < 2 * WRITE_SETTLE_MS) {
    if (Date.now() - t0 > timeout_ms) throw new Error(`the URL is still changing after ${timeout_ms} ms: ${url}`);
    await page.waitForTimeout(50);
    if (page.url() !== url) {
      url = page.url();
      since = Date.now();
    }
  }
  return url;
}

/** The value of the URL parameter `name` once the view has settled (`settledUrl`); null when absent. */
export const settledParam = async (page: Page, name: string): Promise<string | null> =>
  new URL(await settledUrl(page)).searchParams.get(name);

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
