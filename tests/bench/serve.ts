/**
 * The benchmark's server and browser. The server is a plain static server for the bench's snapshot
 * folder, answering as the README's static-host configuration does (and as the browser harness
 * serves `dist/`): a file's precompressed `.br` / `.gz` sibling when the request accepts that
 * encoding, else the file as is; the content type by extension; 404 for anything missing (no
 * fallback page). The browser is Debian's Chromium launched with the browser harness's flags
 * (tests/browser/harness.ts), not through `startHarness`, so that a rebuild of `dist/` during a
 * run cannot stop it.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from '../browser/harness';

/** Content types by extension (`.geojson` as RFC 7946 names it). */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.mvt': 'application/vnd.mapbox-vector-tile',
  '.pmtiles': 'application/octet-stream',
};

/** Precompressed siblings, best first. */
const ENCODINGS = [
  { suffix: '.br', encoding: 'br' },
  { suffix: '.gz', encoding: 'gzip' },
] as const;

/** Whether an `Accept-Encoding` header accepts `encoding`. */
function accepts(header: string | undefined, encoding: string): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return (name.trim() === encoding || name.trim() === '*') && (q === undefined || Number(q.trim().slice(2)) > 0);
  });
}

/**
 * Serves `dir` on a free loopback port.
 * @returns the origin (scheme, host, port) and a function that stops the server.
 */
export async function serveStatic(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      path = '/';
    }
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      !file.startsWith(root + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const variant = ENCODINGS.find(
      (e) => accepts(req.headers['accept-encoding'], e.encoding) && existsSync(file + e.suffix),
    );
    const body = readFileSync(variant ? file + variant.suffix : file);
    res.statusCode = 200;
    res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', body.length);
    res.setHeader('Vary', 'Accept-Encoding');
    if (variant) res.setHeader('Content-Encoding', variant.encoding);
    res.setHeader('Cache-Control', /\/assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
}

/** Launches headless Debian Chromium with software WebGL, with the browser harness's flags. */
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

/**
 * Writes `.gz` (level 9) and `.br` siblings of `file`, as the production build precompresses its
 * files (brotli quality 11; 9 above 8 MB, where 11 takes minutes and gains a few per cent).
 */
export function precompress(file: string): void {
  const body = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  const quality = body.length > 8e6 ? 9 : 11;
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  );
}
