/**
 * The geocoder (geo/build/geocode.ts) and the gazetteer reader (geo/build/gazetteer.ts) on small fake
 * inputs under tests/fixtures/geocode/: two square districts (west, east), a few townships, named
 * places and project places, and one record per rule (a match, no match, an ambiguity that fails
 * and one the record settles, a match outside the district, a place known by name only, the
 * stop-list). No real data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMap, isSeq, type Node } from 'yaml';
import { districtJoin, gazetteerLayer, type RawGazetteer, readGazetteer } from '../../geo/build/gazetteer';
import {
  type GeocodePlace,
  type GeocodeRecord,
  type GeocodeResolution,
  geocodePlaces,
  geocodeRecords,
  geocodeReport,
  type StopEntry,
  shortForms,
} from '../../geo/build/geocode';
import type { BuildIssue } from '../../geo/build/issues';
import { parseYamlText, recordAt } from '../../geo/build/yamlFile';
import { GazetteerPropsSchema, GeocodeReportSchema } from '../../src/domain/built';
import { LocationSpecSchema, PlaceRecordSchema } from '../../src/domain/schema';
import { FIXTURES } from './fixtures';

const DIR = join(FIXTURES, 'geocode');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const raw = (file: string) => ({
  rel: `tests/fixtures/geocode/${file}`,
  text: read(file),
  data: JSON.parse(read(file)),
});

const divisions = JSON.parse(read('districts.geojson')) as FeatureCollection<Polygon | MultiPolygon>;
const polygons = new Map(divisions.features.map((f) => [f.properties?.id as string, f as Feature<Polygon>]));
const districts = divisions.features.map((f) => ({
  id: f.properties?.id as string,
  adcode: f.properties?.adcode as string,
  name_zh: f.properties?.name as string,
}));
const join_ = districtJoin(districts, divisions, polygons);

/** The fixture's own stop-list: a short form that is a common word, and one ignored inside a longer word. */
const STOP: StopEntry[] = [
  { form: '长安', reason: 'a common word (fixture)' },
  { form: '通安', within: ['交通安'], reason: '交通安全 holds 通安 (fixture)' },
];
const TITLES = new Map([['001', { short_en: 'the Test Plan', short_zh: '《测试规划》' }]]);

/** The fixture records, read with their lines, as the geocoder sees them. */
function fixtureRecords(): GeocodeRecord[] {
  const yaml = parseYamlText(read('records.yaml'), join(DIR, 'records.yaml'), 'tests/fixtures/geocode/records.yaml');
  const list = yaml.doc.get('records', true);
  if (!isSeq(list)) throw new Error('records.yaml: expected a records list');
  return list.items.map((node) => {
    const r = (node as Node).toJSON();
    if (!isMap(node)) throw new Error('records.yaml: a record is not a map');
    return {
      id: r.id,
      district: r.district,
      name_zh: r.name_zh,
      aliases: r.aliases ?? [],
      sources: r.sources,
      location: LocationSpecSchema.parse(r.location),
      at: recordAt(yaml, node as Node, r.id),
    };
  });
}

const fixturePlaces = () =>
  (
    JSON.parse(JSON.stringify(parseYamlText(read('places.yaml'), '', '').doc.toJS())) as {
      places: unknown[];
    }
  ).places.map((p) => PlaceRecordSchema.parse(p));

let places: GeocodePlace[];
let records: GeocodeRecord[];
let resolutions: GeocodeResolution[];
let issues: BuildIssue[];
let gazetteerIssues: BuildIssue[];
const gazetteerRaw: RawGazetteer = {
  townships: raw('townships.geojson'),
  named: raw('named.geojson'),
  transport: raw('transport.geojson'),
};
const resolution = (id: string) => resolutions.find((r) => r.id === id) as GeocodeResolution;
const issuesOf = (id: string) => issues.filter((i) => i.record === id);
const lineOf = (needle: string) =>
  read('records.yaml')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

beforeAll(() => {
  const { gazetteer, issues: gi } = readGazetteer(gazetteerRaw, join_);
  gazetteerIssues = gi;
  places = geocodePlaces(gazetteer.entries, fixturePlaces(), STOP);
  records = fixtureRecords();
  ({ resolutions, issues } = geocodeRecords(records, places, TITLES, STOP));
});

describe('names and short forms', () => {
  it('drops 镇 and 街道, and a leading 苏州 of a statistical zone; a short form is two or more Chinese characters', () => {
    expect(shortForms('花桥镇', 'town')).toEqual(['花桥']);
    expect(shortForms('横扇街道', 'subdistrict')).toEqual(['横扇']);
    expect(shortForms('苏州高铁新城', 'zone')).toEqual(['高铁新城']);
    expect(shortForms('苏州站', 'zone')).toEqual([]);
    expect(shortForms('X镇', 'town')).toEqual([]);
    expect(shortForms('某某大学', 'university')).toEqual([]);
  });
  it('reads the fixture gazetteer without a problem, and leaves a town anchor to its township', () => {
    expect(gazetteerIssues).toEqual([]);
    expect(places.map((p) => p.id)).not.toContain('place-jiashan');
    expect(places.find((p) => p.id === 'town-west-jiashan')?.forms).toEqual(['甲山镇', '甲山']);
  });
  it('lets a project place supersede the gazetteer entry that shares its name', () => {
    expect(places.map((p) => p.id)).not.toContain('town-west-yihe');
    expect(resolution('w-superseded')).toMatchObject({ status: 'placed', after: 'area', place: { id: 'w-yihe' } });
  });
});

describe('a match', () => {
  it('places a record whose name holds a town at town precision, with the town radius', () => {
    const r = resolution('w-match');
    expect(r).toMatchObject({ status: 'placed', before: 'district', after: 'town' });
    expect(r.place).toMatchObject({ id: 'town-west-jiashan', point: [120.2, 31.2], uncertainty_km: 5 });
    expect(r.basis).toContain('its name contains “甲山”');
    expect(r.basis).toContain('GeoNames 1000001, CC BY 4.0');
    expect(r.basis_zh).toContain('名称含“甲山”');
    expect(issuesOf('w-match')).toEqual([]);
  });
  it('finds a town in a quote, and cites the document by its short title and line', () => {
    const r = resolution('w-quote');
    expect(r).toMatchObject({ status: 'placed', after: 'town', place: { id: 'town-west-jiashan' } });
    expect(r.matches).toEqual([{ place: 'town-west-jiashan', form: '甲山镇', field: 'sources.0.quote', start: 2 }]);
    expect(r.basis).toContain('the Test Plan (line 11) names “甲山镇”');
    expect(r.basis_zh).toContain('《测试规划》第 11 行提及“甲山镇”');
  });
  it('is a site only when the record is the campus itself, else an area with the campus radius', () => {
    expect(resolution('w-campus')).toMatchObject({ status: 'placed', after: 'site' });
    expect(resolution('w-campus-institute')).toMatchObject({
      status: 'placed',
      after: 'area',
      place: { id: 'place-moumou-university', uncertainty_km: 1 },
    });
  });
  it('leaves a record already placed in its YAML alone', () => {
    expect(resolution('w-kept')).toMatchObject({ status: 'kept', before: 'area', after: 'area', matches: [] });
  });
});

describe('no match', () => {
  it('leaves the record at district precision', () => {
    expect(resolution('w-no-match')).toMatchObject({ status: 'unmatched', after: 'district', candidates: [] });
    expect(issuesOf('w-no-match')).toEqual([]);
  });
});

describe('ambiguity', () => {
  it('fails when the words name two places of the district, at the line of the location', () => {
    expect(issuesOf('w-ambiguous')).toEqual([
      expect.objectContaining({
        file: 'tests/fixtures/geocode/records.yaml',
        line: lineOf('name_zh: 甲山西港数据中心') + 1,
        field: 'location',
        message: expect.stringMatching(/names several places in west: 甲山镇 .*西港 .*location\.geocode/),
      }),
    ]);
  });
  it('is settled by the record choosing one of them, and the choice is said in both languages', () => {
    const r = resolution('w-settled');
    expect(issuesOf('w-settled')).toEqual([]);
    expect(r).toMatchObject({ status: 'settled', after: 'area', place: { id: 'w-xigang', uncertainty_km: 2 } });
    expect(r.candidates.map((c) => c.id)).toEqual(['town-west-jiashan', 'w-xigang']);
    expect(r.reason).toMatch(/西港/);
    expect(r.basis).toContain('the record chose this place');
    expect(r.basis_zh).toContain('记录已指定此处');
  });
  it('fails when the record chooses a place its words do not name, or has nothing to settle', () => {
    expect(issuesOf('w-settle-wrong')).toEqual([
      expect.objectContaining({
        field: 'location.geocode.place',
        message: expect.stringContaining('town-east-bingqiao is not among the places the record names'),
      }),
    ]);
    expect(issuesOf('w-settle-nothing')).toEqual([
      expect.objectContaining({ field: 'location.geocode', message: expect.stringContaining('nothing to settle') }),
    ]);
  });
});

describe('a match outside the district', () => {
  it('fails at the line of the words that name it', () => {
    expect(issuesOf('w-outside')).toEqual([
      expect.objectContaining({
        line: lineOf('quote: 西区创新园、丙桥科技园'),
        field: 'sources.0.quote',
        message: expect.stringMatching(/names 丙桥镇 \(town-east-bingqiao, east\), outside the record's district west/),
      }),
    ]);
  });
  it('is settled by `geocode: { place: none }`, keeping the district', () => {
    expect(issuesOf('w-outside-settled')).toEqual([]);
    expect(resolution('w-outside-settled')).toMatchObject({ status: 'declined', after: 'district' });
  });
});

describe('a place known by name only', () => {
  it('leaves the record at district precision and lists it', () => {
    expect(issuesOf('w-name-only')).toEqual([]);
    expect(resolution('w-name-only')).toMatchObject({
      status: 'name-only',
      after: 'district',
      candidates: [expect.objectContaining({ id: 'town-west-dingwan', point: null })],
    });
  });
  it('treats a seat the source flags as suspect the same way, saying why', () => {
    expect(resolution('w-suspect')).toMatchObject({
      status: 'name-only',
      candidates: [
        expect.objectContaining({ id: 'town-west-wutang', point: null, unusable: expect.stringMatching(/suspect/) }),
      ],
    });
  });
});

describe('the stop-list', () => {
  it('never matches a stopped form, while the full name still would', () => {
    expect(places.find((p) => p.id === 'town-west-changan')?.forms).toEqual(['长安镇']);
    expect(resolution('w-stop')).toMatchObject({ status: 'unmatched', candidates: [] });
  });
  it('ignores a form only inside the words it lists', () => {
    expect(resolution('e-within')).toMatchObject({ status: 'unmatched', candidates: [] });
    expect(resolution('e-town')).toMatchObject({ status: 'placed', place: { id: 'town-east-tongan' } });
  });
});

describe('the report and the orientation layer', () => {
  it('lists every record with its resolution, and counts precisions before and after', () => {
    const report = GeocodeReportSchema.parse(geocodeReport(resolutions, STOP));
    expect(report.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(report.before).toMatchObject({ area: 1, district: records.length - 1, town: 0 });
    expect(report.after.town).toBe(resolutions.filter((r) => r.after === 'town').length);
    expect(report.stop_list).toEqual(STOP);
  });
  it('draws only usable points, leaving out town anchors and suspect seats', () => {
    const { gazetteer } = readGazetteer(gazetteerRaw, join_);
    const layer = gazetteerLayer(gazetteer);
    for (const f of layer.features) GazetteerPropsSchema.parse(f.properties);
    expect(layer.features.map((f) => f.properties.id).sort()).toEqual(
      [
        'place-moumou-university',
        'rail-dongqu',
        'town-east-bingqiao',
        'town-east-tongan',
        'town-west-changan',
        'town-west-jiashan',
        'town-west-yihe',
      ].sort(),
    );
    expect(layer.features.find((f) => f.properties.id === 'rail-dongqu')?.properties).toMatchObject({
      layer: 'station',
      category: 'hsr',
      rank: 1,
    });
    expect(gazetteer.attribution).toEqual([
      'Places © GeoNames (CC BY 4.0)',
      '© OpenStreetMap contributors (ODbL)',
      'Wikipedia',
    ]);
  });
});

describe('a gazetteer file that fails its checks', () => {
  it('names the file, the feature and the field, at their lines', () => {
    const bad = { ...gazetteerRaw, townships: raw('townships-bad.geojson') };
    const found = readGazetteer(bad, join_).issues;
    const text = read('townships-bad.geojson').split('\n');
    const line = (needle: string, after = 0) => text.findIndex((l, i) => i >= after && l.includes(needle)) + 1;
    const second = line('"id": "990002101"');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'tests/fixtures/geocode/townships-bad.geojson',
          record: '990001101',
          field: 'properties.kind',
          line: line('"kind": "village"'),
        }),
        expect.objectContaining({
          record: '990002101',
          field: 'properties.licence',
          line: line('"licence"', second),
          message: expect.stringContaining('not one the map attributes'),
        }),
        expect.objectContaining({
          record: '990002101',
          field: 'geometry',
          message: expect.stringContaining('lies in west, not east'),
        }),
      ]),
    );
    // The town anchor of the named places now points at a township that failed its schema.
    expect(found.filter((i) => i.file.endsWith('named.geojson')).map((i) => i.field)).toEqual(['properties.related']);
  });
});
