/**
 * Data downloads (issue 11): the records the filter matches as GeoJSON (RFC 7946) and as CSV, the
 * direction × district matrix as CSV, and the files' names. Pure: the UI passes the records it shows
 * and saves the strings. CSV is written by d3-dsv (`csvFormatRows`, RFC 4180 quoting), never by hand;
 * CSV files begin with a UTF-8 byte-order mark (U+FEFF) so that spreadsheet programs read Chinese text
 * as UTF-8.
 */
import { csvFormatRows } from 'd3';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { CarrierProps } from '../domain/built';
import type { Lang } from '../domain/localized';
import type { SourceDoc } from '../domain/schema';
import type { DirectionDistrictMatrix, Tally } from './aggregate';
import type { FilterState } from './filter';
import { isUnplaced } from './filter';

/** The byte-order mark every CSV download begins with. */
export const BOM = '\uFEFF';

/** The document metadata a download names (the manifest's `sources`). */
export type DocMeta = Pick<SourceDoc, 'id' | 'title_zh' | 'title_en'>;

/** The CSV columns of `recordsCsv`, in order. */
export const RECORD_CSV_COLUMNS = [
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
] as const;

/** Properties of a downloaded GeoJSON feature. */
export interface RecordFeatureProps {
  id: string;
  name_zh: string;
  name_en: string;
  /** The record's (first) district id. */
  district: string;
  /** Every district it spans. */
  districts: string[];
  /** Its own direction keys. */
  directions: string[];
  /** Its district's focus direction keys (what "include the district's focus" adds). */
  directions_inherited: string[];
  kind: CarrierProps['kind'];
  precision: CarrierProps['precision'];
  /** Why it is located as it is, in English and Chinese. */
  basis: string;
  basis_zh: string;
  /** Its first source: the document's title (Chinese and English), id, line (1-based) and quote. */
  document: string | null;
  document_en: string | null;
  doc: string | null;
  line: number | null;
  quote: string | null;
}

/** The point a record is downloaded with: none for a record known only by district (or missing from `points`). */
function pointOf(c: CarrierProps, points: ReadonlyMap<string, [number, number]>): [number, number] | null {
  return isUnplaced(c) ? null : (points.get(c.id) ?? null);
}

function firstSource(c: CarrierProps, docs: readonly DocMeta[]) {
  const s = c.sources[0];
  const doc = s ? docs.find((d) => d.id === s.doc) : undefined;
  return {
    document: doc?.title_zh ?? null,
    document_en: doc?.title_en ?? null,
    doc: s?.doc ?? null,
    line: s?.line ?? null,
    quote: s?.quote ?? null,
  };
}

/**
 * The records as an RFC 7946 FeatureCollection: a Point (WGS-84 `[lon, lat]` degrees) for each record
 * with a point (precision `site`, `area`, `town`), `geometry: null` for a record with none (RFC 7946
 * §3.2 allows an unlocated feature). Feature `id` is the record id; properties: `RecordFeatureProps`.
 * @param records the records to download (already filtered), in the order written.
 * @param points record id → `[lon, lat]` (`AppData.pointById`).
 * @param sourcesMeta the manifest's `sources` (titles of the documents cited).
 */
export function recordsFeatureCollection(
  records: readonly CarrierProps[],
  points: ReadonlyMap<string, [number, number]>,
  sourcesMeta: readonly DocMeta[],
): FeatureCollection<Point | null, RecordFeatureProps> {
  const features = records.map((c): Feature<Point | null, RecordFeatureProps> => {
    const p = pointOf(c, points);
    return {
      type: 'Feature',
      id: c.id,
      geometry: p ? { type: 'Point', coordinates: [p[0], p[1]] } : null,
      properties: {
        id: c.id,
        name_zh: c.name_zh,
        name_en: c.name_en,
        district: c.district,
        districts: [...c.districts],
        directions: c.directions_own.map((d) => d.key),
        directions_inherited: [...c.directions_inherited],
        kind: c.kind,
        precision: c.precision,
        basis: c.basis,
        basis_zh: c.basis_zh,
        ...firstSource(c, sourcesMeta),
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The records as CSV: BOM, a header of `RECORD_CSV_COLUMNS`, one row per record in the order given.
 * `district`: every district id it spans, joined with `;`; `directions`: its own direction keys
 * joined with `;`; `longitude` / `latitude` (WGS-84 degrees) empty for a record with no point;
 * `document` (Chinese title), `line`, `quote`: its first source. Lines end with `\n`.
 */
export function recordsCsv(
  records: readonly CarrierProps[],
  points: ReadonlyMap<string, [number, number]>,
  docs: readonly DocMeta[],
): string {
  const rows = records.map((c) => {
    const p = pointOf(c, points);
    const s = firstSource(c, docs);
    return [
      c.id,
      c.name_zh,
      c.name_en,
      c.districts.join(';'),
      c.directions_own.map((d) => d.key).join(';'),
      c.kind,
      p ? String(p[0]) : '',
      p ? String(p[1]) : '',
      c.precision,
      c.basis,
      c.basis_zh,
      s.document ?? '',
      s.line === null ? '' : String(s.line),
      s.quote ?? '',
    ];
  });
  return BOM + csvFormatRows([[...RECORD_CSV_COLUMNS], ...rows]);
}

/** Labels of the matrix CSV; a direction or district without a label is written as its key. */
export interface MatrixLabels {
  /** Top-left header cell (e.g. "方向 / 板块"). */
  corner: string;
  /** Header of the total column and label of the total row. */
  total: string;
  /** Label of the row of records carrying none of the directions. */
  unassigned: string;
  directions?: Readonly<Record<string, string>>;
  districts?: Readonly<Record<string, string>>;
}

/** The matrix CSV's labels in `lang`, from the taxonomy's directions and the manifest's districts. */
export function matrixLabelsIn(
  lang: Lang,
  directions: ReadonlyArray<{ key: string; zh: string; en: string }>,
  districts: ReadonlyArray<{ id: string; name_zh: string; name_en: string }>,
): MatrixLabels {
  return {
    corner: lang === 'zh' ? '方向 / 板块' : 'Direction / district',
    total: lang === 'zh' ? '合计' : 'Total',
    unassigned: lang === 'zh' ? '无所选方向' : 'None of these directions',
    directions: Object.fromEntries(directions.map((d) => [d.key, d[lang]])),
    districts: Object.fromEntries(districts.map((d) => [d.id, lang === 'zh' ? d.name_zh : d.name_en])),
  };
}

/**
 * The direction × district matrix as CSV: BOM; a header (corner, one column per district, total);
 * one row per direction (its cells and its row total); the unassigned row when it counts anything;
 * the total row (column totals and the grand total). Totals count each record once
 * (`DirectionDistrictMatrix`), so they need not equal the sums of the cells.
 * @param value which count to write: `records` (default) or `parks` (city parks).
 */
export function matrixCsv(
  matrix: DirectionDistrictMatrix,
  labels: MatrixLabels,
  value: 'records' | 'parks' = 'records',
): string {
  const n = (t: Tally) => String(t[value]);
  const header = [labels.corner, ...matrix.districts.map((d) => labels.districts?.[d] ?? d), labels.total];
  const rows = matrix.directions.map((k) => [
    labels.directions?.[k] ?? k,
    ...matrix.districts.map((d) => n(matrix.cells[k][d])),
    n(matrix.rowTotals[k]),
  ]);
  if (matrix.unassignedTotal.records > 0) {
    rows.push([labels.unassigned, ...matrix.districts.map((d) => n(matrix.unassigned[d])), n(matrix.unassignedTotal)]);
  }
  rows.push([labels.total, ...matrix.districts.map((d) => n(matrix.columnTotals[d])), n(matrix.total)]);
  return BOM + csvFormatRows([header, ...rows]);
}

/** The local calendar date of `d` as `YYYY-MM-DD`. */
function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Lower-case a-z, 0-9 and `-` only (other runs become one `-`). */
function safe(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

/** More keys than this in one part of a file name are written as their number (`6-directions`). */
export const NAME_MAX_KEYS = 4;

/**
 * The name of a download, after the filter and the day:
 * `suzhou-digital-economy_<directions>_<districts>_<kinds>_<YYYY-MM-DD>.<ext>`, each part only when
 * the filter sets it, `all` when it sets none. Keys are joined with `+` in the filter's order;
 * `all-of-` prefixes directions in "all" mode (two or more), `-incl-focus` follows them when the
 * district's focus is included, `kind-` prefixes kinds; more than `NAME_MAX_KEYS` keys are written
 * as their number (`6-directions`). Only `a-z 0-9 - + _ .` appear.
 * Example: `suzhou-digital-economy_artificial-intelligence+blockchain_sip_2026-11-30.csv`.
 * @param ext the extension without its dot (`csv`, `geojson`).
 * @param today the day (local calendar date).
 * @throws RangeError when `ext` is not letters and digits.
 */
export function downloadName(
  filter: Pick<FilterState, 'directions' | 'mode' | 'districts' | 'inherit' | 'kinds'>,
  ext: string,
  today: Date,
): string {
  const e = ext.replace(/^\./, '');
  if (!/^[a-z0-9]+$/i.test(e)) throw new RangeError(`download extension "${ext}" is not letters and digits`);
  const join = (keys: readonly string[], what: string) =>
    keys.length > NAME_MAX_KEYS ? `${keys.length}-${what}` : keys.map(safe).join('+');
  const parts: string[] = [];
  const dirs = filter.directions;
  if (dirs.length > 0) {
    const all = filter.mode === 'all' && dirs.length > 1 ? 'all-of-' : '';
    parts.push(`${all}${join(dirs, 'directions')}${filter.inherit ? '-incl-focus' : ''}`);
  }
  if (filter.districts.length > 0) parts.push(join(filter.districts, 'districts'));
  if (filter.kinds.length > 0) parts.push(`kind-${join(filter.kinds, 'kinds')}`);
  if (parts.length === 0) parts.push('all');
  return `suzhou-digital-economy_${parts.join('_')}_${isoDay(today)}.${e.toLowerCase()}`;
}
