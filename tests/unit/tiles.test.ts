/**
 * The tiled data path on a small deterministic synthetic set (the real records + synthetic ones,
 * 2,000 in all): the generator (deterministic, valid records), the tile build (the tiles of each
 * zoom are exactly those the Web-Mercator tile formula gives for the points; a decoded feature
 * carries the map's properties of its record), the index and the record shards, and the map's
 * filter expressions on tile features (they keep what the filter rule keeps).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import {
  createExpression,
  featureFilter,
  type StyleExpression,
  validateStyleMin,
} from '@maplibre/maplibre-gl-style-spec';
import type { Feature, Point } from 'geojson';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_MIX, manifestFor, readBase, type SyntheticBase, synthesize } from '../../geo/build/synthetic';
import {
  type CarrierFeature,
  LABELS_FROM_ZOOM,
  MERGE_BELOW,
  MERGE_CELL,
  mergeForZoom,
  TILE_LAYER,
  TILE_MAXZOOM,
  TILE_MINZOOM,
  type TiledOutput,
  tileOf,
  writeTiledData,
} from '../../geo/build/tiles';
import { carrierMatches, countMatches, EMPTY_FILTER, type FilterState } from '../../src/analysis/filter';
import {
  type CarrierIndexFile,
  carrierStubs,
  DIR_FLAG,
  DISTRICT_FLAG,
  KIND_FLAG,
  type RecordShard,
  shardFile,
  shardOf,
} from '../../src/data/carrierIndex';
import { type CarrierProps, CarrierPropsSchema } from '../../src/domain/built';
import { layerCatalogue } from '../../src/map/catalogue';
import { SOURCE } from '../../src/map/layers';
import { mapStateOf, tiledMapData } from '../../src/map/mapState';
import { buildStyle, type SourceData } from '../../src/map/style';
import { LIGHT } from '../../src/map/theme';
import { MERGED_LEGEND, TILED_CIRCLE_RADIUS, tiledLayerSettings, tiledMatch } from '../../src/map/tiled';
import { DEFAULT_VIEW } from '../../src/state/store';
import { buildReal } from './records';

const COUNT = 2000;
let base: SyntheticBase;
let carriers: CarrierFeature[];
let out: string;
let written: TiledOutput;

beforeAll(() => {
  base = readBase(buildReal().outDir);
  carriers = synthesize(base, { count: COUNT, seed: 7 });
  out = mkdtempSync(join(tmpdir(), 'sde-tiles-'));
  written = writeTiledData(out, carriers, manifestFor(base.manifest, carriers));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const located = () => carriers.filter((f): f is Feature<Point, CarrierProps> => f.geometry !== null);
const synthetic = () => carriers.filter((f) => f.properties.id.startsWith('syn-'));

/** The tiles written for zoom z, as `x/y`. */
function tilesOnDisk(z: number): string[] {
  const dir = join(out, 'tiles', TILE_LAYER, String(z));
  return readdirSync(dir).flatMap((x) => readdirSync(join(dir, x)).map((f) => `${x}/${f.replace(/\.pbf$/, '')}`));
}

/** Decodes tile z/x/y: its `carriers` layer's features with properties and [lon, lat]. */
function decode(z: number, x: number, y: number) {
  const tile = new VectorTile(
    new PbfReader(readFileSync(join(out, 'tiles', TILE_LAYER, String(z), String(x), `${y}.pbf`))),
  );
  const layer = tile.layers[TILE_LAYER];
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i);
    const g = f.toGeoJSON(x, y, z).geometry as Point;
    return { properties: f.properties as Record<string, unknown>, lonLat: g.coordinates, vt: f };
  });
}

describe('the synthetic generator', () => {
  it('makes the real records and then valid synthetic ones, the same every time', () => {
    expect(carriers).toHaveLength(COUNT);
    expect(carriers.slice(0, base.carriers.length)).toEqual(base.carriers);
    for (const f of synthetic()) {
      const parsed = CarrierPropsSchema.safeParse(f.properties);
      expect(parsed.success, `${f.properties.id}: ${parsed.error?.issues[0]?.message}`).toBe(true);
    }
    expect(synthesize(base, { count: COUNT, seed: 7 })).toEqual(carriers);
    expect(synthesize(base, { count: COUNT, seed: 8 })).not.toEqual(carriers);
  });

  it('spreads records inside their districts with a realistic size and precision mix', () => {
    const syn = synthetic();
    const bytes = syn.reduce((n, f) => n + JSON.stringify(f.properties).length, 0) / syn.length;
    expect(bytes).toBeGreaterThan(800);
    expect(bytes).toBeLessThan(2500);
    const sites = syn.filter((f) => f.properties.precision === 'site').length / syn.length;
    expect(Math.abs(sites - ENTERPRISE_MIX.site)).toBeLessThan(0.05);
    for (const f of syn) {
      const p = f.properties;
      expect(p.directions_own.length).toBeGreaterThanOrEqual(1);
      expect(p.directions_own.length).toBeLessThanOrEqual(3);
      expect(p.name_zh.length).toBeGreaterThanOrEqual(8);
      expect(p.reading_note).toMatch(/synthetic/i);
      expect(f.geometry === null).toBe(p.precision === 'district' || p.precision === 'district-set');
      if (f.geometry) {
        const b = base.manifest.districts.find((d) => d.id === p.district)?.bbox;
        const [lon, lat] = f.geometry.coordinates;
        expect(b && lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3], p.id).toBe(true);
      }
    }
  });
});

describe('the tile build', () => {
  it('writes, at every zoom, exactly the tiles the points fall in', () => {
    for (let z = TILE_MINZOOM; z <= TILE_MAXZOOM; z++) {
      const expected = new Set(
        located().map((f) => tileOf(f.geometry.coordinates[0], f.geometry.coordinates[1], z).join('/')),
      );
      expect(tilesOnDisk(z).sort(), `z${z}`).toEqual([...expected].sort());
      expect(written.tiles.tilesByZoom[z]).toBe(expected.size);
    }
    // Tile formula spot check (OSM wiki): Suzhou's centre at zoom 10.
    expect(tileOf(120.62, 31.3, 10)).toEqual([855, 418]);
  });

  it('holds every located record once from zoom MERGE_BELOW, and merged cells below', () => {
    for (let z = TILE_MINZOOM; z <= TILE_MAXZOOM; z++) {
      const expected = z >= MERGE_BELOW ? located().length : mergeForZoom(located(), z).length;
      expect(written.tiles.featuresByZoom[z], `z${z}`).toBe(expected);
      if (z < MERGE_BELOW) expect(expected).toBeLessThan(located().length);
    }
    const merged = mergeForZoom(located(), 8);
    expect(merged.reduce((n, f) => n + Number(f.properties.n), 0)).toBe(located().length);
  });

  it('decodes a feature with exactly the map properties of its record', () => {
    const record = located().find((f) => f.properties.id.startsWith('syn-') && f.properties.directions_own.length > 1);
    if (!record) throw new Error('no synthetic record with two directions');
    const p = record.properties;
    for (const z of [TILE_MAXZOOM, MERGE_BELOW]) {
      const [x, y] = tileOf(record.geometry.coordinates[0], record.geometry.coordinates[1], z);
      const found = decode(z, x, y).find((f) => f.properties.id === p.id);
      if (!found) throw new Error(`${p.id} not in tile ${z}/${x}/${y}`);
      expect(found.properties).toEqual({
        id: p.id,
        kind: p.kind,
        park: p.park,
        n: 1,
        ...Object.fromEntries(p.directions_own.map((d) => [DIR_FLAG + d.key, true])),
        [KIND_FLAG + p.kind]: true,
        [DISTRICT_FLAG + p.district]: true,
        ...(z >= LABELS_FROM_ZOOM ? { name_zh: p.name_zh, name_en: p.name_en } : {}),
      });
      // Extent 4096 at zoom 14: a unit is ~2 m.
      expect(found.lonLat[0]).toBeCloseTo(record.geometry.coordinates[0], 4);
      expect(found.lonLat[1]).toBeCloseTo(record.geometry.coordinates[1], 4);
    }
  });

  it('decodes a merged dot with how many records it holds and all their flags (below MERGE_BELOW)', () => {
    const z = MERGE_BELOW - 1;
    // Records per merging cell (non-parks), as `mergeForZoom` groups them: tile units at zoom z are
    // the tile indices at zoom z + 12 (4096 = 2^12 units per tile).
    const cells = new Map<string, Array<Feature<Point, CarrierProps>>>();
    for (const f of located().filter((g) => !g.properties.park)) {
      const [ux, uy] = tileOf(f.geometry.coordinates[0], f.geometry.coordinates[1], z + 12);
      const key = `${Math.floor(ux / MERGE_CELL)},${Math.floor(uy / MERGE_CELL)}`;
      cells.set(key, [...(cells.get(key) ?? []), f]);
    }
    const members = [...cells.values()].sort((a, b) => b.length - a.length)[0];
    expect(members.length).toBeGreaterThan(1);
    const first = members[0];
    const [x, y] = tileOf(first.geometry.coordinates[0], first.geometry.coordinates[1], z);
    const found = decode(z, x, y).find((f) => f.properties.id === first.properties.id);
    if (!found) throw new Error(`merged dot ${first.properties.id} not in tile ${z}/${x}/${y}`);
    const flags = Object.fromEntries(
      members.flatMap((m) => [
        ...m.properties.directions_own.map((d) => [DIR_FLAG + d.key, true]),
        [KIND_FLAG + m.properties.kind, true],
        [DISTRICT_FLAG + m.properties.district, true],
      ]),
    );
    expect(found.properties).toEqual({
      id: first.properties.id,
      kind: first.properties.kind,
      park: false,
      n: members.length,
      ...flags,
    });
    expect(found.lonLat[0]).toBeCloseTo(first.geometry.coordinates[0], 3);
  });

  it('puts each full record in its shard, and every record in the index', () => {
    const index = JSON.parse(readFileSync(join(out, 'carrier-index.json'), 'utf8')) as CarrierIndexFile;
    expect(index.columns.id).toEqual(carriers.map((f) => f.properties.id));
    expect(index.records.shards).toBe(written.shards);
    for (const f of [carriers[0], ...synthetic().slice(0, 50)]) {
      const file = shardFile(index.records.url, shardOf(f.properties.id, index.records.shards));
      const shard = JSON.parse(readFileSync(join(out, file), 'utf8')) as RecordShard;
      expect(shard[f.properties.id]).toEqual(f.properties);
    }
    const geojsonBytes = JSON.stringify({ type: 'FeatureCollection', features: carriers }).length;
    expect(written.indexBytes).toBeLessThan(geojsonBytes / 4);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.layers.carriers).toBeUndefined();
    expect(manifest.layers['carrier-index'].features).toBe(COUNT);
  });

  it('gives the app records that count like the full ones', () => {
    const index = JSON.parse(readFileSync(join(out, 'carrier-index.json'), 'utf8')) as CarrierIndexFile;
    const { carriers: stubs, pointById } = carrierStubs(index, base.manifest.directions, base.manifest.districts);
    const full = carriers.map((f) => f.properties);
    const ids = base.manifest.districts.map((d) => d.id);
    for (const filter of filters()) expect(countMatches(stubs, filter, ids)).toEqual(countMatches(full, filter, ids));
    expect(pointById.size).toBe(located().length);
    const one = located()[5];
    expect(pointById.get(one.properties.id)?.[0]).toBeCloseTo(one.geometry.coordinates[0], 5);
  });
});

/** Filters exercising each part of the rule. */
function filters(): FilterState[] {
  return [
    EMPTY_FILTER,
    { ...EMPTY_FILTER, directions: ['artificial-intelligence'] },
    { ...EMPTY_FILTER, directions: ['artificial-intelligence', 'blockchain'], mode: 'all' },
    { ...EMPTY_FILTER, directions: ['blockchain', 'quantum'] },
    { ...EMPTY_FILTER, directions: ['smart-city'], inherit: true },
    { ...EMPTY_FILTER, directions: ['smart-city'], inherit: true, districts: ['sip', 'gusu'] },
    { ...EMPTY_FILTER, kinds: ['lab', 'institute'] },
    { ...EMPTY_FILTER, districts: ['kunshan'], kinds: ['carrier'], directions: ['industrial-internet'] },
  ];
}

describe('the tiled map', () => {
  const styleData = () => ({
    directions: base.manifest.directions,
    districts: base.manifest.districts,
    defaultColour: LIGHT.carrierDefault,
  });

  it('keeps, with its filter expression, exactly the features the filter rule keeps (zoom MERGE_BELOW on)', () => {
    const z = MERGE_BELOW;
    const tiles = new Set(
      located().map((f) => tileOf(f.geometry.coordinates[0], f.geometry.coordinates[1], z).join('/')),
    );
    const features = [...tiles].flatMap((t) => {
      const [x, y] = t.split('/').map(Number);
      return decode(z, x, y);
    });
    const byId = new Map(carriers.map((f) => [f.properties.id, f.properties]));
    for (const filter of filters()) {
      const expr = tiledMatch(filter, styleData());
      const test = featureFilter(expr ?? true, 'filter');
      const kept = features
        .filter((f) => test.filter({ zoom: z }, { type: 1, properties: f.properties } as never))
        .map((f) => String(f.properties.id))
        .sort();
      const expected = located()
        .filter((f) => carrierMatches(f.properties, filter))
        .map((f) => f.properties.id)
        .sort();
      expect(kept, JSON.stringify(filter)).toEqual(expected);
      expect(byId.size).toBe(COUNT);
    }
  });

  it('shows a merged dot wherever a record of its cell carries a chosen direction (below MERGE_BELOW)', () => {
    const z = 8;
    const filter = { ...EMPTY_FILTER, directions: ['blockchain'] };
    const test = featureFilter(tiledMatch(filter, styleData()) ?? true, 'filter');
    const merged = mergeForZoom(located(), z);
    const shown = merged.filter((f) => test.filter({ zoom: z }, { type: 1, properties: f.properties } as never));
    const matching = located().filter((f) => carrierMatches(f.properties, filter) && !f.properties.park);
    // Every matching record lies in a shown cell: its cell's feature carries the direction's flag.
    // (A tile's index at zoom z + 12 is the point's whole tile unit at zoom z: 4096 = 2^12 units.)
    const cellOf = (lonLat: number[]) => {
      const [x, y] = tileOf(lonLat[0], lonLat[1], z + 12);
      return `${Math.floor(x / MERGE_CELL)},${Math.floor(y / MERGE_CELL)}`;
    };
    const shownCells = new Set(shown.map((f) => cellOf(f.geometry.coordinates)));
    for (const f of matching) expect(shownCells.has(cellOf(f.geometry.coordinates)), f.properties.id).toBe(true);
  });

  it('builds a valid style on tiles, whose carrier layers read the tiles', () => {
    const data = Object.fromEntries(Object.values(SOURCE).map((s) => [s, `data/${s}.geojson`])) as SourceData;
    const source = {
      url: 'http://127.0.0.1/data/tiles/carriers/{z}/{x}/{y}.pbf',
      minzoom: TILE_MINZOOM,
      maxzoom: TILE_MAXZOOM,
      layer: TILE_LAYER,
      labelsFrom: LABELS_FROM_ZOOM,
    };
    const settings = tiledLayerSettings(filters()[1], null, styleData());
    const style = buildStyle(data, base.manifest.directions, LIGHT, 'attribution', { source, settings });
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources.carriers).toMatchObject({
      type: 'vector',
      tiles: [source.url],
      promoteId: { carriers: 'id' },
    });
    const circle = style.layers.find((l) => l.id === 'carriers-circle');
    expect(circle).toMatchObject({ 'source-layer': TILE_LAYER, filter: settings['carriers-circle'].filter });
    // A merged dot is drawn larger the more records it holds, and the legend says so.
    const radius = createExpression(TILED_CIRCLE_RADIUS, 'circle-radius').value as StyleExpression;
    const at = (n: number, zoom: number) => radius.evaluate({ zoom }, { type: 1, properties: { n } } as never);
    expect(circle).toMatchObject({ paint: { 'circle-radius': TILED_CIRCLE_RADIUS } });
    expect([1, 5, 50, 500].map((n) => at(n, 8))).toEqual([4, 5, 6, 7]);
    expect(at(1, 12)).toBe(7);
    expect(layerCatalogue(style.layers).legend.map((e) => e.en)).toContain(MERGED_LEGEND.en);
    expect(style.layers.find((l) => l.id === 'carriers-label')).toMatchObject({ minzoom: LABELS_FROM_ZOOM });

    // The map state on tiles: no feature state per carrier, the filter in the layers.
    const full = carriers.map((f) => f.properties);
    const parkIds = new Set(full.filter((c) => c.park || c.roles.includes('ai-plus-park')).map((c) => c.id));
    const mapData = {
      carriers: full,
      districts: base.manifest.districts,
      directions: base.manifest.directions,
      parkIds,
      tiled: tiledMapData(full, parkIds, styleData()),
    };
    const s = mapStateOf(
      mapData,
      { ...DEFAULT_VIEW, filter: filters()[1], frame: null },
      layerCatalogue(style.layers),
      { cardWidth_px: 0 },
    );
    expect(s.featureStates[SOURCE.carriers]).toBeUndefined();
    expect(s.layers).toEqual(settings);
    expect(Object.keys(s.featureStates[SOURCE.parks] ?? {}).length).toBeGreaterThan(0);
    // The district groups count as on the GeoJSON path (their marks are left out on tiles).
    for (const filter of filters()) {
      const view = { ...DEFAULT_VIEW, filter, frame: null };
      const catalogue = layerCatalogue(style.layers);
      const onTiles = mapStateOf(mapData, view, catalogue, { cardWidth_px: 0 });
      const onGeojson = mapStateOf({ ...mapData, tiled: undefined }, view, catalogue, { cardWidth_px: 0 });
      expect(onTiles.groups.map((g) => [g.id, g.count, g.shown])).toEqual(
        onGeojson.groups.map((g) => [g.id, g.count, g.shown]),
      );
      expect(onTiles.featureStates[SOURCE.districts]).toEqual(onGeojson.featureStates[SOURCE.districts]);
      expect(onTiles.featureStates[SOURCE.parks]).toEqual(onGeojson.featureStates[SOURCE.parks]);
    }
  });
});
