/**
 * Placing a record at its site (pure): reading a coordinate pasted from a web map's coordinate
 * picker, converting it to WGS-84 with gcoord, and writing the site entry the data build accepts
 * (`geo/sites/*.yaml`, schema `SiteSnippetSchema`) with its location basis in both languages. Used
 * by the record card's "place at its site" tool and, for the conversion, by the data build, so the
 * app and the build agree on every point to the last decimal.
 */
import gcoord from 'gcoord';
import type { SiteDatum, SiteSnippet, SiteSource } from '../domain/schema';

/**
 * Longitude and latitude ranges (degrees) that tell which number of a pasted pair is which. They
 * cover China with a wide margin; they do not overlap, so any pair inside them has one reading.
 */
const LON_RANGE: readonly [number, number] = [70, 140];
const LAT_RANGE: readonly [number, number] = [0, 60];

/** Suzhou with a margin, [west, south, east, north] degrees: a pasted point outside it is flagged. */
export const SUZHOU_BOUNDS: readonly [number, number, number, number] = [119.8, 30.7, 121.5, 32.1];

/** Which number came first in a pasted pair. */
export type CoordinateOrder = 'lonlat' | 'latlon';

/** A pasted coordinate as read: degrees in the datum it was given in, and the order found. */
export interface PastedCoordinate {
  /** Longitude, degrees. */
  lon: number;
  /** Latitude, degrees. */
  lat: number;
  order: CoordinateOrder;
  /** Whether the point lies in `SUZHOU_BOUNDS`. */
  inSuzhou: boolean;
}

/** Why a paste could not be read: not two numbers, or two numbers that are no longitude and latitude of China. */
export type PasteProblem = 'count' | 'range';

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/**
 * Reads a coordinate pair as coordinate pickers copy it: "120.6123, 31.4187" (AMap, Tencent:
 * longitude first), "31.4187,120.6123" (latitude first, as Baidu's search and many GPS apps give it),
 * with commas, full-width commas, semicolons or spaces between, optional degree signs and N/E letters.
 * The order is told by range (a longitude of China is 70–140°, a latitude 0–60°), never by position.
 * @returns the point in degrees with the order assumed, or why it cannot be read.
 */
export function parseCoordinatePair(
  text: string,
): { ok: true; value: PastedCoordinate } | { ok: false; why: PasteProblem } {
  const numbers = text.match(/[-+]?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  if (numbers.length !== 2) return { ok: false, why: 'count' };
  const [a, b] = numbers;
  let order: CoordinateOrder;
  if (within(a, LON_RANGE) && within(b, LAT_RANGE)) order = 'lonlat';
  else if (within(a, LAT_RANGE) && within(b, LON_RANGE)) order = 'latlon';
  else return { ok: false, why: 'range' };
  const [lon, lat] = order === 'lonlat' ? [a, b] : [b, a];
  const [w, s, e, n] = SUZHOU_BOUNDS;
  return { ok: true, value: { lon, lat, order, inSuzhou: lon >= w && lon <= e && lat >= s && lat <= n } };
}

/** Rounds degrees to six decimals (about 0.1 m), the precision site files keep. */
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * Converts a point to WGS-84 with gcoord (GCJ-02: the inverse of the published obfuscation,
 * iterated; BD-09: to GCJ-02, then to WGS-84). Around Suzhou GCJ-02 lies about 470 m ESE of
 * WGS-84 and BD-09 about 1.1 km ENE.
 * @param point [lon, lat] degrees in `datum`.
 * @returns [lon, lat] WGS-84 degrees, rounded to six decimals.
 */
export function toWgs84(point: readonly [number, number], datum: SiteDatum): [number, number] {
  const [lon, lat] =
    datum === 'wgs84'
      ? point
      : gcoord.transform([point[0], point[1]] as [number, number], GCOORD_CRS[datum], gcoord.WGS84);
  return [round6(lon), round6(lat)];
}

/**
 * Where a proposed coordinate was read: pasted from a coordinate picker (`picker` names the tool and
 * so the datum), or picked on this app's map over the basemap shown then (`basemap_en`/`_zh` its
 * name; an AMap basemap is GCJ-02, the others WGS-84).
 */
export type SiteOrigin =
  | { via: 'paste'; picker: SitePicker; text: string }
  | { via: 'map'; datum: 'wgs84' | 'gcj02'; basemap_en: string; basemap_zh: string };

/** The coordinate pickers the tool names, each with its datum. */
export const SITE_PICKERS = {
  wgs84: {
    datum: 'wgs84',
    en: 'a WGS-84 source (GPS, OpenStreetMap, Tianditu)',
    zh: 'WGS-84 来源（GPS、OpenStreetMap、天地图）',
  },
  amap: { datum: 'gcj02', en: 'the AMap coordinate picker', zh: '高德地图坐标拾取器' },
  tencent: { datum: 'gcj02', en: 'the Tencent Maps coordinate picker', zh: '腾讯地图坐标拾取器' },
  baidu: { datum: 'bd09', en: 'the Baidu Maps coordinate picker', zh: '百度地图坐标拾取器' },
} as const satisfies Record<string, { datum: SiteDatum; en: string; zh: string }>;
export type SitePicker = keyof typeof SITE_PICKERS;

/** Everything the card's form collects for one record. */
export interface SiteProposal {
  record: string;
  /** [lon, lat] degrees in the datum of `origin`, as given. */
  input: [number, number];
  origin: SiteOrigin;
  precision: 'site' | 'area';
  /** Radius (metres) within which the site lies; for `area` only. */
  uncertainty_m?: number;
  source: SiteSource;
}

/** The datum of a proposal's input coordinate. */
export function datumOf(origin: SiteOrigin): SiteDatum {
  return origin.via === 'map' ? origin.datum : SITE_PICKERS[origin.picker].datum;
}

const DATUM_NAME: Record<SiteDatum, string> = { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' };

/** "2026-11-20" and the like, only when given. */
const dated = (date: string | undefined, en: (d: string) => string) => (date ? en(date) : '');

/** The source as a phrase, in English and Chinese. */
function sourcePhrase(s: SiteSource): { en: string; zh: string } {
  switch (s.kind) {
    case 'address':
      return {
        en: `address ${s.ref}${dated(s.date, (d) => ` (${d})`)}`,
        zh: `地址：${s.ref}${dated(s.date, (d) => `（${d}）`)}`,
      };
    case 'web':
      return {
        en: `web page ${s.ref}${dated(s.date, (d) => ` (read ${d})`)}`,
        zh: `网页 ${s.ref}${dated(s.date, (d) => `（${d} 查阅）`)}`,
      };
    case 'document':
      return {
        en: `document ${s.ref}${dated(s.date, (d) => ` (${d})`)}`,
        zh: `文件：${s.ref}${dated(s.date, (d) => `（${d}）`)}`,
      };
    case 'visit':
      return { en: `site visit ${s.date ?? ''} (${s.ref})`, zh: `${s.date ?? ''} 实地查看（${s.ref}）` };
  }
}

/**
 * The location basis of a proposal in English and Chinese: the coordinate as given and its datum,
 * where it was read, the conversion to WGS-84 (with gcoord) when there was one, the source, and for
 * an area its radius. E.g. "GCJ-02 coordinate 120.6168, 31.4165 (lon, lat) from the AMap coordinate
 * picker, converted to WGS-84 with gcoord; source: site visit 2026-11-20 (…)".
 */
export function siteBasis(p: SiteProposal): { basis: string; basis_zh: string } {
  const datum = datumOf(p.origin);
  const name = DATUM_NAME[datum];
  const coord = `${p.input[0]}, ${p.input[1]}`;
  const from =
    p.origin.via === 'paste'
      ? { en: `from ${SITE_PICKERS[p.origin.picker].en}`, zh: `取自${SITE_PICKERS[p.origin.picker].zh}` }
      : { en: `picked on this map over the ${p.origin.basemap_en}`, zh: `在本地图（${p.origin.basemap_zh}）上点选` };
  const converted =
    datum === 'wgs84'
      ? { en: ', no datum conversion', zh: '，无需坐标转换' }
      : { en: ', converted to WGS-84 with gcoord', zh: '，经 gcoord 转换为 WGS-84' };
  const src = sourcePhrase(p.source);
  const area =
    p.precision === 'area' && p.uncertainty_m !== undefined
      ? {
          en: `; drawn as an area: the site lies within about ${p.uncertainty_m} m`,
          zh: `；按片区绘制：实际地点在约 ${p.uncertainty_m} 米范围内`,
        }
      : { en: '', zh: '' };
  return {
    basis: `${name} coordinate ${coord} (lon, lat) ${from.en}${converted.en}; source: ${src.en}${area.en}`,
    basis_zh: `${name} 坐标 ${coord}（经度, 纬度）${from.zh}${converted.zh}；出处：${src.zh}${area.zh}`,
  };
}

/**
 * The site entry of a proposal, as `geo/sites/*.yaml` holds it: the WGS-84 point (six decimals),
 * precision, the input as given and its datum, the source and the basis in both languages.
 */
export function siteEntry(p: SiteProposal): SiteSnippet {
  const datum = datumOf(p.origin);
  const [lon, lat] = toWgs84(p.input, datum);
  const source: SiteSource = {
    kind: p.source.kind,
    ref: p.source.ref.trim(),
    ...(p.source.date ? { date: p.source.date } : {}),
  };
  return {
    record: p.record,
    lon,
    lat,
    precision: p.precision,
    ...(p.precision === 'area' && p.uncertainty_m !== undefined ? { uncertainty_m: p.uncertainty_m } : {}),
    datum_input: datum,
    input: { lon: p.input[0], lat: p.input[1], ...(p.origin.via === 'paste' ? { text: p.origin.text.trim() } : {}) },
    source,
    ...siteBasis({ ...p, source }),
  };
}

/**
 * A YAML scalar: numbers and lower-case words (`visit`, `web`) plain, as the records write them;
 * other strings double-quoted (JSON escapes are valid YAML ones), so that no date, URL or colon is
 * read as anything but text.
 */
const scalar = (v: string | number) =>
  typeof v === 'number' || /^[a-z][a-z0-9-]*$/.test(v) ? String(v) : JSON.stringify(v);

/** Longest line (characters) a map is written on inline, as in the records' canonical form. */
const INLINE_WIDTH = 120;

/** A nested map below an entry: on one line when it fits (as the records write them), else as a block. */
function nested(key: string, value: Record<string, string | number | undefined>, indent: string): string[] {
  const pairs = Object.entries(value).filter((e): e is [string, string | number] => e[1] !== undefined);
  const inline = `${indent}${key}: { ${pairs.map(([k, v]) => `${k}: ${scalar(v)}`).join(', ')} }`;
  if (inline.length <= INLINE_WIDTH) return [inline];
  return [`${indent}${key}:`, ...pairs.map(([k, v]) => `${indent}  ${k}: ${scalar(v)}`)];
}

/** File name of a record's site file in `geo/sites/`. */
export const siteFileName = (record: string) => `${record}.yaml`;

/**
 * The entry as a ready-to-commit file of `geo/sites/` (keys in schema order; a leading comment
 * names the record and where the file goes).
 * @param name the record's name, for the comment.
 */
export function siteSnippetYaml(entry: SiteSnippet, name: string): string {
  const i = '    ';
  const lines = [
    `# ${name}: proposed site. Save as geo/sites/${siteFileName(entry.record)}, then run npm run data.`,
    'sites:',
    `  - record: ${entry.record}`,
    `${i}lon: ${entry.lon.toFixed(6)}`,
    `${i}lat: ${entry.lat.toFixed(6)}`,
    `${i}precision: ${entry.precision}`,
    ...(entry.uncertainty_m !== undefined ? [`${i}uncertainty_m: ${entry.uncertainty_m}`] : []),
    `${i}datum_input: ${entry.datum_input}`,
    ...nested('input', entry.input, i),
    ...nested('source', entry.source, i),
    `${i}basis: ${scalar(entry.basis)}`,
    `${i}basis_zh: ${scalar(entry.basis_zh)}`,
  ];
  return `${lines.join('\n')}\n`;
}
