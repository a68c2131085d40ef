/**
 * The single truth of what a user can set: language, filter, visible layer groups, selection, open
 * panel and camera. A small zustand store of plain data with typed actions; every action is a pure
 * transition (`reduce*` functions below), so the store is unit-tested without a DOM or a map. The
 * URL (`state/url.ts`) is this state written out; the map (`map/mapState.ts`) is derived from it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { EMPTY_FILTER, type FilterState } from '../analysis/filter';
import type { StopRef } from '../analysis/pitch';
import type { Lang } from '../domain/localized';

/** Toggleable groups of map layers (the layer catalogue assigns each layer to one). */
export const LAYER_GROUPS = ['focus', 'parks', 'carriers', 'places'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** Panels opened from the header; at most one is open. */
export const PANELS = ['city', 'quality'] as const;
export type Panel = (typeof PANELS)[number];

/** The planner's tools, shown in the workbench drawer under the map; at most one is open. */
export const TOOLS = ['table', 'charts', 'compare', 'near', 'sites', 'download'] as const;
export type Tool = (typeof TOOLS)[number];

/**
 * A proximity query: from a point ([lon, lat] WGS-84 degrees, e.g. a map click) or from a record
 * (its point, when it has one), everything within `radius_km`.
 */
export interface Near {
  origin: { point: [number, number] } | { record: string };
  radius_km: number;
}

/**
 * What the site finder is asked (the company's directions are the filter's): preferred districts,
 * and the largest distances (km) it accepts to a high-speed-rail station, an airport and a
 * university (`null`: no requirement); `carriers`: rank other carriers too, not only the parks.
 */
export interface SiteNeeds {
  districts: string[];
  rail_km: number | null;
  airport_km: number | null;
  university_km: number | null;
  carriers: boolean;
}

/**
 * A transient highlight from a chart or the table (not part of the URL): the records carrying one of
 * `directions`, in one of `districts`, of one of `kinds`, or with one of `ids` (each list, when
 * given, must be met).
 */
export interface Highlight {
  directions?: string[];
  districts?: string[];
  kinds?: string[];
  ids?: string[];
}

/** What is selected: one record (carrier, park, zone…), or one or more districts. */
export type Selection = { type: 'record'; id: string } | { type: 'districts'; ids: string[] } | null;

/** The map's camera: centre [lon, lat] in degrees, zoom level, bearing and pitch in degrees. */
export interface Camera {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/**
 * Where a requested camera move should go: a bbox [w, s, e, n] (degrees) to fit, a point [lon, lat]
 * and zoom, an exact camera, or `home` (the default framing of the whole city).
 */
export type CameraTarget =
  | { bbox: [number, number, number, number] }
  | { center: [number, number]; zoom: number }
  | { camera: Camera }
  | { home: true };

/**
 * A request to move the camera, applied once by the map (a new `seq` is a new request). Not part of
 * the URL: the resulting camera is, once the map reports it.
 */
export interface Frame {
  seq: number;
  target: CameraTarget;
  /** Whether to animate (a user's choice) or jump (restoring a link or history entry). */
  animate: boolean;
}

/**
 * Something the page could not honour, with why (formatted in the interface language by the UI):
 * a URL parameter that was dropped, or an online basemap that could not be reached (`unreachable`).
 */
export interface UrlNotice {
  param: string;
  /** The offending value, possibly long and hostile: the UI truncates it and renders it as text. */
  value: string;
  reason: 'unknown-param' | 'unknown-value' | 'malformed' | 'unreachable';
}

/**
 * A pitch in presenter mode: its stops (`analysis/pitch.ts`) and the one shown (0-based index).
 * Its directions are the filter's.
 */
export interface Pitch {
  stops: StopRef[];
  index: number;
}

/** Everything a user can set, and what the URL holds. */
export interface ViewState {
  lang: Lang;
  filter: FilterState;
  /** Layer groups switched off (empty: all visible). */
  hidden: LayerGroup[];
  selection: Selection;
  panel: Panel | null;
  /** The camera as last reported by the map; `null` until the user (or a link) moves it from the default framing. */
  camera: Camera | null;
  /** Basemap id (`map/basemaps.ts`); `embedded` is the offline default. */
  basemap: string;
  /** The pitch on stage, or `null` outside presenter mode. */
  pitch: Pitch | null;
  /** The open planner's tool, or `null`. */
  tool: Tool | null;
  /** The proximity query drawn on the map, or `null`. */
  near: Near | null;
  /** The site finder's question, or `null` (no ranking drawn). */
  needs: SiteNeeds | null;
  /** Whether the density (hexagon) layer of placed records is shown. */
  density: boolean;
  /** Embed mode (inside another site's iframe): the map and cards only, with a link to the full map. */
  embed: boolean;
}

/**
 * The "place at its site" tool of a record's card (not part of the URL): the record, whether the
 * next map click gives a point instead of selecting (`picking`), the last point picked, and the
 * proposed point the map shows beside the record's current location.
 */
export interface Siting {
  /** Record id. */
  id: string;
  picking: boolean;
  /**
   * The last map click while picking: [lon, lat] degrees in the datum of the basemap then shown
   * (GCJ-02 over AMap tiles), and a sequence number that grows with every pick.
   */
  picked: { lonLat: [number, number]; datum: 'wgs84' | 'gcj02'; seq: number } | null;
  /** The proposed point, WGS-84 [lon, lat] degrees; null while the form holds none. */
  point: [number, number] | null;
}

/** The store's state: the view, plus the pending camera request and the notices of the last link read. */
export interface AppState extends ViewState {
  frame: Frame | null;
  notices: UrlNotice[];
  /** The site tool, while a record's card has it open. */
  siting: Siting | null;
  /** Where the map landed after the last camera request it finished (`Frame.seq`): the stage's "stop as it was". */
  landed: { seq: number; camera: Camera } | null;
  /** A chart's or the table's transient highlight. */
  highlight: Highlight | null;
  /** Whether the next map click sets the proximity query's centre (instead of selecting). */
  nearPicking: boolean;
  /** What went wrong on the map without stopping the page: failed layer files, a lost WebGL context. */
  mapIssues: MapIssues;
}

/** Map problems the page keeps working through (shown as messages where the map is). */
export interface MapIssues {
  /** Sources that failed (an HTTP error, a truncated file) or timed out, in the order reported. */
  layers: Array<{ source: string; reason: 'error' | 'timeout' }>;
  /** Whether the WebGL context is lost (the map redraws when it is restored). */
  contextLost: boolean;
}

/** The view of a fresh page with no parameters. */
export const DEFAULT_VIEW: ViewState = {
  lang: 'zh',
  filter: EMPTY_FILTER,
  hidden: [],
  selection: null,
  panel: null,
  camera: null,
  basemap: 'embedded',
  pitch: null,
  tool: null,
  near: null,
  needs: null,
  density: false,
  embed: false,
};

/** What a stop puts on the map (from `state/pitch.ts#stopView`): its selection and camera target. */
export interface StopShow {
  selection: Selection;
  target: CameraTarget;
}

/** Typed actions of the store. */
export interface AppActions {
  setLang: (lang: Lang) => void;
  /** Replaces the filter, or merges a partial filter into it. */
  setFilter: (filter: Partial<FilterState>) => void;
  setLayerVisible: (group: LayerGroup, visible: boolean) => void;
  /** Selects a record; `frame` asks the map to show it. */
  selectRecord: (id: string, frame?: CameraTarget) => void;
  /** Selects districts (one, or several for comparison); `frame` asks the map to show them. */
  selectDistricts: (ids: string[], frame?: CameraTarget) => void;
  /** Adds a district to the selected districts, or removes it if already there. */
  toggleDistrict: (id: string) => void;
  /** Asks the map to show a target (e.g. a place chosen in the search) without selecting anything. */
  frameTo: (target: CameraTarget) => void;
  clearSelection: () => void;
  openPanel: (panel: Panel | null) => void;
  /** The map reports where it is (after any move): updates the camera without a history entry. */
  setCamera: (camera: Camera) => void;
  /** The map reports that camera request `seq` finished where `camera` is. */
  frameDone: (seq: number, camera: Camera) => void;
  /** Applies a view read from a link or a history entry, with the notices of what was dropped. */
  restore: (view: ViewState, notices?: UrlNotice[]) => void;
  dismissNotices: () => void;
  /** Chooses a basemap by id. */
  setBasemap: (id: string) => void;
  /** An online basemap failed or timed out: back to the embedded one, with a notice. */
  basemapFailed: (id: string) => void;
  /** Opens the site tool for a record (`null` closes it). */
  setSiting: (id: string | null) => void;
  /** Starts or stops picking: while on, the next map click gives a point instead of selecting. */
  setPicking: (on: boolean) => void;
  /** A map click while picking: [lon, lat] degrees in `datum`; picking stops. */
  pickPoint: (lonLat: [number, number], datum: 'wgs84' | 'gcj02') => void;
  /** The proposed WGS-84 point (or none); `frame` asks the map to show it. */
  proposeSite: (point: [number, number] | null, frame?: CameraTarget) => void;
  /**
   * Puts a pitch on stage at stop `index` with the pitch's directions as the filter; the stage then
   * shows the stop (`showStop`) once its layout is on screen, so the camera fits the stage.
   */
  startPitch: (stops: StopRef[], directions: string[], index: number) => void;
  /** Shows stop `index` of the pitch on stage (also "back to the stop": the same view again). */
  showStop: (index: number, show: StopShow) => void;
  /** Replaces the stops (reordered, added, removed) and the index of the stop shown; the view stays. */
  editStops: (stops: StopRef[], index: number) => void;
  /** Leaves presenter mode; the map stays where it is. */
  endPitch: () => void;
  /** Opens a planner's tool (`null` closes the drawer). */
  openTool: (tool: Tool | null) => void;
  /** Sets (or clears) the proximity query; `frame` asks the map to show its circle. */
  setNear: (near: Near | null, frame?: CameraTarget) => void;
  /** Sets (or clears) the site finder's question. */
  setNeeds: (needs: SiteNeeds | null) => void;
  /** Shows or hides the density layer. */
  setDensity: (on: boolean) => void;
  /** Highlights records from a chart or the table (`null` clears). */
  setHighlight: (highlight: Highlight | null) => void;
  /** Starts or stops picking the proximity query's centre on the map. */
  setNearPicking: (on: boolean) => void;
  /** A map source failed or timed out (reported once per source). */
  layerFailed: (source: string, reason: 'error' | 'timeout') => void;
  /** The map's WebGL context was lost (`true`) or restored (`false`). */
  setContextLost: (lost: boolean) => void;
}

export type AppStore = StoreApi<AppState & AppActions>;

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The next frame request after `prev` (sequence numbers only grow). */
export function nextFrame(prev: Frame | null, target: CameraTarget, animate = true): Frame {
  return { seq: (prev?.seq ?? 0) + 1, target, animate };
}

/** Selecting a record: one selection at a time; a panel gives way to the record's card. */
export function reduceSelectRecord(s: AppState, id: string, frame?: CameraTarget): Partial<AppState> {
  return {
    selection: { type: 'record', id },
    panel: null,
    frame: frame ? nextFrame(s.frame, frame) : s.frame,
  };
}

/** Selecting districts (deduplicated, in the order chosen); an empty list clears the selection. */
export function reduceSelectDistricts(s: AppState, ids: string[], frame?: CameraTarget): Partial<AppState> {
  const unique = [...new Set(ids)];
  return {
    selection: unique.length > 0 ? { type: 'districts', ids: unique } : null,
    panel: null,
    frame: frame ? nextFrame(s.frame, frame) : s.frame,
  };
}

/** Adds or removes one district from the selected districts (a selected record is replaced). */
export function reduceToggleDistrict(s: AppState, id: string): Partial<AppState> {
  const current = s.selection?.type === 'districts' ? s.selection.ids : [];
  const ids = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
  return reduceSelectDistricts(s, ids);
}

/** Moving the camera to a target (animated, a user's choice); the selection and panel stay as they are. */
export function reduceFrameTo(s: AppState, target: CameraTarget): Partial<AppState> {
  return { frame: nextFrame(s.frame, target) };
}

/** Merges a filter patch, keeping the previous object when nothing changed (no history entry). */
export function reduceFilter(s: AppState, patch: Partial<FilterState>): Partial<AppState> {
  const next = { ...s.filter, ...patch };
  const f = s.filter;
  const unchanged =
    same(next.directions, f.directions) &&
    same(next.districts, f.districts) &&
    same(next.kinds, f.kinds) &&
    next.mode === f.mode &&
    next.inherit === f.inherit;
  return unchanged ? {} : { filter: next };
}

/** Shows or hides a layer group; `hidden` stays in the catalogue's group order. */
export function reduceLayerVisible(s: AppState, group: LayerGroup, visible: boolean): Partial<AppState> {
  const hidden = LAYER_GROUPS.filter((g) => (g === group ? !visible : s.hidden.includes(g)));
  return same(hidden, s.hidden) ? {} : { hidden };
}

/**
 * Restoring a view (a link, Back/Forward): everything the view holds, and a jump to its camera, or
 * to the default framing when the view has none.
 */
export function reduceRestore(s: AppState, view: ViewState, notices: UrlNotice[] = []): Partial<AppState> {
  const cameraChanged = JSON.stringify(view.camera) !== JSON.stringify(s.camera);
  const target: CameraTarget = view.camera ? { camera: view.camera } : { home: true };
  return { ...view, notices, frame: cameraChanged ? nextFrame(s.frame, target, false) : s.frame };
}

/** A map click while picking gives the point; a click when not picking changes nothing here. */
export function reducePickPoint(s: AppState, lonLat: [number, number], datum: 'wgs84' | 'gcj02'): Partial<AppState> {
  if (!s.siting?.picking) return {};
  const seq = (s.siting.picked?.seq ?? 0) + 1;
  return { siting: { ...s.siting, picking: false, picked: { lonLat, datum, seq } } };
}

/** Shows a stop: its selection, a flight to its camera; panels close (the stage's caption replaces them). */
export function reduceShowStop(s: AppState, index: number, show: StopShow): Partial<AppState> {
  if (!s.pitch || index < 0 || index >= s.pitch.stops.length) return {};
  return {
    pitch: { ...s.pitch, index },
    selection: show.selection,
    panel: null,
    frame: nextFrame(s.frame, show.target),
  };
}

/** Starts a pitch (see `AppActions.startPitch`); an empty route starts nothing. */
export function reduceStartPitch(
  s: AppState,
  stops: StopRef[],
  directions: string[],
  index: number,
): Partial<AppState> {
  if (stops.length === 0) return {};
  const at = Math.min(Math.max(index, 0), stops.length - 1);
  const filter = { ...s.filter, directions: [...directions] };
  return { filter, siting: null, panel: null, selection: null, pitch: { stops, index: at } };
}

/** Replaces the stops; the index is clamped into the new list. An empty list ends the pitch. */
export function reduceEditStops(s: AppState, stops: StopRef[], index: number): Partial<AppState> {
  if (!s.pitch) return {};
  if (stops.length === 0) return { pitch: null };
  return { pitch: { stops, index: Math.min(Math.max(index, 0), stops.length - 1) } };
}

/**
 * Creates the store.
 * @param initial the view to start from (usually decoded from the page URL) and its notices.
 */
export function createAppStore(initial: ViewState = DEFAULT_VIEW, notices: UrlNotice[] = []): AppStore {
  return createStore<AppState & AppActions>()((set) => ({
    ...initial,
    frame: null,
    notices,
    siting: null,
    landed: null,
    highlight: null,
    nearPicking: false,
    mapIssues: { layers: [], contextLost: false },
    setLang: (lang) => set((s) => (s.lang === lang ? {} : { lang })),
    setFilter: (patch) => set((s) => reduceFilter(s, patch)),
    setLayerVisible: (group, visible) => set((s) => reduceLayerVisible(s, group, visible)),
    selectRecord: (id, frame) => set((s) => reduceSelectRecord(s, id, frame)),
    selectDistricts: (ids, frame) => set((s) => reduceSelectDistricts(s, ids, frame)),
    toggleDistrict: (id) => set((s) => reduceToggleDistrict(s, id)),
    frameTo: (target) => set((s) => reduceFrameTo(s, target)),
    clearSelection: () => set((s) => (s.selection ? { selection: null } : {})),
    openPanel: (panel) => set((s) => (s.panel === panel ? {} : { panel })),
    setCamera: (camera) => set({ camera }),
    frameDone: (seq, camera) => set({ landed: { seq, camera } }),
    restore: (view, n) => set((s) => reduceRestore(s, view, n)),
    dismissNotices: () => set({ notices: [] }),
    setBasemap: (basemap) => set((s) => (s.basemap === basemap ? {} : { basemap })),
    basemapFailed: (id) =>
      set((s) =>
        s.basemap === id
          ? {
              basemap: DEFAULT_VIEW.basemap,
              notices: [...s.notices, { param: 'basemap', value: id, reason: 'unreachable' }],
            }
          : {},
      ),
    setSiting: (id) =>
      set((s) =>
        (s.siting?.id ?? null) === id ? {} : { siting: id ? { id, picking: false, picked: null, point: null } : null },
      ),
    setPicking: (on) =>
      set((s) => (s.siting && s.siting.picking !== on ? { siting: { ...s.siting, picking: on } } : {})),
    pickPoint: (lonLat, datum) => set((s) => reducePickPoint(s, lonLat, datum)),
    proposeSite: (point, frame) =>
      set((s) =>
        s.siting ? { siting: { ...s.siting, point }, frame: frame ? nextFrame(s.frame, frame) : s.frame } : {},
      ),
    startPitch: (stops, directions, index) => set((s) => reduceStartPitch(s, stops, directions, index)),
    showStop: (index, show) => set((s) => reduceShowStop(s, index, show)),
    editStops: (stops, index) => set((s) => reduceEditStops(s, stops, index)),
    endPitch: () => set((s) => (s.pitch ? { pitch: null } : {})),
    // Switching tabs keeps a pinned highlight (the table shows the chart's cell); closing clears it.
    openTool: (tool) => set((s) => (s.tool === tool ? {} : tool === null ? { tool, highlight: null } : { tool })),
    setNear: (near, frame) =>
      set((s) => ({ near, nearPicking: false, frame: frame ? nextFrame(s.frame, frame) : s.frame })),
    setNearPicking: (nearPicking) => set((s) => (s.nearPicking === nearPicking ? {} : { nearPicking })),
    layerFailed: (source, reason) =>
      set((s) =>
        s.mapIssues.layers.some((l) => l.source === source)
          ? {}
          : { mapIssues: { ...s.mapIssues, layers: [...s.mapIssues.layers, { source, reason }] } },
      ),
    setContextLost: (contextLost) =>
      set((s) => (s.mapIssues.contextLost === contextLost ? {} : { mapIssues: { ...s.mapIssues, contextLost } })),
    setNeeds: (needs) => set({ needs }),
    setDensity: (density) => set((s) => (s.density === density ? {} : { density })),
    setHighlight: (highlight) =>
      set((s) => (JSON.stringify(s.highlight) === JSON.stringify(highlight) ? {} : { highlight })),
  }));
}

/** The view part of a store state (what the URL holds). */
export function viewOf(s: ViewState): ViewState {
  return {
    lang: s.lang,
    filter: s.filter,
    hidden: s.hidden,
    selection: s.selection,
    panel: s.panel,
    camera: s.camera,
    basemap: s.basemap,
    pitch: s.pitch,
    tool: s.tool,
    near: s.near,
    needs: s.needs,
    density: s.density,
    embed: s.embed,
  };
}
