/**
 * The counts the workbench's charts and the district comparison show, all under the filter and the
 * one counting rule (README, "One counting rule"; `countMatches` / `matchesInDistrict` in
 * `./filter`): a record **matches** by `carrierMatches`; **totals** count each matching record once;
 * **per-district figures** count a matching record in every district it spans, but only in chosen
 * districts when a district filter is set. Pure functions over built records.
 *
 * What a record "carries" is `carrierKeys(record, filter.inherit)`: its own directions, plus its
 * district's focus directions when the filter's "include the district's focus" is on.
 *
 * **Rows** (the directions shown, `directionRows`): every direction of the taxonomy when no direction
 * is chosen, else only the chosen ones, in taxonomy order. A matching record that carries none of the
 * rows (a record with no direction of its own, when no direction is chosen and focus is not
 * included) is counted in the separate `unassigned` row, so that every column still adds up to the
 * district's count.
 */
import type { CarrierProps, DistrictInfo } from '../domain/built';
import { KINDS } from '../domain/constants';
import type { FactRecord } from '../domain/schema';
import { orderFacts } from './facts';
import {
  carrierKeys,
  carrierMatches,
  countMatches,
  type DistrictCount,
  type FilterState,
  matchesInDistrict,
} from './filter';
import { isCityPark } from './pitch';

/** A set of records counted together: how many, how many of them are city parks, and which. */
export interface Tally {
  /** Records counted (each once). */
  records: number;
  /** Of `records`, city parks (`roles` includes `city-park`; the same records as `park: true`). */
  parks: number;
  /** The records' ids, in the order of the `carriers` given (for highlighting on the map and in the table). */
  ids: string[];
}

/** A tally with the key it counts (a direction key, a kind, a district id). */
export interface KeyedTally extends Tally {
  key: string;
}

const emptyTally = (): Tally => ({ records: 0, parks: 0, ids: [] });

function add(t: Tally, c: Pick<CarrierProps, 'id' | 'roles'>): void {
  t.records += 1;
  if (isCityPark(c)) t.parks += 1;
  t.ids.push(c.id);
}

/**
 * The direction rows a chart shows under `filter`: every key of `directionKeys` when no direction is
 * chosen, else the chosen ones, in the order of `directionKeys` (taxonomy order). A chosen key that
 * is not in `directionKeys` is left out.
 */
export function directionRows(filter: Pick<FilterState, 'directions'>, directionKeys: readonly string[]): string[] {
  return filter.directions.length === 0
    ? [...directionKeys]
    : directionKeys.filter((k) => filter.directions.includes(k));
}

/**
 * The direction × district matrix: `cells[direction][district]`.
 *
 * - A **cell** counts the matching records that carry the direction and count in the district under
 *   `matchesInDistrict` (a record spanning two districts counts in both columns).
 * - A **row total** counts each record of the row once, however many of the columns it counts in
 *   (so a row total can be less than the sum of its cells).
 * - A **column total** counts each record of the column once, however many rows it carries (so it can
 *   be less than the sum of its cells); it equals `countMatches(...).byDistrict[district].records`
 *   (the unassigned row included).
 * - `total` counts each record once that counts in at least one column: `countMatches(...).carriers`
 *   when `districtIds` lists every district.
 */
export interface DirectionDistrictMatrix {
  /** Row keys, in order (`directionRows`). */
  directions: string[];
  /** Column ids, in the order given. */
  districts: string[];
  /** `cells[direction][district]`: every row and column present, zeros included. */
  cells: Record<string, Record<string, Tally>>;
  /** Per district: matching records counted there that carry none of the rows. */
  unassigned: Record<string, Tally>;
  /** Distinct records of the unassigned row (each once, however many columns it counts in). */
  unassignedTotal: Tally;
  /** Per direction: distinct records of the row. */
  rowTotals: Record<string, Tally>;
  /** Per district: distinct records of the column (unassigned included). */
  columnTotals: Record<string, Tally>;
  /** Distinct records counted in any column. */
  total: Tally;
}

/**
 * Builds the direction × district matrix under `filter` (rules: `DirectionDistrictMatrix`).
 * @param carriers every record (parks included), in build order.
 * @param directionKeys the taxonomy's direction keys, in order.
 * @param districtIds the columns (every district, in table order, for the full matrix).
 * @returns the matrix; never throws.
 */
export function directionDistrictMatrix(
  carriers: readonly CarrierProps[],
  filter: FilterState,
  directionKeys: readonly string[],
  districtIds: readonly string[],
): DirectionDistrictMatrix {
  const rows = directionRows(filter, directionKeys);
  const cells: Record<string, Record<string, Tally>> = {};
  const rowTotals: Record<string, Tally> = {};
  for (const k of rows) {
    cells[k] = {};
    rowTotals[k] = emptyTally();
    for (const d of districtIds) cells[k][d] = emptyTally();
  }
  const unassigned: Record<string, Tally> = {};
  const columnTotals: Record<string, Tally> = {};
  for (const d of districtIds) {
    unassigned[d] = emptyTally();
    columnTotals[d] = emptyTally();
  }
  const unassignedTotal = emptyTally();
  const total = emptyTally();
  for (const c of carriers) {
    if (!carrierMatches(c, filter)) continue;
    const columns = districtIds.filter((d) => matchesInDistrict(c, filter, d));
    if (columns.length === 0) continue;
    const keys = carrierKeys(c, filter.inherit);
    const carried = rows.filter((k) => keys.has(k));
    add(total, c);
    for (const d of columns) {
      add(columnTotals[d], c);
      if (carried.length === 0) add(unassigned[d], c);
      for (const k of carried) add(cells[k][d], c);
    }
    for (const k of carried) add(rowTotals[k], c);
    if (carried.length === 0) add(unassignedTotal, c);
  }
  return {
    directions: rows,
    districts: [...districtIds],
    cells,
    unassigned,
    unassignedTotal,
    rowTotals,
    columnTotals,
    total,
  };
}

/** Bar-chart counts: one bar per key, plus the records no bar counts and the total. */
export interface BarCounts {
  /** One per key, in order, zeros included. */
  bars: KeyedTally[];
  /** Matching records that no bar counts (for directions: records carrying none of the rows). */
  unassigned: Tally;
  /** Every matching record, once (`countMatches(...).carriers`). */
  total: Tally;
}

/**
 * Matching records per direction (a total: each record once per bar, and in every bar of a direction
 * it carries, so the bars can add up to more than `total`). Bars: `directionRows(filter, directionKeys)`.
 * @returns `BarCounts`; the bar of a direction equals the matrix's row total when every district is a column.
 */
export function countsByDirection(
  carriers: readonly CarrierProps[],
  filter: FilterState,
  directionKeys: readonly string[],
): BarCounts {
  const rows = directionRows(filter, directionKeys);
  const bars = rows.map((key) => ({ key, ...emptyTally() }));
  const unassigned = emptyTally();
  const total = emptyTally();
  for (const c of carriers) {
    if (!carrierMatches(c, filter)) continue;
    add(total, c);
    const keys = carrierKeys(c, filter.inherit);
    let any = false;
    for (const bar of bars)
      if (keys.has(bar.key)) {
        add(bar, c);
        any = true;
      }
    if (!any) add(unassigned, c);
  }
  return { bars, unassigned, total };
}

/**
 * Matching records per kind (each record has one kind, so the bars add up to `total`). Bars: the kinds
 * the filter shows (every kind of `KINDS` when none is chosen), in `KINDS` order, zeros
 * included; `unassigned` is always empty.
 */
export function countsByKind(carriers: readonly CarrierProps[], filter: FilterState): BarCounts {
  const kinds = KINDS.filter((k) => filter.kinds.length === 0 || filter.kinds.includes(k));
  const bars = kinds.map((key) => ({ key, ...emptyTally() }));
  const byKind = new Map(bars.map((b) => [b.key, b]));
  const total = emptyTally();
  for (const c of carriers) {
    if (!carrierMatches(c, filter)) continue;
    add(total, c);
    const bar = byKind.get(c.kind);
    if (bar) add(bar, c);
  }
  return { bars, unassigned: emptyTally(), total };
}

/** One district of a comparison. */
export interface DistrictComparisonColumn {
  id: string;
  name_zh: string;
  name_en: string;
  /** The table's 类别, as keys of the taxonomy's categories and as written. */
  category_keys: string[];
  category_terms: string[];
  /** The table's focus directions (重点发展方向), as keys, in the table's order, without repeats. */
  focus: string[];
  /** Of `focus`, those in every compared district's focus (the comparison's `shared`). */
  shared: string[];
  /** Of `focus`, those in no other compared district's focus. */
  unique: string[];
  /** City parks counting in the district under the filter (`matchesInDistrict`), in build order. */
  cityParks: string[];
  /** The district's counts under the filter, as `countMatches(...).byDistrict[id]`. */
  counts: DistrictCount;
  /** Records counting in the district per kind (every kind of `countsByKind`'s bars, zeros included). */
  byKind: Record<string, number>;
  /** Records counting in the district per direction row (`directionRows`), zeros included. */
  byDirection: Record<string, number>;
  /** The unassigned row: records counting here that carry none of the direction rows. */
  unassigned: number;
  /** The district's headline figures (`scope` = the district id), in `orderFacts` order on `today`. */
  facts: FactRecord[];
}

/** Two or more districts side by side. */
export interface DistrictComparison {
  /** Direction rows of `byDirection` (`directionRows`). */
  directions: string[];
  /** Focus directions in every compared district, in the first district's order. */
  shared: string[];
  /** One column per compared district, in the order asked. */
  districts: DistrictComparisonColumn[];
}

/**
 * Compares districts. Focus, shared and unique directions come from the table (the districts' own
 * `direction_keys`, not the filter); every count follows the filter and the one counting rule
 * (`matchesInDistrict`), so a district outside a district filter counts nothing.
 * @param carriers every record, in build order.
 * @param districts the manifest's districts (any order).
 * @param facts the manifest's facts; those with `scope` = a compared id are that district's figures.
 * @param filter the filter the counts follow.
 * @param ids the districts to compare, in the order shown (repeats are ignored).
 * @param today the day the figures are shown: decides their order (`orderFacts`); the UI labels them
 *   with `factLabel`.
 * @param directionKeys the taxonomy's direction keys in order (rows of `byDirection`); default: the
 *   union of the districts' focus keys in table order, then the records' own keys.
 * @throws Error naming an id that is not among `districts`.
 */
export function compareDistricts(
  carriers: readonly CarrierProps[],
  districts: readonly DistrictInfo[],
  facts: readonly FactRecord[],
  filter: FilterState,
  ids: readonly string[],
  today: Date,
  directionKeys?: readonly string[],
): DistrictComparison {
  const wanted = [...new Set(ids)];
  const byId = new Map(districts.map((d) => [d.id, d]));
  for (const id of wanted) if (!byId.has(id)) throw new Error(`compareDistricts: unknown district "${id}"`);
  const chosen = wanted.map((id) => byId.get(id) as DistrictInfo);
  const keys = directionKeys ?? [
    ...new Set([
      ...districts.flatMap((d) => d.direction_keys),
      ...carriers.flatMap((c) => c.directions_own.map((o) => o.key)),
    ]),
  ];
  const rows = directionRows(filter, keys);
  const focusOf = (d: DistrictInfo) => [...new Set(d.direction_keys)];
  const foci = chosen.map(focusOf);
  const shared = foci.length === 0 ? [] : foci[0].filter((k) => foci.every((f) => f.includes(k)));
  const counts = countMatches(carriers, filter, wanted);
  const kinds = KINDS.filter((k) => filter.kinds.length === 0 || filter.kinds.includes(k));
  const columns = chosen.map((d, i): DistrictComparisonColumn => {
    const here = carriers.filter((c) => matchesInDistrict(c, filter, d.id));
    const byKind = Object.fromEntries(kinds.map((k) => [k, here.filter((c) => c.kind === k).length]));
    const byDirection = Object.fromEntries(
      rows.map((k) => [k, here.filter((c) => carrierKeys(c, filter.inherit).has(k)).length]),
    );
    const unassigned = here.filter((c) => {
      const carried = carrierKeys(c, filter.inherit);
      return !rows.some((k) => carried.has(k));
    }).length;
    return {
      id: d.id,
      name_zh: d.name_zh,
      name_en: d.name_en,
      category_keys: [...d.category_keys],
      category_terms: [...d.category_terms],
      focus: foci[i],
      shared: foci[i].filter((k) => shared.includes(k)),
      unique: foci[i].filter((k) => foci.every((f, j) => j === i || !f.includes(k))),
      cityParks: here.filter(isCityPark).map((c) => c.id),
      counts: counts.byDistrict[d.id],
      byKind,
      byDirection,
      unassigned,
      facts: orderFacts(
        facts.filter((f) => f.scope === d.id),
        today,
      ),
    };
  });
  return { directions: rows, shared, districts: columns };
}
