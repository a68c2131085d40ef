/**
 * The planner's questions answered from the state: the proximity query (`view.near`) and the site
 * finder (`view.needs`), over the records the filter matches. Pure; the map draws these results and
 * the tools list them, so both show the same answer. District polygons and the gazetteer's places
 * are loaded on demand: until they arrive, proximity uses the districts' boxes and the site finder
 * waits (`pending`).
 */
import { carrierMatches, type FilterState } from '../analysis/filter';
import {
  type DistrictShapes,
  type LonLat,
  type NearestOfDirection,
  nearestByDirection,
  originOf,
  type PointIndex,
  type WithinResult,
  withinRadius,
} from '../analysis/proximity';
import { rankSites, type SitePlace, type SiteResult } from '../analysis/siteFinder';
import type { CarrierProps, DistrictInfo } from '../domain/built';
import type { Near, SiteNeeds } from './store';

/** The data the answers depend on. */
export interface AnalysisData {
  carriers: readonly CarrierProps[];
  pointById: PointIndex;
  districts: readonly DistrictInfo[];
  directions: ReadonlyArray<{ key: string; zh: string; en: string }>;
  /** District polygons, once loaded (`districts.geojson`). */
  polygons?: DistrictShapes['polygons'];
  /** The gazetteer's points, once loaded. */
  places?: readonly SitePlace[];
}

/** The proximity answer: what lies within the radius, and the nearest record of each chosen direction. */
export interface NearAnswer {
  result: WithinResult;
  nearest: NearestOfDirection[];
}

/** The answers, or why there is none. */
export interface Answers {
  /** `null`: no query; `unplaced`: the origin record has no point to measure from. */
  near: NearAnswer | 'unplaced' | null;
  /** `null`: not asked; `pending`: the gazetteer is not loaded yet; otherwise the ranking. */
  sites: SiteResult[] | 'pending' | { error: string } | null;
}

/** The site finder's question as the ranking reads it (the company's directions are the filter's). */
function profileOf(needs: SiteNeeds, filter: FilterState) {
  return {
    directions: filter.directions,
    districts: needs.districts,
    maxRail_km: needs.rail_km,
    maxAirport_km: needs.airport_km,
    university_km: needs.university_km,
    includeCarriers: needs.carriers,
    inherit: filter.inherit,
  };
}

/**
 * Answers the view's proximity query and site-finder question.
 * @param view the filter and the two questions.
 */
export function answersOf(
  data: AnalysisData,
  view: { filter: FilterState; near: Near | null; needs: SiteNeeds | null },
): Answers {
  const matching = data.carriers.filter((c) => carrierMatches(c, view.filter));
  let near: Answers['near'] = null;
  if (view.near) {
    const o = view.near.origin;
    const record = 'record' in o ? data.carriers.find((c) => c.id === o.record) : undefined;
    const origin: LonLat | ReturnType<typeof originOf> =
      'point' in o ? o.point : record ? originOf(record, data.pointById) : null;
    if (!origin) near = 'unplaced';
    else {
      const shapes: DistrictShapes = data.polygons
        ? { polygons: data.polygons }
        : { bboxes: data.districts.map((d) => ({ id: d.id, bbox: d.bbox })) };
      // The origin record is not its own neighbour.
      const others = matching.filter((c) => c.id !== record?.id);
      const result = withinRadius(origin, view.near.radius_km, others, data.pointById, shapes);
      const point = 'point' in o ? o.point : result.origin.point;
      near = {
        result,
        nearest: nearestByDirection(point, others, data.pointById, view.filter.directions, {
          inherit: view.filter.inherit,
        }),
      };
    }
  }
  let sites: Answers['sites'] = null;
  if (view.needs) {
    const distances =
      view.needs.rail_km !== null || view.needs.airport_km !== null || view.needs.university_km !== null;
    if (distances && !data.places) sites = 'pending';
    else {
      try {
        // Every candidate is ranked (the directions score, they do not filter), so a park that lacks
        // a direction still shows, lower, with the reason.
        sites = rankSites(data.carriers, data.pointById, data.places ?? [], profileOf(view.needs, view.filter), {
          directions: data.directions,
          districts: data.districts,
        });
      } catch (e) {
        sites = { error: (e as Error).message };
      }
    }
  }
  return { near, sites };
}

/** Most lines drawn from a proximity origin to what it found (the nearest first). */
const MAX_NEAR_LINES = 40;
/** Most ranks drawn by the site finder. */
const MAX_RANKS = 10;

/** The map's drawing of the answers (`Answers`): features with a `kind` the analysis layers filter on. */
export function answerFeatures(answers: Answers): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  const near = answers.near;
  if (near && near !== 'unplaced') {
    const { result } = near;
    features.push({ ...result.circle, properties: { kind: 'near-circle' } });
    const o = result.origin.point;
    for (const hit of result.hits.slice(0, MAX_NEAR_LINES)) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [o, hit.point] },
        properties: { kind: 'near-line', id: hit.id },
      });
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: o },
      properties: { kind: 'near-origin' },
    });
  }
  if (Array.isArray(answers.sites)) {
    for (const r of answers.sites) {
      if (r.rank === null || r.rank > MAX_RANKS || !r.point) continue;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: r.point },
        properties: { kind: 'rank', rank: r.rank, id: r.id },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The map's drawing of the answers for a view, from `data` (read when called, so polygons and
 * places that arrive later are used), with a key that changes when the drawing does.
 */
export function analysisDrawing(data: AnalysisData) {
  return (view: { filter: FilterState; near: Near | null; needs: SiteNeeds | null }) => {
    const fc = answerFeatures(answersOf(data, view));
    return { key: JSON.stringify(fc), data: fc };
  };
}
