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
import { accepts, CONTENT_TYPES, ENCODINGS, launchChromium } from '../browser/harness';

export { launchChromium };

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
