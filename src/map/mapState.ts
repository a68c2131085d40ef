/**
 * Everything the map shows, derived from the data and the view by one pure function
 * (`mapStateOf`). The controller applies only the differences between two map states, so this is
 * the one path from state to map, and it is tested without WebGL.
 */
import { binCounts } from '../analysis/densityCounts';
import {
  carrierKeys,
  carrierMatches,
  type FilterState,
  isUnplaced,
  type MapFeatureView,
  mapViewOf,
  matchesInDistrict,
} from '../analysis/filter';
import type { CarrierProps, DistrictInfo } from '../domain/built';
import { type Lang, nameIn } from '../domain/localized';
import type { Frame, Highlight, LayerGroup, Siting, ViewState } from '../state/store';
import { type ResolvedBasemap, resolveBasemap } from './basemaps';
import { DENSITY_LAYERS, SOURCE } from './layers';
import { type LayerSettings, type TiledStyleData, tiledLayerSettings } from './tiled';

/** A feature-state value. */
export type FeatureStateValue = string | number | boolean | null;
/** Feature states by source id, then feature id: only the keys that differ from `FEATURE_STATE_DEFAULTS`. */
export type FeatureStates = Record<string, Record<string, Record<string, FeatureStateValue>>>;

/**
 * What the style's expressions assume when a feature has no state (see `expressions.ts`,
 * `layers.ts`): a feature is drawn as matching, in its own colour, not highlighted, chosen and
 * not outlined. Only states that differ are sent to the map.
 */
export const FEATURE_STATE_DEFAULTS: Readonly<Record<string, FeatureStateValue>> = {
  match: true,
  colour: null,
  focus: -1,
  chosen: true,
  selected: false,
  schematic: false,
  hl: false,
  n: 0,
};

/** One record in a district group: a small mark, coloured like a point of the same record would be. */
export interface GroupMark {
  id: string;
  /** CSS colour: the first chosen direction the record carries, else its own first direction, else the default. */
  colour: string;
  /** The record's name in the interface language (tooltip and accessible name). */
  name: string;
}

/**
 * Beside a district's label, the district's matching records known only by district (or district
 * set): one mark each, in a framed and captioned group so that no one reads them as sites.
 */
export interface DistrictGroup {
  /** District id. */
  id: string;
  /** [lon, lat] degrees: the district's label anchor. */
  anchor: [number, number];
  /** Number of marks (= the district's unplaced matching records under the counting rule). */
  count: number;
  marks: GroupMark[];
  /** Whether it is drawn: some marks, with the carriers layer group visible. */
  shown: boolean;
  /** Caption in the interface language, e.g. "仅知板块 12". */
  caption: string;
  /** Tooltip of the caption in the interface language. */
  title: string;
  /** Which side of the district's label anchor the group sits on (`GROUP_SIDE`). */
  side: GroupSide;
  /** Ids of the marks a chart's or the table's highlight names. */
  hl: string[];
}

/** Side of a district's label anchor where its group is drawn. */
export type GroupSide = 'right' | 'left' | 'top' | 'bottom';

/**
 * Map design: where each district's group goes so that groups, park labels and district names do
 * not cover each other at the first view (the centre is crowded: 姑苏, SIP, 相城, 高新区 lie within
 * ~60 px of each other). Groups face open ground, a lake or the city's edge. Default: right.
 */
const GROUP_SIDE: Readonly<Record<string, GroupSide>> = {
  kunshan: 'top',
  snd: 'left',
  gusu: 'bottom',
};

/** Screen space (CSS px) the camera keeps clear, e.g. for an open card. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The site tool on the map: the proposed point (WGS-84 [lon, lat] degrees, drawn as a marker beside
 * the record's current location) and whether the next click picks a point (crosshair cursor).
 */
export interface SiteMark {
  point: [number, number] | null;
  picking: boolean;
  /** The short caption drawn beside the marker, in the interface language. */
  label: string;
  /** The marker's tooltip and accessible name in the interface language. */
  title: string;
}

/** Words of the proposed-point marker. */
const SITE_WORDS: Record<Lang, { label: string; title: string }> = {
  zh: { label: '拟定位置', title: '拟定位置（尚未提交）' },
  en: { label: 'proposed', title: 'Proposed location (not committed)' },
};

/** Everything the map shows. */
export interface MapState {
  lang: Lang;
  featureStates: FeatureStates;
  /** Layer ids switched off (visibility `none`). */
  hiddenLayers: string[];
  groups: DistrictGroup[];
  /** The latest camera request; applied when its `seq` is new. */
  frame: Frame | null;
  padding: Padding;
  /** The online basemap to draw under our layers, or `null` for the embedded one. */
  basemap: ResolvedBasemap | null;
  /** The site tool's point and picking mode, while a record's card has the tool open. */
  site: SiteMark | null;
  /** Whether the next map click picks a point (the site tool's, or the proximity query's centre): a crosshair cursor. */
  picking: boolean;
  /** Multiplier of every label's text size (global state `labelScale`): larger on the presenter's stage. */
  labelScale: number;
  /** The density grid to draw (set once, when the density view is first shown), or `null`. */
  densityGrid: GeoJSON.FeatureCollection | null;
  /**
   * The planner's answers drawn on the map (proximity circle, origin, lines to what it found; the
   * site finder's ranks), with a key that changes when they do; `null` when nothing is asked.
   */
  analysis: { key: string; data: GeoJSON.FeatureCollection } | null;
  /**
   * On the tiled data path: filter and paint values of the carrier layers (`tiledLayerSettings`),
   * which carry the filter and the highlight there instead of per-carrier feature states.
   */
  layers?: LayerSettings;
  /**
   * Whether the camera is kept within the data's bounds. Off on the presenter's stage and while the
   * planner's drawer is open: the caption
   * column covers the map's left side, and framing the city beside it needs room west of the bounds.
   */
  bounded: boolean;
}

/**
 * Labels on the presenter's stage: the smallest label (11 px) becomes 18 px, the size a projected
 * map label needs to be read from the back of a room.
 */
export const STAGE_LABEL_SCALE = 18 / 11;

/** The data the map state depends on. */
export interface MapData {
  carriers: readonly CarrierProps[];
  districts: readonly DistrictInfo[];
  directions: ReadonlyArray<{ key: string; colour: string }>;
  /** Ids of the features in the `parks` source (city parks and AI+ parks). */
  parkIds: ReadonlySet<string>;
  /** The density grid and each placed record's hexagon, once computed (`analysis/density.ts`). */
  density?: { grid: GeoJSON.FeatureCollection; bins: ReadonlyMap<string, number> };
  /**
   * The drawing of the planner's answers for a view (`state/analysis.ts#analysisDrawing`), once a
   * question is asked: loaded on demand, with turf, so it is not on the start-up path.
   */
  analysis?: (view: Pick<ViewState, 'filter' | 'near' | 'needs'>) => { key: string; data: GeoJSON.FeatureCollection };
  /** Set on the tiled data path (`tiledMapData`): the carriers are drawn from vector tiles. */
  tiled?: TiledMapData;
}

/**
 * What the map state needs on the tiled data path, prepared once (`tiledMapData`): the style's
 * inputs for the filter expressions, and the few records that still get feature states.
 */
export interface TiledMapData {
  style: TiledStyleData;
  byId: ReadonlyMap<string, CarrierProps>;
  /** Records with no point (district or district set): counted in the district groups. */
  unplaced: readonly CarrierProps[];
  /** Located records at an area's or a town's place: a place's circle shows while one of them matches. */
  atPlaces: readonly CarrierProps[];
  /** Records drawn by the parks source. */
  parks: readonly CarrierProps[];
}

/**
 * Prepares `TiledMapData` from the records (one pass).
 * @param byId the records by id when already made (`AppData.carrierById`), else made here.
 */
export function tiledMapData(
  carriers: readonly CarrierProps[],
  parkIds: ReadonlySet<string>,
  style: TiledStyleData,
  byId?: ReadonlyMap<string, CarrierProps>,
): TiledMapData {
  const unplaced: CarrierProps[] = [];
  const atPlaces: CarrierProps[] = [];
  const parks: CarrierProps[] = [];
  for (const c of carriers) {
    if (isUnplaced(c)) unplaced.push(c);
    else if (c.place && (c.precision === 'area' || c.precision === 'town')) atPlaces.push(c);
    if (parkIds.has(c.id)) parks.push(c);
  }
  return { style, byId: byId ?? new Map(carriers.map((c) => [c.id, c])), unplaced, atPlaces, parks };
}

/** Facts outside the view state the derivation needs. */
export interface MapLayout {
  /** Width of the card column when a card or panel is open over the map's right side (0: none). */
  cardWidth_px: number;
  /** The user's keys for online basemaps that need one, by basemap id. */
  basemapKeys?: Readonly<Record<string, string>>;
  /** Width (CSS px) of the presenter's caption column over the map's left side while a pitch is on stage. */
  captionWidth_px?: number;
  /** Height (CSS px) of the planner's drawer over the map's bottom while a tool is open. */
  drawerHeight_px?: number;
  /** Height (CSS px) a card takes over the map's bottom on a phone (cards are bottom sheets there; 0 elsewhere). */
  cardHeight_px?: number;
}

/** Margin (px) kept around framed features. */
const FRAME_MARGIN_PX = 40;

/** Words of the district groups (the map's own, like the legend entries of the catalogue). */
const GROUP_WORDS: Record<Lang, { caption: (n: number) => string; title: (n: number) => string }> = {
  zh: {
    caption: (n) => `仅知板块 ${n}`,
    title: (n) => `${n} 个匹配的记录仅知所在板块：示意，不代表位置`,
  },
  en: {
    caption: (n) => `district only · ${n}`,
    title: (n) => `${n} matching record${n === 1 ? '' : 's'} known only by district: schematic, not locations`,
  },
};

/** Colour of a mark with no direction of its own (the theme's default carrier colour). */
export const DEFAULT_MARK_COLOUR = '#6b7380';

const isPlaced = (c: Pick<CarrierProps, 'precision'>) => !isUnplaced(c);

/** Records by id, made once per record list (`mapStateOf` runs on every map-relevant state change). */
const byIdCache = new WeakMap<readonly CarrierProps[], ReadonlyMap<string, CarrierProps>>();
function recordsById(carriers: readonly CarrierProps[]): ReadonlyMap<string, CarrierProps> {
  let byId = byIdCache.get(carriers);
  if (!byId) {
    byId = new Map(carriers.map((c) => [c.id, c]));
    byIdCache.set(carriers, byId);
  }
  return byId;
}

/**
 * `mapViewOf` for the data's records under `filter`, kept for the last filter of each data: a
 * change that is not a filter change (language, selection, layers, camera request) reuses it.
 * Filters are replaced, never mutated (`reduceFilter`), so identity tells a new one.
 */
const mapViewCache = new WeakMap<MapData, { filter: FilterState; view: MapFeatureView }>();
function memoMapView(data: MapData, filter: FilterState): MapFeatureView {
  const hit = mapViewCache.get(data);
  if (hit?.filter === filter) return hit.view;
  const view = mapViewOf(data.carriers, data.districts, filter, data.directions);
  mapViewCache.set(data, { filter, view });
  return view;
}

/** Sets `key` of a feature's state when it differs from the default. */
function put(states: FeatureStates, source: string, id: string, key: string, value: FeatureStateValue): void {
  if (FEATURE_STATE_DEFAULTS[key] === value) return;
  states[source] ??= {};
  states[source][id] ??= {};
  states[source][id][key] = value;
}

/**
 * Derives the map state (pure).
 * @param data records, districts and directions.
 * @param view the view state and its pending camera request.
 * @param catalogue layer ids per toggle group, and of the embedded basemap (from the layer catalogue).
 * @param layout the card's width, which the camera keeps clear.
 */
export function mapStateOf(
  data: MapData,
  view: ViewState & {
    frame: Frame | null;
    siting?: Siting | null;
    highlight?: Highlight | null;
    nearPicking?: boolean;
  },
  catalogue: { groups: Readonly<Record<LayerGroup, readonly string[]>>; embedded: readonly string[] },
  layout: MapLayout,
): MapState {
  if (data.tiled) return tiledMapStateOf(data, data.tiled, view, catalogue, layout);
  const featureStates: FeatureStates = {};
  const fv = memoMapView(data, view.filter);
  const byId = recordsById(data.carriers);
  for (const c of fv.carriers) {
    const record = byId.get(c.id);
    if (record && isPlaced(record)) {
      put(featureStates, SOURCE.carriers, c.id, 'match', c.match);
      // With no direction chosen the style's own-colour default is the same colour: send nothing.
      if (view.filter.directions.length > 0) put(featureStates, SOURCE.carriers, c.id, 'colour', c.colour);
      if (record.place) put(featureStates, SOURCE.carrierAreas, c.id, 'match', c.match);
    }
    if (data.parkIds.has(c.id)) put(featureStates, SOURCE.parks, c.id, 'match', c.match);
  }
  for (const d of fv.districts) {
    put(featureStates, SOURCE.districts, d.id, 'focus', d.focus);
    put(featureStates, SOURCE.districts, d.id, 'chosen', d.chosen);
  }
  const outlined = outlinedDistricts(view, byId);
  for (const id of outlined.ids) {
    put(featureStates, SOURCE.districts, id, 'selected', true);
    put(featureStates, SOURCE.districts, id, 'schematic', outlined.schematic);
  }
  // While a site is proposed, the record's district is outlined too: the point must lie inside it.
  const sited = view.siting ? byId.get(view.siting.id) : undefined;
  if (sited && !outlined.ids.includes(sited.district))
    put(featureStates, SOURCE.districts, sited.district, 'selected', true);

  // A chart's or the table's highlight: matching records it names, and the districts it names.
  const hl = view.highlight;
  if (hl) {
    for (const c of data.carriers) {
      if (!highlights(hl, c, view.filter.inherit) || !carrierMatches(c, view.filter)) continue;
      if (isPlaced(c)) put(featureStates, SOURCE.carriers, c.id, 'hl', true);
      if (data.parkIds.has(c.id)) put(featureStates, SOURCE.parks, c.id, 'hl', true);
    }
    for (const id of hl.districts ?? []) put(featureStates, SOURCE.districts, id, 'hl', true);
  }
  if (view.density && data.density) {
    for (const [bin, n] of binCounts(data.carriers, view.filter, data.density.bins))
      put(featureStates, SOURCE.density, String(bin), 'n', n);
  }

  const hidden = new Set(view.hidden);
  const stage = view.pitch !== null && view.pitch !== undefined;
  const colourOf = new Map(fv.carriers.map((c) => [c.id, c.colour]));
  const highlightedIds = new Set(
    hl ? data.carriers.filter((c) => highlights(hl, c, view.filter.inherit)).map((c) => c.id) : [],
  );
  const words = GROUP_WORDS[view.lang];
  const groups = data.districts.map((d) => {
    const marks = data.carriers
      .filter((c) => !isPlaced(c) && matchesInDistrict(c, view.filter, d.id))
      .map((c) => ({ id: c.id, colour: colourOf.get(c.id) ?? DEFAULT_MARK_COLOUR, name: nameIn(c, view.lang) }));
    return {
      id: d.id,
      anchor: d.anchor,
      count: marks.length,
      marks,
      // On the presenter's stage the caption names these records with their precision; the small
      // schematic marks would only crowd the enlarged labels.
      hl: hl ? marks.filter((m) => highlightedIds.has(m.id)).map((m) => m.id) : [],
      shown: marks.length > 0 && !hidden.has('carriers') && !stage,
      caption: words.caption(marks.length),
      title: words.title(marks.length),
      side: GROUP_SIDE[d.id] ?? 'right',
    };
  });
  const basemap = resolveBasemap(view.basemap, layout.basemapKeys ?? {});
  const hiddenLayers = [
    ...(Object.keys(catalogue.groups) as LayerGroup[]).filter((g) => hidden.has(g)).flatMap((g) => catalogue.groups[g]),
    ...(basemap ? catalogue.embedded : []),
    ...(view.density ? [] : DENSITY_LAYERS),
  ];
  // On stage a stop's own selection shows in the caption column, not in a card: only a card
  // opened while exploring takes the right side.
  const carded = !stage && (view.selection !== null || view.panel !== null);
  const card = carded ? layout.cardWidth_px : 0;
  const sheet = carded ? (layout.cardHeight_px ?? 0) : 0;
  const caption = stage ? (layout.captionWidth_px ?? 0) : 0;
  const drawer = !stage && view.tool ? (layout.drawerHeight_px ?? 0) : 0;
  return {
    lang: view.lang,
    featureStates,
    hiddenLayers,
    groups,
    frame: view.frame,
    padding: {
      top: FRAME_MARGIN_PX,
      bottom: FRAME_MARGIN_PX + Math.max(drawer, sheet),
      left: FRAME_MARGIN_PX + caption,
      right: FRAME_MARGIN_PX + card,
    },
    basemap,
    site: view.siting ? { point: view.siting.point, picking: view.siting.picking, ...SITE_WORDS[view.lang] } : null,
    picking: view.siting?.picking === true || view.nearPicking === true,
    labelScale: stage ? STAGE_LABEL_SCALE : 1,
    // The drawer, like the caption column, covers part of the map: framing beside it needs room past the bounds.
    bounded: !stage && !view.tool,
    densityGrid: view.density ? (data.density?.grid ?? null) : null,
    analysis: data.analysis && (view.near || view.needs) ? data.analysis(view) : null,
  };
}

/**
 * `mapStateOf` on the tiled data path. The carriers' filter and highlight become the carrier layers'
 * filter and paint (`tiledLayerSettings`) instead of 100,000 feature states; feature states remain
 * for the few features of the GeoJSON sources: parks, one circle per place (`match`: a record at
 * that place matches), districts. District groups show their count only: thousands of marks would
 * not fit, and the caption still opens the district. Everything that does not depend on the
 * carriers comes from `mapStateOf` itself, run without them.
 */
function tiledMapStateOf(
  data: MapData,
  tiled: TiledMapData,
  view: Parameters<typeof mapStateOf>[1],
  catalogue: Parameters<typeof mapStateOf>[2],
  layout: MapLayout,
): MapState {
  const base = mapStateOf({ ...data, carriers: [], parkIds: new Set(), tiled: undefined }, view, catalogue, layout);
  const featureStates = base.featureStates;
  const filter = view.filter;
  for (const c of tiled.parks) put(featureStates, SOURCE.parks, c.id, 'match', carrierMatches(c, filter));
  const placeMatch = new Map<string, boolean>();
  for (const c of tiled.atPlaces) {
    const id = c.place?.id;
    if (id && placeMatch.get(id) !== true) placeMatch.set(id, carrierMatches(c, filter));
  }
  for (const [id, match] of placeMatch) put(featureStates, SOURCE.carrierAreas, id, 'match', match);
  const outlined = outlinedDistricts(view, tiled.byId);
  for (const id of outlined.ids) {
    put(featureStates, SOURCE.districts, id, 'selected', true);
    put(featureStates, SOURCE.districts, id, 'schematic', outlined.schematic);
  }
  const sited = view.siting ? tiled.byId.get(view.siting.id) : undefined;
  if (sited && !outlined.ids.includes(sited.district))
    put(featureStates, SOURCE.districts, sited.district, 'selected', true);
  const hl = view.highlight;
  if (hl)
    for (const c of tiled.parks)
      if (highlights(hl, c, filter.inherit) && carrierMatches(c, filter))
        put(featureStates, SOURCE.parks, c.id, 'hl', true);
  if (view.density && data.density) {
    for (const [bin, n] of binCounts(data.carriers, filter, data.density.bins))
      put(featureStates, SOURCE.density, String(bin), 'n', n);
  }
  const hidden = new Set(view.hidden);
  const stage = view.pitch !== null && view.pitch !== undefined;
  const words = GROUP_WORDS[view.lang];
  // `matchesInDistrict` per record and district, in one pass over the records with no point.
  const counts = new Map<string, number>();
  for (const c of tiled.unplaced) {
    if (!carrierMatches(c, filter)) continue;
    for (const d of c.districts)
      if (filter.districts.length === 0 || filter.districts.includes(d)) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const groups = base.groups.map((g) => {
    const count = counts.get(g.id) ?? 0;
    return {
      ...g,
      count,
      shown: count > 0 && !hidden.has('carriers') && !stage,
      caption: words.caption(count),
      title: words.title(count),
    };
  });
  return { ...base, featureStates, groups, layers: tiledLayerSettings(filter, hl, tiled.style) };
}

/** Whether a record is among what a highlight names (every list given must be met). */
export function highlights(
  h: Highlight,
  c: Pick<CarrierProps, 'id' | 'kind' | 'districts' | 'directions_own' | 'directions_inherited'>,
  inherit: boolean,
): boolean {
  if (h.ids && !h.ids.includes(c.id)) return false;
  if (h.kinds && !h.kinds.includes(c.kind)) return false;
  if (h.districts && !c.districts.some((d) => h.districts?.includes(d))) return false;
  if (h.directions) {
    const keys = carrierKeys(c, inherit);
    if (!h.directions.some((k) => keys.has(k))) return false;
  }
  return true;
}

/**
 * The districts outlined for the selection: the selected districts (solid); or, for a selected
 * record with no point of its own, every district it spans (dashed when the set is our reading of
 * its name), so that "where is it?" is answered even when only the district is known.
 */
export function outlinedDistricts(
  view: Pick<ViewState, 'selection'>,
  byId: ReadonlyMap<string, Pick<CarrierProps, 'precision' | 'districts' | 'extent'>>,
): { ids: string[]; schematic: boolean } {
  const s = view.selection;
  if (s?.type === 'districts') return { ids: s.ids, schematic: false };
  const record = s?.type === 'record' ? byId.get(s.id) : undefined;
  if (!record || isPlaced(record)) return { ids: [], schematic: false };
  return { ids: record.districts, schematic: record.extent === 'from-name' };
}
