/**
 * Everything the map shows, derived from the data and the view by one pure function
 * (`mapStateOf`). The controller applies only the differences between two map states, so this is
 * the one path from state to map, and it is tested without WebGL.
 */
import { countMatches, mapViewOf } from '../analysis/filter';
import type { CarrierProps, DistrictInfo } from '../domain/built';
import type { Lang } from '../domain/localized';
import type { Frame, LayerGroup, ViewState } from '../state/store';
import { SOURCE } from './layers';

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
};

/** A count beside a district's label: its matching records known only by district. */
export interface DistrictBadge {
  id: string;
  /** [lon, lat] degrees. */
  anchor: [number, number];
  count: number;
  /** Whether it is drawn: a count above 0, with the carriers layer group visible. */
  shown: boolean;
  /** Tooltip in the interface language. */
  title: string;
}

/** Screen space (CSS px) the camera keeps clear, e.g. for an open card. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Everything the map shows. */
export interface MapState {
  lang: Lang;
  featureStates: FeatureStates;
  /** Layer ids switched off (visibility `none`). */
  hiddenLayers: string[];
  badges: DistrictBadge[];
  /** The latest camera request; applied when its `seq` is new. */
  frame: Frame | null;
  padding: Padding;
}

/** The data the map state depends on. */
export interface MapData {
  carriers: readonly CarrierProps[];
  districts: readonly DistrictInfo[];
  directions: ReadonlyArray<{ key: string; colour: string }>;
  /** Ids of the features in the `parks` source (city parks and AI+ parks). */
  parkIds: ReadonlySet<string>;
}

/** Layout facts the derivation needs: where the card is, in CSS px. */
export interface MapLayout {
  /** Width of the card column when a card or panel is open over the map's right side (0: none). */
  cardWidth_px: number;
}

/** Margin (px) kept around framed features. */
const FRAME_MARGIN_PX = 40;

const BADGE_TITLE: Record<Lang, (n: number) => string> = {
  zh: (n) => `${n} 个匹配的记录仅知所在板块`,
  en: (n) => `${n} matching record${n === 1 ? '' : 's'} known only by district`,
};

const isPlaced = (c: Pick<CarrierProps, 'precision'>) => c.precision === 'site' || c.precision === 'area';

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
 * @param groups layer ids per toggle group (from the layer catalogue).
 * @param layout the card's width, which the camera keeps clear.
 */
export function mapStateOf(
  data: MapData,
  view: ViewState & { frame: Frame | null },
  groups: Readonly<Record<LayerGroup, readonly string[]>>,
  layout: MapLayout,
): MapState {
  const featureStates: FeatureStates = {};
  const fv = mapViewOf(data.carriers, data.districts, view.filter, data.directions);
  const byId = new Map(data.carriers.map((c) => [c.id, c]));
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

  const counts = countMatches(
    data.carriers,
    view.filter,
    data.districts.map((d) => d.id),
  );
  const hidden = new Set(view.hidden);
  const badges = data.districts.map((d) => {
    const count = counts.byDistrict[d.id]?.unplaced ?? 0;
    const shown = count > 0 && !hidden.has('carriers');
    return { id: d.id, anchor: d.anchor, count, shown, title: BADGE_TITLE[view.lang](count) };
  });

  const hiddenLayers = (Object.keys(groups) as LayerGroup[]).filter((g) => hidden.has(g)).flatMap((g) => groups[g]);
  const card = view.selection !== null || view.panel !== null ? layout.cardWidth_px : 0;
  return {
    lang: view.lang,
    featureStates,
    hiddenLayers,
    badges,
    frame: view.frame,
    padding: { top: FRAME_MARGIN_PX, bottom: FRAME_MARGIN_PX, left: FRAME_MARGIN_PX, right: FRAME_MARGIN_PX + card },
  };
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
