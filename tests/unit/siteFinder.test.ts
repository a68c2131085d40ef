/**
 * The site finder (src/analysis/siteFinder.ts) on the workbench fixture, ranked and explained by
 * hand. Weights: 3 per matching direction, 2 for a preferred district, 1 each for rail, airport and
 * university. Distances (haversine, R = 6371.0088 km; on the meridian 120.9 E, R × Δφ: 0.01° =
 * 1.1119508 km):
 *
 *   candidate       point            to nearest station          to 丙大学 (120.9, 31.08)
 *   r6 site         120.9, 31.05     丙北站 0.15° = 16.679 km     0.03° = 3.336 km
 *   t1 town ± 3     120.9, 31.10     丙北站 0.10° = 11.120 km     0.02° = 2.224 km
 *   t2 town ± 3     120.9, 31.04     丙北站 0.16° = 17.791 km     0.04° = 4.448 km
 *   s2 site         120.9, 31.15     丙北站 0.05° =  5.560 km     0.07° = 7.784 km
 *   p3 site         120.5, 31.10     乙站   0.10° = 11.120 km     38.154 km (haversine)
 *   r1 area ± 2     120.1, 31.05     乙站   38.518 km (haversine)  76.271 km (haversine)
 *   r2, r4 district; r3, r5 district set: no point, nothing measured.
 *
 * Profile A: directions ai + blockchain, preferred district c, rail ≤ 15 km, university ≤ 4 km:
 *   t1  ai 3 + c 2 + rail 1 (11.1 ≤ 15) + uni 1 (2.2 ≤ 4)                      = 7
 *   s2  blockchain 3 + c 2 + rail 1 (5.6) + uni 0 (7.8 − 0 > 4)                 = 6
 *   t2  blockchain 3 + c 2 + rail 0 (17.8 > 15 but 17.8 − 3 ≤ 15: may be beyond)
 *       + uni 0 (4.4 > 4 but 4.4 − 3 ≤ 4: may be within)                        = 5
 *   r5  blockchain 3 + c 2 (spans b, c), nothing measured                       = 5
 *   p3  ai 3 + rail 1 (11.1)                                                    = 4
 *   r2  blockchain 3; r3  ai 3; r4  0
 *   r6  ai + blockchain 6 + c 2 + uni 1 = 9, but 16.7 km > 15 at a site: EXCLUDED (rail)
 *   r1  ai 3, 38.5 − 2 > 15: EXCLUDED (rail)
 * Order: t1 7; s2 6; t2 5 (town) before r5 5 (district set); p3 4; r2 3 (district) before r3 3
 * (district set); r4 0; then the excluded: r6 9, r1 3.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isSiteCandidate,
  RAIL_CATEGORIES,
  railStationsOf,
  rankSites,
  SITE_WEIGHTS,
  type SitePlace,
  type SiteProfile,
} from '../../src/analysis/siteFinder';
import type { CarrierProps, GazetteerProps, Manifest } from '../../src/domain/built';
import { LABELS, workbenchFixture } from '../fixtures/workbench/fixture';
import { buildRealCarriers } from './records';

const fx = workbenchFixture();
const PROFILE_A: SiteProfile = {
  directions: ['ai', 'blockchain'],
  districts: ['c'],
  maxRail_km: 15,
  university_km: 4,
  includeCarriers: true,
};
const byId = <T extends { id: string }>(xs: readonly T[], id: string) => xs.find((x) => x.id === id) as T;

describe('the weights', () => {
  it('are the stated ones', () => {
    expect(SITE_WEIGHTS).toEqual({ direction: 3, district: 2, rail: 1, airport: 1, university: 1 });
  });
  it('count every gazetteer station (hsr, mainline, intercity) as a rail station, and nothing else', () => {
    expect(RAIL_CATEGORIES).toEqual(['hsr', 'mainline', 'intercity']);
    expect(railStationsOf(fx.places).map((p) => p.id)).toEqual(['st-c-north', 'st-b']);
  });
});

describe('rankSites, profile A', () => {
  const ranked = rankSites(fx.carriers, fx.points, fx.places, PROFILE_A, LABELS);

  it('orders by score, then precision, then id, the excluded last', () => {
    expect(ranked.map((r) => [r.id, r.score, r.rank])).toEqual([
      ['t1', 7, 1],
      ['s2', 6, 2],
      ['t2', 5, 3],
      ['r5', 5, 4],
      ['p3', 4, 5],
      ['r2', 3, 6],
      ['r3', 3, 7],
      ['r4', 0, 8],
      ['r6', 9, null],
      ['r1', 3, null],
    ]);
  });

  it('excludes a candidate beyond maxRail_km, naming the rule', () => {
    const r6 = byId(ranked, 'r6');
    expect(r6.excluded?.rules).toEqual(['rail']);
    expect(r6.excluded?.en).toBe('Excluded by the rail station distance limit.');
    expect(r6.excluded?.zh).toBe('按铁路车站距离限值排除。');
    const rail = byId(
      r6.parts.map((p) => ({ ...p, id: p.rule })),
      'rail',
    );
    expect(rail.status).toBe('excluded');
    expect(rail.distance_km).toBeCloseTo(16.6793, 4);
    expect(rail.detail.en).toBe(
      '16.7 km to the nearest rail station, Bing North railway station (HSR): beyond the 15 km limit — excluded.',
    );
    expect(rail.detail.zh).toBe('距最近的铁路车站丙北站（高铁）16.7 公里，超出 15 公里限值——排除。');
    // r1 is an area (± 2 km): 38.5 − 2 = 36.5 > 15, so even its nearest possible position is too far.
    expect(byId(ranked, 'r1').excluded?.rules).toEqual(['rail']);
  });

  it('never excludes a candidate known only by district, and says it cannot be measured', () => {
    for (const id of ['r2', 'r3', 'r4', 'r5']) {
      const r = byId(ranked, id);
      expect(r.excluded, id).toBeNull();
      expect(r.point).toBeNull();
      expect(
        r.parts.filter((p) => p.rule === 'rail' || p.rule === 'university').map((p) => [p.status, p.points]),
      ).toEqual([
        ['unknown', 0],
        ['unknown', 0],
      ]);
    }
    expect(byId(ranked, 'r2').explanation.en).toBe(
      'Matches Blockchain (+3). Not in a preferred district (0). ' +
        'Distance to a rail station cannot be measured: location known only by district; not excluded (0). ' +
        'Distance to a university cannot be measured: location known only by district (0). ' +
        'Location known only by district (District A): distances cannot be measured.',
    );
    expect(byId(ranked, 'r5').explanation.zh).toBe(
      '方向符合：区块链（+3）。位于优选板块丙区（+2）。' +
        '仅知所跨板块，无法测量到铁路车站的距离；不排除（0）。仅知所跨板块，无法测量到高校的距离（0）。' +
        '仅知所跨板块（乙区、丙区），无法测量距离。',
    );
  });

  it('explains a town-precision candidate in both languages: directions, distances, uncertainty', () => {
    const t1 = byId(ranked, 't1');
    expect(t1.explanation.en).toBe(
      'Matches Artificial intelligence (+3). In District C, a preferred district (+2). ' +
        'About 11 km (± 3 km) to Bing North railway station (HSR), within the 15 km limit (+1). ' +
        'Bing University is about 2 km (± 3 km) away, within 4 km (+1). ' +
        'Location known to Bing Town, ± 3 km.',
    );
    expect(t1.explanation.zh).toBe(
      '方向符合：人工智能（+3）。位于优选板块丙区（+2）。' +
        '距丙北站（高铁）约 11 公里（误差约 3 公里），在 15 公里限值内（+1）。' +
        '丙大学距此约 2 公里（误差约 3 公里），在 4 公里内（+1）。' +
        '位置仅知在丙镇，误差约 3 公里。',
    );
    expect(t1.uncertainty_km).toBe(3);
  });

  it('does not exclude a candidate whose uncertainty reaches back inside the limit, and gives it no points', () => {
    const t2 = byId(ranked, 't2');
    expect(t2.excluded).toBeNull();
    expect(t2.parts.map((p) => [p.rule, p.status, p.points])).toEqual([
      ['directions', 'met', 3],
      ['district', 'met', 2],
      ['rail', 'uncertain', 0],
      ['university', 'uncertain', 0],
    ]);
    expect(t2.explanation.en).toContain(
      'About 18 km (± 3 km) to Bing North railway station (HSR): may be beyond the 15 km limit; not excluded, no points (0).',
    );
  });

  it('explains a site with both matched directions', () => {
    const s2 = byId(ranked, 's2');
    expect(s2.explanation.en).toBe(
      'Matches Blockchain (+3). In District C, a preferred district (+2). ' +
        '5.6 km to Bing North railway station (HSR), within the 15 km limit (+1). ' +
        'No university within 4 km; the nearest, Bing University, is 7.8 km away (0). Located at its site.',
    );
    const r6 = byId(ranked, 'r6');
    expect(r6.explanation.en.startsWith('Matches Artificial intelligence and Blockchain (+6).')).toBe(true);
    expect(r6.explanation.zh.startsWith('方向符合：人工智能、区块链（+6）。')).toBe(true);
  });
});

describe('rankSites, other profiles', () => {
  it('ranks only the parks unless other carriers are asked for', () => {
    // Parks: r1 (city park), s2 (city park), p3 (AI+ park).
    expect(fx.carriers.filter((c) => isSiteCandidate(c, false)).map((c) => c.id)).toEqual(['r1', 's2', 'p3']);
    const ranked = rankSites(fx.carriers, fx.points, fx.places, { ...PROFILE_A, includeCarriers: false }, LABELS);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['s2', 1],
      ['p3', 2],
      ['r1', null],
    ]);
  });

  it('counts intercity stations as rail stations, and names every limit exceeded', () => {
    // p3 → 乙站 (intercity) 0.10° = 11.12 km ≤ 15: +1.
    const p3 = byId(rankSites(fx.carriers, fx.points, fx.places, PROFILE_A, LABELS), 'p3');
    expect(p3.parts.find((p) => p.rule === 'rail')).toMatchObject({ status: 'met', points: 1, place: { id: 'st-b' } });
    // s2: 丙北站 5.56 km > 5; 丙机场 (120.9, 30.90) 0.25° = 27.80 km > 20.
    const s2 = byId(
      rankSites(fx.carriers, fx.points, fx.places, { ...PROFILE_A, maxRail_km: 5, maxAirport_km: 20 }, LABELS),
      's2',
    );
    expect(s2.excluded?.rules).toEqual(['rail', 'airport']);
    expect(s2.excluded?.en).toBe('Excluded by the rail station and airport distance limits.');
    expect(s2.parts.find((p) => p.rule === 'airport')?.distance_km).toBeCloseTo(27.7988, 4);
  });

  it('applies only the rules asked for, and ties on score fall back to precision then id', () => {
    const ranked = rankSites(
      fx.carriers,
      fx.points,
      fx.places,
      { directions: ['blockchain'], districts: [], includeCarriers: true },
      LABELS,
    );
    for (const r of ranked) expect(r.parts.map((p) => p.rule)).toEqual(['directions']);
    // blockchain (own): r2, r5, r6, t2, s2 score 3. Sites r6, s2 (by id: r6 < s2), town t2, district r2, set r5.
    expect(ranked.slice(0, 5).map((r) => r.id)).toEqual(['r6', 's2', 't2', 'r2', 'r5']);
    expect(ranked.find((r) => r.id === 'r2')?.explanation.en).toBe(
      'Matches Blockchain (+3). Location known only by district (District A).',
    );
  });

  it('refuses a negative limit, or a limit with nothing to measure to', () => {
    expect(() => rankSites(fx.carriers, fx.points, fx.places, { ...PROFILE_A, maxRail_km: -1 })).toThrow(RangeError);
    const noAirport: SitePlace[] = fx.places.filter((p) => p.layer !== 'airport');
    expect(() => rankSites(fx.carriers, fx.points, noAirport, { ...PROFILE_A, maxAirport_km: 30 })).toThrow(/airport/);
  });
});

describe('against the real built data', () => {
  let manifest: Manifest;
  let carriers: CarrierProps[];
  let points: Map<string, [number, number]>;
  let places: SitePlace[];
  beforeAll(() => {
    const built = buildRealCarriers();
    ({ manifest, carriers } = built);
    points = new Map(
      built.features.flatMap((f) =>
        f.geometry ? [[String(f.properties?.id), f.geometry.coordinates as [number, number]] as const] : [],
      ),
    );
    const gaz = JSON.parse(readFileSync(join(built.outDir, 'gazetteer.geojson'), 'utf8')) as FeatureCollection<
      Point,
      GazetteerProps
    >;
    places = gaz.features.map((f) => ({ ...f.properties, point: f.geometry.coordinates as [number, number] }));
  });

  it('ranks the real parks for an AI company near rail and a university, never excluding a district-only park', () => {
    const ranked = rankSites(
      carriers,
      points,
      places,
      {
        directions: ['artificial-intelligence'],
        districts: ['sip'],
        maxRail_km: 10,
        university_km: 5,
        includeCarriers: false,
      },
      { directions: manifest.directions, districts: manifest.districts },
    );
    const parks = carriers.filter((c) => c.park || c.roles.includes('ai-plus-park'));
    expect(ranked).toHaveLength(parks.length);
    for (const r of ranked) {
      if (r.point === null) expect(r.excluded, r.id).toBeNull();
      expect(r.score).toBe(r.parts.reduce((s, p) => s + p.points, 0));
      expect(r.explanation.en.length).toBeGreaterThan(0);
      expect(r.explanation.zh.length).toBeGreaterThan(0);
    }
    const included = ranked.filter((r) => r.excluded === null);
    expect(included.map((r) => r.rank)).toEqual(included.map((_, i) => i + 1));
    for (let i = 1; i < included.length; i++) expect(included[i - 1].score).toBeGreaterThanOrEqual(included[i].score);
  });
});
