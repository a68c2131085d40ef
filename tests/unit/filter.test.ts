/**
 * The filter rule, and the map's filter expressions against it: for every carrier of the real data
 * and a range of filter states, MapLibre's own expression evaluator must agree with the pure rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  carrierMatches,
  countMatches,
  directionCounts,
  EMPTY_FILTER,
  type FilterState,
} from '../../src/analysis/filter';
import { type CarrierProps, CarrierPropsSchema, type Manifest } from '../../src/domain/built';
import { GLOBAL_STATE_DEFAULTS, recordFilter } from '../../src/map/expressions';
import { buildReal } from './records';

let manifest: Manifest;
let carriers: CarrierProps[];

beforeAll(() => {
  const built = buildReal();
  manifest = built.manifest;
  const fc = JSON.parse(
    readFileSync(join(built.outDir, 'carriers.geojson'), 'utf8'),
  ) as FeatureCollection<Point | null>;
  carriers = fc.features.map((f) => CarrierPropsSchema.parse(f.properties));
});

const states = (): FilterState[] => [
  EMPTY_FILTER,
  { ...EMPTY_FILTER, directions: ['blockchain'] },
  { ...EMPTY_FILTER, directions: ['blockchain'], inherit: true },
  { ...EMPTY_FILTER, directions: ['artificial-intelligence', 'big-data-cloud'] },
  { ...EMPTY_FILTER, directions: ['artificial-intelligence', 'big-data-cloud'], mode: 'all' },
  { ...EMPTY_FILTER, directions: ['industrial-internet', 'new-infrastructure'], mode: 'all', inherit: true },
  { ...EMPTY_FILTER, districts: ['sip', 'xiangcheng'] },
  { ...EMPTY_FILTER, directions: ['digital-finance'], districts: ['xiangcheng'], inherit: true },
];

describe('carrierMatches', () => {
  it('matches everything with no filter', () => {
    expect(carriers.every((c) => carrierMatches(c, EMPTY_FILTER))).toBe(true);
  });
  it('matches exactly the records carrying the chosen direction', () => {
    const f = { ...EMPTY_FILTER, directions: ['blockchain'] };
    const got = carriers.filter((c) => carrierMatches(c, f)).map((c) => c.id);
    const want = carriers.filter((c) => c.directions_own.some((d) => d.key === 'blockchain')).map((c) => c.id);
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(0);
  });
  it('with inheritance, adds the carriers of districts whose focus lists the direction', () => {
    const own = carriers.filter((c) => carrierMatches(c, { ...EMPTY_FILTER, directions: ['blockchain'] }));
    const inh = carriers.filter((c) =>
      carrierMatches(c, { ...EMPTY_FILTER, directions: ['blockchain'], inherit: true }),
    );
    expect(inh.length).toBeGreaterThan(own.length);
    expect(inh.every((c) => c.district === 'xiangcheng' || c.directions_own.some((d) => d.key === 'blockchain'))).toBe(
      true,
    );
  });
  it('"all" is never wider than "any"', () => {
    const dirs = ['artificial-intelligence', 'big-data-cloud'];
    const any = carriers.filter((c) => carrierMatches(c, { ...EMPTY_FILTER, directions: dirs, inherit: true }));
    const all = carriers.filter((c) =>
      carrierMatches(c, { ...EMPTY_FILTER, directions: dirs, inherit: true, mode: 'all' }),
    );
    expect(all.length).toBeLessThan(any.length);
    expect(all.every((c) => any.includes(c))).toBe(true);
  });
});

describe('countMatches', () => {
  it('counts parks, carriers and district-level records consistently', () => {
    const n = countMatches(carriers, EMPTY_FILTER);
    expect(n.carriers).toBe(manifest.counts.carriers);
    expect(n.parks).toBe(10);
    expect(n.districtLevel).toBe(manifest.counts.carriers_by_precision.district);
    const perDistrict = Object.values(n.districtLevelByDistrict).reduce((a, b) => a + b, 0);
    expect(perDistrict).toBe(n.districtLevel);
  });
  it('counts per direction what the filter would leave', () => {
    const per = directionCounts(carriers, EMPTY_FILTER);
    for (const d of manifest.directions.slice(0, 6)) {
      expect(per[d.key] ?? 0).toBe(countMatches(carriers, { ...EMPTY_FILTER, directions: [d.key] }).carriers);
    }
  });
});

describe('map filter expression', () => {
  it('agrees with carrierMatches on every carrier and state', () => {
    const globals: Record<string, unknown> = { ...GLOBAL_STATE_DEFAULTS };
    const compiled = featureFilter(recordFilter(manifest.directions.map((d) => d.key)), 'filter', globals);
    let compared = 0;
    for (const s of states()) {
      Object.assign(globals, { sel: s.directions, mode: s.mode, districts: s.districts, inherit: s.inherit });
      for (const c of carriers) {
        const feature = { type: 1 as const, properties: { ...c }, geometry: [] };
        const viaExpression = compiled.filter({ zoom: 10 }, feature as never);
        expect(viaExpression, `${c.id} ${JSON.stringify(s)}`).toBe(carrierMatches(c, s));
        compared += 1;
      }
    }
    expect(compared).toBe(states().length * carriers.length);
  });
});
