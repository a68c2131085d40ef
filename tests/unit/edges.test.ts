/**
 * The map's edges: open water derived outside the GSHHG clip is exactly what no land polygon
 * covers in its boxes, and the view bounds stay inside the neighbours' clip.
 */
import { area, bboxPolygon, booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { derivedOpenWater, VIEW_BOUNDS } from '../../geo/build/edges';

/** Land covering the northern half of the eastern box (north of 31.45 N, east of 121.44 E). */
const land: Feature<Polygon> = { ...bboxPolygon([121.44, 31.45, 122.1, 32.5]), properties: {} };

describe('derived open water', () => {
  const water = derivedOpenWater([land]);
  it('covers the boxes less the land, and marks itself derived', () => {
    expect(water.features).toHaveLength(2);
    expect(water.features.every((f) => f.properties?.class === 'derived')).toBe(true);
    const east = water.features[0];
    expect(booleanPointInPolygon(point([121.8, 31.0]), east)).toBe(true);
    expect(booleanPointInPolygon(point([121.8, 32.0]), east)).toBe(false);
    const expected = area(bboxPolygon([121.44, VIEW_BOUNDS[1], 122.1, 31.45]));
    expect(Math.abs(area(east) - expected) / expected).toBeLessThan(0.001);
  });
  it('derives nothing west of 120.9 E, where land we do not hold (杭州) lies', () => {
    for (const f of water.features) expect(booleanPointInPolygon(point([120.5, 30.5]), f)).toBe(false);
  });
  it('bounds the view inside the neighbours’ clip (119.4–122.1 E, 30.3–32.5 N)', () => {
    const [w, s, e, n] = VIEW_BOUNDS;
    expect(w).toBeGreaterThanOrEqual(119.4);
    expect(s).toBeGreaterThanOrEqual(30.3);
    expect(e).toBeLessThanOrEqual(122.1);
    expect(n).toBeLessThanOrEqual(32.5);
  });
});
