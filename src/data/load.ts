/**
 * Loading the built data (`public/data/`, written by `npm run data`) and indexing it for the app.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
// Types only from the zod schemas: the build validated every record, and the browser's light check
// (`domain/check.ts`) keeps zod out of the page.
import type { CarrierProps, DistrictInfo, GazetteerProps, Manifest } from '../domain/built';
import { checkCarrierProps, checkGazetteerProps, checkManifest, checkPointOrNull } from '../domain/check';
import { type CarrierIndexFile, carrierStubs, INDEX_LAYER, type RecordShard, shardFile, shardOf } from './carrierIndex';

/** A data file could not be loaded or is not what the build writes. */
export class DataLoadError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'DataLoadError';
    this.file = file;
  }
}

/** Properties of a park marker: the carrier's, plus whether it is drawn at its district's anchor. */
export type ParkMarkerProps = Pick<CarrierProps, 'id' | 'name_zh' | 'name_en' | 'district' | 'precision'> & {
  anchored: boolean;
  /** One of seed 001's ten city parks. */
  city: boolean;
  /** One of seed 003's 十全十美 "AI+" parks. */
  aiplus: boolean;
  /**
   * 0 for the first marker at a point; 1, 2, … for further markers at the same point (two
   * district-anchored parks of one district), which the map draws beside the first in screen space.
   */
  slot: number;
  /** Map label in Chinese (the name as written). */
  label_zh: string;
  /** Map label in English: the name shortened by `shortLabelEn`, so the ten fit at the first view. */
  label_en: string;
};

/**
 * Abbreviations for English map labels (the card shows the full name). Common English usage in
 * place names: "Sci-Tech" for science and technology, "Int'l" for international, "HSR" for
 * high-speed rail; "Industrial Park" after a qualifier reads as "Park".
 */
const LABEL_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bScience and Technology\b/g, 'Sci-Tech'],
  [/\bInternational\b/g, "Int'l"],
  [/\bHigh-Speed Rail\b/g, 'HSR'],
  [/\b(Digital Economy|Software|High-tech|Big Data) Industrial Park\b/g, '$1 Park'],
];

/** A park's English map label: `name_en` with `LABEL_ABBREVIATIONS` applied. */
export function shortLabelEn(nameEn: string): string {
  return LABEL_ABBREVIATIONS.reduce((s, [re, to]) => s.replace(re, to), nameEn);
}

/** Everything the app needs, loaded once. */
export interface AppData {
  manifest: Manifest;
  /** Every carrier record (parks included), located or not, in build order. */
  carriers: CarrierProps[];
  carrierById: Map<string, CarrierProps>;
  districtById: Map<string, DistrictInfo>;
  /** Located carriers only, for the map's `carriers` source. */
  carrierPoints: FeatureCollection<Point, CarrierProps>;
  /**
   * The ten city parks and the AI+ parks as markers: at their point when located; otherwise at
   * their district's label anchor with `anchored: true`, drawn hollow so that no site is implied.
   */
  parkMarkers: FeatureCollection<Point, ParkMarkerProps>;
  /** [lon, lat] (degrees) of each record drawn at a point (site or area precision). */
  pointById: Map<string, [number, number]>;
  /** Absolute URL of a built file, for sources the map loads itself. */
  url: (file: string) => string;
  /**
   * Set on the tiled data path (`loadTiledAppData`): `carriers` then holds the index's records
   * (no citations, notes or basis: `carrierStubs`), `carrierPoints` is empty (the map draws the
   * tiles), and a card gets the full record from `record`.
   */
  tiled?: TiledData;
}

/** The tiled data path's extras in `AppData`. */
export interface TiledData {
  /** The index's `tiles`: the URL template made absolute, zoom range, layer name, label zoom. */
  tiles: CarrierIndexFile['tiles'];
  /**
   * The full record of `id`, fetched from its shard on first use (one request per shard, kept).
   * @throws DataLoadError when the shard is missing or does not hold the record.
   */
  record: (id: string) => Promise<CarrierProps>;
}

async function fetchJson(url: string, file: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new DataLoadError(file, `could not be fetched (${(e as Error).message})`);
  }
  if (!res.ok) throw new DataLoadError(file, `HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new DataLoadError(file, 'is not valid JSON');
  }
}

/** Builds the park markers from the carriers (pure; exported for tests). */
export function parkMarkersOf(
  carriers: readonly CarrierProps[],
  pointOf: (id: string) => [number, number] | undefined,
  districtById: Map<string, DistrictInfo>,
): FeatureCollection<Point, ParkMarkerProps> {
  const features: Array<Feature<Point, ParkMarkerProps>> = [];
  const atPoint = new Map<string, number>();
  for (const c of carriers) {
    const aiplus = c.roles.includes('ai-plus-park');
    if (!c.park && !aiplus) continue;
    const located = pointOf(c.id);
    const anchor = located ?? districtById.get(c.district)?.anchor;
    if (!anchor) continue;
    const key = anchor.join();
    const slot = atPoint.get(key) ?? 0;
    atPoint.set(key, slot + 1);
    features.push({
      type: 'Feature',
      id: c.id,
      geometry: { type: 'Point', coordinates: anchor },
      properties: {
        id: c.id,
        name_zh: c.name_zh,
        name_en: c.name_en,
        district: c.district,
        precision: c.precision,
        anchored: located === undefined,
        city: c.park,
        aiplus,
        slot,
        label_zh: c.name_zh,
        label_en: shortLabelEn(c.name_en),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Loads the manifest and the carriers layer, checking that they have the shape the app reads (the
 * build has validated every value; `domain/check.ts`).
 * @param baseUrl URL of the data folder, e.g. `new URL('data/', document.baseURI)`.
 * @throws DataLoadError naming the file that is missing or malformed.
 */
export async function loadAppData(baseUrl: URL): Promise<AppData> {
  const url = (file: string) => new URL(file, baseUrl).href;
  const json = await fetchJson(url('manifest.json'), 'manifest.json');
  const problem = checkManifest(json);
  if (problem) throw new DataLoadError('manifest.json', `unexpected shape (${problem})`);
  const manifest = json as Manifest;
  // Above TILED_ABOVE carriers the build writes an index and tiles instead of carriers.geojson.
  if (manifest.layers[INDEX_LAYER]) return loadTiledAppData(manifest, url);
  const carriersFile = manifest.layers.carriers?.file ?? 'carriers.geojson';
  const raw = (await fetchJson(url(carriersFile), carriersFile)) as FeatureCollection<Point | null>;
  if (raw?.type !== 'FeatureCollection' || !Array.isArray(raw.features)) {
    throw new DataLoadError(carriersFile, 'is not a GeoJSON FeatureCollection');
  }
  const carriers: CarrierProps[] = [];
  const points: Array<Feature<Point, CarrierProps>> = [];
  for (const f of raw.features) {
    const p = checkCarrierProps(f?.properties) ?? checkPointOrNull(f.geometry ?? null);
    if (p) throw new DataLoadError(carriersFile, `feature ${String(f?.id)}: ${p}`);
    const props = f.properties as CarrierProps;
    carriers.push(props);
    if (f.geometry) points.push({ type: 'Feature', id: f.id, geometry: f.geometry, properties: props });
  }
  const districtById = new Map(manifest.districts.map((d) => [d.id, d]));
  const pointById = new Map(points.map((f) => [f.properties.id, f.geometry.coordinates as [number, number]]));
  return {
    manifest,
    carriers,
    carrierById: new Map(carriers.map((c) => [c.id, c])),
    districtById,
    carrierPoints: { type: 'FeatureCollection', features: points },
    parkMarkers: parkMarkersOf(carriers, (id) => pointById.get(id), districtById),
    pointById,
    url,
  };
}

/**
 * The tiled data path (geo/build/tiles.ts): loads the carrier index named by the manifest's
 * `carrier-index` layer and builds the records it describes (`carrierStubs`); full records come
 * from their shards on demand (`TiledData.record`).
 * @param manifest the checked manifest; @param url resolves a built file's name to its absolute URL.
 * @throws DataLoadError when the index is missing or malformed.
 */
export async function loadTiledAppData(manifest: Manifest, url: (file: string) => string): Promise<AppData> {
  const file = manifest.layers[INDEX_LAYER]?.file ?? 'carrier-index.json';
  const index = (await fetchJson(url(file), file)) as CarrierIndexFile;
  let stubs: ReturnType<typeof carrierStubs>;
  try {
    stubs = carrierStubs(index, manifest.directions, manifest.districts);
  } catch (e) {
    throw new DataLoadError(file, (e as Error).message);
  }
  const { carriers, pointById } = stubs;
  const districtById = new Map(manifest.districts.map((d) => [d.id, d]));
  const shards = new Map<number, Promise<RecordShard>>();
  const record = async (id: string) => {
    const shard = shardOf(id, index.records.shards);
    const name = shardFile(index.records.url, shard);
    let pending = shards.get(shard);
    if (!pending) {
      pending = fetchJson(url(name), name) as Promise<RecordShard>;
      pending.catch(() => shards.delete(shard));
      shards.set(shard, pending);
    }
    const found = (await pending)?.[id];
    const problem = found ? checkCarrierProps(found) : 'not in its shard';
    if (problem) throw new DataLoadError(name, `record ${id}: ${problem}`);
    return found;
  };
  return {
    manifest,
    carriers,
    carrierById: new Map(carriers.map((c) => [c.id, c])),
    districtById,
    carrierPoints: { type: 'FeatureCollection', features: [] },
    parkMarkers: parkMarkersOf(carriers, (id) => pointById.get(id), districtById),
    pointById,
    url,
    // Not through `URL`: it would percent-encode the template's braces.
    tiled: { tiles: { ...index.tiles, url: url('') + index.tiles.url }, record },
  };
}

/** A gazetteer point (town, named place, station or airport) with its coordinates. */
export type GazetteerPlace = GazetteerProps & { point: [number, number] };

/**
 * Loads the gazetteer's points (`gazetteer.geojson`) for the search. Not on the start-up path: the
 * map draws the same file as its own source; the search asks for it on first use.
 * @returns the points in file order; `[]` when the manifest lists no gazetteer layer.
 * @throws DataLoadError when the file is missing or a feature is malformed.
 */
export async function loadGazetteer(data: Pick<AppData, 'manifest' | 'url'>): Promise<GazetteerPlace[]> {
  const file = data.manifest.layers.gazetteer?.file;
  if (!file) return [];
  const raw = (await fetchJson(data.url(file), file)) as FeatureCollection<Point | null>;
  if (raw?.type !== 'FeatureCollection' || !Array.isArray(raw.features)) {
    throw new DataLoadError(file, 'is not a GeoJSON FeatureCollection');
  }
  return raw.features.flatMap((f) => {
    const p = checkGazetteerProps(f?.properties);
    if (p) throw new DataLoadError(file, `feature ${String(f?.id)}: ${p}`);
    const c = f.geometry?.coordinates;
    return c && c.length >= 2 ? [{ ...(f.properties as GazetteerProps), point: [c[0], c[1]] as [number, number] }] : [];
  });
}

type DistrictPolygons = FeatureCollection<Polygon | MultiPolygon, { id: string }>;
/** The district polygons, fetched once per data URL and only when first needed. */
const districtPolygons = new Map<string, Promise<DistrictPolygons>>();

/**
 * Loads the district polygons (`districts.geojson`, the map's own source) for the tools that test
 * points against them (the site tool, proximity). Not on the start-up path.
 * @throws DataLoadError when the file is missing or not a FeatureCollection (a failed load is not cached).
 */
export function loadDistrictPolygons(data: Pick<AppData, 'url'>): Promise<DistrictPolygons> {
  const url = data.url('districts.geojson');
  let pending = districtPolygons.get(url);
  if (!pending) {
    pending = fetchJson(url, 'districts.geojson').then((raw) => {
      const fc = raw as DistrictPolygons;
      if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
        throw new DataLoadError('districts.geojson', 'is not a GeoJSON FeatureCollection');
      return fc;
    });
    pending.catch(() => districtPolygons.delete(url));
    districtPolygons.set(url, pending);
  }
  return pending;
}

/** The gazetteer, loaded once per data URL (`loadGazetteer`); a failed load is not cached. */
const gazetteers = new Map<string, Promise<GazetteerPlace[]>>();
export function gazetteerOnce(data: Pick<AppData, 'manifest' | 'url'>): Promise<GazetteerPlace[]> {
  const key = data.url('');
  let pending = gazetteers.get(key);
  if (!pending) {
    pending = loadGazetteer(data);
    pending.catch(() => gazetteers.delete(key));
    gazetteers.set(key, pending);
  }
  return pending;
}
