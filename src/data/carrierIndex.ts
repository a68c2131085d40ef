/**
 * The tiled data path's files, shared by the build (`geo/build/tiles.ts` writes them) and the app
 * (`load.ts` reads them): the compact carrier index (`carrier-index.json`), the record shards
 * (`records/<shard>.json`) and how a record id maps to its shard.
 *
 * Above `TILED_ABOVE` carriers (geo/build/tiles.ts) the build does not write `carriers.geojson`:
 * the map draws pre-built vector tiles, the app holds this index (enough for the filter, the counts,
 * the names and the points), and a card fetches its full record from one shard.
 */
import type { CarrierProps, DistrictInfo } from '../domain/built';

/** Version of the index format; a reader refuses another. */
export const CARRIER_INDEX_VERSION = 1;

/** Manifest layer key of the index (`{ file: 'carrier-index.json', features: N }`). */
export const INDEX_LAYER = 'carrier-index';
/** Manifest layer key of the tiles (`{ file: 'tiles/carriers/{z}/{x}/{y}.pbf', features: N }`). */
export const TILES_LAYER = 'carrier-tiles';

/**
 * Prefixes of the flags a tile feature carries (geo/build/tiles.ts `TILE_PROPERTIES`): `dir:<key>`
 * for each direction, `kind:<kind>` for each kind and `in:<district id>` for each district of the
 * record(s) it stands for, each `true`.
 */
export const DIR_FLAG = 'dir:';
export const KIND_FLAG = 'kind:';
export const DISTRICT_FLAG = 'in:';

/** A place a record is drawn at (`area` or `town` precision): deduplicated in the index. */
export interface IndexPlace {
  id: string;
  name_zh: string;
  name_en: string;
  uncertainty_km: number;
}

/**
 * `carrier-index.json`: one entry per carrier (parks included) in build order, stored as columns
 * of equal length `count` (a row is an index i into every column). Small integers index the
 * dictionaries; `-1` means "none". Coordinates are WGS-84 degrees × 1e5, rounded (±0.5e-5°, about
 * 0.5 m), `null` for a record with no point (district or district-set precision).
 */
export interface CarrierIndexFile {
  version: typeof CARRIER_INDEX_VERSION;
  count: number;
  /**
   * The vector tiles: URL template relative to the data folder, zoom range, layer name, and the
   * zoom from which features carry their names (the map labels carriers from there).
   */
  tiles: { url: string; minzoom: number; maxzoom: number; layer: string; labelsFrom: number };
  /** The full records: `url` relative to the data folder with `{shard}`, and the number of shards (a power of 2). */
  records: { url: string; shards: number };
  /** Dictionaries the columns index. */
  districts: string[];
  kinds: string[];
  precisions: string[];
  /** Distinct encoded own-direction sets (`|a|b|`, as `CarrierProps.dirs`). */
  dirSets: string[];
  /** Distinct district sets of `district-set` records, with how they were determined. */
  districtSets: Array<{ districts: string[]; extent?: CarrierProps['extent'] }>;
  /** Distinct role lists. */
  roleSets: string[][];
  places: IndexPlace[];
  columns: {
    id: string[];
    name_zh: string[];
    name_en: string[];
    district: number[];
    /** Into `districtSets` for a `district-set` record, else -1. */
    districtSet: number[];
    kind: number[];
    precision: number[];
    dirs: number[];
    roles: number[];
    park: Array<0 | 1>;
    /** Into `places`, else -1. */
    place: number[];
    lon: Array<number | null>;
    lat: Array<number | null>;
  };
}

/** The index's columns, all required. */
const COLUMNS: ReadonlyArray<keyof CarrierIndexFile['columns']> = [
  'id',
  'name_zh',
  'name_en',
  'district',
  'districtSet',
  'kind',
  'precision',
  'dirs',
  'roles',
  'park',
  'place',
  'lon',
  'lat',
];

/** Coordinate scale of the index's `lon`/`lat` columns (units per degree). */
export const COORD_SCALE = 1e5;

/**
 * The shard (0 … shards−1) holding a record: 32-bit FNV-1a over the id's UTF-16 code units
 * (offset basis 2166136261, prime 16777619; http://www.isthe.com/chongo/tech/comp/fnv/), masked to
 * `shards`, which must be a power of 2. A well-spread hash keeps shards of near-equal size.
 */
export function shardOf(id: string, shards: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) & (shards - 1);
}

/** A shard's file name relative to the data folder, from the index's `records.url` template. */
export function shardFile(template: string, shard: number): string {
  return template.replace('{shard}', String(shard));
}

/** `records/<shard>.json`: the full records of one shard, by id. */
export type RecordShard = Record<string, CarrierProps>;

/** What `carrierStubs` derives from an index. */
export interface IndexedCarriers {
  /**
   * One record per index row, with everything the filter, the counts, names and the map's
   * derivations read (id, names, kind, district(s), roles, park, own and inherited direction keys,
   * precision, extent, place). Not in the index, hence empty: aliases, seed text, reading notes,
   * basis (`''`), citations (`sources: []`), the wording of each direction (`term` is the
   * direction's Chinese name, `basis` `stated`). Arrays are shared between rows: never mutate them.
   */
  carriers: CarrierProps[];
  /** [lon, lat] degrees of each record with a point. */
  pointById: Map<string, [number, number]>;
}

/**
 * Checks the index's shape (version, column lengths) and builds the records it describes.
 * @param directions the taxonomy (`manifest.directions`): a direction's Chinese name stands for the term.
 * @param districts the manifest's districts, for the directions each record inherits.
 * @throws Error naming the first problem (another version, a missing or short column).
 */
export function carrierStubs(
  index: CarrierIndexFile,
  directions: ReadonlyArray<{ key: string; zh: string }>,
  districts: ReadonlyArray<Pick<DistrictInfo, 'id' | 'direction_keys'>>,
): IndexedCarriers {
  if (index?.version !== CARRIER_INDEX_VERSION) throw new Error(`index version ${String(index?.version)} is not 1`);
  const n = index.count;
  const cols = index.columns;
  for (const name of COLUMNS) {
    const col = cols?.[name];
    if (!Array.isArray(col) || col.length !== n) throw new Error(`column ${name} does not have ${n} entries`);
  }
  const zhOf = new Map(directions.map((d) => [d.key, d.zh]));
  const inherited = new Map(districts.map((d) => [d.id, d.direction_keys]));
  const inhEncoded = new Map(districts.map((d) => [d.id, encode(d.direction_keys)]));
  // Shared arrays, one per distinct value: 100,000 rows hold a few hundred arrays between them.
  const own = index.dirSets.map((s) =>
    s
      .split('|')
      .filter(Boolean)
      .map((key) => ({ key, basis: 'stated' as const, term: zhOf.get(key) ?? key })),
  );
  const single = new Map(index.districts.map((d) => [d, [d]]));
  const none: never[] = [];
  const carriers: CarrierProps[] = new Array(n);
  const pointById = new Map<string, [number, number]>();
  for (let i = 0; i < n; i++) {
    const district = index.districts[cols.district[i]];
    const set = cols.districtSet[i] >= 0 ? index.districtSets[cols.districtSet[i]] : undefined;
    const place = cols.place[i] >= 0 ? index.places[cols.place[i]] : undefined;
    const id = cols.id[i];
    carriers[i] = {
      id,
      kind: index.kinds[cols.kind[i]] as CarrierProps['kind'],
      name_zh: cols.name_zh[i],
      aliases: none,
      name_en: cols.name_en[i],
      name_en_status: 'translation',
      district,
      districts: set ? set.districts : (single.get(district) ?? [district]),
      roles: index.roleSets[cols.roles[i]] as CarrierProps['roles'],
      park: cols.park[i] === 1,
      directions_own: own[cols.dirs[i]],
      directions_inherited: inherited.get(district) ?? none,
      dirs: index.dirSets[cols.dirs[i]],
      dirs_inh: inhEncoded.get(district) ?? '|',
      precision: index.precisions[cols.precision[i]] as CarrierProps['precision'],
      ...(set?.extent ? { extent: set.extent } : {}),
      basis: '',
      basis_zh: '',
      ...(place ? { place } : {}),
      sources: none,
    };
    const lon = cols.lon[i];
    const lat = cols.lat[i];
    if (lon !== null && lat !== null) pointById.set(id, [lon / COORD_SCALE, lat / COORD_SCALE]);
  }
  return { carriers, pointById };
}

/** `encodeKeys` of src/domain/taxonomy.ts (`|a|b|`), restated so this module needs no taxonomy code. */
function encode(keys: readonly string[]): string {
  return keys.length === 0 ? '|' : `|${keys.join('|')}|`;
}
