/**
 * The filter: which carriers, parks and districts match the user's choice of industry directions
 * and districts. Pure functions over built records: the single statement of the rule. The map
 * receives its outcome per feature as feature-state (`mapViewOf`), so it never restates it.
 */
import type { CarrierProps, DistrictInfo } from '../domain/built';

/** How several chosen directions combine: a record must carry at least one, or all of them. */
export type MatchMode = 'any' | 'all';

/** The user's filter. Empty `directions` / `districts` mean "no restriction". */
export interface FilterState {
  /** Direction keys of the taxonomy. */
  directions: string[];
  mode: MatchMode;
  /** District ids. */
  districts: string[];
  /** Whether a carrier also matches by the directions it inherits from its district's table row. */
  inherit: boolean;
  /** Record kinds shown (see `KindSchema`); empty = every kind. */
  kinds: string[];
}

/** No restriction: everything matches. */
export const EMPTY_FILTER: FilterState = { directions: [], mode: 'any', districts: [], inherit: false, kinds: [] };

/** The direction keys a carrier carries under `inherit` (own, plus its district's when inheriting). */
export function carrierKeys(
  c: Pick<CarrierProps, 'directions_own' | 'directions_inherited'>,
  inherit: boolean,
): Set<string> {
  const keys = new Set(c.directions_own.map((d) => d.key));
  if (inherit) for (const k of c.directions_inherited) keys.add(k);
  return keys;
}

/** Whether a carrier (or park) matches the filter. */
export function carrierMatches(
  c: Pick<CarrierProps, 'district' | 'districts' | 'kind' | 'directions_own' | 'directions_inherited'>,
  state: FilterState,
): boolean {
  if (state.kinds.length > 0 && !state.kinds.includes(c.kind)) return false;
  if (state.districts.length > 0 && !c.districts.some((d) => state.districts.includes(d))) return false;
  if (state.directions.length === 0) return true;
  // Any / all chosen directions among `carrierKeys(c, inherit)`, tested without building that set:
  // counting 100,000 records on every filter change (the tiled path) spent most of its time on them.
  const carries = (k: string) =>
    c.directions_own.some((d) => d.key === k) || (state.inherit && c.directions_inherited.includes(k));
  return state.mode === 'all' ? state.directions.every(carries) : state.directions.some(carries);
}

/** The chosen directions that are among a district's focus directions (its table row). */
export function districtFocusMatches(d: Pick<DistrictInfo, 'direction_keys'>, state: FilterState): string[] {
  return state.directions.filter((k) => d.direction_keys.includes(k));
}

/**
 * Whether a record counts in district `districtId` under `state`: it matches, it spans that
 * district, and the district is among the chosen ones (when districts are chosen). The one rule for
 * every per-district figure (district chips, badges, district cards, the quality report).
 */
export function matchesInDistrict(
  c: Pick<CarrierProps, 'district' | 'districts' | 'kind' | 'directions_own' | 'directions_inherited'>,
  state: FilterState,
  districtId: string,
): boolean {
  if (!c.districts.includes(districtId)) return false;
  if (state.districts.length > 0 && !state.districts.includes(districtId)) return false;
  return carrierMatches(c, state);
}

/** Matching records in one district. */
export interface DistrictCount {
  /** Matching records spanning the district (a record spanning several districts counts in each). */
  records: number;
  /** Of `records`, those known only by district or district set: not drawn as points. */
  unplaced: number;
  /** Of `records`, those spanning more than one district. */
  spanning: number;
  /** Of `records`, city parks. */
  parks: number;
}

/**
 * Counts of what the filter leaves. Totals count each matching record once; per-district counts
 * follow `matchesInDistrict` (so a district outside a district filter counts nothing).
 */
export interface FilterCounts {
  parks: number;
  carriers: number;
  /** Of `carriers`, those known only by district (or district set): not drawn as points. */
  districtLevel: number;
  /** Per district id (every district present, zeros included). */
  byDistrict: Record<string, DistrictCount>;
}

/** Whether a record has no point of its own (known only by district or district set): never drawn as a point. */
export const isUnplaced = (c: Pick<CarrierProps, 'precision'>) =>
  c.precision === 'district' || c.precision === 'district-set';

/**
 * Counts the records matching `state`, in total and per district. Parks are records with the
 * city-park role.
 * @param districtIds every district id, so that districts with no match report zeros.
 */
export function countMatches(
  carriers: readonly CarrierProps[],
  state: FilterState,
  districtIds: readonly string[],
): FilterCounts {
  const byDistrict: Record<string, DistrictCount> = {};
  for (const id of districtIds) byDistrict[id] = { records: 0, unplaced: 0, spanning: 0, parks: 0 };
  const out: FilterCounts = { parks: 0, carriers: 0, districtLevel: 0, byDistrict };
  for (const c of carriers) {
    if (!carrierMatches(c, state)) continue;
    out.carriers += 1;
    if (c.park) out.parks += 1;
    if (isUnplaced(c)) out.districtLevel += 1;
    for (const d of c.districts) {
      const n = byDistrict[d];
      // `matchesInDistrict(c, state, d)`, knowing that c matches and spans d.
      if (!n || (state.districts.length > 0 && !state.districts.includes(d))) continue;
      n.records += 1;
      if (isUnplaced(c)) n.unplaced += 1;
      if (c.districts.length > 1) n.spanning += 1;
      if (c.park) n.parks += 1;
    }
  }
  return out;
}

/**
 * Carriers per direction key (own directions, plus inherited when `inherit`), within the chosen
 * districts; shown next to each direction in the filter panel.
 */
export function directionCounts(
  carriers: readonly CarrierProps[],
  state: Pick<FilterState, 'inherit' | 'districts' | 'kinds'>,
) {
  const out: Record<string, number> = {};
  for (const c of carriers) {
    if (!carrierMatches(c, { ...EMPTY_FILTER, districts: state.districts, kinds: state.kinds })) continue;
    for (const k of carrierKeys(c, state.inherit)) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/**
 * The colour a carrier is drawn in under `state`: the colour of the first chosen direction (in
 * taxonomy order) it carries, else of its first own direction, else `null` (the theme's default).
 */
export function carrierColourUnder(
  c: Pick<CarrierProps, 'directions_own' | 'directions_inherited'>,
  state: FilterState,
  directions: ReadonlyArray<{ key: string; colour: string }>,
): string | null {
  const keys = carrierKeys(c, state.inherit);
  const chosen = directions.find((d) => state.directions.includes(d.key) && keys.has(d.key));
  if (chosen) return chosen.colour;
  const own = directions.find((d) => c.directions_own.some((o) => o.key === d.key));
  return own ? own.colour : null;
}

/**
 * What the map shows under `state`, per feature: whether each carrier matches and its colour, and
 * per district how many chosen directions are among its focus (−1 when no direction is chosen)
 * and whether it is among the chosen districts. Applied to the map as feature-state.
 */
export interface MapFeatureView {
  carriers: Array<{ id: string; match: boolean; colour: string | null }>;
  districts: Array<{ id: string; focus: number; chosen: boolean }>;
}

/** Derives the per-feature map view from the records and the filter (pure). */
export function mapViewOf(
  carriers: readonly CarrierProps[],
  districts: readonly Pick<DistrictInfo, 'id' | 'direction_keys'>[],
  state: FilterState,
  directions: ReadonlyArray<{ key: string; colour: string }>,
): MapFeatureView {
  return {
    carriers: carriers.map((c) => ({
      id: c.id,
      match: carrierMatches(c, state),
      colour: carrierColourUnder(c, state, directions),
    })),
    districts: districts.map((d) => {
      const chosen = state.districts.length === 0 || state.districts.includes(d.id);
      // A district outside a district filter is dimmed, never highlighted: the tint agrees with the counts.
      return {
        id: d.id,
        focus: state.directions.length === 0 || !chosen ? -1 : districtFocusMatches(d, state).length,
        chosen,
      };
    }),
  };
}
