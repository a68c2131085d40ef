/**
 * Test helper for the logic tests: small inputs under `tests/fixtures/`, and expected outputs
 * beside them. `REGEN=1 npx vitest run` rewrites the expected files (review the diff before
 * committing); never in CI (`CI=true`), where a missing or different file fails the test.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { CarrierProps, DistrictInfo } from '../../src/domain/built';
import type { MapData } from '../../src/map/mapState';

export const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');

/** Compares `actual` with the JSON file `expected/<name>.json` under `tests/fixtures/<dir>/`. */
export function expectFixture(dir: string, name: string, actual: unknown): void {
  const path = join(FIXTURES, dir, 'expected', `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.REGEN === '1' && process.env.CI !== 'true') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  if (!existsSync(path)) throw new Error(`missing expected fixture ${path}: run REGEN=1 npx vitest run and review it`);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

interface RecordFixture {
  id: string;
  name_zh: string;
  name_en: string;
  aliases: string[];
  district: string;
  districts: string[];
  kind: CarrierProps['kind'];
  park: boolean;
  precision: CarrierProps['precision'];
  extent?: CarrierProps['extent'];
  own: string[];
  inherited: string[];
  point?: [number, number];
  place?: string;
}

/** The state fixture (`tests/fixtures/state/records.json`) as the app's built shapes. */
export function stateFixture() {
  const raw = JSON.parse(readFileSync(join(FIXTURES, 'state', 'records.json'), 'utf8')) as {
    directions: Array<{ key: string; colour: string }>;
    districts: Array<Pick<DistrictInfo, 'id' | 'name_zh' | 'name_en' | 'direction_keys' | 'anchor' | 'bbox'>>;
    records: RecordFixture[];
  };
  const carriers: CarrierProps[] = raw.records.map((r) => ({
    id: r.id,
    kind: r.kind,
    name_zh: r.name_zh,
    aliases: r.aliases,
    name_en: r.name_en,
    name_en_status: 'translation',
    district: r.district,
    districts: r.districts,
    roles: r.park ? ['city-park'] : [],
    park: r.park,
    directions_own: r.own.map((key) => ({ key, basis: 'from_name', term: key })),
    directions_inherited: r.inherited,
    dirs: `|${r.own.join('|')}|`,
    dirs_inh: `|${r.inherited.join('|')}|`,
    precision: r.precision,
    extent: r.extent,
    basis: '',
    basis_zh: '',
    place: r.place ? { id: r.place, name_zh: r.place, name_en: r.place, uncertainty_km: 2 } : undefined,
    sources: [],
  }));
  const districts = raw.districts.map(
    (d) =>
      ({
        ...d,
        adcode: '',
        name_en_status: 'translation',
        category_terms: [],
        category_keys: [],
        direction_terms: [],
        sources: [],
        area_km2: 1,
        n_carriers: 0,
        n_district_level: 0,
      }) as DistrictInfo,
  );
  const mapData: MapData = {
    carriers,
    districts,
    directions: raw.directions,
    parkIds: new Set(carriers.filter((c) => c.park).map((c) => c.id)),
  };
  const points = new Map(raw.records.filter((r) => r.point).map((r) => [r.id, r.point as [number, number]]));
  return { carriers, districts, directions: raw.directions, mapData, points };
}
