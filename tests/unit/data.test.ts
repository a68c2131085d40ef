/**
 * The built data against seed 001 itself: nothing lost, exactly ten parks and districts, every
 * direction wording mapped, every point inside its district, every citation real; the geocoding of
 * district-level records (every placed record inside its district, every record in the report,
 * town and area records drawn with their circle) and the gazetteer layer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon, distance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type CarrierProps,
  type GazetteerProps,
  GazetteerPropsSchema,
  type GeocodeReport,
  GeocodeReportSchema,
  type Manifest,
} from '../../src/domain/built';
import { DIRECTION_FAMILIES, TaxonomySchema } from '../../src/domain/schema';
import { mapTerms } from '../../src/domain/taxonomy';
import { buildRealCarriers, ROOT, realInputs } from './records';
import { readSeedTables } from './seedTables';

const seed = readSeedTables();
let manifest: Manifest;
let carriers: CarrierProps[];
let points: Array<Feature<Point, CarrierProps>>;
let districts: FeatureCollection<Polygon | MultiPolygon, { id: string }>;
let report: GeocodeReport;
let areas: FeatureCollection<Polygon, { id: string; district: string }>;
let gazetteer: FeatureCollection<Point, GazetteerProps>;

beforeAll(() => {
  const built = buildRealCarriers();
  ({ manifest, carriers } = built);
  points = built.features.filter((f) => f.geometry !== null) as Array<Feature<Point, CarrierProps>>;
  const layer = (file: string) => JSON.parse(readFileSync(join(built.outDir, file), 'utf8'));
  districts = layer('districts.geojson');
  report = GeocodeReportSchema.parse(layer('geocode-report.json'));
  areas = layer('carrier-areas.geojson');
  gazetteer = layer('gazetteer.geojson');
});

const PLACED = new Set(['site', 'area', 'town']);

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
  it('has 25–32 directions with distinct colours and both languages', () => {
    expect(taxonomy.directions.length).toBeGreaterThanOrEqual(25);
    expect(taxonomy.directions.length).toBeLessThanOrEqual(32);
    expect(new Set(taxonomy.directions.map((d) => d.colour)).size).toBe(taxonomy.directions.length);
  });
  it('lists the directions family by family, every family used, each in the built manifest', () => {
    const order = DIRECTION_FAMILIES.map((f) => f.key);
    const seen = taxonomy.directions.map((d) => order.indexOf(d.family));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    for (const f of order)
      expect(
        taxonomy.directions.some((d) => d.family === f),
        f,
      ).toBe(true);
    for (const d of manifest.directions) expect(d.family, d.key).toBeDefined();
  });
  it('gives every direction a list of search synonyms (search aids, not document wording)', () => {
    for (const d of manifest.directions) {
      expect(Array.isArray(d.synonyms), d.key).toBe(true);
      expect(new Set(d.synonyms).size, d.key).toBe(d.synonyms.length);
    }
    const ic = manifest.directions.find((d) => d.key === 'integrated-circuits');
    expect(ic?.synonyms).toEqual(expect.arrayContaining(['半导体', 'semiconductor', 'chip', '芯片']));
    expect(manifest.directions.find((d) => d.key === 'artificial-intelligence')?.synonyms).toContain('AI');
  });
  it('justifies every own direction by the name (from_name) or a quote (stated)', () => {
    for (const c of carriers)
      for (const d of c.directions_own) {
        if (d.basis === 'from_name') expect(c.name_zh, `${c.id} ${d.key}`).toContain(d.term);
        else expect(d.source?.quote ?? '', `${c.id} ${d.key}`).toContain(d.term);
      }
  });
  it('maps 信息安全, 网络安全 and 数字安全 to one direction', () => {
    expect(mapTerms(['信息安全', '网络安全', '数字安全'], taxonomy).keys).toHaveLength(1);
  });
});

describe('locations and citations', () => {
  it('puts every placed record (site, area, town) inside its district polygon', () => {
    expect(points.length).toBeGreaterThan(0);
    expect(points.some((f) => f.properties.precision === 'town')).toBe(true);
    for (const f of points) {
      expect(PLACED.has(f.properties.precision), f.properties.id).toBe(true);
      const poly = districts.features.find((d) => d.properties.id === f.properties.district);
      expect(poly, f.properties.id).toBeDefined();
      expect(booleanPointInPolygon(f.geometry, poly as Feature<Polygon>), f.properties.id).toBe(true);
    }
  });
  it('gives district-level carriers no geometry, and located ones a precision and basis', () => {
    for (const c of carriers) {
      const located = points.some((p) => p.properties.id === c.id);
      expect(located, c.id).toBe(PLACED.has(c.precision));
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

describe('geocoding from the documents’ own words', () => {
  const resolutionOf = (id: string) => report.records.find((r) => r.id === id);
  it('lists every record in the report, with the precision it was built at', () => {
    expect(report.records.map((r) => r.id).sort()).toEqual(carriers.map((c) => c.id).sort());
    for (const c of carriers) expect(resolutionOf(c.id)?.after, c.id).toBe(c.precision);
    expect(report.after).toEqual(manifest.counts.carriers_by_precision);
  });
  it('lists every geocoded record as placed or settled, at the place its card names', () => {
    const geocoded = report.records.filter((r) => r.before === 'district' && r.after !== 'district');
    expect(geocoded.length).toBeGreaterThan(0);
    for (const r of geocoded) {
      expect(['placed', 'settled'], r.id).toContain(r.status);
      const c = carriers.find((x) => x.id === r.id) as CarrierProps;
      expect(c.place?.id, r.id).toBe(r.place);
      expect(c.basis, r.id).toBe(r.basis);
      expect(
        r.candidates.some((p) => p.id === r.place && p.district === c.district && p.located),
        r.id,
      ).toBe(true);
    }
    for (const c of carriers.filter((x) => x.precision === 'town'))
      expect(
        geocoded.map((r) => r.id),
        c.id,
      ).toContain(c.id);
  });
  it('leaves records at district precision when the place they name has no usable point', () => {
    for (const r of report.records.filter((x) => x.status === 'name-only')) {
      expect(r.after, r.id).toBe('district');
      expect(
        r.candidates.every((p) => !p.located),
        r.id,
      ).toBe(true);
    }
  });
  it('draws town and area records with a point, a place and an uncertainty circle of its radius', () => {
    for (const f of points.filter((p) => p.properties.precision === 'town' || p.properties.precision === 'area')) {
      const place = f.properties.place;
      expect(place, f.properties.id).toBeDefined();
      const circle = areas.features.find((a) => a.properties.id === f.properties.id);
      expect(circle, f.properties.id).toBeDefined();
      const edge = (circle as Feature<Polygon>).geometry.coordinates[0][0];
      expect(distance(f.geometry.coordinates, edge, { units: 'kilometers' })).toBeCloseTo(
        place?.uncertainty_km ?? 0,
        1,
      );
    }
  });
  it('gives a town record its town, named in both languages with the matched words and the source', () => {
    const towns = carriers.filter((c) => c.precision === 'town');
    expect(towns.length).toBeGreaterThan(0);
    for (const c of towns) {
      expect(c.basis, c.id).toMatch(/in or near .+: its name contains “.+”.*GeoNames \d+, CC BY 4\.0/);
      expect(c.basis_zh, c.id).toMatch(/位于.+或其附近：名称含“.+”.*GeoNames \d+, CC BY 4\.0/);
    }
  });
});

describe('the gazetteer layer', () => {
  it('holds points with unique ids and the properties the map reads, and is listed in the manifest', () => {
    expect(gazetteer.features.length).toBeGreaterThan(50);
    expect(manifest.layers.gazetteer).toEqual({ file: 'gazetteer.geojson', features: gazetteer.features.length });
    const ids = gazetteer.features.map((f) => GazetteerPropsSchema.parse(f.properties).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of gazetteer.features) expect(f.geometry.type, f.properties.id).toBe('Point');
    const layers = new Set(gazetteer.features.map((f) => f.properties.layer));
    expect([...layers].sort()).toEqual(['airport', 'place', 'station', 'town']);
  });
  it('ranks airports and HSR or mainline stations first, lakes and campuses second, towns third', () => {
    for (const f of gazetteer.features) {
      const { category, rank, id } = f.properties;
      if (['airport', 'hsr', 'mainline'].includes(category)) expect(rank, id).toBe(1);
      if (['lake', 'university'].includes(category)) expect(rank, id).toBe(2);
      if (['town', 'subdistrict'].includes(category)) expect(rank, id).toBe(3);
    }
  });
  it('carries the licences of its sources into the attribution', () => {
    for (const credit of ['GeoNames (CC BY 4.0)', 'OpenStreetMap contributors (ODbL)', 'Wikipedia'])
      expect(manifest.attribution).toContain(credit);
  });
});
