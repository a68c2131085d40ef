/**
 * The workbench's counts (src/analysis/aggregate.ts) on the six-record state fixture, with
 * expectations worked out by hand from tests/fixtures/state/records.json, and against the real
 * built data: the matrix agrees with `countMatches` (the one counting rule) for several filters.
 *
 * The fixture, own directions (inherited in brackets), districts:
 *   r1 ai [ai]                 a      city park, area
 *   r2 blockchain [ai]         a      district
 *   r3 ai [ai]                 a, b   district set (stated)
 *   r4 — [blockchain]          b      district
 *   r5 blockchain [blockchain] b, c   district set (schematic)
 *   r6 ai, blockchain          c      site
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareDistricts,
  countsByDirection,
  countsByKind,
  directionDistrictMatrix,
  directionRows,
} from '../../src/analysis/aggregate';
import { countMatches, EMPTY_FILTER, type FilterState } from '../../src/analysis/filter';
import type { CarrierProps, DistrictInfo, Manifest } from '../../src/domain/built';
import type { FactRecord } from '../../src/domain/schema';
import { stateFixture } from './fixtures';
import { buildRealCarriers } from './records';

const { carriers, districts } = stateFixture();
const KEYS = ['ai', 'blockchain'];
const IDS = ['a', 'b', 'c'];
const f = (over: Partial<FilterState>): FilterState => ({ ...EMPTY_FILTER, ...over });

describe('directionRows', () => {
  it('is every direction when none is chosen, else the chosen ones in taxonomy order', () => {
    expect(directionRows(EMPTY_FILTER, KEYS)).toEqual(['ai', 'blockchain']);
    expect(directionRows(f({ directions: ['blockchain', 'ai'] }), KEYS)).toEqual(['ai', 'blockchain']);
    expect(directionRows(f({ directions: ['blockchain', 'unknown'] }), KEYS)).toEqual(['blockchain']);
  });
});

describe('directionDistrictMatrix on the fixture', () => {
  it('counts every record, own directions only, with no filter', () => {
    const m = directionDistrictMatrix(carriers, EMPTY_FILTER, KEYS, IDS);
    const n = (k: string, d: string) => m.cells[k][d].records;
    // ai: a ← r1, r3; b ← r3; c ← r6.  blockchain: a ← r2; b ← r5; c ← r5, r6.
    expect([n('ai', 'a'), n('ai', 'b'), n('ai', 'c')]).toEqual([2, 1, 1]);
    expect([n('blockchain', 'a'), n('blockchain', 'b'), n('blockchain', 'c')]).toEqual([1, 1, 2]);
    expect(m.cells.ai.a.ids).toEqual(['r1', 'r3']);
    expect(m.cells.ai.a.parks).toBe(1); // r1
    // r4 carries no direction of its own: the unassigned row, column b.
    expect(m.unassigned.b.ids).toEqual(['r4']);
    expect(m.unassignedTotal.records).toBe(1);
    // Row totals count a record once: ai = {r1, r3, r6} although r3 is in two cells of the row.
    expect(m.rowTotals.ai.ids).toEqual(['r1', 'r3', 'r6']);
    expect(m.rowTotals.blockchain.ids).toEqual(['r2', 'r5', 'r6']);
    // Column totals count a record once: c = {r5, r6} although r6 is in both rows.
    expect(m.columnTotals.a.ids).toEqual(['r1', 'r2', 'r3']);
    expect(m.columnTotals.b.ids).toEqual(['r3', 'r4', 'r5']);
    expect(m.columnTotals.c.ids).toEqual(['r5', 'r6']);
    expect(m.total.records).toBe(6);
    expect(m.total.parks).toBe(1);
  });

  it('follows a district filter, inheritance and the chosen direction', () => {
    // ai with the district's focus, in a and b: r1 (own), r2 (inherits ai), r3 (own). r6 is in c only.
    const filter = f({ directions: ['ai'], inherit: true, districts: ['a', 'b'] });
    const m = directionDistrictMatrix(carriers, filter, KEYS, IDS);
    expect(m.directions).toEqual(['ai']);
    expect(m.cells.ai.a.ids).toEqual(['r1', 'r2', 'r3']);
    expect(m.cells.ai.b.ids).toEqual(['r3']);
    expect(m.cells.ai.c.records).toBe(0); // not a chosen district: counts nothing
    expect(m.rowTotals.ai.records).toBe(3);
    expect(m.columnTotals.c.records).toBe(0);
    expect(m.total.ids).toEqual(['r1', 'r2', 'r3']);
    expect(m.unassignedTotal.records).toBe(0);
  });

  it('in "all" mode keeps only records carrying every chosen direction', () => {
    const m = directionDistrictMatrix(carriers, f({ directions: ['ai', 'blockchain'], mode: 'all' }), KEYS, IDS);
    expect(m.total.ids).toEqual(['r6']);
    expect(m.cells.ai.c.ids).toEqual(['r6']);
    expect(m.cells.blockchain.c.ids).toEqual(['r6']);
    expect(m.columnTotals.c.records).toBe(1);
  });

  it('agrees with countMatches for every column and in total', () => {
    for (const filter of [
      EMPTY_FILTER,
      f({ directions: ['blockchain'] }),
      f({ directions: ['ai'], inherit: true, districts: ['b'] }),
      f({ kinds: ['zone', 'corridor'] }),
    ]) {
      const m = directionDistrictMatrix(carriers, filter, KEYS, IDS);
      const counts = countMatches(carriers, filter, IDS);
      for (const d of IDS) {
        expect(m.columnTotals[d].records, d).toBe(counts.byDistrict[d].records);
        expect(m.columnTotals[d].parks, d).toBe(counts.byDistrict[d].parks);
      }
      expect(m.total.records).toBe(counts.carriers);
    }
  });
});

describe('countsByDirection and countsByKind', () => {
  it('count each matching record once per bar', () => {
    const byDir = countsByDirection(carriers, EMPTY_FILTER, KEYS);
    expect(byDir.bars.map((b) => [b.key, b.records])).toEqual([
      ['ai', 3], // r1, r3, r6
      ['blockchain', 3], // r2, r5, r6
    ]);
    expect(byDir.unassigned.ids).toEqual(['r4']);
    expect(byDir.total.records).toBe(6);
    // With the district's focus: ai = r1, r2, r3, r6; blockchain = r2, r4, r5, r6.
    const inh = countsByDirection(carriers, f({ inherit: true }), KEYS);
    expect(inh.bars.map((b) => b.ids)).toEqual([
      ['r1', 'r2', 'r3', 'r6'],
      ['r2', 'r4', 'r5', 'r6'],
    ]);
    expect(inh.unassigned.records).toBe(0);
  });

  it('equal the matrix row totals when every district is a column', () => {
    const filter = f({ directions: ['ai', 'blockchain'], districts: ['c'] });
    const m = directionDistrictMatrix(carriers, filter, KEYS, IDS);
    for (const b of countsByDirection(carriers, filter, KEYS).bars) expect(b.ids).toEqual(m.rowTotals[b.key].ids);
  });

  it('counts kinds in schema order, zeros included, adding up to the total', () => {
    const k = countsByKind(carriers, EMPTY_FILTER);
    expect(k.bars.map((b) => [b.key, b.records, b.parks])).toEqual([
      ['carrier', 2, 1], // r1 (park), r2
      ['institute', 1, 0], // r6
      ['lab', 1, 0], // r4
      ['computing-centre', 0, 0],
      ['platform', 0, 0],
      ['zone', 1, 0], // r3
      ['corridor', 1, 0], // r5
    ]);
    expect(k.bars.reduce((s, b) => s + b.records, 0)).toBe(k.total.records);
    // Only the kinds shown are bars.
    expect(countsByKind(carriers, f({ kinds: ['lab', 'zone'] })).bars.map((b) => [b.key, b.records])).toEqual([
      ['lab', 1],
      ['zone', 1],
    ]);
  });
});

describe('compareDistricts', () => {
  const withCategories = districts.map((d) => ({
    ...d,
    category_keys: d.id === 'a' ? ['digital-industry'] : ['digital-industry', 'infrastructure'],
    category_terms: d.id === 'a' ? ['数字产业'] : ['数字产业', '基础设施'],
  })) as DistrictInfo[];
  const fact = (id: string, scope: string, kind: 'target' | 'baseline', year?: number): FactRecord => ({
    id,
    scope,
    kind,
    metric_zh: id,
    metric_en: id,
    value: 1,
    unit_zh: '亿元',
    unit_en: 'CNY 100 million',
    year,
    period_note: year === undefined ? 'period of the fixture' : undefined,
    source: { doc: '001', line: 1, quote: 'x' },
  });
  const facts = [
    fact('a-2020', 'a', 'baseline', 2020),
    fact('a-2022', 'a', 'target', 2022),
    fact('a-2025', 'a', 'target', 2025),
    fact('c-x', 'c', 'baseline'),
    fact('city', 'city', 'target', 2025),
  ];
  const today = new Date(2024, 5, 1);

  it('tells shared and unique focus directions', () => {
    // Focus: a {ai}, b {blockchain}, c {ai, blockchain}.
    const ac = compareDistricts(carriers, withCategories, facts, EMPTY_FILTER, ['a', 'c'], today, KEYS);
    expect(ac.shared).toEqual(['ai']);
    expect(ac.districts.map((d) => [d.id, d.focus, d.shared, d.unique])).toEqual([
      ['a', ['ai'], ['ai'], []],
      ['c', ['ai', 'blockchain'], ['ai'], ['blockchain']],
    ]);
    const ab = compareDistricts(carriers, withCategories, facts, EMPTY_FILTER, ['a', 'b'], today, KEYS);
    expect(ab.shared).toEqual([]);
    expect(ab.districts.map((d) => d.unique)).toEqual([['ai'], ['blockchain']]);
  });

  it('counts under the filter, with city parks, kinds, directions, categories and ordered figures', () => {
    const cmp = compareDistricts(carriers, withCategories, facts, EMPTY_FILTER, ['a', 'c'], today, KEYS);
    const [a, c] = cmp.districts;
    expect(a.category_keys).toEqual(['digital-industry']);
    expect(a.category_terms).toEqual(['数字产业']);
    expect(a.cityParks).toEqual(['r1']);
    expect(a.counts).toEqual({ records: 3, unplaced: 2, spanning: 1, parks: 1 }); // r1; r2, r3 unplaced; r3 spans
    expect(a.byKind).toMatchObject({ carrier: 2, zone: 1, lab: 0 });
    expect(a.byDirection).toEqual({ ai: 2, blockchain: 1 });
    expect(c.byDirection).toEqual({ ai: 1, blockchain: 2 });
    expect(c.cityParks).toEqual([]);
    // Current figures first (2025 target, 2020 baseline), then the passed 2022 target (orderFacts).
    expect(a.facts.map((x) => x.id)).toEqual(['a-2025', 'a-2020', 'a-2022']);
    expect(c.facts.map((x) => x.id)).toEqual(['c-x']);
    // Under a district filter a compared district outside it counts nothing.
    const only = compareDistricts(carriers, withCategories, facts, f({ districts: ['a'] }), ['a', 'c'], today, KEYS);
    expect(only.districts[1].counts.records).toBe(0);
    expect(only.districts[1].byDirection).toEqual({ ai: 0, blockchain: 0 });
  });

  it('throws on an unknown district', () => {
    expect(() => compareDistricts(carriers, withCategories, facts, EMPTY_FILTER, ['a', 'zz'], today)).toThrow(/zz/);
  });
});

describe('against the real built data', () => {
  let manifest: Manifest;
  let real: CarrierProps[];
  beforeAll(() => {
    ({ manifest, carriers: real } = buildRealCarriers());
  });

  it('the city parks are the records with the city-park role', () => {
    for (const c of real) expect(c.park, c.id).toBe(c.roles.includes('city-park'));
  });

  it("the matrix's column totals, row totals and total follow countMatches", () => {
    const keys = manifest.directions.map((d) => d.key);
    const ids = manifest.districts.map((d) => d.id);
    for (const filter of [
      EMPTY_FILTER,
      f({ directions: ['artificial-intelligence', 'blockchain'] }),
      f({ directions: ['artificial-intelligence'], inherit: true, districts: ['sip', 'xiangcheng'] }),
      f({ directions: ['intelligent-manufacturing', 'industrial-internet'], mode: 'all', inherit: true }),
      f({ kinds: ['lab', 'institute'] }),
    ]) {
      const m = directionDistrictMatrix(real, filter, keys, ids);
      const counts = countMatches(real, filter, ids);
      for (const d of ids) {
        expect(m.columnTotals[d].records, `${JSON.stringify(filter)} ${d}`).toBe(counts.byDistrict[d].records);
        expect(m.columnTotals[d].parks, `${JSON.stringify(filter)} ${d}`).toBe(counts.byDistrict[d].parks);
      }
      expect(m.total.records).toBe(counts.carriers);
      expect(m.total.parks).toBe(counts.parks);
      const bars = countsByDirection(real, filter, keys);
      for (const b of bars.bars) expect(b.records, b.key).toBe(m.rowTotals[b.key].records);
      expect(bars.unassigned.records).toBe(m.unassignedTotal.records);
      expect(countsByKind(real, filter).total.records).toBe(counts.carriers);
    }
  });

  it('compares real districts with their figures', () => {
    const cmp = compareDistricts(
      real,
      manifest.districts,
      manifest.facts,
      EMPTY_FILTER,
      ['sip', 'xiangcheng'],
      new Date(2026, 0, 1),
    );
    const counts = countMatches(real, EMPTY_FILTER, ['sip', 'xiangcheng']);
    expect(cmp.districts.map((d) => d.counts)).toEqual([counts.byDistrict.sip, counts.byDistrict.xiangcheng]);
    expect(cmp.districts[0].facts.every((x) => x.scope === 'sip')).toBe(true);
    expect(cmp.districts[0].facts.length).toBe(manifest.facts.filter((x) => x.scope === 'sip').length);
    for (const d of cmp.districts)
      for (const k of d.shared) expect(cmp.districts.every((o) => o.focus.includes(k))).toBe(true);
  });
});
