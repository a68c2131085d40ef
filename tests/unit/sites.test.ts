/**
 * The data build accepts records placed at their site (`geo/sites/*.yaml`): a record is built at
 * its entry's WGS-84 point with the entry's precision and basis (an area with its circle), and a bad
 * entry fails the build at `geo/sites/<file>:<line> › <record> › <field>`: a point outside the
 * record's district, a schema error, an unknown record, a point that is not its input converted, a
 * basis that does not name the conversion.
 *
 * Each case works on a copy of `geo/` in a temporary folder (removed afterwards) with fixtures from
 * tests/fixtures/sites/ copied into its `sites/` folder.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../geo/build/build';
import { type BuildIssue, DataBuildError, formatIssue } from '../../geo/build/issues';
import type { CarrierProps, GeocodeReport } from '../../src/domain/built';
import { ROOT, realInputs } from './records';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'sites');
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of `geo/` with `files` (name → text) in its `sites/` folder, built once. */
function buildWithSites(files: Record<string, string>) {
  const tmp = mkdtempSync(join(tmpdir(), 'sde-sites-'));
  made.push(tmp);
  cpSync(join(ROOT, 'geo'), join(tmp, 'geo'), { recursive: true });
  mkdirSync(join(tmp, 'geo', 'sites'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, 'geo', 'sites', name), text);
  const out = join(tmp, 'out');
  let issues: BuildIssue[] = [];
  try {
    buildData(realInputs({ rootDir: tmp, geoDir: join(tmp, 'geo') }), out);
  } catch (e) {
    if (!(e instanceof DataBuildError)) throw e;
    issues = e.issues;
  }
  const read = <T>(file: string) => JSON.parse(readFileSync(join(out, file), 'utf8')) as T;
  return { issues, read };
}

const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
/** The 1-based line of the first line of `text` starting (after indentation) with `start`. */
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.trimStart().startsWith(start)) + 1;

describe('a record with a site entry is built at that site', () => {
  let carriers: FeatureCollection<Point | null, CarrierProps>;
  let areas: FeatureCollection<Polygon, { id: string }>;
  let report: GeocodeReport;
  beforeAll(() => {
    const site = 'xc-hsr-new-town-digital-economy-park.yaml';
    const area = 'sip-international-science-park.yaml';
    const built = buildWithSites({ [site]: fixture(`good/${site}`), [area]: fixture(`good/${area}`) });
    expect(built.issues.map(formatIssue)).toEqual([]);
    carriers = built.read('carriers.geojson');
    areas = built.read('carrier-areas.geojson');
    report = built.read('geocode-report.json');
  });
  const feature = (id: string) => carriers.features.find((f) => f.properties.id === id);

  it('a GCJ-02 site: its converted WGS-84 point, precision site, the entry’s basis in both languages', () => {
    const f = feature('xc-hsr-new-town-digital-economy-park');
    expect(f?.geometry?.coordinates).toEqual([120.612618, 31.418644]);
    expect(f?.properties.precision).toBe('site');
    expect(f?.properties.basis).toMatch(/^GCJ-02 coordinate 120\.6168, 31\.4165 \(lon, lat\) from the AMap/);
    expect(f?.properties.basis).toContain('converted to WGS-84 with gcoord; source: site visit 2026-11-20');
    expect(f?.properties.basis_zh).toContain('经 gcoord 转换为 WGS-84');
    expect(f?.properties.place).toBeUndefined();
    expect(areas.features.some((a) => a.properties.id === 'xc-hsr-new-town-digital-economy-park')).toBe(false);
  });

  it('a BD-09 area: its point, precision area, and its uncertainty circle like other area records', () => {
    const f = feature('sip-international-science-park');
    expect(f?.geometry?.coordinates).toEqual([120.724426, 31.324677]);
    expect(f?.properties.precision).toBe('area');
    expect(f?.properties.place?.uncertainty_km).toBe(0.4);
    const circle = areas.features.find((a) => a.properties.id === 'sip-international-science-park');
    expect(circle?.geometry.type).toBe('Polygon');
  });

  it('the geocode report shows both as kept at their new precision, placed by their site file', () => {
    const r = report.records.find((x) => x.id === 'sip-international-science-park');
    expect(r).toMatchObject({ status: 'kept', before: 'district', after: 'area' });
    expect(r?.reason).toBe('placed by geo/sites/sip-international-science-park.yaml:4');
  });
});

describe('a bad site entry fails the build at its file, line, record and field', () => {
  const outside = fixture('outside/xc-china-telecom-park.yaml');
  const good = fixture('good/xc-hsr-new-town-digital-economy-park.yaml');
  const files = {
    'xc-china-telecom-park.yaml': outside,
    // A visit with no date.
    'no-date.yaml': good.replace(', date: "2026-11-20" }', ' }'),
    'unknown.yaml': good.replace('record: xc-hsr-new-town-digital-economy-park', 'record: xc-no-such-record'),
    // The point moved by 0.001° (about 100 m) away from its converted input.
    'moved.yaml': good
      .replace('record: xc-hsr-new-town-digital-economy-park', 'record: xc-china-mobile-5g-rd-community')
      .replace('lon: 120.612618', 'lon: 120.613618'),
    'silent.yaml': good
      .replace('record: xc-hsr-new-town-digital-economy-park', 'record: xc-yrd-blockchain-testing-lab')
      .replace('basis: "GCJ-02 coordinate', 'basis: "Coordinate'),
  };
  let issues: BuildIssue[] = [];
  beforeAll(() => {
    issues = buildWithSites(files).issues;
  });
  const at = (file: string) => issues.filter((i) => i.file === `geo/sites/${file}`);

  it('a point outside the record’s district', () => {
    expect(at('xc-china-telecom-park.yaml')).toEqual([
      {
        file: 'geo/sites/xc-china-telecom-park.yaml',
        line: lineOf(outside, 'lon:'),
        record: 'xc-china-telecom-park',
        field: 'lon',
        message: 'point 120.595829, 31.302187 lies outside the polygon of xiangcheng',
      },
    ]);
    expect(formatIssue(at('xc-china-telecom-park.yaml')[0])).toBe(
      `geo/sites/xc-china-telecom-park.yaml:${lineOf(outside, 'lon:')} › xc-china-telecom-park › lon: ` +
        'point 120.595829, 31.302187 lies outside the polygon of xiangcheng',
    );
  });

  it('a schema error (a visit with no date)', () => {
    expect(at('no-date.yaml')).toMatchObject([
      {
        line: lineOf(files['no-date.yaml'], 'source:'),
        record: 'xc-hsr-new-town-digital-economy-park',
        field: 'source.date',
        message: 'a site visit needs its date',
      },
    ]);
  });

  it('an unknown record', () => {
    expect(at('unknown.yaml')).toMatchObject([{ line: 4, record: 'xc-no-such-record', field: 'record' }]);
  });

  it('a point that is not its input converted to WGS-84', () => {
    const [issue] = at('moved.yaml');
    expect(issue).toMatchObject({ line: 5, record: 'xc-china-mobile-5g-rd-community', field: 'lon' });
    expect(issue.message).toMatch(/is not the input 120\.6168, 31\.4165 \(gcj02\) converted to WGS-84 .*\d+ m away/);
  });

  it('a converted input whose basis does not say so', () => {
    expect(at('silent.yaml')).toMatchObject([
      { line: lineOf(files['silent.yaml'], 'basis:'), record: 'xc-yrd-blockchain-testing-lab', field: 'basis' },
    ]);
  });

  it('nothing else', () => {
    expect(issues.filter((i) => !i.file.startsWith('geo/sites/')).map(formatIssue)).toEqual([]);
  });
});
