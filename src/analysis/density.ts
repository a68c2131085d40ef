/**
 * Density of placed records: a fixed hexagon grid over the data's bbox, each placed record assigned
 * once to the hexagon holding its point, and per-hexagon counts under the filter. The grid is
 * geometry that never changes; the counts reach the map as feature-state (`n`), so a filter change
 * re-counts without rebuilding a source (`densityCounts.ts`, kept apart so that counting does not
 * load turf). Records known only by district have no point and are not
 * counted (the legend says so).
 */
import { booleanPointInPolygon, hexGrid } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';

/** Side (km) of a hexagon: about a township's size, so a park and its neighbours fall together. */
export const HEX_SIDE_KM = 3;

/** Properties of a hexagon: its id (the feature id too). */
export interface HexProps {
  id: number;
}

/**
 * The hexagon grid over `bbox` [w, s, e, n] (degrees), each hexagon with a numeric `id`
 * (turf `hexGrid`, side in km).
 */
export function hexBins(
  bbox: [number, number, number, number],
  side_km = HEX_SIDE_KM,
): FeatureCollection<Polygon, HexProps> {
  const grid = hexGrid(bbox, side_km, { units: 'kilometers' });
  return {
    type: 'FeatureCollection',
    features: grid.features.map(
      (f, i): Feature<Polygon, HexProps> => ({ type: 'Feature', id: i, geometry: f.geometry, properties: { id: i } }),
    ),
  };
}

/**
 * The hexagon holding each point (record id → hexagon id); points outside the grid are left out.
 * Each point is tested against the hexagons whose bbox holds it.
 */
export function binOf(
  points: ReadonlyMap<string, [number, number]>,
  hexes: FeatureCollection<Polygon, HexProps>,
): Map<string, number> {
  const boxes = hexes.features.map((h) => {
    const ring = h.geometry.coordinates[0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  const out = new Map<string, number>();
  for (const [id, p] of points) {
    const i = hexes.features.findIndex(
      (h, k) =>
        p[0] >= boxes[k][0] &&
        p[0] <= boxes[k][2] &&
        p[1] >= boxes[k][1] &&
        p[1] <= boxes[k][3] &&
        booleanPointInPolygon(p, h),
    );
    if (i >= 0) out.set(id, hexes.features[i].properties.id);
  }
  return out;
}
