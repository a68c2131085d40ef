/**
 * Checks of the points records write themselves (a place's centre, a record's own site, a site
 * entry given in WGS-84): that they are in Suzhou, in their district, not lon/lat swapped, and not
 * a Chinese web map's coordinate stored as if it were WGS-84.
 *
 * The datum check: AMap and Tencent show GCJ-02 and Baidu BD-09, both shifted from WGS-84 by a
 * few hundred metres to a kilometre in Suzhou. A point copied from such a map without conversion
 * lands where that map would put the thing, so it sits at a well-known offset from the thing's true
 * WGS-84 position. When a gazetteer point (towns, named places, stations: all WGS-84, see
 * ../shared/geo/README.md) converted to GCJ-02 or BD-09 with gcoord falls within
 * `DATUM_MATCH_M` of the record's point, while the gazetteer point itself is at least
 * `DATUM_MIN_OFFSET_M` away, the record's point has that datum's signature. A record whose point
 * is right all the same says why in `datum_checked` (at least ten characters), which silences it.
 */
import { booleanPointInPolygon, distance, point } from '@turf/turf';
import gcoord from 'gcoord';
import type { DistrictPolygons } from './check';
import type { GazetteerEntry } from './gazetteer';
import { type BuildIssue, issueAt, type RecordAt } from './issues';

/** Largest distance (m) from a gazetteer point's shifted position that counts as a match. */
export const DATUM_MATCH_M = 40;
/** Smallest distance (m) from the gazetteer point itself for a match to be a shift (GCJ-02 moves ~500 m here). */
export const DATUM_MIN_OFFSET_M = 150;
/** Gazetteer points farther than this (km) from a record's point are not compared. */
const NEAR_KM = 5;

/** A point a record writes, with where its fields are. */
export interface RecordPoint {
  lon: number;
  lat: number;
  /** The district the record says it is in. */
  district: string;
  at: RecordAt;
  /** Dotted path of the longitude field (`lon`, `location.lon`); latitude is beside it. */
  lonField: string;
  /** The record's stated reason that a point with a datum's signature is right (`datum_checked`). */
  datumChecked?: string;
}

const km = (a: [number, number], b: [number, number]) => distance(point(a), point(b), { units: 'kilometers' });

/** The district whose polygon holds the point, or null outside every district of Suzhou. */
function districtOf(lonLat: [number, number], polygons: DistrictPolygons): string | null {
  for (const [id, poly] of polygons) if (booleanPointInPolygon(point(lonLat), poly)) return id;
  return null;
}

/**
 * Where a point is, against the district polygons: swapped (lat, lon in Suzhou when lon, lat is
 * not), outside Suzhou, or outside its own district (naming the district it is in).
 * @returns at most one issue, at the longitude's line.
 */
export function placementIssues(p: RecordPoint, polygons: DistrictPolygons): BuildIssue[] {
  const here = districtOf([p.lon, p.lat], polygons);
  if (here === p.district) return [];
  const issue = (message: string) => [issueAt(p.at, p.lonField, message)];
  if (here === null) {
    const swapped = districtOf([p.lat, p.lon], polygons);
    if (swapped !== null) {
      return issue(
        `lon ${p.lon}, lat ${p.lat} look swapped: as lon ${p.lat}, lat ${p.lon} the point is in ${swapped} ` +
          '(Suzhou is near lon 120.6, lat 31.3)',
      );
    }
    return issue(`point ${p.lon}, ${p.lat} lies outside Suzhou (in no district polygon of the base geography)`);
  }
  return issue(`point ${p.lon}, ${p.lat} lies outside the polygon of ${p.district} (it is in ${here})`);
}

/** The datums a copied point may have come from, as gcoord names them. */
const SHIFTS = [
  { name: 'GCJ-02', maps: 'AMap/高德, Tencent/腾讯', crs: gcoord.GCJ02 },
  { name: 'BD-09', maps: 'Baidu/百度', crs: gcoord.BD09 },
] as const;

/**
 * The datum check (see the file's comment): whether `p` sits where GCJ-02 or BD-09 would put a
 * nearby gazetteer point, unless the record states `datum_checked`.
 * @param gazetteer the gazetteer entries (WGS-84 points; entries without a point are skipped).
 * @returns at most one issue, at the longitude's line, naming the gazetteer point, the datum and
 *   both distances (m).
 */
export function datumIssues(p: RecordPoint, gazetteer: readonly GazetteerEntry[]): BuildIssue[] {
  if (p.datumChecked !== undefined) return [];
  const here: [number, number] = [p.lon, p.lat];
  for (const g of gazetteer) {
    if (!g.point || km(here, g.point) > NEAR_KM) continue;
    const fromTrue_m = km(here, g.point) * 1000;
    if (fromTrue_m < DATUM_MIN_OFFSET_M) continue;
    for (const s of SHIFTS) {
      const shifted = gcoord.transform(g.point, gcoord.WGS84, s.crs) as [number, number];
      const fromShifted_m = km(here, shifted) * 1000;
      if (fromShifted_m > DATUM_MATCH_M) continue;
      return [
        issueAt(
          p.at,
          p.lonField,
          `point ${p.lon}, ${p.lat} has the ${s.name} signature: it is ${Math.round(fromShifted_m)} m from where ` +
            `${s.name} (${s.maps}) puts ${g.name_zh} (${g.name_en}, gazetteer ${g.id}) and ` +
            `${Math.round(fromTrue_m)} m from its WGS-84 point. A coordinate read off such a map must be ` +
            'converted to WGS-84 with gcoord (say so in the basis); if this point is right, say why in datum_checked',
        ),
      ];
    }
  }
  return [];
}
