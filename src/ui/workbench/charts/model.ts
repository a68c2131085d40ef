/**
 * Pure helpers of the linked charts: which districts are columns, how direction rows group by
 * family, the heat colour of a count, which cells and bars a highlight or the map's selection
 * names, pinning, keyboard moves in the matrix, and fitting a label into a gutter. No DOM, no store:
 * unit-tested in `tests/unit/charts.test.ts`.
 */
import { interpolateBlues, lab, scaleSequential } from 'd3';
import type { DirectionDistrictMatrix } from '../../../analysis/aggregate';
import { carrierMatches, type FilterState } from '../../../analysis/filter';
import type { CarrierProps } from '../../../domain/built';
import { DIRECTION_FAMILIES } from '../../../domain/constants';
import type { Direction } from '../../../domain/schema';
import { highlights } from '../../../map/mapState';
import type { Highlight, Selection } from '../../../state/store';

/**
 * The matrix's columns: the districts of the district filter, in table order, or every district
 * when none is chosen (a district outside the filter would only show zeros).
 */
export function matrixColumns(filter: Pick<FilterState, 'districts'>, districtIds: readonly string[]): string[] {
  return filter.districts.length === 0 ? [...districtIds] : districtIds.filter((id) => filter.districts.includes(id));
}

/**
 * A district's column heading, short enough for a narrow column (the full name is its tooltip): the
 * city's own zones (苏州工业园区, 苏州高新区) without the city's name in Chinese and as their usual
 * initials in English (SIP, SND); other districts without "District" in English.
 */
export function columnLabel(d: { name_zh: string; name_en: string }, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return d.name_zh.replace(/^苏州(?=.{2,})/, '');
  const name = d.name_en.replace(/\s*\(.*\)\s*$/, '');
  if (/^Suzhou\s/.test(name))
    return name
      .split(/\s+/)
      .map((w) => w[0])
      .join('')
      .toUpperCase();
  return name.replace(/\s+District$/, '');
}

/** A family of directions as the matrix groups its rows. */
export interface RowGroup {
  family: string;
  zh: string;
  en: string;
  /** The family's rows, in taxonomy order. */
  rows: Direction[];
}

/**
 * Groups direction rows by family, families in `DIRECTION_FAMILIES` order and rows in the order of
 * `directions` (the taxonomy's); families with no row are left out, as are keys not in `directions`.
 */
export function familyGroups(rows: readonly string[], directions: readonly Direction[]): RowGroup[] {
  const wanted = new Set(rows);
  return DIRECTION_FAMILIES.map((f) => ({
    family: f.key,
    zh: f.zh,
    en: f.en,
    rows: directions.filter((d) => d.family === f.key && wanted.has(d.key)),
  })).filter((g) => g.rows.length > 0);
}

/** Fill of an empty cell: a neutral light grey, so that zero never reads as "a little". */
export const EMPTY_FILL = '#f4f5f7';

/** The darkest and lightest ends of the sequential ramp (d3's Blues) the counts use. */
const RAMP_FROM = 0.18;
const RAMP_TO = 0.95;

/**
 * The heat colour of a count: `EMPTY_FILL` for 0, else a sequential Blues ramp over [1, `max`]
 * (1 is already clearly tinted; `max` is the darkest). Counts above `max` take the darkest colour.
 * @param max the largest cell count shown (the scale's domain is [1, max]).
 * @returns a CSS colour (`rgb(...)` or hex).
 */
export function heatFill(count: number, max: number): string {
  if (count <= 0) return EMPTY_FILL;
  const ramp = (t: number) => interpolateBlues(RAMP_FROM + (RAMP_TO - RAMP_FROM) * t);
  if (max <= 1) return ramp(0.5);
  return scaleSequential(ramp).domain([1, max]).clamp(true)(count);
}

/** Text colour on a heat fill: white on dark fills, the page's ink on light ones (CIELAB lightness). */
export function heatInk(fill: string): string {
  return lab(fill).l < 62 ? '#ffffff' : '#1f2630';
}

/**
 * The counts the colour key shows: 0, 1, the middle and `max` (deduplicated, ascending), so that the
 * key spans exactly the colours in the matrix.
 */
export function legendSteps(max: number): number[] {
  const steps = [0, 1, Math.round((1 + max) / 2), max].filter((n) => n >= 0 && n <= Math.max(max, 0));
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** Whether two highlights name the same thing (lists compared in order; missing = absent). */
export function sameHighlight(a: Highlight | null, b: Highlight | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = ['directions', 'districts', 'kinds', 'ids'] as const;
  return keys.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
}

/** Clicking a cell or bar: pins its highlight, or unpins it when it is the one pinned. */
export function togglePin(pinned: Highlight | null, h: Highlight): Highlight | null {
  return sameHighlight(pinned, h) ? null : h;
}

/**
 * The ids of the records a highlight rings: the records matching the filter that the highlight
 * names (`highlights`, the same rule the map uses). Empty for no highlight.
 */
export function highlightedIds(
  carriers: readonly CarrierProps[],
  filter: FilterState,
  h: Highlight | null,
): Set<string> {
  if (!h) return new Set();
  return new Set(
    carriers.filter((c) => carrierMatches(c, filter) && highlights(h, c, filter.inherit)).map((c) => c.id),
  );
}

/**
 * Whether a cell (or a total) is what the highlight names: the highlight's directions include the
 * cell's direction and its districts the cell's district (a total has no direction, or no district:
 * it is named only by a highlight that names none); when the highlight names records by id or kind,
 * at least one of the cell's records must be among them. An empty highlight names nothing.
 * @param direction the row's direction key, or `null` for the column totals and the unassigned row.
 * @param district the column's district id, or `null` for the row totals.
 * @param ids the records counted in the cell.
 * @param kindOf a record's kind by id.
 */
export function cellNamed(
  h: Highlight | null,
  direction: string | null,
  district: string | null,
  ids: readonly string[],
  kindOf: (id: string) => string | undefined,
): boolean {
  if (!h || (!h.directions && !h.districts && !h.kinds && !h.ids)) return false;
  if (h.directions && (direction === null || !h.directions.includes(direction))) return false;
  if (h.districts && (district === null || !h.districts.includes(district))) return false;
  if (h.ids || h.kinds) {
    return ids.some((id) => (!h.ids || h.ids.includes(id)) && (!h.kinds || h.kinds.includes(kindOf(id) ?? '')));
  }
  return true;
}

/**
 * Whether a highlight is a bar's own: it names `key` in its list `list` and constrains nothing else
 * (a cell's highlight, which also names a district, does not name the direction's bar).
 */
export function barNamed(h: Highlight | null, list: 'directions' | 'kinds', key: string): boolean {
  if (!h?.[list]?.includes(key)) return false;
  return (['directions', 'districts', 'kinds', 'ids'] as const).every((k) => k === list || h[k] === undefined);
}

/** What the map's selection marks in the matrix. */
export interface SelectionMarks {
  /** Selected districts that are columns. */
  columns: Set<string>;
  /** Cells (`direction|district`) holding the selected record. */
  cells: Set<string>;
  /** The selected record, if one is selected. */
  record: string | null;
}

/**
 * The matrix's marks for the map's selection: selected districts mark their columns; a selected
 * record marks every cell it is counted in (none when the filter does not match it).
 */
export function selectionMarks(selection: Selection, matrix: DirectionDistrictMatrix): SelectionMarks {
  const marks: SelectionMarks = { columns: new Set(), cells: new Set(), record: null };
  if (selection?.type === 'districts') {
    for (const id of selection.ids) if (matrix.districts.includes(id)) marks.columns.add(id);
  } else if (selection?.type === 'record') {
    marks.record = selection.id;
    for (const k of matrix.directions)
      for (const d of matrix.districts) if (matrix.cells[k][d].ids.includes(selection.id)) marks.cells.add(`${k}|${d}`);
  }
  return marks;
}

/** A position in the matrix's grid of focusable cells: row and column index. */
export type GridPos = readonly [number, number];

/**
 * Where a key moves the focus in a grid of `rows` × `cols` cells: arrows by one (stopping at the
 * edges), Home/End to the row's first/last cell (with Ctrl: the grid's first/last), PageUp/PageDown by
 * `page` rows. `null` for any other key.
 */
export function moveInGrid(
  pos: GridPos,
  key: string,
  rows: number,
  cols: number,
  ctrl = false,
  page = 5,
): GridPos | null {
  const [r, c] = pos;
  const clampR = (x: number) => Math.min(Math.max(x, 0), rows - 1);
  const clampC = (x: number) => Math.min(Math.max(x, 0), cols - 1);
  switch (key) {
    case 'ArrowUp':
      return [clampR(r - 1), c];
    case 'ArrowDown':
      return [clampR(r + 1), c];
    case 'ArrowLeft':
      return [r, clampC(c - 1)];
    case 'ArrowRight':
      return [r, clampC(c + 1)];
    case 'Home':
      return ctrl ? [0, 0] : [r, 0];
    case 'End':
      return ctrl ? [rows - 1, cols - 1] : [r, cols - 1];
    case 'PageUp':
      return [clampR(r - page), c];
    case 'PageDown':
      return [clampR(r + page), c];
    default:
      return null;
  }
}

/** Rough width (px) of a label at `fontPx`: CJK and full-width characters 1 em, others 0.56 em. */
export function labelWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.56;
  return em * fontPx;
}

/**
 * A label cut to fit `maxPx` at `fontPx` (by `labelWidth`), ending in "…" when cut; the full text
 * goes in the chart's tooltip and accessible name.
 */
export function fitLabel(text: string, maxPx: number, fontPx: number): string {
  if (labelWidth(text, fontPx) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 1 && labelWidth(`${chars.join('')}…`, fontPx) > maxPx) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
