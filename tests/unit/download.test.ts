/**
 * Data downloads (src/analysis/download.ts): GeoJSON with null geometry for unplaced records, CSV with
 * a byte-order mark that d3-dsv parses back to the same rows (quotes, commas and newlines in names
 * survive), the matrix CSV, and file names after the filter. On the workbench fixture and the real data.
 */
import { csvParseRows } from 'd3';
import { describe, expect, it } from 'vitest';
import { directionDistrictMatrix } from '../../src/analysis/aggregate';
import {
  BOM,
  downloadName,
  matrixCsv,
  matrixLabelsIn,
  RECORD_CSV_COLUMNS,
  recordsCsv,
  recordsFeatureCollection,
} from '../../src/analysis/download';
import { carrierMatches, EMPTY_FILTER, type FilterState } from '../../src/analysis/filter';
import type { CarrierProps } from '../../src/domain/built';
import { LABELS, workbenchFixture } from '../fixtures/workbench/fixture';
import { buildRealCarriers } from './records';

const fx = workbenchFixture();
const DOCS = [
  { id: '001' as const, title_zh: '《苏州市数字经济“十四五”发展规划》', title_en: 'Suzhou Digital Economy Plan' },
];
/** The CSV without its BOM, parsed by d3-dsv (which keeps a BOM as part of the first cell). */
const parse = (csv: string) => csvParseRows(csv.slice(BOM.length));

describe('recordsFeatureCollection', () => {
  const fc = recordsFeatureCollection(fx.carriers, fx.points, DOCS);

  it('is an RFC 7946 FeatureCollection with null geometry for records with no point', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(fx.carriers.length);
    const geom = Object.fromEntries(fc.features.map((f) => [f.id, f.geometry]));
    for (const id of ['r2', 'r3', 'r4', 'r5']) expect(geom[id], id).toBeNull();
    expect(geom.r6).toEqual({ type: 'Point', coordinates: [120.9, 31.05] });
    expect(geom.t1).toEqual({ type: 'Point', coordinates: [120.9, 31.1] });
    // Round trip through JSON keeps it (no undefined members, no crs).
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
    expect(fc).not.toHaveProperty('crs');
  });

  it('carries names, districts, directions, kind, precision, basis and the first source', () => {
    const t1 = fc.features.find((f) => f.id === 't1')?.properties;
    expect(t1).toEqual({
      id: 't1',
      name_zh: '丙镇数字小镇',
      name_en: 'Bing Town Digital Hub',
      district: 'c',
      districts: ['c'],
      directions: ['ai'],
      directions_inherited: ['ai', 'blockchain'],
      kind: 'carrier',
      precision: 'town',
      basis: 'fixture basis of t1',
      basis_zh: 't1 的定位依据',
      document: '《苏州市数字经济“十四五”发展规划》',
      document_en: 'Suzhou Digital Economy Plan',
      doc: '001',
      line: 700,
      quote: '丙镇数字小镇',
    });
    // A record with no source: nulls, not a made-up citation.
    const r3 = fc.features.find((f) => f.id === 'r3')?.properties;
    expect(r3).toMatchObject({ districts: ['a', 'b'], document: null, line: null, quote: null });
  });
});

describe('recordsCsv', () => {
  const tricky: CarrierProps = {
    ...(fx.byId.get('s2') as CarrierProps),
    id: 'tricky',
    name_zh: '“引号”园区，二期\n东区',
    name_en: 'The "Quoted" Park, Phase 2\r\nEast',
    sources: [{ doc: '001', line: 12, quote: 'a, "b"; c' }],
  };
  const records = [...fx.carriers, tricky];
  const csv = recordsCsv(records, new Map(fx.points).set('tricky', [120.91, 31.16]), DOCS);
  const rows = parse(csv);

  it('begins with a BOM and has the stated columns, one row per record', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(rows[0]).toEqual([...RECORD_CSV_COLUMNS]);
    expect(rows[0]).toEqual([
      'id',
      'name_zh',
      'name_en',
      'district',
      'directions',
      'kind',
      'longitude',
      'latitude',
      'precision',
      'basis',
      'basis_zh',
      'document',
      'line',
      'quote',
    ]);
    expect(rows).toHaveLength(records.length + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(records.map((c) => c.id));
  });

  it('leaves coordinates empty for unplaced records and joins lists with ";"', () => {
    const row = (id: string) => rows.find((r) => r[0] === id) as string[];
    const col = (name: (typeof RECORD_CSV_COLUMNS)[number]) => RECORD_CSV_COLUMNS.indexOf(name);
    expect([row('r5')[col('longitude')], row('r5')[col('latitude')]]).toEqual(['', '']);
    expect(row('r5')[col('district')]).toBe('b;c');
    expect(row('r6')[col('directions')]).toBe('ai;blockchain');
    expect([row('r6')[col('longitude')], row('r6')[col('latitude')]]).toEqual(['120.9', '31.05']);
    expect(row('t1')[col('precision')]).toBe('town');
  });

  it('keeps quotes, commas and newlines in names and quotes', () => {
    const row = rows.find((r) => r[0] === 'tricky') as string[];
    expect(row[1]).toBe('“引号”园区，二期\n东区');
    expect(row[2]).toBe('The "Quoted" Park, Phase 2\r\nEast');
    expect(row[13]).toBe('a, "b"; c');
    expect(row[12]).toBe('12');
  });
});

describe('matrixCsv', () => {
  it('writes the matrix with its totals, the unassigned row when it counts anything', () => {
    const m = directionDistrictMatrix(fx.carriers, EMPTY_FILTER, ['ai', 'blockchain'], ['a', 'b', 'c']);
    const csv = matrixCsv(m, matrixLabelsIn('en', LABELS.directions, LABELS.districts));
    expect(csv.startsWith(BOM)).toBe(true);
    // Own directions, every record: ai a {r1, r3} b {r3, p3} c {r6, t1}; blockchain a {r2} b {r5} c {r5, r6, t2, s2};
    // none: b {r4}. Row totals once per record: ai {r1, r3, r6, t1, p3} = 5, blockchain {r2, r5, r6, t2, s2} = 5.
    // Column totals: a {r1, r2, r3} 3, b {r3, r4, r5, p3} 4, c {r5, r6, t1, t2, s2} 5; total 10.
    expect(parse(csv)).toEqual([
      ['Direction / district', 'District A', 'District B', 'District C', 'Total'],
      ['Artificial intelligence', '2', '2', '2', '5'],
      ['Blockchain', '1', '1', '4', '5'],
      ['None of these directions', '0', '1', '0', '1'],
      ['Total', '3', '4', '5', '10'],
    ]);
    // City parks: r1 (a, ai) and s2 (c, blockchain).
    expect(parse(matrixCsv(m, matrixLabelsIn('zh', LABELS.directions, LABELS.districts), 'parks'))).toEqual([
      ['方向 / 板块', '甲区', '乙区', '丙区', '合计'],
      ['人工智能', '1', '0', '0', '1'],
      ['区块链', '0', '0', '1', '1'],
      ['无所选方向', '0', '0', '0', '0'],
      ['合计', '1', '0', '1', '2'],
    ]);
    const chosen = directionDistrictMatrix(
      fx.carriers,
      { ...EMPTY_FILTER, directions: ['ai'] },
      ['ai', 'blockchain'],
      ['a', 'b', 'c'],
    );
    expect(parse(matrixCsv(chosen, { corner: '', total: 'T', unassigned: 'U' })).map((r) => r[0])).toEqual([
      '',
      'ai',
      'T',
    ]);
  });
});

describe('downloadName', () => {
  const day = new Date(2026, 10, 30);
  const f = (over: Partial<FilterState>): FilterState => ({ ...EMPTY_FILTER, ...over });
  it('names the file after the filter and the day, in safe characters', () => {
    expect(
      downloadName(f({ directions: ['artificial-intelligence', 'blockchain'], districts: ['sip'] }), 'csv', day),
    ).toBe('suzhou-digital-economy_artificial-intelligence+blockchain_sip_2026-11-30.csv');
    expect(downloadName(EMPTY_FILTER, 'geojson', day)).toBe('suzhou-digital-economy_all_2026-11-30.geojson');
    expect(
      downloadName(f({ directions: ['ai', 'blockchain'], mode: 'all', inherit: true, kinds: ['lab'] }), '.csv', day),
    ).toBe('suzhou-digital-economy_all-of-ai+blockchain-incl-focus_kind-lab_2026-11-30.csv');
    expect(downloadName(f({ districts: ['a', 'b', 'c', 'd', 'e'] }), 'csv', new Date(2026, 0, 5))).toBe(
      'suzhou-digital-economy_5-districts_2026-01-05.csv',
    );
    const odd = downloadName(f({ directions: ['../Weird Key/区'] }), 'csv', day);
    expect(odd).toBe('suzhou-digital-economy_weird-key_2026-11-30.csv');
    expect(odd).toMatch(/^[a-z0-9+_.-]+$/);
    expect(() => downloadName(EMPTY_FILTER, 'c/sv', day)).toThrow(RangeError);
  });
});

describe('against the real built data', () => {
  it('downloads what a filter matches: CSV and GeoJSON rows equal the count and parse', () => {
    const { manifest, carriers, features } = buildRealCarriers();
    const points = new Map(
      features.flatMap((f) =>
        f.geometry ? [[String(f.properties?.id), f.geometry.coordinates as [number, number]] as const] : [],
      ),
    );
    for (const filter of [EMPTY_FILTER, { ...EMPTY_FILTER, directions: ['artificial-intelligence'] }]) {
      const shown = carriers.filter((c) => carrierMatches(c, filter));
      const rows = parse(recordsCsv(shown, points, manifest.sources));
      expect(rows).toHaveLength(shown.length + 1);
      expect(rows.slice(1).map((r) => r[1])).toEqual(shown.map((c) => c.name_zh));
      const fc = JSON.parse(JSON.stringify(recordsFeatureCollection(shown, points, manifest.sources)));
      expect(fc.features).toHaveLength(shown.length);
      for (const [i, f] of fc.features.entries()) {
        const c = shown[i];
        const placed = c.precision === 'site' || c.precision === 'area' || c.precision === 'town';
        expect(f.geometry === null, c.id).toBe(!placed);
        expect(f.properties.document, c.id).toBe(manifest.sources.find((s) => s.id === c.sources[0].doc)?.title_zh);
      }
    }
  });
});
