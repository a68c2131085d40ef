/**
 * Search: on a small fixture (`tests/fixtures/search/index.json`) each way of finding something —
 * exact name, alias, pinyin in full and by initials, a direction's synonym, a place — its ranking
 * and the reason shown; then on the real data, every record by its exact Chinese name, first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildSearch,
  SEARCH_FULL_MAX,
  type Search,
  type SearchHit,
  type SearchSources,
} from '../../src/analysis/search';
import type { CarrierProps, DistrictInfo } from '../../src/domain/built';
import { GazetteerPropsSchema } from '../../src/domain/built';
import { contextText, groupHits, reasonText } from '../../src/ui/SearchBox';
import { FIXTURES } from './fixtures';
import { buildRealCarriers, ROOT } from './records';

interface Fixture {
  carriers: Array<Pick<CarrierProps, 'id' | 'kind' | 'name_zh' | 'name_en' | 'aliases' | 'district' | 'seed_text'>>;
  districts: Array<Pick<DistrictInfo, 'id' | 'name_zh' | 'name_en'>>;
  directions: NonNullable<SearchSources['directions']>;
  places: NonNullable<SearchSources['places']>;
  kinds: NonNullable<SearchSources['kinds']>;
}

/** The fixture as search sources (the search reads only the fields the fixture gives). */
function fixtureSources(): SearchSources {
  const fx = JSON.parse(readFileSync(join(FIXTURES, 'search', 'index.json'), 'utf8')) as Fixture;
  return {
    carriers: fx.carriers as CarrierProps[],
    districts: fx.districts as DistrictInfo[],
    directions: fx.directions,
    places: fx.places,
    kinds: fx.kinds,
  };
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

describe('search on the fixture', () => {
  const search = buildSearch(fixtureSources());

  it('finds a record by its exact name, first, with score 0 and no reason shown', () => {
    const [top] = search('国家超级计算昆山中心');
    expect(top).toMatchObject({ type: 'carrier', id: 'ks-supercomputing', score: 0, reason: { field: 'name' } });
    expect(reasonText(top as SearchHit, 'zh')).toBeNull();
    expect(search('national supercomputing center in kunshan')[0]?.id).toBe('ks-supercomputing');
  });

  it('finds a record by an alias, and says so', () => {
    const [top] = search('西北工业大学太仓长三角研究院');
    expect(top).toMatchObject({ id: 'tc-nwpu-yrd-institute', reason: { field: 'alias', fuzzy: false } });
    expect(reasonText(top as SearchHit, 'zh')).toBe('别称：西北工业大学太仓长三角研究院');
    expect(reasonText(top as SearchHit, 'en')).toBe('alias: 西北工业大学太仓长三角研究院');
    expect(search('nusri')[0]).toMatchObject({ id: 'sip-nus-institute', reason: { field: 'alias' } });
  });

  it('finds a record by the table’s wording', () => {
    const [top] = search('相城新一代人工智能产业核心区');
    expect(top).toMatchObject({ id: 'xc-ai-core-zone', reason: { field: 'as-written' } });
    expect(reasonText(top as SearchHit, 'en')).toBe('as written: 相城新一代人工智能产业核心区');
  });

  it('finds Chinese names by pinyin in full, with or without spaces, and shows the pinyin', () => {
    for (const q of ['suzhou gongye', 'suzhougongye', 'Suzhou Gongye Yuanqu', 'suzhou gong']) {
      const [top] = search(q);
      expect(top, q).toMatchObject({ type: 'district', id: 'sip', reason: { field: 'pinyin' } });
    }
    const [top] = search('suzhou gongye');
    expect(reasonText(top as SearchHit, 'zh')).toBe('拼音：su zhou gong ye yuan qu');
    // From a syllable inside the name, not from inside a syllable.
    expect(ids(search('jinji'))).toContain('place-jinji-lake');
    expect(ids(search('gongye yuanqu'))).toContain('sip');
    expect(ids(search('ongye'))).not.toContain('sip');
  });

  it('finds Chinese names by pinyin initials', () => {
    const [top] = search('szgy');
    expect(top).toMatchObject({ type: 'district', id: 'sip', reason: { field: 'initials', text: 'szgyyq' } });
    expect(reasonText(top as SearchHit, 'en')).toBe('pinyin initials: szgyyq');
    expect(search('szgyyq')[0]?.id).toBe('sip');
    expect(ids(search('xbgydx'))).toContain('tc-nwpu-yrd-institute');
  });

  it('finds a direction by its names and by a synonym in either language', () => {
    for (const q of ['半导体', 'semiconductor', 'Semiconductor', '芯片', '集成电路', 'integrated circuits']) {
      expect(search(q)[0], q).toMatchObject({ type: 'direction', id: 'integrated-circuits' });
    }
    const [semi] = search('半导体');
    expect(semi?.reason).toMatchObject({ field: 'synonym', text: '半导体' });
    expect(reasonText(semi as SearchHit, 'zh')).toBe('同义词：半导体');
    expect(reasonText(search('semiconductor')[0] as SearchHit, 'en')).toBe('synonym: semiconductor');
    expect(search('AI')[0]).toMatchObject({ type: 'direction', id: 'artificial-intelligence' });
    expect(search('新基建')[0]).toMatchObject({ id: 'new-infrastructure', reason: { field: 'term' } });
    expect(contextText(semi as SearchHit, 'en', { districtById: new Map() })).toBe('');
  });

  it('does not read a short Latin query inside a word ("ai" is not in "Taicang")', () => {
    expect(ids(search('ai'))).not.toContain('taicang');
  });

  it('finds places of the gazetteer with their point and category', () => {
    const [top] = search('苏州北站');
    expect(top).toMatchObject({
      type: 'place',
      id: 'station-suzhou-north',
      point: [120.64, 31.43],
      layer: 'station',
      category: 'hsr',
      score: 0,
    });
    expect(contextText(top as SearchHit, 'zh', { districtById: new Map() })).toBe('高铁站');
    expect(search('Jinji Lake')[0]?.id).toBe('place-jinji-lake');
    expect(search('shaxizhen')[0]).toMatchObject({ id: 'town-taicang-shaxi', reason: { field: 'pinyin' } });
  });

  it('finds records by their kind, after names', () => {
    const hits = search('实验室');
    expect(hits[0]).toMatchObject({ id: 'wz-lab' });
    expect(search('laboratory')[0]).toMatchObject({ id: 'wz-lab', reason: { field: 'name' } });
    const byKind = search('研究院所');
    expect(ids(byKind)).toEqual(expect.arrayContaining(['tc-nwpu-yrd-institute', 'sip-nus-institute']));
    expect(byKind[0]?.reason.field).toBe('kind');
    expect(reasonText(byKind[0] as SearchHit, 'zh')).toBe('类型：研究院所');
  });

  it('ranks exact before prefix before substring before fuzzy', () => {
    const park = search('苏州工业园区');
    expect(ids(park).slice(0, 2)).toEqual(['sip', 'sip-ai-park']);
    expect(park[0]?.score).toBe(0);
    const nano = search('苏州纳米城');
    expect(nano[0]).toMatchObject({ id: 'sip-nanopolis', score: 0 });
    const near = nano.find((h) => h.id === 'sip-nano-park');
    expect(near?.reason.fuzzy).toBe(true);
    expect(reasonText(near as SearchHit, 'zh')).toBe('近似');
    const ai = search('人工智能');
    expect(ai[0]).toMatchObject({ type: 'direction', id: 'artificial-intelligence', score: 0 });
    expect(ids(ai)).toEqual(expect.arrayContaining(['sip-ai-park', 'xc-ai-core-zone']));
    for (const hits of [park, nano, ai]) {
      const scores = hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      const firstFuzzy = hits.findIndex((h) => h.reason.fuzzy);
      if (firstFuzzy >= 0) expect(hits.slice(firstFuzzy).every((h) => h.reason.fuzzy)).toBe(true);
    }
  });

  it('tolerates a typo by fuzzy matching, and says it is a close match', () => {
    const [top] = search('semiconducter');
    expect(top).toMatchObject({ id: 'integrated-circuits', reason: { field: 'synonym', fuzzy: true } });
    expect(reasonText(top as SearchHit, 'en')).toBe('close match · synonym: semiconductor');
  });

  it('names the other language’s name when that is what matched', () => {
    const [top] = search('Suzhou Industrial Park');
    expect(top).toMatchObject({ type: 'district', id: 'sip', reason: { field: 'name', lang: 'en' } });
    expect(reasonText(top as SearchHit, 'zh')).toBe('英文名：Suzhou Industrial Park');
    expect(reasonText(top as SearchHit, 'en')).toBeNull();
  });

  it('groups hits by type in the order of each group’s best hit', () => {
    const groups = groupHits(search('苏州', 20));
    expect(new Set(groups.map((g) => g.type)).size).toBe(groups.length);
    const best = groups.map((g) => g.hits[0]?.score ?? 1);
    expect(best).toEqual([...best].sort((a, b) => a - b));
    expect(groups.map((g) => g.type)).toEqual(expect.arrayContaining(['place', 'district', 'carrier']));
  });

  it('keeps a hostile alias as a plain string (the box renders it as text) and finds nothing for a blank query', () => {
    const [top] = search('<img src=x onerror=alert(1)>');
    expect(top?.id).toBe('wz-lab');
    expect(reasonText(top as SearchHit, 'en')).toBe('alias: <img src=x onerror=alert(1)>');
    expect(search('   ')).toEqual([]);
    expect(search('zzqqxx')).toEqual([]);
  });

  it('never renders through innerHTML', () => {
    const src = readFileSync(join(ROOT, 'src', 'ui', 'SearchBox.tsx'), 'utf8');
    expect(src).not.toMatch(/innerHTML|dangerouslySetInnerHTML/);
  });
});

describe('search over more records than SEARCH_FULL_MAX', () => {
  // The fixture's records plus filler records past the limit: record names are then matched as
  // written only, while districts, directions and places keep pinyin and typo matching.
  const src = fixtureSources();
  const filler = Array.from({ length: SEARCH_FULL_MAX + 1 - src.carriers.length }, (_, i) => ({
    ...(src.carriers[0] as CarrierProps),
    id: `filler-${i}`,
    name_zh: `填充载体${i}号`,
    name_en: `Filler carrier ${i}`,
    aliases: [],
    seed_text: undefined,
  }));
  const large = buildSearch({ ...src, carriers: [...src.carriers, ...filler] });
  const small = buildSearch(src);

  it('still finds records by their name as written, exactly, by prefix and inside', () => {
    expect(large('国家超级计算昆山中心')[0]).toMatchObject({ id: 'ks-supercomputing', score: 0 });
    expect(ids(large('填充载体1234号'))[0]).toBe('filler-1234');
    expect(ids(large('超级计算'))).toContain('ks-supercomputing');
  });

  it('does not find records by pinyin or a typo, but still finds districts that way', () => {
    const byPinyin = small('guojia chaoji');
    expect(ids(byPinyin)).toContain('ks-supercomputing');
    expect(ids(large('guojia chaoji'))).not.toContain('ks-supercomputing');
    expect(large('szgyyq')[0]).toMatchObject({ type: 'district', id: 'sip' });
    expect(large('semiconducter')[0]).toMatchObject({ id: 'integrated-circuits', reason: { fuzzy: true } });
  });
});

describe('search on the real data', () => {
  let search: Search;
  let carriers: CarrierProps[];
  let manifest: ReturnType<typeof buildRealCarriers>['manifest'];

  beforeAll(() => {
    const built = buildRealCarriers();
    carriers = built.carriers;
    manifest = built.manifest;
    const fc = JSON.parse(readFileSync(join(built.outDir, 'gazetteer.geojson'), 'utf8')) as FeatureCollection<Point>;
    const places = fc.features.map((f) => ({
      ...GazetteerPropsSchema.parse(f.properties),
      point: f.geometry.coordinates as [number, number],
    }));
    search = buildSearch({ carriers, districts: manifest.districts, directions: manifest.directions, places });
  });

  it('finds every record by its exact Chinese name, first', () => {
    const misses = carriers.filter((c) => {
      const top = search(c.name_zh, 20).filter((h) => h.score === search(c.name_zh, 1)[0]?.score);
      return !top.some((h) => h.id === c.id);
    });
    expect(misses.map((c) => c.name_zh)).toEqual([]);
    // 468 searches over every record: seconds on a busy 2-core machine, past the 5 s default.
  }, 60_000);

  it('finds a record by its English name and by part of its name', () => {
    const ks = carriers.find((c) => c.name_zh === '国家超级计算昆山中心');
    expect(ks).toBeDefined();
    expect(search(ks?.name_en ?? '')[0]?.id).toBe(ks?.id);
    expect(search('超级计算昆山').map((h) => h.id)).toContain(ks?.id);
  });

  it('never offers another station for a station the gazetteer lacks (苏州北站 is not 苏州站)', () => {
    const hits = search('苏州北站');
    expect(hits.filter((h) => h.type === 'place').map((h) => h.name_zh)).toEqual([]);
    expect(search('苏州站')[0]).toEqual(expect.objectContaining({ type: 'place', name_zh: '苏州站' }));
  });
  it('finds records by every alias', () => {
    const withAlias = carriers.filter((c) => c.aliases.length > 0);
    expect(withAlias.length).toBeGreaterThan(0);
    for (const c of withAlias)
      for (const a of c.aliases)
        expect(
          search(a, 20).map((h) => h.id),
          a,
        ).toContain(c.id);
  });

  it('finds districts in both languages, by pinyin and initials, and nothing for a blank query', () => {
    expect(search('Suzhou Industrial Park')[0]).toMatchObject({ type: 'district', id: 'sip' });
    expect(search('相城区')[0]).toMatchObject({ type: 'district', id: 'xiangcheng' });
    expect(search('suzhou gongye')[0]).toMatchObject({ type: 'district', id: 'sip' });
    expect(search('szgy')[0]).toMatchObject({ type: 'district', id: 'sip' });
    expect(search('   ')).toEqual([]);
  });

  it('finds every direction by its Chinese and English name, and by each of its synonyms', () => {
    for (const d of manifest.directions) {
      expect(search(d.zh)[0], d.zh).toMatchObject({ type: 'direction', id: d.key });
      expect(search(d.en)[0], d.en).toMatchObject({ type: 'direction', id: d.key });
      for (const s of d.synonyms ?? []) expect(ids(search(s, 20)), s).toContain(d.key);
    }
  });

  it('finds every gazetteer place by its Chinese name', () => {
    const fc = JSON.parse(
      readFileSync(join(buildRealCarriers().outDir, 'gazetteer.geojson'), 'utf8'),
    ) as FeatureCollection<Point>;
    for (const f of fc.features) {
      const name = String(f.properties?.name_zh);
      expect(ids(search(name, 20)), name).toContain(f.properties?.id);
    }
  });
});
