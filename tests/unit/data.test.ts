/**
 * The built data against seed 001 itself: nothing lost, exactly ten parks and districts, every
 * direction wording mapped, every point inside its district, every citation real.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CarrierProps, Manifest } from '../../src/domain/built';
import { TaxonomySchema } from '../../src/domain/schema';
import { mapTerms } from '../../src/domain/taxonomy';
import { buildRealCarriers, ROOT, realInputs } from './records';
import { readSeedTables } from './seedTables';

const seed = readSeedTables();
let manifest: Manifest;
let carriers: CarrierProps[];
let points: Array<Feature<Point, CarrierProps>>;
let districts: FeatureCollection<Polygon | MultiPolygon, { id: string }>;

beforeAll(() => {
  const built = buildRealCarriers();
  ({ manifest, carriers } = built);
  points = built.features.filter((f) => f.geometry !== null) as Array<Feature<Point, CarrierProps>>;
  districts = JSON.parse(readFileSync(join(built.outDir, 'districts.geojson'), 'utf8'));
});

describe('seed 001 tables as parsed from the document', () => {
  it('has ten parks and ten district rows', () => {
    expect(seed.parks).toHaveLength(10);
    expect(seed.layout).toHaveLength(10);
  });
  it("joins Taicang's row across the page break", () => {
    const tc = seed.layout.find((r) => r.district === '太仓市');
    expect(tc?.lines).toHaveLength(2);
    expect(tc?.carriers).toContain('5G+汽车零部件工业互联网平台总部');
    expect(tc?.directions).toContain('新城建');
  });
});

describe('records cover the tables with no loss', () => {
  it('has exactly ten parks and ten districts', () => {
    expect(manifest.counts.parks).toBe(10);
    expect(manifest.counts.districts).toBe(10);
    expect(carriers.filter((c) => c.park)).toHaveLength(10);
  });

  it('has every park of the park table, in its district, citing the park-table line', () => {
    for (const p of seed.parks) {
      const rec = carriers.find((c) => c.park && c.seed_text === p.park);
      expect(rec, p.park).toBeDefined();
      const district = manifest.districts.find((d) => d.id === rec?.district);
      expect(p.district.replace(/\s/g, ''), p.park).toBe(district?.name_zh);
      expect(rec?.sources.some((s) => s.doc === '001' && s.line === p.line)).toBe(true);
    }
  });

  it('has a record for every 主要产业载体 segment, as written, in its district', () => {
    let segments = 0;
    for (const row of seed.layout) {
      const district = manifest.districts.find((d) => d.name_zh === row.district.replace(/\s/g, ''));
      expect(district, row.district).toBeDefined();
      for (const segment of row.carriers) {
        segments += 1;
        const recs = carriers.filter((c) => c.seed_text === segment);
        expect(recs.length, `${row.district}: ${segment}`).toBeGreaterThan(0);
        for (const r of recs) expect(r.district).toBe(district?.id);
      }
    }
    expect(segments).toBeGreaterThan(130);
    const allSegments = new Set(seed.layout.flatMap((r) => r.carriers));
    const keyCarriers = carriers.filter((c) => c.roles.includes('key-carrier'));
    for (const c of keyCarriers) expect(allSegments.has(c.seed_text ?? ''), c.id).toBe(true);
    for (const c of carriers) expect(c.seed_text === undefined, c.id).toBe(!c.roles.includes('key-carrier'));
  });

  it('records each district row exactly as written', () => {
    for (const row of seed.layout) {
      const d = manifest.districts.find((x) => x.name_zh === row.district.replace(/\s/g, ''));
      expect(d?.category_terms).toEqual(row.categories);
      expect(d?.direction_terms).toEqual(row.directions);
    }
  });
});

describe('taxonomy', () => {
  const taxonomy = TaxonomySchema.parse(parse(readFileSync(join(ROOT, 'geo', 'directions.yaml'), 'utf8')));
  it('maps every direction wording of the table to one direction', () => {
    const wordings = seed.layout.flatMap((r) => r.directions);
    expect(mapTerms(wordings, taxonomy).unmapped).toEqual([]);
  });
  it('has 15–20 directions with distinct colours and both languages', () => {
    expect(taxonomy.directions.length).toBeGreaterThanOrEqual(15);
    expect(taxonomy.directions.length).toBeLessThanOrEqual(20);
    expect(new Set(taxonomy.directions.map((d) => d.colour)).size).toBe(taxonomy.directions.length);
  });
  it('maps 信息安全, 网络安全 and 数字安全 to one direction', () => {
    expect(mapTerms(['信息安全', '网络安全', '数字安全'], taxonomy).keys).toHaveLength(1);
  });
});

describe('locations and citations', () => {
  it('puts every located carrier inside its district polygon', () => {
    expect(points.length).toBeGreaterThan(0);
    for (const f of points) {
      const poly = districts.features.find((d) => d.properties.id === f.properties.district);
      expect(poly, f.properties.id).toBeDefined();
      expect(booleanPointInPolygon(f.geometry, poly as Feature<Polygon>), f.properties.id).toBe(true);
    }
  });
  it('gives district-level carriers no geometry, and located ones a precision and basis', () => {
    for (const c of carriers) {
      const located = points.some((p) => p.properties.id === c.id);
      expect(located, c.id).toBe(c.precision === 'site' || c.precision === 'area');
      expect(c.basis.length).toBeGreaterThan(10);
    }
  });
  it('cites a line of the document whose text holds the quote, for every source', () => {
    const inputs = realInputs();
    const texts = new Map(
      manifest.sources.map((s) => [s.id, readFileSync(join(inputs.seedsDir, s.file), 'utf8').split('\n')]),
    );
    for (const c of carriers) {
      for (const s of c.sources)
        expect(texts.get(s.doc)?.[s.line - 1], `${c.id} ${s.doc}:${s.line}`).toContain(s.quote);
    }
  });
  it('keeps inherited directions apart from own ones', () => {
    const xc = manifest.districts.find((d) => d.id === 'xiangcheng');
    const lab = carriers.find((c) => c.name_zh === '长三角区块链检测实验室');
    expect(lab?.directions_own.map((d) => d.key)).toContain('blockchain');
    expect(lab?.directions_own.find((d) => d.key === 'blockchain')?.basis).toBe('from_name');
    expect(lab?.directions_inherited).toEqual(xc?.direction_keys);
  });
});
