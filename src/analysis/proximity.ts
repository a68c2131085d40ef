/**
 * Distances, honest about precision (issue 11, "Proximity"). Pure functions over built records and
 * their points; the map draws what they return.
 *
 * - Coordinates are WGS-84 `[lon, lat]` degrees; distances and radii are kilometres.
 * - Distances are great-circle distances from turf's `distance` (the haversine formula on a sphere of
 *   radius 6371.0088 km, the mean Earth radius turf uses).
 * - A record has a point only at precision `site`, `area` or `town`. Its **uncertainty** (the radius,
 *   km, within which it lies around that point) is 0 for a `site`; for a `town` its place's
 *   `uncertainty_km` (the build's township radius, `TOWN_RADIUS_KM`); for an `area` the radius given in
 *   `areaRadius_km` if any, else its place's `uncertainty_km` (the radius of its circle in
 *   `carrier-areas.geojson`), else `DEFAULT_UNCERTAINTY_KM`.
 * - Records at precision `district` or `district-set` have no point and are **never given a distance**:
 *   they are listed as "in a district the circle reaches, location unknown".
 * - A distance is only as precise as its two ends: the uncertainty of a hit is the record's plus the
 *   origin's (a bound: the two errors may add up). Phrases round to 1 km when that uncertainty is 1 km
 *   or more, else to 0.1 km (`distancePhrase`).
 */
import { bboxPolygon, booleanIntersects, circle, distance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CarrierProps } from '../domain/built';
import type { Lang } from '../domain/localized';
import { carrierKeys, isUnplaced } from './filter';

/** A WGS-84 position, `[longitude, latitude]` in degrees. */
export type LonLat = [number, number];

/** Points of the records drawn at a point (`AppData.pointById`), by record id. */
export type PointIndex = ReadonlyMap<string, LonLat>;

/**
 * Uncertainty (km) used for an `area` or `town` record whose place gives none. Equal to the larger
 * township radius of geo/build/geocode.ts `TOWN_RADIUS_KM` (a town seat: 5 km), so it never claims more
 * precision than the build's own circles.
 */
export const DEFAULT_UNCERTAINTY_KM = 5;

/** Vertices of the proximity circle (`proximityCircle`): the polygon the reach of districts is tested on. */
export const CIRCLE_STEPS = 64;

/** The place a record's point stands for (a town seat or a named area's centre), as the record's `place`. */
export type PlaceName = { name_zh: string; name_en: string };

/** Options shared by the functions that locate records. */
export interface LocateOptions {
  /**
   * Radius (km) of an `area` record's area, by record id, overriding its place's `uncertainty_km`
   * (e.g. half the diagonal of the area's bbox in `carrier-areas.geojson`).
   */
  areaRadius_km?: ReadonlyMap<string, number>;
}

/** A record that has a point. */
export interface Located {
  id: string;
  record: CarrierProps;
  point: LonLat;
  precision: 'site' | 'area' | 'town';
  /** Radius (km) within which the record lies around `point`: 0 for a site. */
  uncertainty_km: number;
  /** The town or area the point stands for (`record.place`), when given. */
  place?: PlaceName;
}

/**
 * The uncertainty (km) of a record's point (rules in the module comment).
 * @returns 0 for `site`; the town's or area's radius; `null` for `district` / `district-set` (no point).
 */
export function uncertaintyKm(
  record: Pick<CarrierProps, 'id' | 'precision' | 'place'>,
  options: LocateOptions = {},
): number | null {
  switch (record.precision) {
    case 'site':
      return 0;
    case 'area':
      return options.areaRadius_km?.get(record.id) ?? record.place?.uncertainty_km ?? DEFAULT_UNCERTAINTY_KM;
    case 'town':
      return record.place?.uncertainty_km ?? DEFAULT_UNCERTAINTY_KM;
    default:
      return null;
  }
}

/**
 * A record's point and uncertainty.
 * @param points `AppData.pointById` (or any map of record id → `[lon, lat]`).
 * @returns `null` when the record has no point: precision `district` / `district-set` (even if `points`
 *   held one), or a placed precision missing from `points` (treated as location unknown).
 */
export function locate(record: CarrierProps, points: PointIndex, options: LocateOptions = {}): Located | null {
  if (isUnplaced(record)) return null;
  const point = points.get(record.id);
  const u = uncertaintyKm(record, options);
  if (!point || u === null) return null;
  return {
    id: record.id,
    record,
    point,
    precision: record.precision as Located['precision'],
    uncertainty_km: u,
    place: record.place ? { name_zh: record.place.name_zh, name_en: record.place.name_en } : undefined,
  };
}

/**
 * Where distances are measured from: a clicked point (exact: uncertainty 0), or a record's point with
 * its uncertainty and place (`originOf`).
 */
export interface Origin {
  point: LonLat;
  /** Radius (km) within which the true origin lies; 0 for a clicked point or a site. */
  uncertainty_km: number;
  /** The town or area an approximate origin stands for. */
  place?: PlaceName;
  /** The record measured from, when the origin is a record. */
  id?: string;
}

/**
 * The origin of a query from a record: its point, uncertainty and place.
 * @returns `null` for a record with no point (known only by district): distances cannot be measured
 *   from it, and the UI says so.
 */
export function originOf(record: CarrierProps, points: PointIndex, options: LocateOptions = {}): Origin | null {
  const at = locate(record, points, options);
  return at ? { point: at.point, uncertainty_km: at.uncertainty_km, place: at.place, id: at.id } : null;
}

function toOrigin(origin: LonLat | Origin): Origin {
  const o = Array.isArray(origin) ? { point: origin as LonLat, uncertainty_km: 0 } : origin;
  const [lon, lat] = o.point;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`origin [${lon}, ${lat}] is not a WGS-84 [lon, lat] position in degrees`);
  }
  if (!(o.uncertainty_km >= 0)) throw new RangeError(`origin uncertainty ${o.uncertainty_km} km is not ≥ 0`);
  return o;
}

/** A record with its distance from an origin. */
export interface ProximityHit extends Located {
  /** Great-circle distance (km) from the origin's point to the record's point. */
  distance_km: number;
  /** The record's own uncertainty (km): `Located.uncertainty_km`. */
  record_uncertainty_km: number;
  /** The origin's uncertainty (km). */
  origin_uncertainty_km: number;
  /** The origin's place, when the origin is approximate. */
  origin_place?: PlaceName;
  /** Whether the distance is approximate (`uncertainty_km` > 0). */
  approx: boolean;
}

function hitOf(at: Located, o: Origin): ProximityHit {
  const u = at.uncertainty_km + o.uncertainty_km;
  return {
    ...at,
    distance_km: distance(o.point, at.point, { units: 'kilometers' }),
    uncertainty_km: u,
    record_uncertainty_km: at.uncertainty_km,
    origin_uncertainty_km: o.uncertainty_km,
    origin_place: o.uncertainty_km > 0 ? o.place : undefined,
    approx: u > 0,
  };
}

/**
 * The distance of one record from an origin.
 * @returns the hit, or `null` when the record has no point (`locate`).
 * @throws RangeError when the origin is not a WGS-84 position.
 */
export function distanceTo(
  origin: LonLat | Origin,
  record: CarrierProps,
  points: PointIndex,
  options: LocateOptions = {},
): ProximityHit | null {
  const at = locate(record, points, options);
  return at ? hitOf(at, toOrigin(origin)) : null;
}

/** A record with no point in a district the circle reaches: never given a distance. */
export interface LocationUnknown {
  id: string;
  record: CarrierProps;
  /** Of the record's districts, those the circle reaches. */
  districts: string[];
}

/** District shapes the reach of a circle is tested on (`withinRadius`). */
export interface DistrictShapes {
  /** District polygons (`districts.geojson`), each with its `id` property: the exact test. */
  polygons?: FeatureCollection<Polygon | MultiPolygon, { id: string }>;
  /** Districts' `[west, south, east, north]` boxes (the manifest's `bbox`): used when no polygons are given; over-reaches. */
  bboxes?: ReadonlyArray<{ id: string; bbox: [number, number, number, number] }>;
}

/** What lies within a radius. */
export interface WithinResult {
  origin: Origin;
  radius_km: number;
  /** The circle tested (and drawn): `proximityCircle(origin.point, radius_km)`. */
  circle: Feature<Polygon>;
  /** Records whose point is within the radius, nearest first. */
  hits: ProximityHit[];
  /** Records with no point in a district the circle reaches ("location unknown"), in input order. */
  unknown: LocationUnknown[];
  /** Districts the circle reaches, in the order of the shapes given. */
  reached: string[];
  /** What the reach was tested on: district polygons, or their bounding boxes. */
  reach: 'polygons' | 'bboxes';
}

/**
 * The circle of a proximity query: a geodesic circle (turf `circle`, `CIRCLE_STEPS` vertices on the
 * circle, so its edges cut inside the true circle by at most radius × (1 − cos(π / 64)) ≈ 0.12 %).
 * @throws RangeError when `radius_km` is not a positive finite number.
 */
export function proximityCircle(center: LonLat, radius_km: number): Feature<Polygon> {
  if (!(radius_km > 0) || !Number.isFinite(radius_km)) throw new RangeError(`radius ${radius_km} km is not > 0`);
  return circle(center, radius_km, { steps: CIRCLE_STEPS, units: 'kilometers' });
}

/**
 * Records within `radius_km` of an origin, and the unplaced records of the districts the circle reaches.
 *
 * - A record with a point is a hit when the great-circle distance from the origin's point to its point
 *   is ≤ `radius_km` (the point decides; its uncertainty is reported, not used to widen the circle).
 *   Hits are sorted by distance, ties in input order.
 * - A record with no point (or a placed precision missing from `points`) is listed in `unknown` when
 *   the circle reaches one of its districts, never with a distance. The circle reaches a district when
 *   turf's `booleanIntersects` finds the circle polygon (`proximityCircle`) and the district's polygon
 *   intersect (`shapes.polygons`), or else its bounding box (`shapes.bboxes`; `reach` says which).
 *
 * @param origin a clicked point (exact), or a record's origin (`originOf`).
 * @param records the records to search (typically those the filter matches).
 * @param points record id → `[lon, lat]` (`AppData.pointById`).
 * @throws RangeError for a bad origin or radius; Error when `shapes` holds neither polygons nor boxes.
 */
export function withinRadius(
  origin: LonLat | Origin,
  radius_km: number,
  records: readonly CarrierProps[],
  points: PointIndex,
  shapes: DistrictShapes,
  options: LocateOptions = {},
): WithinResult {
  const o = toOrigin(origin);
  const ring = proximityCircle(o.point, radius_km);
  let reach: WithinResult['reach'];
  let reached: string[];
  if (shapes.polygons) {
    reach = 'polygons';
    reached = shapes.polygons.features.filter((f) => booleanIntersects(ring, f)).map((f) => f.properties.id);
  } else if (shapes.bboxes) {
    reach = 'bboxes';
    reached = shapes.bboxes.filter((d) => booleanIntersects(ring, bboxPolygon(d.bbox))).map((d) => d.id);
  } else {
    throw new Error('withinRadius: district shapes are needed (polygons or bboxes)');
  }
  const hits: ProximityHit[] = [];
  const unknown: LocationUnknown[] = [];
  for (const r of records) {
    const at = locate(r, points, options);
    if (at) {
      const hit = hitOf(at, o);
      if (hit.distance_km <= radius_km) hits.push(hit);
      continue;
    }
    const districts = r.districts.filter((d) => reached.includes(d));
    if (districts.length > 0) unknown.push({ id: r.id, record: r, districts });
  }
  hits.sort((a, b) => a.distance_km - b.distance_km);
  return { origin: o, radius_km, circle: ring, hits, unknown, reached, reach };
}

/** The nearest record carrying one direction. */
export interface NearestOfDirection {
  key: string;
  /** The record whose point is nearest (ties: input order); `null` when no record carrying it has a point. */
  nearest: ProximityHit | null;
  /**
   * Other records carrying the direction that may be as near, given the uncertainties: those whose
   * nearest possible distance (distance − uncertainty) is within the nearest's farthest possible
   * (distance + uncertainty). Sorted by distance.
   */
  contenders: ProximityHit[];
  /** Records carrying the direction with no point (could be nearer; location unknown). */
  unplaced: number;
}

/**
 * For each direction, the nearest record with a point that carries it.
 * @param directionKeys the directions asked for, in the order returned.
 * @param options `inherit`: a record also carries its district's focus directions (as the filter's
 *   option); default false (own directions only).
 * @throws RangeError for a bad origin.
 */
export function nearestByDirection(
  origin: LonLat | Origin,
  records: readonly CarrierProps[],
  points: PointIndex,
  directionKeys: readonly string[],
  options: LocateOptions & { inherit?: boolean } = {},
): NearestOfDirection[] {
  const o = toOrigin(origin);
  const measured = records.map((r) => {
    const at = locate(r, points, options);
    return { keys: carrierKeys(r, options.inherit ?? false), hit: at ? hitOf(at, o) : null };
  });
  return directionKeys.map((key) => {
    const carrying = measured.filter((m) => m.keys.has(key));
    const hits = carrying.flatMap((m) => (m.hit ? [m.hit] : [])).sort((a, b) => a.distance_km - b.distance_km);
    const nearest = hits[0] ?? null;
    const reach = nearest ? nearest.distance_km + nearest.uncertainty_km : 0;
    return {
      key,
      nearest,
      contenders: hits.slice(1).filter((h) => h.distance_km - h.uncertainty_km <= reach),
      unplaced: carrying.length - hits.length,
    };
  });
}

/** The rounding step (km) a distance with this uncertainty allows: 1 km from 1 km of uncertainty, else 0.1 km. */
export function roundingStepKm(uncertainty_km: number): 1 | 0.1 {
  return uncertainty_km >= 1 ? 1 : 0.1;
}

/** A distance (km) rounded to `roundingStepKm(uncertainty_km)` and written without a unit ("3", "2.4"). */
export function formatKm(km: number, uncertainty_km: number): string {
  return roundingStepKm(uncertainty_km) === 1 ? String(Math.round(km)) : (Math.round(km * 10) / 10).toFixed(1);
}

/** An uncertainty (km) written with at most one decimal ("3", "3.5"). */
export function formatUncertaintyKm(km: number): string {
  return String(Math.round(km * 10) / 10);
}

/** What a distance needs for its phrase. */
export type PhraseInput = Pick<
  ProximityHit,
  | 'distance_km'
  | 'uncertainty_km'
  | 'record_uncertainty_km'
  | 'precision'
  | 'place'
  | 'origin_uncertainty_km'
  | 'origin_place'
>;

/**
 * A distance in honest words, in `lang`:
 *
 * - exact (site to clicked point or site): `2.4 km` / `2.4 公里` (0.1 km);
 * - approximate: `about 3 km (within Lujia Town, ± 5 km)` / `约 3 公里（位于陆家镇，位置误差约 5 公里）`
 *   (1 km steps from 1 km of uncertainty; `near …` / `…一带` for an area; the origin's place is named
 *   when the origin is approximate: `measured from near Jinji Lake` / `起点位于金鸡湖一带`);
 * - when the distance is less than its uncertainty, the record may be right here, so only an upper
 *   bound (distance + uncertainty) is stated: `up to about 6 km (…)` / `约 6 公里以内（…）`.
 */
export function distancePhrase(hit: PhraseInput, lang: Lang): string {
  const d = hit.distance_km;
  const u = hit.uncertainty_km;
  if (u === 0) return lang === 'zh' ? `${formatKm(d, 0)} 公里` : `${formatKm(d, 0)} km`;
  const clauses: string[] = [];
  if (hit.record_uncertainty_km > 0) {
    const p = hit.place;
    if (lang === 'zh')
      clauses.push(p ? (hit.precision === 'town' ? `位于${p.name_zh}` : `位于${p.name_zh}一带`) : '位置为近似');
    else
      clauses.push(
        p ? (hit.precision === 'town' ? `within ${p.name_en}` : `near ${p.name_en}`) : 'approximate location',
      );
  }
  if (hit.origin_uncertainty_km > 0) {
    const p = hit.origin_place;
    if (lang === 'zh') clauses.push(p ? `起点位于${p.name_zh}一带` : '起点为近似位置');
    else clauses.push(p ? `measured from near ${p.name_en}` : 'measured from an approximate point');
  }
  const upTo = d < u;
  const km = formatKm(upTo ? d + u : d, u);
  const pm = formatUncertaintyKm(u);
  if (lang === 'zh') {
    const head = upTo ? `约 ${km} 公里以内` : `约 ${km} 公里`;
    return `${head}（${clauses.join('；')}，位置误差约 ${pm} 公里）`;
  }
  const head = upTo ? `up to about ${km} km` : `about ${km} km`;
  return `${head} (${clauses.join('; ')}, ± ${pm} km)`;
}
