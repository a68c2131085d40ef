/**
 * `npm run bench` (after `npm run build`): the app measured side by side with a bare MapLibre page
 * that draws the same style and data (`tests/bench/baseline.ts`), at the seed scale and with
 * synthetic carriers (`tests/bench/synthetic.ts`), in headless Debian Chromium with software WebGL.
 *
 * How:
 * - The production build is copied once per scale into `test-results/bench-site/app/<scale>/` (a
 *   snapshot: a rebuild of `dist/` during the run changes nothing) and served from that sub-path by
 *   a plain static server that sends the build's precompressed siblings (`serve.ts`), as the README
 *   says a static host should; the bare page's files are precompressed the same way.
 * - Every run opens a fresh browser context (empty HTTP cache) per page. Runs interleave the app
 *   and the bare page at each scale (AB, then BA, …); one warm-up pair at the first scale is left
 *   out of the figures. Figures are medians of all samples, with the interquartile range and n.
 * - Cold start: navigation start → the map's first `idle` after `load` (both pages publish the
 *   same `__sdeMap.idle()` at `load`). CPU time: the page's main thread from CDP
 *   `Performance.getMetrics` (`TaskDuration`, `ScriptDuration`), and all Chromium processes
 *   (renderer with its workers, GPU process doing the software rendering, browser) from
 *   /proc utime+stime over the same span. JS heap: CDP `JSHeapUsedSize` (main thread). Bytes: as
 *   received, body as encoded plus headers, from CDP `Network.loadingFinished` via Playwright's
 *   `request.sizes()` (worker requests included); the MapLibre worker's own script, which Chromium
 *   reports as 0 there, from Resource Timing's `encodedBodySize`.
 * - Filter change: a direction chip clicked → the map's next `idle`; the bare page applies, with
 *   `setFeatureState`, the very feature-state patches the app's controller sends for that filter
 *   (computed with the app's `mapStateOf`). Language: the zh/EN button; bare page
 *   `setGlobalStateProperty('lang')`. Fly-to: a park chosen in the search box while another is
 *   shown → landed and idle (flight 800 ms); the bare page `flyTo`s between the two cameras the
 *   app landed at, 800 ms (both after one untimed flight from the first view to the first park).
 *   Panning: the mouse drags the map (zoom 11) for PAN_MS; frames counted with
 *   requestAnimationFrame. Presenter stop, proximity, site finder: app only, as before.
 *
 * Scenarios by scale (`scenariosFor`), to keep the whole run within ten minutes: all at the seed
 * scale; cold, filter, lang, pan and flyto at larger ones (the app-only presenter and planner tools
 * stay at the seed scale: ONLY=stop SCALES=10000 runs them there); for GeoJSON from LARGE_FROM
 * (50,000) carriers only cold, one filter change and one language switch, in RUNS_LARGE runs (a
 * 100,000-carrier GeoJSON app session with every scenario takes about five minutes here).
 *
 * Environment: RUNS (measured runs, default 3), RUNS_SMALL (runs up to SMALL_TO carriers, the seed:
 * default 5, or RUNS if more), RUNS_LARGE (runs from LARGE_FROM carriers, default 1), SCALES
 * (default `seed,10000,100000`; add `tiled-100000` for the tiled form; a number is a synthetic scale served as GeoJSON,
 * `tiled-<number>` one in the build's tiled form, app only), ONLY (scenarios at every scale,
 * e.g. `cold,filter`; of cold, filter, lang, pan, flyto, near, sites, stop), WARMUP (`0` skips the
 * warm-up pair), GENERATOR (`bench`: this folder's synthetic generator even when the build's
 * exists), BENCH_DIST (the build folder measured, default `dist`: e.g. `dist-perf` for a build made
 * with `vite build --outDir dist-perf`). Writes test-results/bench.json.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { LOCAL_CJK_FONTS } from '../../src/map/theme';
import { type BaselineFiles, type BaselineView, baselineUrl, writeBaselineData, writeBaselinePage } from './baseline';
import { launchChromium, serveStatic } from './serve';
import { loadBuildGenerator, prepareScaleFolder } from './synthetic';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The production build measured: `dist/`, or the folder named by BENCH_DIST (relative to the repository). */
const DIST = resolve(ROOT, process.env.BENCH_DIST ?? 'dist');
const SITE = resolve(ROOT, 'test-results', 'bench-site');
const OUT = resolve(ROOT, 'test-results', 'bench.json');
const BASELINE_PATH = '/baseline/';

const started_ms = Date.now();
const RUNS = Number(process.env.RUNS ?? 3);
const WARMUP = process.env.WARMUP !== '0';
const SCENARIOS = ['cold', 'filter', 'lang', 'pan', 'flyto', 'near', 'sites', 'stop'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** Scenarios named in ONLY (all scales), or null for each scale's default (`scenariosFor`). */
const ONLY: Set<Scenario> | null = process.env.ONLY
  ? new Set(
      process.env.ONLY.split(',')
        .map((s) => s.trim() as Scenario)
        .filter((s) => SCENARIOS.includes(s)),
    )
  : null;
/**
 * From this many carriers a GeoJSON scale is large: RUNS_LARGE runs of fewer scenarios, to stay
 * within ten minutes (the tiled form is not: it loads only what the view needs).
 */
const LARGE_FROM = 50_000;
const RUNS_LARGE = Number(process.env.RUNS_LARGE ?? 1);
/**
 * Up to this many carriers a scale is small (the seed): every scenario runs there, in RUNS_SMALL
 * runs. A session there takes about half a minute, and its filter changes about a tenth of a second
 * each: with three sessions of eight changes, one burst of load on this shared machine moved the
 * median by a tenth (ratios 1.00 to 1.32 from the same build), so small scales get more of both.
 */
const SMALL_TO = 1000;
const RUNS_SMALL = Number(process.env.RUNS_SMALL ?? Math.max(RUNS, 5));
/** Measured runs at a scale. */
const runsFor = (carriers: number, large: boolean): number =>
  large ? Math.min(RUNS, RUNS_LARGE) : carriers <= SMALL_TO ? RUNS_SMALL : RUNS;

/**
 * The scenarios run at a scale: ONLY, else all at the seed scale; the map's scenarios (those the
 * bare page has too) at larger scales; only the cold start, filter and language at a large one.
 */
function scenariosFor(carriers: number, large: boolean): Set<Scenario> {
  if (ONLY) return ONLY;
  if (carriers <= SMALL_TO) return new Set(SCENARIOS);
  if (!large) return new Set<Scenario>(['cold', 'filter', 'lang', 'pan', 'flyto']);
  return new Set<Scenario>(['cold', 'filter', 'lang']);
}
/** Shortest panning drag (ms), and fewest frames it must span. */
const PAN_MS = 2000;
const PAN_FRAMES = 5;
/** Presenter stop transitions timed per run. */
const STOPS_PER_RUN = 4;
/** Viewport of every page (CSS px), as the browser tests use. */
const VIEWPORT = { width: 1280, height: 800 };

/**
 * Synthetic carriers come from the build's generator (geo/build/synthetic.ts) when it loads, else
 * from tests/bench/synthetic.ts; GENERATOR=bench forces the latter.
 */
const buildGenerator = process.env.GENERATOR === 'bench' ? null : await loadBuildGenerator(resolve(DIST, 'data'));

/**
 * A data scale: the app served from a folder of its own (a copy of the production build with its
 * data). Adding a scale, e.g. another served folder, is one entry here.
 */
interface ScaleDef {
  id: string;
  /** Makes the served folder `dir`; returns the carrier count. */
  prepare: (dir: string) => { carriers: number; meanFeature_bytes: number; written: boolean; generator: string };
  /** Whether the bare page runs at this scale (it draws the GeoJSON style only). */
  baseline: boolean;
  /** A GeoJSON scale from LARGE_FROM carriers: RUNS_LARGE runs of fewer scenarios. */
  large: boolean;
}

/**
 * The scale named in SCALES: `seed` (the built data), a number of carriers (synthetic, served as
 * GeoJSON, so that the bare page draws the very same files), or `tiled-<number>` (the same records
 * in the build's tiled form, geo/build/tiles.ts, whatever the number; app only: the bare page has
 * no style for it).
 */
function scaleDef(id: string): ScaleDef {
  if (id === 'seed') return { id, prepare: (dir) => prepareScaleFolder(DIST, dir, null), baseline: true, large: false };
  const tiled = /^tiled-(\d+)$/.exec(id);
  const n = Number(tiled ? tiled[1] : id);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`unknown scale "${id}" in SCALES (seed, N or tiled-N)`);
  return {
    id,
    prepare: (dir) => prepareScaleFolder(DIST, dir, n, { generator: buildGenerator, tiled: !!tiled }),
    baseline: !tiled,
    large: !tiled && n >= LARGE_FROM,
  };
}
// The tiled form is one more entry (`tiled-100000`, about a minute per run); it is left out of the
// default to keep the whole run within ten minutes.
const SCALES = (process.env.SCALES ?? 'seed,10000,100000')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map(scaleDef);

type Variant = 'app' | 'baseline';
/** Samples per scale, variant and metric. */
const samples = new Map<string, number[]>();
const record = (scale: string, variant: Variant, metric: string, value: number) => {
  const key = `${scale}|${variant}|${metric}`;
  samples.set(key, [...(samples.get(key) ?? []), value]);
};
const errors: Array<{ scale: string; variant: Variant; scenario: string; run: number; message: string }> = [];
/** Bytes by type and the largest resources of the last cold start, by scale and variant. */
const network = new Map<string, { byType_kb: Record<string, number>; largest: Resource[] }>();

/** A resource as the browser received it. */
interface Resource {
  path: string;
  type: string;
  /** Body as encoded on the wire plus response headers, KB. */
  transferred_kb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// Measuring helpers

/** Clock ticks per second of /proc's utime and stime. */
const CLK_TCK = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/**
 * CPU time (ms) used so far by every process descending from this node process (Chromium's browser,
 * zygote, renderers, GPU and utility processes), children already reaped included (cutime+cstime),
 * by Chromium process type (`--type=`: `renderer`, `gpu-process`, `utility`; `browser` for the
 * browser process and the zygote) and in all (`all`).
 */
function chromiumCpu_ms(): Record<string, number> {
  const procs: Array<{ pid: number; ppid: number; ticks: number }> = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      // After the command: state ppid … utime(14) stime(15) cutime(16) cstime(17), 1-based fields.
      procs.push({
        pid: Number(d),
        ppid: Number(f[1]),
        ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
      });
    } catch {
      // The process ended while /proc was read.
    }
  }
  const typeOfPid = (pid: number): string => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([\w-]+)/.exec(args)?.[1];
      return type && type !== 'zygote' ? type : 'browser';
    } catch {
      return 'browser';
    }
  };
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const out: Record<string, number> = { all: 0 };
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const ms = ((byPid.get(pid)?.ticks ?? 0) / CLK_TCK) * 1000;
    const type = typeOfPid(pid);
    out[type] = (out[type] ?? 0) + ms;
    out.all += ms;
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU time (ms) used so far by all of Chromium's processes (`chromiumCpu_ms().all`). */
const browserCpu_ms = (): number => chromiumCpu_ms().all;

/** CPU (ms) per step since `before` (a `chromiumCpu_ms()` reading), in all and by process type. */
function cpuPerStep(before: Record<string, number>, steps: number): Record<string, number> {
  const now = chromiumCpu_ms();
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, (v - (before[k] ?? 0)) / steps]));
}

/** The resource type the bench reports a request under. */
function typeOf(resourceType: string, url: string): string {
  const path = new URL(url).pathname;
  if (resourceType === 'document') return 'document';
  if (resourceType === 'stylesheet' || path.endsWith('.css')) return 'stylesheet';
  if (resourceType === 'font' || /\.(woff2?|ttf|otf)$/.test(path) || /(font|glyph).*\.pbf$/.test(path)) return 'font';
  if (resourceType === 'script' || /\.m?js$/.test(path)) return 'script';
  if (/\.(geo)?json$|\.(pbf|mvt|pmtiles)$/.test(path)) return 'data';
  return 'other';
}

/** Records what a page receives until `collect()` is called. */
function trackNetwork(page: Page, origin: string) {
  type Got = Resource & { url: string; body: number };
  const pending: Array<Promise<Got | null>> = [];
  page.on('requestfinished', (r) => {
    const url = r.url();
    if (!url.startsWith('http')) return;
    pending.push(
      r.sizes().then(
        (s): Got => ({
          url,
          path: url.replace(origin, '').replace(/\?.*$/, ''),
          type: typeOf(r.resourceType(), url),
          transferred_kb: (s.responseBodySize + s.responseHeadersSize) / 1024,
          body: s.responseBodySize,
        }),
        () => null,
      ),
    );
  });
  /** Resource Timing's encoded body sizes (bytes) by URL, in the page and in its workers. */
  const timing = async (): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    const read = () =>
      performance
        .getEntriesByType('resource')
        .map((e) => [e.name, (e as PerformanceResourceTiming).encodedBodySize] as [string, number]);
    const lists = [await page.evaluate(read)];
    for (const w of page.workers()) lists.push(await w.evaluate(read).catch(() => []));
    for (const [name, size] of lists.flat()) if (size > 0) out.set(name, size);
    return out;
  };
  return {
    /** Everything finished so far; zero-length bodies (a worker's own script) filled from Resource Timing. */
    collect: async (): Promise<Resource[]> => {
      const got = (await Promise.all(pending)).filter((x): x is Got => x !== null);
      const sizes = await timing();
      return got.map(({ url, body, ...r }) =>
        body === 0 && sizes.has(url) ? { ...r, transferred_kb: r.transferred_kb + (sizes.get(url) ?? 0) / 1024 } : r,
      );
    },
  };
}

/** A fresh browser context (empty HTTP cache) and page, with the viewport of the browser tests. */
async function openFresh(h: { browser: Browser }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  page.on('pageerror', (e) => log(`  page error: ${e.message}`));
  return { context, page };
}

/**
 * Navigates to `url` and waits for the map's first `idle` after `load`; measures the cold start.
 * @returns the figures, or throws when the map does not come up.
 */
async function coldStart(page: Page, cdp: CDPSession, url: string, origin: string) {
  await cdp.send('Performance.enable');
  const net = trackNetwork(page, origin);
  const cpu0 = browserCpu_ms();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__sdeMap !== undefined, undefined, { timeout: 600_000 });
  const idle_ms = await page.evaluate(async () => {
    await window.__sdeMap?.idle();
    return performance.now();
  });
  const cpu_ms = browserCpu_ms() - cpu0;
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const resources = await net.collect();
  const byType_kb: Record<string, number> = { document: 0, script: 0, stylesheet: 0, data: 0, font: 0, other: 0 };
  for (const r of resources) byType_kb[r.type] = (byType_kb[r.type] ?? 0) + r.transferred_kb;
  return {
    idle_ms,
    cpu_ms,
    main_ms: metric('TaskDuration') * 1000,
    script_ms: metric('ScriptDuration') * 1000,
    heap_mb: metric('JSHeapUsedSize') / 2 ** 20,
    total_kb: resources.reduce((s, r) => s + r.transferred_kb, 0),
    byType_kb,
    largest: [...resources].sort((a, b) => b.transferred_kb - a.transferred_kb).slice(0, 5),
  };
}

/** Records a cold start's figures. */
function recordCold(scale: string, variant: Variant, c: Awaited<ReturnType<typeof coldStart>>): void {
  record(scale, variant, 'cold_ms', c.idle_ms);
  record(scale, variant, 'cold_cpu_ms', c.cpu_ms);
  record(scale, variant, 'cold_main_ms', c.main_ms);
  record(scale, variant, 'cold_script_ms', c.script_ms);
  record(scale, variant, 'cold_heap_mb', c.heap_mb);
  record(scale, variant, 'cold_kb', c.total_kb);
  for (const [type, kb] of Object.entries(c.byType_kb)) record(scale, variant, `cold_kb_${type}`, kb);
  network.set(`${scale}|${variant}`, { byType_kb: c.byType_kb, largest: c.largest });
}

/** Waits for the map's next idle. */
const idle = (page: Page) => page.evaluate(() => window.__sdeMap?.idle());

/**
 * Drags the map with the mouse for PAN_MS and PAN_FRAMES frames at least (right and left in turns
 * of 500 ms) from a point where the canvas itself is under the mouse; counts the frames the page
 * drew (requestAnimationFrame).
 * @returns frames per second, and MapLibre `render` events per second where the page exposes them.
 */
async function pan(page: Page): Promise<{ fps: number; renders_fps: number | null; moved: boolean }> {
  const point = await page.evaluate(() => {
    const canvas = document.querySelector('.maplibregl-canvas');
    if (!canvas) throw new Error('no map canvas');
    const b = canvas.getBoundingClientRect();
    for (const [fx, fy] of [
      [0.5, 0.5],
      [0.45, 0.6],
      [0.55, 0.4],
      [0.4, 0.45],
      [0.6, 0.65],
      [0.35, 0.3],
    ]) {
      const x = b.left + b.width * fx;
      const y = b.top + b.height * fy;
      if (document.elementFromPoint(x, y) === canvas) return { x, y };
    }
    throw new Error('no free point on the map canvas to drag from');
  });
  const before = await page.evaluate(() => window.__sdeMap?.camera().center);
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean; __t0: number; __r0: number };
    const bare = (window as unknown as { __bare?: { renders: () => number } }).__bare;
    w.__frames = 0;
    w.__counting = true;
    w.__t0 = performance.now();
    w.__r0 = bare ? bare.renders() : -1;
    (async () => {
      while (w.__counting) {
        await new Promise((r) => requestAnimationFrame(r));
        w.__frames++;
      }
    })();
  });
  // At least PAN_MS and PAN_FRAMES frames (a slow map may draw none in PAN_MS), at most 60 s.
  const t0 = Date.now();
  let x = point.x;
  let turned: [number, number] | undefined;
  for (;;) {
    const elapsed = Date.now() - t0;
    if (elapsed > 60_000) break;
    if (
      elapsed >= PAN_MS &&
      (await page.evaluate(() => (window as unknown as { __frames: number }).__frames)) >= PAN_FRAMES
    )
      break;
    const right = Math.floor(elapsed / 500) % 2 === 0;
    // Where the map is when the drag first turns back: the drag goes back and forth, so the camera
    // at its end may be where it started.
    if (!right && !turned) turned = await page.evaluate(() => window.__sdeMap?.camera().center);
    x += right ? 6 : -6;
    await page.mouse.move(x, point.y);
    await sleep(8);
  }
  const result = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean; __t0: number; __r0: number };
    const bare = (window as unknown as { __bare?: { renders: () => number } }).__bare;
    w.__counting = false;
    const s = (performance.now() - w.__t0) / 1000;
    return { fps: w.__frames / s, renders_fps: bare ? (bare.renders() - w.__r0) / s : null };
  });
  await page.mouse.up();
  await idle(page);
  const after = turned ?? (await page.evaluate(() => window.__sdeMap?.camera().center));
  const moved = !!before && !!after && Math.abs(before[0] - after[0]) + Math.abs(before[1] - after[1]) > 1e-6;
  return { ...result, moved };
}

/** Waits (in the page) until the camera has left `start` and the map is idle: a flight has landed. */
async function landedAfter(page: Page, action: (page: Page) => Promise<void>): Promise<{ ms: number; camera: Camera }> {
  const t0 = await page.evaluate(() => {
    const w = window as unknown as { __start: unknown };
    w.__start = window.__sdeMap?.camera();
    return performance.now();
  });
  await action(page);
  return page.evaluate(async (t0) => {
    const hook = window.__sdeMap;
    const start = (window as unknown as { __start: Camera }).__start;
    if (!hook) throw new Error('no map');
    for (let i = 0; i < 100; i++) {
      await hook.idle();
      const c = hook.camera();
      if (Math.abs(c.center[0] - start.center[0]) + Math.abs(c.center[1] - start.center[1]) > 0.01) break;
    }
    return { ms: performance.now() - t0, camera: hook.camera() };
  }, t0);
}

type Camera = { center: [number, number]; zoom: number; bearing: number; pitch: number };

/** Sets the app's view from a query string as Back/Forward would (history entry + popstate): no reload. */
async function urlAction(page: Page, query: string): Promise<void> {
  await page.evaluate((q) => {
    history.pushState(null, '', `${location.pathname}${q ? `?${q}` : ''}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, query);
  await idle(page);
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** What the warm-up's app session learnt for the bare page: its map's size and cameras. */
interface Layout {
  view: BaselineView;
  /** The cameras the app landed at for park A and park B (fly-to). */
  flyCameras: [Camera, Camera] | null;
}

/**
 * The facts a session needs: two parks drawn at a point (fly-to; real records, in every scale) from
 * the built data `realDir`, and the camera's bounds from the scale's own manifest in `dataDir`.
 */
function scaleFacts(dataDir: string, realDir: string): Pick<AppScale, 'parks' | 'maxBounds'> {
  const manifestOf = (dir: string) =>
    JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as {
      layers: Record<string, { file: string }>;
      max_bounds: [number, number, number, number];
    };
  const manifest = manifestOf(dataDir);
  const file = manifestOf(realDir).layers.carriers?.file ?? 'carriers.geojson';
  const fc = JSON.parse(readFileSync(resolve(realDir, file), 'utf8')) as {
    features: Array<{ geometry: unknown; properties: { id: string; name_zh: string; park: boolean } }>;
  };
  const parks = fc.features.filter((f) => f.geometry && f.properties.park).map((f) => f.properties);
  if (parks.length < 2) throw new Error('fewer than two located parks for the fly-to');
  return { parks: parks.slice(0, 2).map(({ id, name_zh }) => ({ id, name_zh })), maxBounds: manifest.max_bounds };
}

/** Directions toggled by the filter-change scenario (on, off, on, off …): fewer as a change gets slower. */
function filterKeys(carriers: number, large: boolean): string[] {
  const keys = ['blockchain', 'artificial-intelligence', 'industrial-internet', 'digital-finance'];
  return keys.slice(0, carriers <= SMALL_TO ? 4 : large ? 1 : 2);
}
/** Times the on/off sequence runs in a session at a small scale (a change there takes about 0.1 s). */
const FILTER_ROUNDS_SMALL = 3;
/**
 * The filter steps: each direction on, then off again (FILTER_ROUNDS_SMALL times over at a small
 * scale); at a large scale only the first one on (a change takes about ten seconds there).
 */
function filterSteps(keys: string[], carriers: number, large: boolean): string[][] {
  if (large) return [[keys[0]]];
  const round = keys.flatMap((k) => [[k], []]);
  return carriers <= SMALL_TO ? Array.from({ length: FILTER_ROUNDS_SMALL }, () => round).flat() : round;
}

/** Runs `fn` as scenario `name` when the session's scenarios include it; an error is recorded and the session goes on. */
async function scenario(
  ctx: { scale: string; variant: Variant; run: number; only: Set<Scenario> },
  name: Scenario,
  fn: () => Promise<void>,
): Promise<void> {
  if (!ctx.only.has(name)) return;
  const t0 = Date.now();
  try {
    await fn();
    log(`  ${ctx.variant} ${ctx.scale} ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    errors.push({ scale: ctx.scale, variant: ctx.variant, run: ctx.run, scenario: name, message });
    log(`  ✗ ${ctx.variant} ${ctx.scale} ${name}: ${message}`);
  }
}

/** Records a scenario's CPU per step: in all (`<scenario>_cpu_ms`) and for the GPU, renderer and browser processes. */
function putCpuOf(put: (metric: string, v: number) => void, scenario: string, cpu: Record<string, number>): void {
  put(`${scenario}_cpu_ms`, cpu.all);
  put(`${scenario}_cpu_gpu_ms`, cpu['gpu-process'] ?? 0);
  put(`${scenario}_cpu_renderer_ms`, cpu.renderer ?? 0);
  put(`${scenario}_cpu_browser_ms`, cpu.browser ?? 0);
}

/** What an app session needs to know about its scale. */
interface AppScale {
  id: string;
  carriers: number;
  large: boolean;
  parks: Array<{ id: string; name_zh: string }>;
  maxBounds: [number, number, number, number];
}

/** One app session: cold start, then every app scenario in the same page. */
async function appSession(
  h: { browser: Browser },
  origin: string,
  scale: AppScale,
  run: number,
  keep: boolean,
  only: Set<Scenario>,
): Promise<Layout> {
  const { context, page } = await openFresh(h);
  const cdp = await context.newCDPSession(page);
  const ctx = { scale: scale.id, variant: 'app' as const, run, only };
  const put = (metric: string, v: number) => {
    if (keep) record(scale.id, 'app', metric, v);
  };
  const putCpu = (scenario: string, cpu: Record<string, number>) => putCpuOf(put, scenario, cpu);
  let flyCameras: Layout['flyCameras'] = null;
  try {
    const cold = await coldStart(page, cdp, `${origin}/app/${scale.id}/index.html`, origin);
    if (keep && only.has('cold')) recordCold(scale.id, 'app', cold);
    log(`  app ${scale.id} cold: ${(cold.idle_ms / 1000).toFixed(1)} s`);
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    const camera = await page.evaluate(() => window.__sdeMap?.camera() as Camera);
    const view: BaselineView = {
      width_px: box?.width ?? VIEWPORT.width,
      height_px: box?.height ?? VIEWPORT.height,
      center: camera.center,
      zoom: camera.zoom,
      maxBounds: scale.maxBounds,
    };

    await scenario(ctx, 'filter', async () => {
      const keys = filterKeys(scale.carriers, scale.large);
      const steps = filterSteps(keys, scale.carriers, scale.large).length;
      const cpu0 = chromiumCpu_ms();
      // Step i toggles direction i / 2, round after round (on, then off): the steps the bare page's
      // patches follow.
      for (let i = 0; i < steps; i++) {
        const ms = await page.evaluate(
          async (k) => {
            const hook = window.__sdeMap;
            const button = document.querySelector<HTMLButtonElement>(`[data-direction="${k}"]`);
            if (!hook || !button) throw new Error(`no direction chip ${k}`);
            const next = hook.idle();
            const t0 = performance.now();
            button.click();
            await next;
            return performance.now() - t0;
          },
          keys[Math.floor(i / 2) % keys.length],
        );
        put('filter_ms', ms);
      }
      putCpu('filter', cpuPerStep(cpu0, steps));
    });

    await scenario(ctx, 'lang', async () => {
      // A language switch must not resize the map (a header that wraps in one language only did:
      // the resize redraws every layer, and the bare page has no such cost).
      const canvasSize = () =>
        page.evaluate(() => {
          const c = document.querySelector('.maplibregl-canvas');
          return c ? `${c.clientWidth}×${c.clientHeight}` : '';
        });
      const size0 = await canvasSize();
      // zh → en, then back (at a large scale only the first: about thirty seconds there).
      for (let i = 0; i < (scale.large ? 1 : 2); i++) {
        const ms = await page.evaluate(async () => {
          const hook = window.__sdeMap;
          const button = document.querySelector<HTMLButtonElement>('[data-testid=lang]');
          if (!hook || !button) throw new Error('no language button');
          const next = hook.idle();
          const t0 = performance.now();
          button.click();
          await next;
          return performance.now() - t0;
        });
        put('lang_ms', ms);
        const size = await canvasSize();
        if (size !== size0) log(`  ! the language switch resized the map canvas: ${size0} → ${size}`);
      }
    });

    await scenario(ctx, 'pan', async () => {
      await urlAction(page, 'view=120.6200,31.3000,11');
      const p = await pan(page);
      if (!p.moved) throw new Error('the drag did not move the map');
      put('pan_fps', p.fps);
    });

    await scenario(ctx, 'flyto', async () => {
      await urlAction(page, '');
      const choose = async (park: { id: string; name_zh: string }) => {
        await page.getByTestId('search').fill(park.name_zh);
        const option = `[data-testid=search-hits] [role=option][data-type=carrier][data-id="${park.id}"]`;
        await page.waitForSelector(option, { timeout: 600_000 });
        return (p: Page) =>
          p.evaluate((sel) => {
            document
              .querySelector(sel)
              ?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
          }, option);
      };
      const [a, b] = scale.parks;
      const atA = await landedAfter(page, await choose(a));
      const toB = await landedAfter(page, await choose(b));
      const toA = await landedAfter(page, await choose(a));
      put('flyto_ms', toB.ms);
      put('flyto_ms', toA.ms);
      flyCameras = [atA.camera, toB.camera];
      await page.keyboard.press('Escape');
    });

    await scenario(ctx, 'near', async () => {
      await urlAction(page, 'tool=near&dir=artificial-intelligence');
      await page.getByTestId('near-pick').waitFor();
      const canvas = await page.locator('.maplibregl-canvas').boundingBox();
      if (!canvas) throw new Error('no map canvas');
      for (const [fx, fy] of [
        [0.5, 0.3],
        [0.45, 0.35],
      ]) {
        await page.getByTestId('near-pick').click();
        const t0 = await page.evaluate(() => performance.now());
        await page.mouse.click(canvas.x + canvas.width * fx, canvas.y + canvas.height * fy);
        const t1 = await page.evaluate(async () => {
          for (;;) {
            if (
              document.querySelector('[data-testid=near-origin]') &&
              !document.querySelector('[data-testid=near-pick][aria-pressed=true]')
            )
              break;
            await new Promise((r) => requestAnimationFrame(r));
          }
          await window.__sdeMap?.idle();
          return performance.now();
        });
        // The map waits 250 ms to tell a click from a double-click (controller DOUBLE_CLICK_MS).
        put('near_ms', t1 - t0 - 250);
      }
    });

    await scenario(ctx, 'sites', async () => {
      await urlAction(page, 'tool=sites&dir=artificial-intelligence,big-data-cloud');
      await page.getByTestId('sites-rail').waitFor();
      for (let i = 0; i < 2; i++) {
        if (await page.getByTestId('sites-clear').isVisible()) {
          await page.getByTestId('sites-clear').click();
          await page.waitForSelector('[data-testid=site-results] li', { state: 'detached' });
          await idle(page);
        }
        await page.getByTestId('sites-rail').fill(String(20 + i));
        const ms = await page.evaluate(async () => {
          const t0 = performance.now();
          document.querySelector<HTMLButtonElement>('[data-testid=sites-rank]')?.click();
          for (;;) {
            if (document.querySelector('[data-testid=site-results] li')) break;
            await new Promise((r) => requestAnimationFrame(r));
          }
          await window.__sdeMap?.idle();
          return performance.now() - t0;
        });
        put('sites_ms', ms);
      }
    });

    await scenario(ctx, 'stop', async () => {
      await urlAction(page, '');
      await page.getByTestId('present').click();
      await page.getByTestId('pitch-builtin-ai').click();
      await page.waitForSelector('[data-testid=stage][data-landed=true]');
      await idle(page);
      for (let next = 1; next <= STOPS_PER_RUN; next++) {
        const ms = await page.evaluate(async (next) => {
          const hook = window.__sdeMap;
          if (!hook) throw new Error('app not ready');
          const t0 = performance.now();
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
          for (;;) {
            const s = document.querySelector<HTMLElement>('[data-testid=stage]');
            if (s?.dataset.stop === String(next) && s.dataset.landed === 'true') break;
            await new Promise((r) => requestAnimationFrame(r));
          }
          await hook.idle();
          return performance.now() - t0;
        }, next);
        put('stop_ms', ms);
      }
    });
    return { view, flyCameras };
  } finally {
    await context.close();
  }
}

/** One bare-page session: cold start, filter, language, panning, fly-to. */
async function baselineSession(
  h: { browser: Browser },
  origin: string,
  scale: { id: string; files: BaselineFiles; large: boolean },
  layout: Layout,
  run: number,
  keep: boolean,
  only: Set<Scenario>,
): Promise<void> {
  const { context, page } = await openFresh(h);
  const cdp = await context.newCDPSession(page);
  const ctx = { scale: scale.id, variant: 'baseline' as const, run, only };
  const put = (metric: string, v: number) => {
    if (keep) record(scale.id, 'baseline', metric, v);
  };
  const putCpu = (scenario: string, cpu: Record<string, number>) => putCpuOf(put, scenario, cpu);
  try {
    const url = baselineUrl(origin, BASELINE_PATH, scale.files, layout.view, LOCAL_CJK_FONTS);
    const cold = await coldStart(page, cdp, url, origin);
    if (keep && only.has('cold')) recordCold(scale.id, 'baseline', cold);
    log(`  baseline ${scale.id} cold: ${(cold.idle_ms / 1000).toFixed(1)} s`);

    await scenario(ctx, 'filter', async () => {
      await page.evaluate(
        (u) => (window as unknown as { __bare: { loadPatches: (u: string) => Promise<number> } }).__bare.loadPatches(u),
        scale.files.patches,
      );
      const cpu0 = chromiumCpu_ms();
      for (let i = 0; i < scale.files.patchSizes.length; i++) {
        const ms = await page.evaluate(async (i) => {
          const hook = window.__sdeMap;
          const bare = (window as unknown as { __bare: { applyPatch: (i: number) => number } }).__bare;
          if (!hook) throw new Error('no map');
          const next = hook.idle();
          const t0 = performance.now();
          bare.applyPatch(i);
          await next;
          return performance.now() - t0;
        }, i);
        put('filter_ms', ms);
      }
      putCpu('filter', cpuPerStep(cpu0, scale.files.patchSizes.length));
    });

    await scenario(ctx, 'lang', async () => {
      for (const lang of scale.large ? ['en'] : ['en', 'zh']) {
        const ms = await page.evaluate(async (lang) => {
          const hook = window.__sdeMap;
          const map = (
            window as unknown as { __bare: { map: { setGlobalStateProperty: (k: string, v: string) => void } } }
          ).__bare.map;
          if (!hook) throw new Error('no map');
          const next = hook.idle();
          const t0 = performance.now();
          map.setGlobalStateProperty('lang', lang);
          await next;
          return performance.now() - t0;
        }, lang);
        put('lang_ms', ms);
      }
    });

    await scenario(ctx, 'pan', async () => {
      // Braces: an evaluated function's result is serialized, and jumpTo returns the whole map.
      await page.evaluate(() => {
        (window as unknown as { __bare: { map: { jumpTo: (o: object) => void } } }).__bare.map.jumpTo({
          center: [120.62, 31.3],
          zoom: 11,
        });
      });
      await idle(page);
      const p = await pan(page);
      if (!p.moved) throw new Error('the drag did not move the map');
      put('pan_fps', p.fps);
      if (p.renders_fps !== null) put('pan_renders_fps', p.renders_fps);
    });

    await scenario(ctx, 'flyto', async () => {
      const cams = layout.flyCameras;
      if (!cams) throw new Error('no fly-to cameras from the app (its fly-to failed)');
      // As in the app: from the first view, an untimed flight to park A, then A → B and B → A.
      // Braces: an evaluated function's result is serialized, and flyTo/jumpTo return the whole map.
      const fly = (c: Camera) => (p: Page) =>
        p.evaluate((c) => {
          (window as unknown as { __bare: { map: { flyTo: (o: object) => void } } }).__bare.map.flyTo({
            center: c.center,
            zoom: c.zoom,
            duration: 800,
          });
        }, c);
      await page.evaluate((v) => {
        (window as unknown as { __bare: { map: { jumpTo: (o: object) => void } } }).__bare.map.jumpTo({
          center: v.center,
          zoom: v.zoom,
        });
      }, layout.view);
      await idle(page);
      await landedAfter(page, fly(cams[0]));
      put('flyto_ms', (await landedAfter(page, fly(cams[1]))).ms);
      put('flyto_ms', (await landedAfter(page, fly(cams[0]))).ms);
    });
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and report

/** Quantile q (0–1) of sorted values, linearly interpolated. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** Median, quartiles, extremes and count of samples. */
function stats(values: number[] | undefined) {
  if (!values || values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    median: r(quantile(s, 0.5)),
    q1: r(quantile(s, 0.25)),
    q3: r(quantile(s, 0.75)),
    min: r(s[0]),
    max: r(s[s.length - 1]),
    n: s.length,
    samples: values.map(r),
  };
}

/** The reported metrics, in print order. */
const METRICS: Array<{ key: string; label: string; unit: string }> = [
  { key: 'cold_ms', label: 'cold start: navigation → first idle', unit: 'ms' },
  { key: 'cold_cpu_ms', label: 'cold start CPU, all Chromium processes', unit: 'ms' },
  { key: 'cold_main_ms', label: 'cold start CPU, main thread (TaskDuration)', unit: 'ms' },
  { key: 'cold_script_ms', label: 'cold start script (ScriptDuration)', unit: 'ms' },
  { key: 'cold_heap_mb', label: 'JS heap at first idle (main thread)', unit: 'MB' },
  { key: 'cold_kb', label: 'bytes received to first idle', unit: 'KB' },
  { key: 'cold_kb_document', label: '  document', unit: 'KB' },
  { key: 'cold_kb_script', label: '  script', unit: 'KB' },
  { key: 'cold_kb_stylesheet', label: '  stylesheet', unit: 'KB' },
  { key: 'cold_kb_data', label: '  data (JSON, GeoJSON, tiles)', unit: 'KB' },
  { key: 'cold_kb_font', label: '  font', unit: 'KB' },
  { key: 'cold_kb_other', label: '  other', unit: 'KB' },
  { key: 'filter_ms', label: 'filter change → idle', unit: 'ms' },
  { key: 'filter_cpu_ms', label: '  CPU per change, all Chromium processes', unit: 'ms' },
  { key: 'filter_cpu_gpu_ms', label: '    GPU process (SwiftShader draws here)', unit: 'ms' },
  { key: 'filter_cpu_renderer_ms', label: '    renderer (the page)', unit: 'ms' },
  { key: 'filter_cpu_browser_ms', label: '    browser process', unit: 'ms' },
  { key: 'lang_ms', label: 'language switch → idle', unit: 'ms' },
  { key: 'flyto_ms', label: 'fly-to between two parks → idle', unit: 'ms' },
  { key: 'pan_fps', label: 'panning (mouse drag), frames/s', unit: 'fps' },
  { key: 'pan_renders_fps', label: '  map renders/s (bare page only)', unit: 'fps' },
  { key: 'stop_ms', label: 'presenter stop → landed, idle (800 ms flight)', unit: 'ms' },
  { key: 'near_ms', label: 'proximity query → idle (250 ms click delay off)', unit: 'ms' },
  { key: 'sites_ms', label: 'site finder → idle', unit: 'ms' },
];

/** Shape of a chunk in Vite's build manifest (`.vite/manifest.json`, `build.manifest` in vite.config.ts). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The first JS (the entry chunk as the built `index.html` names it, and all JS it preloads), the
 * UI's chunk that the entry loads at once, in parallel (src/ui/mount.tsx: React and the panels,
 * with what it imports beyond the first JS), and MapLibre's own module (`maplibre-gl.mjs` as
 * distributed) for reference; sizes in KB raw and gzip level 9.
 */
function firstBundle(dir: string) {
  const html = readFileSync(resolve(dir, 'index.html'), 'utf8');
  const entry = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`no entry script in ${dir}/index.html`);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const gzipOf = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
  const size = (f: string) => {
    const bytes = readFileSync(resolve(dir, f));
    return { raw: bytes.length, gzip: gzipOf(bytes) };
  };
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const e = size(entry);
  const initial = [entry, ...preloads];
  const all = initial.map(size);
  // The UI chunk and its static imports, less what the first JS already holds.
  const manifestFile = resolve(dir, '.vite', 'manifest.json');
  let ui: { files: number; gzip_kb: number } | null = null;
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    const uiKey = Object.keys(manifest).find((k) => k.endsWith('ui/mount.tsx'));
    if (uiKey) {
      const files = new Set<string>();
      const walk = (key: string) => {
        const chunk = manifest[key];
        if (!chunk || files.has(chunk.file)) return;
        files.add(chunk.file);
        for (const i of chunk.imports ?? []) walk(i);
      };
      walk(uiKey);
      const extra = [...files].filter((f) => !initial.includes(f));
      ui = { files: extra.length, gzip_kb: kb(extra.reduce((sum, f) => sum + size(f).gzip, 0)) };
    }
  }
  const maplibre = readFileSync(resolve(ROOT, 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl.mjs'));
  return {
    entry,
    entry_kb: kb(e.raw),
    entry_gzip_kb: kb(e.gzip),
    initial_files: initial.length,
    initial_gzip_kb: kb(all.reduce((sum, x) => sum + x.gzip, 0)),
    ui_parallel: ui,
    maplibre_gzip_kb: kb(gzipOf(maplibre)),
  };
}

/** A number in a table cell. */
function fmt(v: number | undefined, unit: string): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  return unit === 'MB' || unit === 'fps' ? v.toFixed(1) : v.toFixed(0);
}

// ---------------------------------------------------------------------------------------------
// Main

if (!existsSync(resolve(DIST, 'index.html'))) throw new Error(`${DIST} missing: run "npm run build" first`);
mkdirSync(SITE, { recursive: true });
log(
  `bench: runs ${RUNS} (${RUNS_SMALL} up to ${SMALL_TO} carriers, ${RUNS_LARGE} from ${LARGE_FROM})${WARMUP ? ' + 1 warm-up' : ''}, scales ${SCALES.map((s) => s.id).join(', ')}`,
);

// The served folders and the bare page's files.
const prepared: Array<{
  def: ScaleDef;
  app: AppScale;
  only: Set<Scenario>;
  meanFeature_bytes: number;
  generator: string;
  files: BaselineFiles | null;
}> = [];
writeBaselinePage(resolve(SITE, 'baseline'));
for (const def of SCALES) {
  const t0 = Date.now();
  const dir = resolve(SITE, 'app', def.id);
  const p = def.prepare(dir);
  const files = def.baseline
    ? await writeBaselineData(
        SITE,
        `/app/${def.id}/`,
        resolve(SITE, 'baseline'),
        BASELINE_PATH,
        def.id,
        filterSteps(filterKeys(p.carriers, def.large), p.carriers, def.large),
      )
    : null;
  prepared.push({
    def,
    app: {
      id: def.id,
      carriers: p.carriers,
      large: def.large,
      ...scaleFacts(resolve(dir, 'data'), resolve(DIST, 'data')),
    },
    only: scenariosFor(p.carriers, def.large),
    meanFeature_bytes: p.meanFeature_bytes,
    generator: p.generator,
    files,
  });
  log(
    `  ${def.id}: ${[...scenariosFor(p.carriers, def.large)].join(', ')}; ${p.carriers} carriers, ${p.meanFeature_bytes} B per feature, generator ${p.generator}${p.written ? '' : ' (cached)'}; ` +
      `${files ? `filter patches ${files.patchSizes.join('/')} feature states; ` : ''}${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

const server = await serveStatic(SITE);
const origin = server.origin;
const h = { browser: await launchChromium() };
const chromiumVersion = h.browser.version();
const load_before = loadavg();
let layout: Layout | null = null;
try {
  const needsCameras = prepared.some((p) => p.files && p.only.has('flyto'));
  if (WARMUP) {
    // Warms the GPU process, the OS's file cache and the server; it also gives the bare page the
    // app's map size and the cameras of the fly-to.
    const first = prepared[0];
    log(`warm-up (${first.def.id}, not counted)`);
    const warm = new Set<Scenario>(needsCameras ? ['cold', 'flyto'] : ['cold']);
    layout = await appSession(h, origin, first.app, -1, false, warm);
    if (first.files)
      await baselineSession(
        h,
        origin,
        { id: first.def.id, files: first.files, large: first.def.large },
        layout,
        -1,
        false,
        warm,
      );
  }
  const rounds = Math.max(...prepared.map((p) => runsFor(p.app.carriers, p.def.large)));
  for (let run = 0; run < rounds; run++) {
    for (const p of prepared) {
      const runs = runsFor(p.app.carriers, p.def.large);
      if (run >= runs) continue;
      const order: Variant[] = run % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
      for (const variant of order) {
        const t0 = Date.now();
        try {
          if (variant === 'app') {
            const l = await appSession(h, origin, p.app, run, true, p.only);
            // The bare page copies the app's layout (the same at every scale) and its landed cameras.
            layout = { view: l.view, flyCameras: l.flyCameras ?? layout?.flyCameras ?? null };
          } else if (p.files) {
            if (!layout || (needsCameras && !layout.flyCameras)) {
              // No warm-up: the app runs first to give the bare page its size and cameras.
              layout = await appSession(h, origin, p.app, run, false, new Set<Scenario>(['cold', 'flyto']));
            }
            await baselineSession(
              h,
              origin,
              { id: p.def.id, files: p.files, large: p.def.large },
              layout,
              run,
              true,
              p.only,
            );
          } else continue;
        } catch (e) {
          // A page that never became idle (or crashed): recorded, and the run goes on.
          const message = (e as Error).message.split('\n')[0];
          errors.push({ scale: p.def.id, variant, run, scenario: 'session', message });
          log(`  ✗ ${variant} ${p.def.id} session: ${message}`);
        }
        log(`run ${run + 1}/${runs} ${p.def.id} ${variant}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
  }
} finally {
  await h.browser.close();
  await server.close();
}

// Report.
const rows: Array<Record<string, unknown>> = [];
const lines: string[] = [];
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const cell = (st: ReturnType<typeof stats>, unit: string) =>
  st ? `${fmt(st.median, unit)} [${fmt(st.q1, unit)}–${fmt(st.q3, unit)}] n${st.n}` : '–';
lines.push(
  `${pad('metric', 54)}${pad('scale', 14)}${pad('app median [IQR] n', 28)}${pad('bare MapLibre median [IQR] n', 30)}app/bare`,
);
for (const m of METRICS) {
  for (const p of prepared) {
    const app = stats(samples.get(`${p.def.id}|app|${m.key}`));
    const base = stats(samples.get(`${p.def.id}|baseline|${m.key}`));
    if (!app && !base) continue;
    const ratio = app && base && base.median !== 0 ? Math.round((app.median / base.median) * 100) / 100 : null;
    rows.push({ scale: p.def.id, metric: m.key, label: m.label.trim(), unit: m.unit, app, baseline: base, ratio });
    lines.push(
      `${pad(`${m.label} (${m.unit})`, 54)}${pad(p.def.id, 14)}${pad(cell(app, m.unit), 28)}${pad(cell(base, m.unit), 30)}${ratio === null ? '' : ratio.toFixed(2)}`,
    );
  }
}
const bundle = firstBundle(resolve(SITE, 'app', prepared[0].def.id));
const duration_s = Math.round((Date.now() - started_ms) / 1000);
const report = {
  date: new Date().toISOString(),
  duration_s,
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    loadavg_before: load_before.map((x) => Math.round(x * 100) / 100),
    loadavg_after: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    chromium: chromiumVersion,
    maplibre: JSON.parse(readFileSync(resolve(ROOT, 'node_modules', 'maplibre-gl', 'package.json'), 'utf8')).version,
    webgl: 'SwiftShader (software), headless',
  },
  config: {
    runs: RUNS,
    warmup: WARMUP ? 1 : 0,
    scales: prepared.map((p) => ({
      id: p.def.id,
      runs: runsFor(p.app.carriers, p.def.large),
      scenarios: [...p.only],
      carriers: p.app.carriers,
      meanFeature_bytes: p.meanFeature_bytes,
      generator: p.generator,
      filterPatchSizes: p.files?.patchSizes ?? null,
    })),
    large_from: LARGE_FROM,
    viewport: VIEWPORT,
    map_px: layout ? [Math.round(layout.view.width_px), Math.round(layout.view.height_px)] : null,
    pan_ms: PAN_MS,
    cpu: 'main thread: CDP Performance.getMetrics TaskDuration/ScriptDuration; all processes: /proc utime+stime of Chromium',
    bytes:
      'CDP Network.loadingFinished encodedDataLength via Playwright request.sizes(); worker script from Resource Timing',
    baseline_filter: 'the app controller’s feature-state patches (mapStateOf), applied with setFeatureState',
  },
  bundle,
  results: rows,
  network: Object.fromEntries(
    [...network].map(([k, v]) => [
      k,
      {
        byType_kb: Object.fromEntries(Object.entries(v.byType_kb).map(([t, kb]) => [t, Math.round(kb * 10) / 10])),
        largest: v.largest.map((r) => ({ ...r, transferred_kb: Math.round(r.transferred_kb * 10) / 10 })),
      },
    ]),
  ),
  errors,
};
mkdirSync(resolve(OUT, '..'), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);

console.log(
  `\nbench: ${RUNS} measured runs per scale, ${RUNS_SMALL} up to ${SMALL_TO} carriers (${WARMUP ? 'after 1 warm-up pair, ' : ''}fresh context each, app and bare page interleaved)`,
);
console.log(
  `machine: ${report.machine.cores} cores, ${report.machine.cpu}; Chromium ${chromiumVersion}; load average ${report.machine.loadavg_before.join(' ')} → ${report.machine.loadavg_after.join(' ')}`,
);
console.log(`${lines.join('\n')}`);
console.log('(app/bare: above 1 the app is slower, except for frames/s, where below 1 it is)');
console.log(
  `\nfirst JS bundle: ${bundle.entry} ${bundle.entry_kb} KB, gzip ${bundle.entry_gzip_kb} KB; with its ${bundle.initial_files - 1} preloads gzip ${bundle.initial_gzip_kb} KB = MapLibre (maplibre-gl.mjs, gzip ${bundle.maplibre_gzip_kb} KB) + ${(bundle.initial_gzip_kb - bundle.maplibre_gzip_kb).toFixed(1)} KB`,
);
if (bundle.ui_parallel)
  console.log(
    `the UI (React and the panels, src/ui/mount.tsx), loaded by the entry at once, in parallel with the data and the map: ${bundle.ui_parallel.files} more files, gzip ${bundle.ui_parallel.gzip_kb} KB`,
  );
for (const [k, v] of network) {
  if (!k.startsWith(`${prepared[0].def.id}|`)) continue;
  console.log(`largest resources at first idle, ${k.replace('|', ' ')}:`);
  for (const r of v.largest) console.log(`  ${pad(r.path, 64)} ${pad(r.type, 11)} ${r.transferred_kb.toFixed(1)} KB`);
}
if (errors.length > 0) {
  console.log(`\n${errors.length} scenario error(s):`);
  for (const e of errors) console.log(`  run ${e.run + 1} ${e.scale} ${e.variant} ${e.scenario}: ${e.message}`);
}
console.log(`\nwrote ${OUT.replace(`${ROOT}/`, '')}; total ${Math.floor(duration_s / 60)} min ${duration_s % 60} s`);
