/**
 * The filter rule, the per-feature map view derived from it, and the paint expressions that read
 * that view (evaluated with MapLibre's own expression engine).
 */
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  carrierColourUnder,
  carrierMatches,
  countMatches,
  directionCounts,
  EMPTY_FILTER,
  type FilterState,
  mapViewOf,
} from '../../src/analysis/filter';
import type { CarrierProps, Manifest } from '../../src/domain/built';
import { focusFill, matchOpacity } from '../../src/map/expressions';
import { buildRealCarriers } from './records';

let manifest: Manifest;
let carriers: CarrierProps[];

beforeAll(() => {
  ({ manifest, carriers } = buildRealCarriers());
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

describe('countMatches on the real data', () => {
  const ids = () => manifest.districts.map((d) => d.id);
  it('counts parks, carriers and district-level records consistently', () => {
    const n = countMatches(carriers, EMPTY_FILTER, ids());
    expect(n.carriers).toBe(manifest.counts.carriers);
    expect(n.parks).toBe(10);
    const byPrecision = manifest.counts.carriers_by_precision;
    expect(n.districtLevel).toBe(byPrecision.district + byPrecision['district-set']);
    const perDistrict = Object.values(n.byDistrict).reduce((a, b) => a + b.unplaced, 0);
    const unplaced = carriers.filter((c) => c.precision === 'district' || c.precision === 'district-set');
    expect(perDistrict).toBe(unplaced.reduce((a, c) => a + c.districts.length, 0));
  });
  it('counts per direction what the filter would leave', () => {
    const per = directionCounts(carriers, EMPTY_FILTER);
    for (const d of manifest.directions.slice(0, 6)) {
      expect(per[d.key] ?? 0).toBe(countMatches(carriers, { ...EMPTY_FILTER, directions: [d.key] }, ids()).carriers);
    }
  });
  it('with only 相城 chosen, counts nothing in any other district (SIP no longer shows +13)', () => {
    const n = countMatches(carriers, { ...EMPTY_FILTER, districts: ['xiangcheng'] }, ids());
    for (const id of ids().filter((d) => d !== 'xiangcheng'))
      expect(n.byDistrict[id], id).toEqual({ records: 0, unplaced: 0, spanning: 0, parks: 0 });
    expect(n.byDistrict.xiangcheng.records).toBe(n.carriers);
  });
});

describe('map view', () => {
  it('marks exactly the matching carriers, for every state', () => {
    for (const s of states()) {
      const view = mapViewOf(carriers, manifest.districts, s, manifest.directions);
      expect(view.carriers.map((c) => c.id)).toEqual(carriers.map((c) => c.id));
      expect(view.carriers.filter((c) => c.match).length).toBe(
        countMatches(
          carriers,
          s,
          manifest.districts.map((d) => d.id),
        ).carriers,
      );
    }
  });
  it('colours a carrier by the first chosen direction it carries', () => {
    const lab = carriers.find((c) => c.directions_own.some((d) => d.key === 'blockchain'));
    if (!lab) throw new Error('no blockchain carrier');
    const blockchain = manifest.directions.find((d) => d.key === 'blockchain')?.colour;
    expect(carrierColourUnder(lab, { ...EMPTY_FILTER, directions: ['blockchain'] }, manifest.directions)).toBe(
      blockchain,
    );
  });
  it('counts chosen directions among each district focus, −1 with none chosen', () => {
    const none = mapViewOf(carriers, manifest.districts, EMPTY_FILTER, manifest.directions);
    expect(none.districts.every((d) => d.focus === -1 && d.chosen)).toBe(true);
    const s = { ...EMPTY_FILTER, directions: ['blockchain', 'digital-finance'], districts: ['sip'] };
    const view = mapViewOf(carriers, manifest.districts, s, manifest.directions);
    const xc = view.districts.find((d) => d.id === 'xiangcheng');
    // Outside the district filter: dimmed and never highlighted, whatever its focus.
    expect(xc).toEqual({ id: 'xiangcheng', focus: -1, chosen: false });
    const all = mapViewOf(carriers, manifest.districts, { ...s, districts: [] }, manifest.directions);
    expect(all.districts.find((d) => d.id === 'xiangcheng')?.focus).toBe(2);
    expect(view.districts.find((d) => d.id === 'sip')?.chosen).toBe(true);
  });
});

describe('paint expressions read the view', () => {
  const evaluate = (expr: unknown, state: Record<string, unknown>) => {
    const parsed = createExpression(expr, 'paint');
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    return parsed.value.evaluate({ zoom: 10 }, { type: 1, properties: {}, geometry: [] } as never, state);
  };
  it('hides features the filter does not match', () => {
    expect(evaluate(matchOpacity(), { match: false })).toBe(0);
    expect(evaluate(matchOpacity(), { match: true })).toBe(1);
    expect(evaluate(matchOpacity(), {})).toBe(1);
  });
  it('steps the focus highlight by the number of chosen directions in the focus (1, 2, 3+)', () => {
    const ramp = ['#000001', '#000002', '#000003'] as const;
    const colour = (focus: number) => String(evaluate(focusFill(ramp), { focus }));
    expect(new Set([1, 2, 3].map(colour)).size).toBe(3);
    expect(colour(3)).toBe(colour(5));
  });
});
