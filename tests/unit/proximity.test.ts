/**
 * Proximity (src/analysis/proximity.ts) on the workbench fixture (tests/fixtures/workbench/), with
 * distances checked by hand. turf's `distance` is the haversine formula on a sphere of radius
 * R = 6371.0088 km; for two points on one meridian it reduces to R × Δφ (radians), so
 *   0.01° → 6371.0088 × 0.01 × π / 180 = 1.1119508 km, 0.05° → 5.5597540 km, 0.10° → 11.1195080 km,
 *   0.02° → 2.2239016 km, 0.03° → 3.3358524 km, 0.04° → 4.4478032 km, 0.07° → 7.7836556 km.
 * Points of district c lie on 120.9 E: r6 31.05 (site), t1 31.10 (town, ± 3 km), t2 31.04 (town,
 * ± 3 km), s2 31.15 (site). Off the meridian (haversine in full, same R):
 *   p3 (120.5, 31.10) → (120.9, 31.05): 38.499 km; r1 (120.1, 31.05) → (120.9, 31.05): 76.210 km.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { isUnplaced } from '../../src/analysis/filter';
import {
  DEFAULT_UNCERTAINTY_KM,
  distancePhrase,
  distanceTo,
  locate,
  nearestByDirection,
  originOf,
  uncertaintyKm,
  withinRadius,
} from '../../src/analysis/proximity';
import { workbenchFixture } from '../fixtures/workbench/fixture';
import { buildRealCarriers } from './records';

const fx = workbenchFixture();
const rec = (id: string) => fx.byId.get(id) as NonNullable<ReturnType<typeof fx.byId.get>>;
const ids = (xs: ReadonlyArray<{ id: string }>) => xs.map((x) => x.id);

describe('locating records', () => {
  it('gives sites 0 km, towns and areas their place radius, and unplaced records nothing', () => {
    expect(uncertaintyKm(rec('r6'))).toBe(0);
    expect(uncertaintyKm(rec('t1'))).toBe(3); // place.uncertainty_km
    expect(uncertaintyKm(rec('r1'))).toBe(2); // area: place.uncertainty_km of the state fixture
    expect(uncertaintyKm(rec('r1'), { areaRadius_km: new Map([['r1', 4.5]]) })).toBe(4.5);
    expect(uncertaintyKm({ ...rec('t1'), place: undefined })).toBe(DEFAULT_UNCERTAINTY_KM);
    expect(uncertaintyKm(rec('r2'))).toBeNull();
    expect(uncertaintyKm(rec('r3'))).toBeNull();
  });

  it('never gives a district-only record a point, even if the points map held one', () => {
    const points = new Map(fx.points).set('r2', [120.1, 31.1]);
    expect(locate(rec('r2'), points)).toBeNull();
    expect(distanceTo([120.1, 31.1], rec('r2'), points)).toBeNull();
    expect(originOf(rec('r5'), points)).toBeNull();
  });
});

describe('withinRadius', () => {
  it('lists placed records by distance, and unplaced ones of reached districts with no distance', () => {
    const res = withinRadius([120.9, 31.05], 12, fx.carriers, fx.points, { bboxes: fx.bboxes });
    // r6 0 km; t2 0.01° = 1.112 km; t1 0.05° = 5.560 km; s2 0.10° = 11.120 km ≤ 12; p3 38.5 km and r1 76.2 km are out.
    expect(ids(res.hits)).toEqual(['r6', 't2', 't1', 's2']);
    expect(res.hits.map((h) => Number(h.distance_km.toFixed(4)))).toEqual([0, 1.112, 5.5598, 11.1195]);
    expect(res.hits.map((h) => [h.uncertainty_km, h.approx])).toEqual([
      [0, false],
      [3, true],
      [3, true],
      [0, false],
    ]);
    // The circle reaches district c only (b's box is 28.6 km west: (120.9, 31.05) → (120.6, 31.05)).
    expect(res.reach).toBe('bboxes');
    expect(res.reached).toEqual(['c']);
    // r5 (b, c) is known only by its districts: listed as location unknown, in c, never with a distance.
    expect(res.unknown.map((u) => [u.id, u.districts])).toEqual([['r5', ['c']]]);
    expect(res.unknown[0]).not.toHaveProperty('distance_km');
    expect(res.hits.some((h) => isUnplaced(h.record))).toBe(false);
  });

  it('tests the reach on district polygons when given, else on their boxes', () => {
    // Origin 0.05° east of b's box at 31.19 N: 4.756 km from the box (haversine), but b is the triangle
    // below its diagonal (120.6, 31.0)–(120.4, 31.2), about 17 km away; c's box is 14.3 km east.
    const byBox = withinRadius([120.65, 31.19], 5, fx.carriers, fx.points, { bboxes: fx.bboxes });
    expect(byBox.reached).toEqual(['b']);
    expect(byBox.unknown.map((u) => u.id)).toEqual(['r3', 'r4', 'r5']);
    const byPolygon = withinRadius([120.65, 31.19], 5, fx.carriers, fx.points, {
      polygons: fx.polygons,
      bboxes: fx.bboxes,
    });
    expect(byPolygon.reach).toBe('polygons');
    expect(byPolygon.reached).toEqual([]);
    expect(byPolygon.unknown).toEqual([]);
    expect(byPolygon.hits).toEqual([]);
    // Inside c's polygon, the district-only records of c are listed.
    const inC = withinRadius([120.95, 31.15], 1, fx.carriers, fx.points, { polygons: fx.polygons });
    expect(inC.reached).toEqual(['c']);
    expect(inC.unknown.map((u) => u.id)).toEqual(['r5']);
  });

  it('measures from a record with its uncertainty, and refuses bad input', () => {
    const origin = originOf(rec('t1'), fx.points);
    expect(origin).toMatchObject({ point: [120.9, 31.1], uncertainty_km: 3, id: 't1' });
    const res = withinRadius(origin as NonNullable<typeof origin>, 6, [rec('s2')], fx.points, { bboxes: fx.bboxes });
    // t1 → s2: 0.05° = 5.560 km; uncertainty 3 (t1) + 0 (s2 is a site).
    expect(res.hits[0]).toMatchObject({
      id: 's2',
      uncertainty_km: 3,
      record_uncertainty_km: 0,
      origin_uncertainty_km: 3,
    });
    expect(distancePhrase(res.hits[0], 'en')).toBe('about 6 km (measured from near Bing Town, ± 3 km)');
    expect(distancePhrase(res.hits[0], 'zh')).toBe('约 6 公里（起点位于丙镇一带，位置误差约 3 公里）');
    expect(() => withinRadius([120.9, 31.05], 0, fx.carriers, fx.points, { bboxes: fx.bboxes })).toThrow(RangeError);
    expect(() => withinRadius([31.05, 200], 5, fx.carriers, fx.points, { bboxes: fx.bboxes })).toThrow(RangeError);
    expect(() => withinRadius([120.9, 31.05], 5, fx.carriers, fx.points, {})).toThrow(/district shapes/);
  });
});

describe('distancePhrase', () => {
  const from = (o: [number, number], id: string) =>
    distanceTo(o, rec(id), fx.points) as NonNullable<ReturnType<typeof distanceTo>>;

  it('gives a site 0.1 km', () => {
    // (120.9, 31.05) → s2 (120.9, 31.15): 0.10° = 11.1195 km → "11.1".
    expect(distancePhrase(from([120.9, 31.05], 's2'), 'en')).toBe('11.1 km');
    expect(distancePhrase(from([120.9, 31.05], 's2'), 'zh')).toBe('11.1 公里');
  });

  it("states a town-precision record's town and uncertainty, rounded to 1 km", () => {
    // (120.9, 31.05) → t1 (120.9, 31.10): 0.05° = 5.5598 km, ± 3 km → "about 6 km".
    expect(distancePhrase(from([120.9, 31.05], 't1'), 'en')).toBe('about 6 km (within Bing Town, ± 3 km)');
    expect(distancePhrase(from([120.9, 31.05], 't1'), 'zh')).toBe('约 6 公里（位于丙镇，位置误差约 3 公里）');
  });

  it('gives only an upper bound when the distance is less than its uncertainty', () => {
    // (120.9, 31.05) → t2 (120.9, 31.04): 0.01° = 1.112 km < 3 km: up to 1.112 + 3 = 4.112 → "4".
    expect(distancePhrase(from([120.9, 31.05], 't2'), 'en')).toBe('up to about 4 km (within Bingnan Town, ± 3 km)');
    expect(distancePhrase(from([120.9, 31.05], 't2'), 'zh')).toBe('约 4 公里以内（位于丙南镇，位置误差约 3 公里）');
  });

  it('names an area as "near"', () => {
    // (120.9, 31.05) → r1 (120.1, 31.05): 76.210 km, ± 2 km (place "pa" of the state fixture).
    expect(distancePhrase(from([120.9, 31.05], 'r1'), 'en')).toBe('about 76 km (near pa, ± 2 km)');
    expect(distancePhrase(from([120.9, 31.05], 'r1'), 'zh')).toBe('约 76 公里（位于pa一带，位置误差约 2 公里）');
  });

  it('keeps 0.1 km when the uncertainty is under 1 km', () => {
    const h = { ...from([120.9, 31.05], 't1'), uncertainty_km: 0.5, record_uncertainty_km: 0.5 };
    expect(distancePhrase(h, 'en')).toBe('about 5.6 km (within Bing Town, ± 0.5 km)');
  });
});

describe('nearestByDirection', () => {
  it('finds the nearest placed record per direction, with contenders and the unplaced count', () => {
    // From (120.9, 31.08). ai: t1 0.02° = 2.224 ± 3 (nearest by its point); r6 0.03° = 3.336 km could be
    // nearer (3.336 − 0 ≤ 2.224 + 3 = 5.224); p3 38.2 km and r1 76.3 km cannot. r3 (ai) has no point.
    // blockchain: r6 3.336 (site); t2 0.04° = 4.448 ± 3 (4.448 − 3 = 1.448 ≤ 3.336: a contender);
    // s2 0.07° = 7.784 (> 3.336: not). r2 and r5 (blockchain) have no point.
    const [ai, bc] = nearestByDirection([120.9, 31.08], fx.carriers, fx.points, ['ai', 'blockchain']);
    expect(ai.nearest?.id).toBe('t1');
    expect(ai.nearest?.distance_km).toBeCloseTo(2.2239, 4);
    expect(ai.nearest?.uncertainty_km).toBe(3);
    expect(ids(ai.contenders)).toEqual(['r6']);
    expect(ai.unplaced).toBe(1);
    expect(bc.nearest?.id).toBe('r6');
    expect(bc.nearest?.distance_km).toBeCloseTo(3.3359, 4);
    expect(ids(bc.contenders)).toEqual(['t2']);
    expect(bc.unplaced).toBe(2);
  });

  it("counts a district's focus with inherit, and reports a direction nobody carries", () => {
    const [ai, none] = nearestByDirection([120.9, 31.08], fx.carriers, fx.points, ['ai', 'quantum'], { inherit: true });
    // Inherited ai adds t2 (4.448 − 3 ≤ 5.224: a contender) and s2 (7.784 > 5.224: not); unplaced r2, r3.
    expect(ai.nearest?.id).toBe('t1');
    expect(ids(ai.contenders)).toEqual(['r6', 't2']);
    expect(ai.unplaced).toBe(2);
    expect(none).toEqual({ key: 'quantum', nearest: null, contenders: [], unplaced: 0 });
  });
});

describe('against the real built data', () => {
  it('measures from 苏州园区站: hits are placed and measured by turf, unknowns are unplaced in reached districts', () => {
    const { carriers, features, outDir } = buildRealCarriers();
    const points = new Map(
      features.flatMap((f) =>
        f.geometry ? [[String(f.properties?.id), f.geometry.coordinates as [number, number]] as const] : [],
      ),
    );
    const polygons = JSON.parse(readFileSync(join(outDir, 'districts.geojson'), 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon,
      { id: string }
    >;
    const origin: [number, number] = [120.7066, 31.342597];
    const res = withinRadius(origin, 10, carriers, points, { polygons });
    expect(res.reached).toContain('sip');
    expect(res.hits.length).toBeGreaterThan(0);
    for (const h of res.hits) {
      expect(isUnplaced(h.record)).toBe(false);
      expect(h.distance_km).toBeCloseTo(distance(origin, h.point, { units: 'kilometers' }), 9);
      expect(h.distance_km).toBeLessThanOrEqual(10);
    }
    expect(res.unknown.length).toBeGreaterThan(0);
    for (const u of res.unknown) {
      expect(isUnplaced(u.record)).toBe(true);
      expect(u.districts.every((d) => res.reached.includes(d))).toBe(true);
    }
  });
});
