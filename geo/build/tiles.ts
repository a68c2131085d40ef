/**
 * The tiled data path: above `TILED_ABOVE` carriers the build writes, instead of `carriers.geojson`,
 *
 * - `tiles/carriers/{z}/{x}/{y}.pbf`: Mapbox Vector Tiles (v2, extent 4096, uncompressed) of the
 *   located carriers, zooms `TILE_MINZOOM`–`TILE_MAXZOOM`, one layer `carriers` holding only what
 *   the style reads (`TILE_PROPERTIES`), cut with @maplibre/geojson-vt and encoded with
 *   @maplibre/vt-pbf (the libraries MapLibre itself uses for GeoJSON sources);
 * - `carrier-index.json`: the compact index the app holds instead of the records
 *   (src/data/carrierIndex.ts);
 * - `records/<shard>.json`: the full records, a few dozen per file, so a card costs one small request;
 * - `carrier-areas.geojson`: one uncertainty circle per place (not per record: at this scale
 *   hundreds of records share a place, and stacked translucent circles would turn opaque).
 *
 * and records both files in the manifest's `layers` (`carrier-index`, `carrier-tiles`; no `carriers`),
 * which is how the app knows which path to take.
 *
 * Why a z/x/y folder and not PMTiles: MapLibre reads .pbf tiles natively (no code in the page), any
 * static host serves plain files (PMTiles needs HTTP range requests and a protocol handler in the
 * page), and the two libraries are MapLibre's own maintained forks, already in its dependency tree;
 * writing PMTiles from Node would need a native tool (tippecanoe / go-pmtiles) or more code of ours.
 * The cost: a few thousand files (2,833 at 100,000 carriers) instead of one.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { circle, truncate } from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import {
  CARRIER_INDEX_VERSION,
  type CarrierIndexFile,
  COORD_SCALE,
  DIR_FLAG,
  DISTRICT_FLAG,
  INDEX_LAYER,
  type IndexPlace,
  KIND_FLAG,
  type RecordShard,
  shardFile,
  shardOf,
  TILES_LAYER,
} from '../../src/data/carrierIndex';
import type { CarrierProps, Manifest } from '../../src/domain/built';

/**
 * Carrier count above which the build takes the tiled path: where the benchmark shows it winning
 * (README, "Benchmark": `npm run bench` with SCALES=2000,tiled-2000,5000,tiled-5000,… and
 * ONLY=cold,filter,pan; app medians of 3 interleaved runs on a shared 2-core machine). GeoJSON
 * against tiled, cold start / filter change / heap / panning at zoom 11:
 * - 2,000: 2.9 s vs 2.5 s, 213 vs 308 ms, 23 vs 16 MB, 4.5 vs 7.5 fps: GeoJSON filters faster;
 * - 5,000: 3.2 s vs 2.1 s, 319 vs 268 ms, 35 vs 18 MB, 3.2 vs 9.2 fps: tiled wins all four;
 * - 10,000: 9.1 s vs 3.7 s, 1,043 vs 496 ms, 43 vs 25 MB, 0.9 vs 3.6 fps (a busier session), and
 *   from 20,000 on GeoJSON needs more than 100 MB of heap.
 * Below this, GeoJSON keeps what only the full records in the page give (pinyin and fuzzy search,
 * full lists, downloads with citations: src/ui/tiledNotes.ts), where the contest is mixed.
 */
export const TILED_ABOVE = 5_000;

/**
 * Tile zoom range. With MapLibre's 512-px vector tiles a map at zoom z draws tiles of zoom ⌊z⌋, so
 * tiles 6–14 serve the map's whole range 6–15 (`minZoom`/`maxZoom` in src/map/controller.ts) with
 * no overzoom; at zoom 14 a tile spans about 2 km, a few dozen carriers.
 */
export const TILE_MINZOOM = 6;
export const TILE_MAXZOOM = 14;
/** Tile extent (units per tile side) and the name of the tiles' one layer. */
export const TILE_EXTENT = 4096;
export const TILE_LAYER = 'carriers';
/**
 * Names are in tiles from this zoom on, and the tiled map labels carriers from this map zoom
 * (`labelsFrom` in the index; the GeoJSON path labels from 10.5): below it thousands of names per
 * tile would cost the worker seconds of text layout for labels that mostly collide, and the names
 * would make up most of the tiles' bytes.
 */
export const LABELS_FROM_ZOOM = 13;
/**
 * Below this tile zoom (the city view and three steps in) nearby carriers are merged
 * (`mergeForZoom`): there 100,000 dots of 8–14 px overlap many times over, and drawing them all is
 * what makes panning and filtering slow. From it on every carrier is its own feature.
 *
 * Measured (100,000 carriers, CDP trace of headless Chromium with software WebGL): panning at zoom
 * 11 with every record its own feature drew 25,000 circles per frame and the GPU process was busy
 * the whole drag (1.8 fps against 4.0 at seed scale in the same session); merged (`MERGE_CELL`), it
 * draws about 690.
 */
export const MERGE_BELOW = 12;
/**
 * Side of a merging cell in tile units (4096 per 512-px tile): 256 units = 32 px at the tile's zoom,
 * 64 px just before the next; a merged dot with its stroke is 10–20 px across at zooms 8–11
 * (radius 4–6 px, 1–3 px more the more it holds), so dots no longer overlap and a cell's dot stands
 * clear of its neighbours. At 100,000 carriers the city view (zoom 8.3) then draws 160 features and
 * the view panned at zoom 11 draws 690 (with 128 units: 560 and 2,500; with 32: 6,700 and 25,000).
 * Panning at zoom 11 is bound by the circles' fill in software WebGL: `npm run bench` (4 runs each,
 * same session) gave 9.3 fps with 128 units against 11.2 at seed scale, and 10.7 with 256 against
 * 10.6 at seed scale.
 */
export const MERGE_CELL = 256;
/** About this many records per shard: a shard is then ~60–80 KB of JSON (~10 KB gzipped). */
export const RECORDS_PER_SHARD = 40;

/**
 * Properties of a feature in the tiles: those the style and the map's filter read.
 * - `id`: the record's id (promoted to the feature id; a merged feature takes its first record's);
 * - `kind`: the record's kind (a merged feature: its first record's), for the outline colour;
 * - `park`: a city park (parks are never merged); `n`: how many records the feature stands for;
 * - a flag `true` per direction, kind and district the feature's record(s) carry (`DIR_FLAG`,
 *   `KIND_FLAG`, `DISTRICT_FLAG` + key): a merged feature carries the union of its records'. Flags,
 *   not `|a|b|` strings, because a tile stores each distinct value once and a flag's value is
 *   always `true`, where unions of many directions would be a new string per feature;
 * - `name_zh`, `name_en` from `LABELS_FROM_ZOOM` on, for labels.
 */
export const TILE_PROPERTIES = ['id', 'kind', 'park', 'n'] as const;
export { DIR_FLAG, DISTRICT_FLAG, KIND_FLAG } from '../../src/data/carrierIndex';

/** A located carrier feature as the build makes it. */
export type CarrierFeature = Feature<Point | null, CarrierProps>;

/**
 * The tile (x, y) holding a point at zoom `z`: the standard Web-Mercator ("slippy map") tile
 * formula, x = ⌊(λ + 180)/360 · 2^z⌋, y = ⌊(1 − ln(tan φ + sec φ)/π)/2 · 2^z⌋ (OSM wiki, Slippy map
 * tilenames). Degrees in, integers out; no clamping (Suzhou is far from the poles and the antimeridian).
 */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const [x, y] = worldUnits(lon, lat, z);
  return [Math.floor(x / TILE_EXTENT), Math.floor(y / TILE_EXTENT)];
}

/** A point's position in tile units within the world at zoom z (x, y from 0 to 2^z · extent), same formula. */
function worldUnits(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z * TILE_EXTENT;
  const phi = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * n, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n];
}

/** A tile feature's properties (`TILE_PROPERTIES`). */
export type TileProps = Record<string, string | boolean | number>;

/** One record's tile properties at zoom `z` (`TILE_PROPERTIES`). */
function recordProps(p: CarrierProps, z: number): TileProps {
  const out: TileProps = { id: p.id, kind: p.kind, park: p.park, n: 1 };
  addFlags(out, p);
  if (z >= LABELS_FROM_ZOOM) {
    out.name_zh = p.name_zh;
    out.name_en = p.name_en;
  }
  return out;
}

/** Sets the direction, kind and district flags of record `p` on `out`. */
function addFlags(out: TileProps, p: CarrierProps): void {
  for (const key of p.dirs.split('|')) if (key) out[DIR_FLAG + key] = true;
  out[KIND_FLAG + p.kind] = true;
  out[DISTRICT_FLAG + p.district] = true;
}

/**
 * The features of zoom `z`. From `MERGE_BELOW` on, one per record. Below, the records in one square
 * cell of `MERGE_CELL` tile units (32 px on screen at the tile's zoom, 64 px just before the next)
 * become one feature at the first record's point, with `n` their number (the map draws it larger
 * the more it holds: src/map/tiled.ts `TILED_CIRCLE_RADIUS`), carrying the flags of all
 * their directions, kinds and districts (`TILE_PROPERTIES`); parks stay single. So under a filter of
 * directions, kinds or districts a cell shows a dot exactly when a record in it carries a chosen
 * direction, has a chosen kind and lies in a chosen district — each possibly a different record, the
 * one approximation, and only below zoom `MERGE_BELOW`. The counts never come from tiles.
 */
export function mergeForZoom(
  located: readonly Feature<Point, CarrierProps>[],
  z: number,
): Array<Feature<Point, TileProps>> {
  if (z >= MERGE_BELOW)
    return located.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: recordProps(f.properties, z) }));
  const cells = new Map<string, Array<Feature<Point, CarrierProps>>>();
  const out: Array<Feature<Point, TileProps>> = [];
  for (const f of located) {
    if (f.properties.park) {
      out.push({ type: 'Feature', geometry: f.geometry, properties: recordProps(f.properties, z) });
      continue;
    }
    const [x, y] = worldUnits(f.geometry.coordinates[0], f.geometry.coordinates[1], z);
    const key = `${Math.floor(x / MERGE_CELL)},${Math.floor(y / MERGE_CELL)}`;
    const list = cells.get(key);
    if (list) list.push(f);
    else cells.set(key, [f]);
  }
  for (const members of cells.values()) {
    const first = members[0];
    const props = recordProps(first.properties, z);
    for (const m of members) addFlags(props, m.properties);
    props.n = members.length;
    out.push({ type: 'Feature', geometry: first.geometry, properties: props });
  }
  return out;
}

/** What `writeCarrierTiles` wrote. */
export interface TileStats {
  /** Tiles written per zoom. */
  tilesByZoom: Record<number, number>;
  /** Features written per zoom (all tiles of that zoom). */
  featuresByZoom: Record<number, number>;
  bytes: number;
}

/**
 * Writes `tiles/carriers/{z}/{x}/{y}.pbf` under `outDir` for the located carriers: for each zoom of
 * `TILE_MINZOOM`–`TILE_MAXZOOM`, exactly the tiles holding a feature's point (`tileOf`), each with
 * the features inside it (`mergeForZoom`; buffer 0: MapLibre draws a circle or a label only from the
 * tile holding its point).
 * @returns tiles and features per zoom and the bytes written.
 */
export function writeCarrierTiles(outDir: string, located: readonly Feature<Point, CarrierProps>[]): TileStats {
  const stats: TileStats = { tilesByZoom: {}, featuresByZoom: {}, bytes: 0 };
  const options = { extent: TILE_EXTENT, buffer: 0, tolerance: 0 } as const;
  // One index for the zooms where every record is a feature with its name; one per merged zoom.
  let full: GeoJSONVT | null = null;
  for (let z = TILE_MINZOOM; z <= TILE_MAXZOOM; z++) {
    const shared = z >= MERGE_BELOW && z >= LABELS_FROM_ZOOM;
    const features = shared && full ? [] : mergeForZoom(located, z);
    let index: GeoJSONVT;
    if (shared) {
      full ??= new GeoJSONVT({ type: 'FeatureCollection', features }, { ...options, maxZoom: TILE_MAXZOOM });
      index = full;
    } else index = new GeoJSONVT({ type: 'FeatureCollection', features }, { ...options, maxZoom: z });
    const tiles = new Set<string>();
    for (const f of shared ? located : features)
      tiles.add(tileOf(f.geometry.coordinates[0], f.geometry.coordinates[1], z).join('/'));
    let written = 0;
    for (const key of tiles) {
      const [x, y] = key.split('/').map(Number);
      const tile = index.getTile(z, x, y);
      if (!tile || tile.features.length === 0) continue;
      written += tile.features.length;
      const bytes = fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT });
      const file = join(outDir, 'tiles', TILE_LAYER, String(z), String(x), `${y}.pbf`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      stats.bytes += bytes.length;
      stats.tilesByZoom[z] = (stats.tilesByZoom[z] ?? 0) + 1;
    }
    stats.featuresByZoom[z] = written;
  }
  return stats;
}

/** Value → position dictionary, filled as values are met (the index's small-integer columns). */
class Dictionary<T> {
  readonly values: T[] = [];
  private readonly at = new Map<string, number>();
  of(value: T, key = String(value)): number {
    let i = this.at.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.at.set(key, i);
    }
    return i;
  }
}

/** Number of record shards for `count` records: the power of 2 nearest to count / `RECORDS_PER_SHARD` (at least 1). */
export function shardCount(count: number): number {
  return 2 ** Math.max(0, Math.round(Math.log2(Math.max(1, count / RECORDS_PER_SHARD))));
}

/**
 * The index of `carriers` (build order): see `CarrierIndexFile`.
 */
export function buildCarrierIndex(carriers: readonly CarrierFeature[], shards: number): CarrierIndexFile {
  const districts = new Dictionary<string>();
  const kinds = new Dictionary<string>();
  const precisions = new Dictionary<string>();
  const dirSets = new Dictionary<string>();
  const sets = new Dictionary<{ districts: string[]; extent?: CarrierProps['extent'] }>();
  const roles = new Dictionary<string[]>();
  const places = new Dictionary<IndexPlace>();
  const c: CarrierIndexFile['columns'] = {
    id: [],
    name_zh: [],
    name_en: [],
    district: [],
    districtSet: [],
    kind: [],
    precision: [],
    dirs: [],
    roles: [],
    park: [],
    place: [],
    lon: [],
    lat: [],
  };
  for (const f of carriers) {
    const p = f.properties;
    c.id.push(p.id);
    c.name_zh.push(p.name_zh);
    c.name_en.push(p.name_en);
    c.district.push(districts.of(p.district));
    c.districtSet.push(
      p.precision === 'district-set'
        ? sets.of(
            { districts: p.districts, ...(p.extent ? { extent: p.extent } : {}) },
            `${p.districts.join(',')}/${p.extent}`,
          )
        : -1,
    );
    c.kind.push(kinds.of(p.kind));
    c.precision.push(precisions.of(p.precision));
    c.dirs.push(dirSets.of(p.dirs));
    c.roles.push(roles.of(p.roles, p.roles.join(',')));
    c.park.push(p.park ? 1 : 0);
    c.place.push(p.place ? places.of(p.place, p.place.id) : -1);
    const xy = f.geometry?.coordinates;
    c.lon.push(xy ? Math.round(xy[0] * COORD_SCALE) : null);
    c.lat.push(xy ? Math.round(xy[1] * COORD_SCALE) : null);
  }
  return {
    version: CARRIER_INDEX_VERSION,
    count: carriers.length,
    tiles: {
      url: `tiles/${TILE_LAYER}/{z}/{x}/{y}.pbf`,
      minzoom: TILE_MINZOOM,
      maxzoom: TILE_MAXZOOM,
      layer: TILE_LAYER,
      labelsFrom: LABELS_FROM_ZOOM,
    },
    records: { url: 'records/{shard}.json', shards },
    districts: districts.values,
    kinds: kinds.values,
    precisions: precisions.values,
    dirSets: dirSets.values,
    districtSets: sets.values,
    roleSets: roles.values,
    places: places.values,
    columns: c,
  };
}

/**
 * One uncertainty circle per place that located `area` or `town` records are drawn at, with the
 * place's id as `id` (the map's feature id: a circle is shown while any record at its place matches).
 */
export function placeAreas(carriers: readonly CarrierFeature[]): FeatureCollection<Polygon> {
  const byPlace = new Map<string, Feature<Polygon>>();
  for (const f of carriers) {
    const p = f.properties;
    if (!f.geometry || !p.place || (p.precision !== 'area' && p.precision !== 'town') || byPlace.has(p.place.id))
      continue;
    const halo = circle(f.geometry.coordinates, p.place.uncertainty_km, { steps: 48, units: 'kilometers' });
    byPlace.set(p.place.id, {
      type: 'Feature',
      id: p.place.id,
      geometry: truncate(halo, { precision: 5 }).geometry,
      properties: { id: p.place.id, district: p.district },
    });
  }
  return { type: 'FeatureCollection', features: [...byPlace.values()] };
}

/** What `writeTiledData` wrote, for the CLI's report. */
export interface TiledOutput {
  manifest: Manifest;
  tiles: TileStats;
  indexBytes: number;
  shards: number;
  shardBytes: { min: number; median: number; max: number; total: number };
}

/**
 * Writes the tiled form of `carriers` into `outDir` (see the module comment), removes
 * `carriers.geojson`, and rewrites `manifest.json` with the layers `carrier-index` and
 * `carrier-tiles` in place of `carriers` (and `carrier-areas` counting places).
 * @param manifest the manifest of the same build (its counts must already describe `carriers`).
 * @returns the manifest written, with sizes.
 */
export function writeTiledData(outDir: string, carriers: readonly CarrierFeature[], manifest: Manifest): TiledOutput {
  for (const dir of ['tiles', 'records']) rmSync(join(outDir, dir), { recursive: true, force: true });
  rmSync(join(outDir, 'carriers.geojson'), { force: true });
  const located = carriers.filter((f): f is Feature<Point, CarrierProps> => f.geometry !== null);
  const tiles = writeCarrierTiles(outDir, located);

  const shards = shardCount(carriers.length);
  const index = buildCarrierIndex(carriers, shards);
  const indexJson = JSON.stringify(index);
  writeFileSync(join(outDir, 'carrier-index.json'), indexJson);

  const byShard: RecordShard[] = Array.from({ length: shards }, () => ({}));
  for (const f of carriers) byShard[shardOf(f.properties.id, shards)][f.properties.id] = f.properties;
  mkdirSync(join(outDir, 'records'), { recursive: true });
  const sizes = byShard.map((records, i) => {
    const json = JSON.stringify(records);
    writeFileSync(join(outDir, shardFile(index.records.url, i)), json);
    return Buffer.byteLength(json);
  });
  sizes.sort((a, b) => a - b);

  const areas = placeAreas(carriers);
  writeFileSync(join(outDir, 'carrier-areas.geojson'), JSON.stringify(areas));

  const { carriers: _geojson, ...layers } = manifest.layers;
  const next: Manifest = {
    ...manifest,
    layers: {
      ...layers,
      'carrier-areas': { file: 'carrier-areas.geojson', features: areas.features.length },
      [INDEX_LAYER]: { file: 'carrier-index.json', features: carriers.length },
      [TILES_LAYER]: { file: index.tiles.url, features: located.length },
    },
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(next, null, 1));
  return {
    manifest: next,
    tiles,
    indexBytes: Buffer.byteLength(indexJson),
    shards,
    shardBytes: {
      min: sizes[0] ?? 0,
      median: sizes[Math.floor(sizes.length / 2)] ?? 0,
      max: sizes[sizes.length - 1] ?? 0,
      total: sizes.reduce((a, b) => a + b, 0),
    },
  };
}

/**
 * The build's hook: when the data just built in `outDir` holds more than `TILED_ABOVE` carriers,
 * rewrites it into the tiled form (`writeTiledData`).
 * @returns what was written, or null when the GeoJSON path stays.
 */
export function tileIfLarge(outDir: string): TiledOutput | null {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.counts.carriers <= TILED_ABOVE || !manifest.layers.carriers) return null;
  const fc = JSON.parse(readFileSync(join(outDir, manifest.layers.carriers.file), 'utf8')) as FeatureCollection<
    Point | null,
    CarrierProps
  >;
  return writeTiledData(outDir, fc.features, manifest);
}
