/**
 * The map on the tiled data path (above `TILED_ABOVE` carriers, geo/build/tiles.ts): the carriers
 * come from pre-built vector tiles, and the filter reaches them as layer filters and paint
 * expressions built here from the filter state (pure functions), which the controller applies with
 * `setFilter` / `setPaintProperty`. Setting one feature-state per carrier on every filter change,
 * as the GeoJSON path does, costs seconds at 100,000 carriers; a filter expression costs one
 * re-layout of the loaded tiles in the worker, and the tiles below zoom 12 hold merged features
 * (geo/build/tiles.ts `mergeForZoom`: about 160 in the city view at 100,000 carriers).
 * MapLibre draws one frame with the old tiles and one when they are re-laid out, so a filter change
 * costs two frames here against one with feature-state on GeoJSON (measured with a CDP trace).
 *
 * Tile features carry flags (`dir:<key>`, `kind:<kind>`, `in:<district>`; src/data/carrierIndex.ts),
 * so each test is a `has`. The rule is the filter's (src/analysis/filter.ts `carrierMatches`): kind
 * shown, in a chosen district, carrying any / all chosen directions, own or (with `inherit`) its
 * district's focus. For a merged feature the parts may hold for different records of its cell.
 */
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { FilterState } from '../analysis/filter';
import { DIR_FLAG, DISTRICT_FLAG, KIND_FLAG } from '../data/carrierIndex';
import type { Highlight } from '../state/store';

/** Where the tiles are and what they hold (from the index's `tiles`, with the URL made absolute). */
export interface TiledSource {
  /** Absolute URL template `…/tiles/carriers/{z}/{x}/{y}.pbf`. */
  url: string;
  minzoom: number;
  maxzoom: number;
  /** The tiles' layer name (`source-layer`). */
  layer: string;
  /** Map zoom from which carriers are labelled (the tiles carry names from there). */
  labelsFrom: number;
}

/** What the expressions need besides the filter: the taxonomy's colours, the districts' focus, the default colour. */
export interface TiledStyleData {
  /** Directions in taxonomy order, with their colours. */
  directions: ReadonlyArray<{ key: string; colour: string }>;
  districts: ReadonlyArray<{ id: string; direction_keys: readonly string[] }>;
  /** Colour of a carrier with no direction (the theme's `carrierDefault`). */
  defaultColour: string;
}

/** The carrier layers whose filter or paint the tiled path sets (ids of src/map/layers.ts). */
export const TILED_CARRIER_LAYERS = ['carriers-highlight', 'carriers-circle', 'carriers-label'] as const;
/** Filter and paint values per layer id, as the controller applies them. */
export type LayerSettings = Record<string, { filter?: FilterSpecification; paint?: Record<string, unknown> }>;

const has = (flag: string): ExpressionSpecification => ['has', flag];
const anyOf = (parts: ExpressionSpecification[]): ExpressionSpecification =>
  parts.length === 1 ? parts[0] : ['any', ...parts];

/** Whether a feature carries direction `key` under `inherit` (own, or its district's focus). */
function carries(key: string, inherit: boolean, data: Pick<TiledStyleData, 'districts'>): ExpressionSpecification {
  const by = [has(DIR_FLAG + key)];
  if (inherit) for (const d of data.districts) if (d.direction_keys.includes(key)) by.push(has(DISTRICT_FLAG + d.id));
  return anyOf(by);
}

/**
 * The filter as an expression on tile features (see the module comment), or `null` when the
 * filter restricts nothing.
 */
export function tiledMatch(
  filter: FilterState,
  data: Pick<TiledStyleData, 'districts'>,
): ExpressionSpecification | null {
  const parts: ExpressionSpecification[] = [];
  if (filter.kinds.length > 0) parts.push(anyOf(filter.kinds.map((k) => has(KIND_FLAG + k))));
  if (filter.districts.length > 0) parts.push(anyOf(filter.districts.map((d) => has(DISTRICT_FLAG + d))));
  if (filter.directions.length > 0) {
    const each = filter.directions.map((k) => carries(k, filter.inherit, data));
    parts.push(each.length === 1 ? each[0] : [filter.mode === 'all' ? 'all' : 'any', ...each]);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : ['all', ...parts];
}

/**
 * A feature's colour under the filter, as the GeoJSON path colours it (`carrierColourUnder`): the
 * first chosen direction (taxonomy order) it carries, else its first own direction, else the default.
 */
export function tiledColour(filter: FilterState, data: TiledStyleData): ExpressionSpecification {
  const chosen = data.directions.filter((d) => filter.directions.includes(d.key));
  return [
    'case',
    ...chosen.flatMap((d) => [carries(d.key, filter.inherit, data), d.colour]),
    ...data.directions.flatMap((d) => [has(DIR_FLAG + d.key), d.colour]),
    data.defaultColour,
  ] as ExpressionSpecification;
}

/** Whether a feature is among what a chart's or the table's highlight names (`highlights` in mapState.ts). */
export function tiledHighlight(h: Highlight, inherit: boolean, data: Pick<TiledStyleData, 'districts'>) {
  const parts: ExpressionSpecification[] = [];
  if (h.ids) parts.push(['in', ['get', 'id'], ['literal', h.ids]]);
  if (h.kinds) parts.push(anyOf(h.kinds.map((k) => has(KIND_FLAG + k))));
  if (h.districts) parts.push(anyOf(h.districts.map((d) => has(DISTRICT_FLAG + d))));
  if (h.directions) parts.push(anyOf(h.directions.map((k) => carries(k, inherit, data))));
  return parts;
}

/**
 * Radius (px) of a tiled carrier dot: the GeoJSON path's (4 px at zoom 8 to 7 px at 12), larger by
 * 1, 2 or 3 px for a merged dot standing for 2–9, 10–99 or 100 or more records (`n`; below tile
 * zoom 12, geo/build/tiles.ts `mergeForZoom`), so that a dot says roughly how many it holds.
 * Steps, not a continuous scale: a few hundred records at one place must not make a dot that hides
 * its neighbours.
 */
export const TILED_CIRCLE_RADIUS: ExpressionSpecification = (() => {
  const more: ExpressionSpecification = ['step', ['get', 'n'], 0, 2, 1, 10, 2, 100, 3];
  return ['interpolate', ['linear'], ['zoom'], 8, ['+', 4, more], 12, ['+', 7, more]];
})();

/** The legend's line for merged dots (the carriers layer's metadata on the tiled path). */
export const MERGED_LEGEND = {
  zh: '合并点：本缩放级别下相邻的多条记录（点越大越多：2–9、10–99、100+）；放大到 12 级后逐条显示',
  en: 'Merged dot: nearby records at this zoom (larger = more: 2–9, 10–99, 100+); from zoom 12 one dot per record',
} as const;

/** Not a city park (parks are drawn by the parks layers). */
const NOT_PARK: ExpressionSpecification = ['!', ['get', 'park']];
/** Matches nothing: the highlight layer's filter while nothing is highlighted. */
const NOTHING: ExpressionSpecification = ['==', ['get', 'n'], -1];

/**
 * Filter and paint of the tiled carrier layers for a filter and highlight (pure). The style is
 * built with the values of the initial state, and the controller sets them when they change, so
 * the map re-lays out its carrier tiles only when the filter or the highlight does.
 */
export function tiledLayerSettings(
  filter: FilterState,
  highlight: Highlight | null | undefined,
  data: TiledStyleData,
): LayerSettings {
  const match = tiledMatch(filter, data);
  const shown: FilterSpecification = match ? ['all', NOT_PARK, match] : NOT_PARK;
  const hl = highlight ? tiledHighlight(highlight, filter.inherit, data) : [];
  return {
    'carriers-highlight': {
      filter: hl.length > 0 ? ['all', NOT_PARK, ...(match ? [match] : []), ...hl] : NOTHING,
    },
    'carriers-circle': { filter: shown, paint: { 'circle-color': tiledColour(filter, data) } },
    'carriers-label': { filter: shown },
  };
}
