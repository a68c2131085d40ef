/**
 * The benchmark's baseline: files for a bare MapLibre page (`tests/bench/baseline/`) that draws the
 * app's own style with the same data, and nothing else.
 *
 * At bench time, in node: the app's `buildStyle` with the app's theme, the served manifest and the
 * same data files the app's map loads (`mapStyleFor` in src/map/live.ts), written as a style JSON
 * whose URLs are origin-absolute paths into the app's served folder (so both pages fetch the same
 * bytes from the same server). Two sources differ in form, not in content: the app hands MapLibre
 * the located carriers as an in-memory object and the park markers it derives from them; the bare
 * page gives MapLibre the carriers file's URL (the worker loads it; features with a `null` geometry
 * are skipped, as the app leaves them out) and the park markers inline (derived here with the
 * app's own `parkMarkersOf`).
 *
 * For the filter change, the feature-state patches the app's controller would send for each filter
 * step are computed with the app's `mapStateOf` and diffed as `MapController.applyFeatureStates`
 * does; the bare page applies them with `setFeatureState`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { precompress } from './serve';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * Vite's `?url` imports (the style's bundled font files) have no meaning in node: they resolve to
 * a placeholder string `bench-asset:<file name>`, replaced by the built asset's served path.
 * Registered before the style's module is imported (it is imported dynamically below).
 */
const ASSET_HOOKS = `
export async function resolve(specifier, context, next) {
  if (specifier.endsWith('?url')) return { url: 'bench-asset:' + specifier.slice(0, -4).split('/').pop(), shortCircuit: true };
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith('bench-asset:')) return { format: 'module', source: 'export default ' + JSON.stringify(url), shortCircuit: true };
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(ASSET_HOOKS)}`);

/** Files of the bare page for one scale, as origin-absolute paths. */
export interface BaselineFiles {
  /** The style JSON. */
  style: string;
  /** The filter steps' feature-state patches (JSON: one list of [source, id, state] per step). */
  patches: string;
  /** Number of `setFeatureState` calls per filter step. */
  patchSizes: number[];
}

/** The map view the bare page starts with, read from the app's map: canvas size (CSS px) and camera. */
export interface BaselineView {
  width_px: number;
  height_px: number;
  center: [number, number];
  zoom: number;
  maxBounds: [number, number, number, number];
}

/** Minimal shapes of the built files read here. */
interface Feat {
  id?: string | number;
  geometry: { type: string; coordinates: number[] } | null;
  properties: Record<string, unknown>;
}

/**
 * Copies the bare page and MapLibre's distributed files (node_modules/maplibre-gl/dist) into `dir`,
 * precompressed like the app's build (a file already there with the same bytes is kept).
 */
export function writeBaselinePage(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const dist = resolve(root, 'node_modules', 'maplibre-gl', 'dist');
  const files: Array<[string, string]> = [
    [resolve(import.meta.dirname, 'baseline', 'index.html'), 'index.html'],
    [resolve(import.meta.dirname, 'baseline', 'main.js'), 'main.js'],
    [resolve(dist, 'maplibre-gl.mjs'), 'maplibre-gl.mjs'],
    [resolve(dist, 'maplibre-gl-worker.mjs'), 'maplibre-gl-worker.mjs'],
    [resolve(dist, 'maplibre-gl.css'), 'maplibre-gl.css'],
  ];
  for (const [from, name] of files) {
    const to = resolve(dir, name);
    if (existsSync(to) && existsSync(`${to}.br`) && readFileSync(to).equals(readFileSync(from))) continue;
    copyFileSync(from, to);
    precompress(to);
  }
}

/** The served path of a built asset named `<stem>-<hash>.<ext>` for the placeholder `bench-asset:<stem>.<ext>`. */
function assetPath(assetsDir: string, servedAssets: string, placeholder: string): string {
  const file = placeholder.slice('bench-asset:'.length);
  const dot = file.lastIndexOf('.');
  const [stem, ext] = [file.slice(0, dot), file.slice(dot)];
  const hit = readdirSync(assetsDir).find((f) => f.startsWith(`${stem}-`) && f.endsWith(ext));
  if (!hit) throw new Error(`no built asset for ${file} in ${assetsDir}`);
  return `${servedAssets}${hit}`;
}

/** Replaces every `bench-asset:` placeholder string in `value` (deeply). */
function resolveAssets(value: unknown, to: (placeholder: string) => string): unknown {
  if (typeof value === 'string') return value.startsWith('bench-asset:') ? to(value) : value;
  if (Array.isArray(value)) return value.map((v) => resolveAssets(v, to));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveAssets(v, to)]));
  return value;
}

/**
 * Writes the bare page's style and filter patches for one served app folder.
 * @param siteDir the served root; `appPath` the app folder's path under it (e.g. `/app/seed/`).
 * @param outDir where the files go (under `siteDir`); `outPath` its served path.
 * @param filterSteps the chosen directions after each step (e.g. `[['a'], [], ['b'], []]`), from no filter.
 */
export async function writeBaselineData(
  siteDir: string,
  appPath: string,
  outDir: string,
  outPath: string,
  id: string,
  filterSteps: string[][],
): Promise<BaselineFiles> {
  const { buildStyle } = await import('../../src/map/style');
  const { LIGHT } = await import('../../src/map/theme');
  const { parkMarkersOf } = await import('../../src/data/load');
  const { layerCatalogue } = await import('../../src/map/catalogue');
  const { mapStateOf, FEATURE_STATE_DEFAULTS } = await import('../../src/map/mapState');
  const { DEFAULT_VIEW } = await import('../../src/state/store');
  type Manifest = import('../../src/domain/built').Manifest;
  type CarrierProps = import('../../src/domain/built').CarrierProps;

  const appDir = resolve(siteDir, `.${appPath}`);
  const dataDir = resolve(appDir, 'data');
  // Cached per app folder (its `.bench-key` names the build and data), filter steps and this file.
  const key = createHash('sha1')
    .update(readFileSync(resolve(appDir, '.bench-key')))
    .update(JSON.stringify(filterSteps))
    .update(readFileSync(import.meta.filename))
    .digest('hex');
  const keyFile = resolve(outDir, `${id}.key`);
  const files: BaselineFiles = {
    style: `${outPath}${id}.style.json`,
    patches: `${outPath}${id}.filters.json`,
    patchSizes: [],
  };
  if (existsSync(keyFile) && existsSync(resolve(outDir, `${id}.filters.json`))) {
    const cached = JSON.parse(readFileSync(keyFile, 'utf8')) as { key: string; patchSizes: number[] };
    if (cached.key === key) return { ...files, patchSizes: cached.patchSizes };
  }
  const manifest = JSON.parse(readFileSync(resolve(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const file = (layer: string, fallback: string) => manifest.layers[layer]?.file ?? fallback;
  const url = (f: string) => `${appPath}data/${f}`;
  const carriersFile = file('carriers', 'carriers.geojson');
  const features = (JSON.parse(readFileSync(resolve(dataDir, carriersFile), 'utf8')) as { features: Feat[] }).features;
  const carriers = features.map((f) => f.properties as CarrierProps);
  const pointById = new Map<string, [number, number]>();
  for (const f of features)
    if (f.geometry?.type === 'Point')
      pointById.set(String(f.properties.id), [f.geometry.coordinates[0], f.geometry.coordinates[1]]);
  const districtById = new Map(manifest.districts.map((d) => [d.id, d]));
  const parks = parkMarkersOf(carriers, (x) => pointById.get(x), districtById);

  // The same sources as `mapStyleFor` (src/map/live.ts), from the same files.
  const style = buildStyle(
    {
      neighbours: url(file('neighbours', 'base-neighbours.geojson')),
      'neighbour-labels': url(file('neighbour-labels', 'base-neighbour-labels.geojson')),
      water: url(file('water', 'base-water.geojson')),
      rivers: url(file('rivers', 'base-rivers.geojson')),
      districts: url(file('districts', 'districts.geojson')),
      'district-anchors': url(file('district-anchors', 'district-anchors.geojson')),
      'carrier-areas': url(file('carrier-areas', 'carrier-areas.geojson')),
      carriers: url(carriersFile),
      parks,
      gazetteer: manifest.layers.gazetteer ? url(manifest.layers.gazetteer.file) : undefined,
    },
    manifest.directions,
    LIGHT,
    manifest.attribution,
  );
  const resolved = resolveAssets(style, (p) => assetPath(resolve(appDir, 'assets'), `${appPath}assets/`, p));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, `${id}.style.json`), JSON.stringify(resolved));
  precompress(resolve(outDir, `${id}.style.json`));

  // The feature-state patches of each filter step, diffed as MapController.applyFeatureStates does.
  type States = Record<string, Record<string, Record<string, unknown>>>;
  const catalogue = layerCatalogue(style.layers);
  const mapData = {
    carriers,
    districts: manifest.districts,
    directions: manifest.directions,
    parkIds: new Set(parks.features.map((f) => f.properties.id)),
  };
  const statesFor = (directions: string[]): States =>
    mapStateOf(mapData, { ...DEFAULT_VIEW, filter: { ...DEFAULT_VIEW.filter, directions }, frame: null }, catalogue, {
      cardWidth_px: 0,
    }).featureStates as States;
  const diff = (prev: States, next: States): Array<[string, string, Record<string, unknown>]> => {
    const out: Array<[string, string, Record<string, unknown>]> = [];
    for (const source of new Set([...Object.keys(prev), ...Object.keys(next)])) {
      const p = prev[source] ?? {};
      const n = next[source] ?? {};
      for (const fid of new Set([...Object.keys(p), ...Object.keys(n)])) {
        const before = p[fid] ?? {};
        const after = n[fid] ?? {};
        const patch: Record<string, unknown> = {};
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
          const value = key in after ? after[key] : FEATURE_STATE_DEFAULTS[key];
          const was = key in before ? before[key] : FEATURE_STATE_DEFAULTS[key];
          if (value !== was) patch[key] = value;
        }
        if (Object.keys(patch).length > 0) out.push([source, fid, patch]);
      }
    }
    return out;
  };
  let prev = statesFor([]);
  const patches = filterSteps.map((dirs) => {
    const next = statesFor(dirs);
    const d = diff(prev, next);
    prev = next;
    return d;
  });
  writeFileSync(resolve(outDir, `${id}.filters.json`), JSON.stringify(patches));
  const patchSizes = patches.map((p) => p.length);
  writeFileSync(keyFile, JSON.stringify({ key, patchSizes }));
  return { ...files, patchSizes };
}

/** The bare page's URL for a style and a view. */
export function baselineUrl(
  origin: string,
  pagePath: string,
  files: BaselineFiles,
  view: BaselineView,
  cjkFonts: string,
): string {
  const q = new URLSearchParams({
    style: files.style,
    w: String(Math.round(view.width_px)),
    h: String(Math.round(view.height_px)),
    center: view.center.join(','),
    zoom: String(view.zoom),
    bounds: view.maxBounds.join(','),
    cjk: cjkFonts,
  });
  return `${origin}${pagePath}index.html?${q}`;
}
