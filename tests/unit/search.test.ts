import { beforeAll, describe, expect, it } from 'vitest';
import { buildSearch, type Search } from '../../src/analysis/search';
import { buildRealCarriers } from './records';

let search: Search;
let carriers: ReturnType<typeof buildRealCarriers>['carriers'];

beforeAll(() => {
  const built = buildRealCarriers();
  carriers = built.carriers;
  search = buildSearch(built.carriers, built.manifest.districts);
});

describe('search', () => {
  it('finds every record by its exact Chinese name, first', () => {
    const misses = carriers.filter((c) => {
      const top = search(c.name_zh, 20).filter((h) => h.score === search(c.name_zh, 1)[0]?.score);
      return !top.some((h) => h.id === c.id);
    });
    expect(misses.map((c) => c.name_zh)).toEqual([]);
  });

  it('finds a record by its English name and by part of its name', () => {
    const ks = carriers.find((c) => c.name_zh === '国家超级计算昆山中心');
    expect(ks).toBeDefined();
    expect(search(ks?.name_en ?? '')[0]?.id).toBe(ks?.id);
    expect(search('超级计算昆山').map((h) => h.id)).toContain(ks?.id);
  });

  it('finds records by an alias', () => {
    const withAlias = carriers.filter((c) => c.aliases.length > 0);
    expect(withAlias.length).toBeGreaterThan(0);
    for (const c of withAlias) expect(search(c.aliases[0] as string, 20).map((h) => h.id)).toContain(c.id);
  });

  it('finds districts in both languages, and nothing for a blank query', () => {
    expect(search('Suzhou Industrial Park')[0]).toMatchObject({ type: 'district', id: 'sip' });
    expect(search('相城区')[0]).toMatchObject({ type: 'district', id: 'xiangcheng' });
    expect(search('   ')).toEqual([]);
  });
});
