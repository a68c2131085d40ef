/**
 * The filter rule and search on the six-record fixture (`tests/fixtures/state/records.json`), with
 * expectations checked by hand against the fixture.
 */
import { describe, expect, it } from 'vitest';
import { carrierMatches, directionCounts, EMPTY_FILTER, mapViewOf } from '../../src/analysis/filter';
import { buildSearch } from '../../src/analysis/search';
import { stateFixture } from './fixtures';

const fx = stateFixture();
const ids = (f: Parameters<typeof carrierMatches>[1]) =>
  fx.carriers.filter((c) => carrierMatches(c, f)).map((c) => c.id);

describe('filter on the fixture', () => {
  it('matches own directions, any or all', () => {
    expect(ids({ ...EMPTY_FILTER, directions: ['ai'] })).toEqual(['r1', 'r3', 'r6']);
    expect(ids({ ...EMPTY_FILTER, directions: ['ai', 'blockchain'] })).toEqual(['r1', 'r2', 'r3', 'r5', 'r6']);
    expect(ids({ ...EMPTY_FILTER, directions: ['ai', 'blockchain'], mode: 'all' })).toEqual(['r6']);
  });
  it("adds the district's focus directions when inheriting", () => {
    // r2 inherits ai from district a; r4 inherits nothing of ai.
    expect(ids({ ...EMPTY_FILTER, directions: ['ai'], inherit: true })).toEqual(['r1', 'r2', 'r3', 'r6']);
  });
  it('keeps records spanning a chosen district, and only shown kinds', () => {
    expect(ids({ ...EMPTY_FILTER, districts: ['b'] })).toEqual(['r3', 'r4', 'r5']);
    expect(ids({ ...EMPTY_FILTER, kinds: ['lab', 'institute'] })).toEqual(['r4', 'r6']);
  });
  it('counts per direction within the district filter', () => {
    expect(directionCounts(fx.carriers, { ...EMPTY_FILTER, districts: ['c'] })).toEqual({ ai: 1, blockchain: 2 });
  });
  it('highlights districts by how many chosen directions their focus holds', () => {
    const view = mapViewOf(
      fx.carriers,
      fx.districts,
      { ...EMPTY_FILTER, directions: ['ai', 'blockchain'] },
      fx.directions,
    );
    expect(view.districts.map((d) => [d.id, d.focus])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 2],
    ]);
  });
});

describe('search on the fixture', () => {
  const search = buildSearch(fx.carriers, fx.districts);
  it('finds a record by its Chinese name, English name and alias', () => {
    expect(search('链谷')[0]?.id).toBe('r2');
    expect(search('Institute C')[0]?.id).toBe('r6');
    expect(search('湖畔园')[0]?.id).toBe('r1');
  });
  it('finds a district', () => {
    expect(search('乙区')[0]).toEqual(expect.objectContaining({ id: 'b', type: 'district' }));
  });
  it('finds nothing for an unrelated name', () => {
    expect(search('zzqqxx')).toEqual([]);
  });
});
