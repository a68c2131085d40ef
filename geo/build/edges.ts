/**
 * The edges of the map. The shared base layers are clipped to different boxes (water: 119.85–121.45 E,
 * 30.65–32.15 N; neighbouring cities: 119.4–122.1 E, 30.3–32.5 N; ../shared/geo/README.md), so a view
 * past a clip shows a straight seam: the Yangtze estuary stopping at 121.45 E. This module fixes
 * both ends: the map's view is bounded (`VIEW_BOUNDS`, written to the manifest as `max_bounds`), and
 * inside that bound the open water the GSHHG clip leaves out (the estuary, the sea and Hangzhou Bay
 * east and south-east of Suzhou) is derived as what no land polygon we hold covers there.
 */
import { bboxPolygon, difference, featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/**
 * [west, south, east, north] degrees the camera may show. West and north stop at the water clip
 * (beyond it the Yangtze upstream is not in the data); south at 30.4 N, clear of Ningbo's shore
 * (about 30.33 N) that no layer holds; east at the neighbours' clip (Shanghai's coast and the sea).
 */
export const VIEW_BOUNDS: [number, number, number, number] = [119.85, 30.4, 122.1, 32.5];

/**
 * Boxes outside the GSHHG water clip where every piece of land belongs to a city we hold
 * (上海, 南通, 嘉兴, or Suzhou), so that whatever they do not cover is water: east of 121.45 E
 * (estuary, sea) and, south of 30.65 N, east of 120.9 E (Hangzhou Bay off 嘉兴). West of 120.9 E
 * the land south of the clip includes 杭州, which we do not hold: nothing is derived there.
 */
const OPEN_WATER_BOXES: Array<[number, number, number, number]> = [
  // Each box reaches 0.01° into the clip, so that the two water layers overlap instead of leaving
  // a hairline of land colour along the clip line.
  [121.44, VIEW_BOUNDS[1], VIEW_BOUNDS[2], VIEW_BOUNDS[3]],
  [120.9, VIEW_BOUNDS[1], 121.45, 30.66],
];

type Land = Feature<Polygon | MultiPolygon>;

/**
 * The open water inside `OPEN_WATER_BOXES` not covered by `land` (neighbouring cities and Suzhou's
 * districts), as features of the water layer with `class: "derived"` and a note saying how.
 */
export function derivedOpenWater(land: readonly Land[]): FeatureCollection<Polygon | MultiPolygon> {
  // turf's union needs two or more polygons.
  const landUnion = land.length > 1 ? union(featureCollection(land.map((f) => ({ ...f, properties: {} })))) : land[0];
  const features: Array<Feature<Polygon | MultiPolygon>> = [];
  for (const box of OPEN_WATER_BOXES) {
    const water = landUnion ? difference(featureCollection([bboxPolygon(box), landUnion])) : bboxPolygon(box);
    if (!water) continue;
    features.push({
      type: 'Feature',
      geometry: water.geometry,
      properties: {
        name: null,
        name_en: null,
        class: 'derived',
        note: `open water east/south-east of the GSHHG clip: box ${box.join(',')} less the land of the neighbouring cities and Suzhou`,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
