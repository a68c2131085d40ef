/**
 * Light structural checks of the built data, for the browser.
 *
 * The data build validates every record with the zod schemas of `schema.ts` and `built.ts`; the app
 * loads only what the build wrote, so re-running zod in the page would ship about 26 KB (gzip) of
 * code to repeat that work. These checks instead confirm that a file has the shape the app relies
 * on (types, closed value lists, tuple lengths) and name the first field that does not, so that a
 * stale or hand-edited file is still reported clearly. Value rules that only the build enforces
 * (citations, id patterns, ranges of counts) are not repeated here, and unknown extra fields are
 * allowed so that an older app can read a newer file.
 *
 * Each `Fields<T>` table must name every property of its type: the compiler keeps the checks in
 * step with the schemas' types.
 */
import type { CarrierProps, GazetteerProps, Manifest } from './built';
import {
  DIRECTION_BASES,
  DIRECTION_FAMILY_KEYS,
  EXTENTS,
  FACT_KINDS,
  GAZETTEER_LAYERS,
  KINDS,
  NAME_EN_STATUSES,
  PRECISIONS,
  ROLES,
} from './constants';

/** A check: the first problem of `value` as a phrase naming its place (`path`), or null when it fits. */
export type Check = (value: unknown, path: string) => string | null;

/** One check per property of `T`, optional ones included (wrapped in `opt`). */
type Fields<T> = { [K in keyof T]-?: Check };

const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
/** The phrase for a value at `path` that is not `what`. */
export const fail = (path: string, what: string) => `${path || 'the file'} must be ${what}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string. */
export const str: Check = (v, p) => (typeof v === 'string' ? null : fail(p, 'a string'));
/** A finite number (JSON has no NaN or Infinity). */
export const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : fail(p, 'a number'));
/** A whole number. */
export const int: Check = (v, p) => (Number.isInteger(v) ? null : fail(p, 'an integer'));
/** true or false. */
export const bool: Check = (v, p) => (typeof v === 'boolean' ? null : fail(p, 'true or false'));

/** A value of a closed list. */
export function oneOf(values: readonly unknown[]): Check {
  return (v, p) => (values.includes(v) ? null : fail(p, `one of ${values.join(', ')}`));
}

/** An optional property: absent (undefined) or passing `check`. */
export function opt(check: Check): Check {
  return (v, p) => (v === undefined ? null : check(v, p));
}

/** An array whose every item passes `item`. */
export function arrayOf(item: Check): Check {
  return (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'an array');
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], at(p, i));
      if (problem) return problem;
    }
    return null;
  };
}

/** An array of exactly `n` numbers, e.g. a [lon, lat] point or a [west, south, east, north] box. */
export function numbers(n: number): Check {
  return (v, p) =>
    Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x))
      ? null
      : fail(p, `${n} numbers`);
}

/** An object whose every value passes `value` (a record keyed by strings). */
export function recordOf(value: Check): Check {
  return (v, p) => {
    if (!isObject(v)) return fail(p, 'an object');
    for (const [k, x] of Object.entries(v)) {
      const problem = value(x, at(p, k));
      if (problem) return problem;
    }
    return null;
  };
}

/**
 * An object with the properties of `fields`. Extra properties are allowed unless `strict` (for a
 * file the build will read with a strict zod schema, where they would be rejected).
 */
export function obj<T>(fields: Fields<T>, strict = false): Check {
  const entries = Object.entries<Check>(fields);
  return (v, p) => {
    if (!isObject(v)) return fail(p, 'an object');
    for (const [k, check] of entries) {
      const problem = check(v[k], at(p, k));
      if (problem) return problem;
    }
    if (strict) {
      const extra = Object.keys(v).find((k) => !Object.hasOwn(fields, k));
      if (extra !== undefined) return `${at(p, extra)} is not a known field`;
    }
    return null;
  };
}

const strings = arrayOf(str);
const sourceRef = obj<CarrierProps['sources'][number]>({ doc: str, line: int, quote: str });

const carrierProps = obj<CarrierProps>({
  id: str,
  kind: oneOf(KINDS),
  seed_text: opt(str),
  name_zh: str,
  aliases: strings,
  name_en: str,
  name_en_status: oneOf(NAME_EN_STATUSES),
  reading_note: opt(str),
  reading_note_zh: opt(str),
  district: str,
  districts: strings,
  roles: arrayOf(oneOf(ROLES)),
  park: bool,
  directions_own: arrayOf(
    obj<CarrierProps['directions_own'][number]>({
      key: str,
      basis: oneOf(DIRECTION_BASES),
      term: str,
      source: opt(sourceRef),
    }),
  ),
  directions_inherited: strings,
  dirs: str,
  dirs_inh: str,
  precision: oneOf(PRECISIONS),
  extent: opt(oneOf(EXTENTS)),
  basis: str,
  basis_zh: str,
  place: opt(obj<NonNullable<CarrierProps['place']>>({ id: str, name_zh: str, name_en: str, uncertainty_km: num })),
  sources: arrayOf(sourceRef),
});

type District = Manifest['districts'][number];
const manifest = obj<Manifest>({
  version: oneOf([1]),
  layers: recordOf(obj<Manifest['layers'][string]>({ file: str, features: int })),
  counts: obj<Manifest['counts']>({
    parks: int,
    carriers: int,
    carriers_by_kind: recordOf(int),
    districts: int,
    places: int,
    carriers_by_district: recordOf(int),
    carriers_by_precision: recordOf(int),
  }),
  sources: arrayOf(
    obj<Manifest['sources'][number]>({
      id: str,
      file: str,
      title_zh: str,
      title_en: str,
      short_zh: str,
      short_en: str,
      issuer_zh: str,
      reference: opt(str),
      date: opt(str),
    }),
  ),
  facts: arrayOf(
    obj<Manifest['facts'][number]>({
      id: str,
      scope: str,
      kind: oneOf(FACT_KINDS),
      metric_zh: str,
      metric_en: str,
      value: num,
      unit_zh: str,
      unit_en: str,
      year: opt(int),
      period_note: opt(str),
      directions: opt(strings),
      source: sourceRef,
    }),
  ),
  directions: arrayOf(
    obj<Manifest['directions'][number]>({
      key: str,
      zh: str,
      en: str,
      family: oneOf(DIRECTION_FAMILY_KEYS),
      colour: str,
      terms: strings,
      name_terms: strings,
      synonyms: strings,
    }),
  ),
  categories: arrayOf(obj<Manifest['categories'][number]>({ key: str, zh: str, en: str })),
  districts: arrayOf(
    obj<District>({
      id: str,
      adcode: str,
      name_zh: str,
      name_en: str,
      name_en_status: oneOf(NAME_EN_STATUSES),
      category_terms: strings,
      category_keys: strings,
      direction_terms: strings,
      direction_keys: strings,
      reading_note: opt(str),
      reading_note_zh: opt(str),
      sources: arrayOf(sourceRef),
      anchor: numbers(2),
      bbox: numbers(4),
      area_km2: num,
      n_carriers: int,
      n_district_level: int,
    }),
  ),
  attribution: str,
  bbox: numbers(4),
  max_bounds: numbers(4),
});

const gazetteerProps = obj<GazetteerProps>({
  id: str,
  name_zh: str,
  name_en: str,
  layer: oneOf(GAZETTEER_LAYERS),
  category: str,
  rank: oneOf([1, 2, 3]),
  source: str,
});

const pointGeometry = obj<{ type: unknown; coordinates: unknown }>({
  type: oneOf(['Point']),
  coordinates: (v, p) =>
    Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x))
      ? null
      : fail(p, '[longitude, latitude] numbers'),
});

/** The first problem of a point layer's feature geometry, or null: a GeoJSON Point, or null (unlocated). */
export const checkPointOrNull = (value: unknown): string | null =>
  value === null ? null : pointGeometry(value, 'geometry');

/** The first problem of a `manifest.json` as the app reads it, or null. */
export const checkManifest = (value: unknown): string | null => manifest(value, '');

/** The first problem of a carrier feature's properties (`carriers.geojson`), or null. */
export const checkCarrierProps = (value: unknown): string | null => carrierProps(value, 'properties');

/** The first problem of a gazetteer feature's properties (`gazetteer.geojson`), or null. */
export const checkGazetteerProps = (value: unknown): string | null => gazetteerProps(value, 'properties');
