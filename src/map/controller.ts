/**
 * The one place that owns the live MapLibre map. The app hands it whole map states (`sync`); it
 * applies only what changed since the last one (feature states, visibility, label language,
 * district groups, camera requests). Out of it come clicks and camera moves. Nothing else calls MapLibre.
 */

import type { GeoJSON } from 'geojson';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import {
  AttributionControl,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  type MapMouseEvent,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Camera } from '../state/store';
import type { BasemapDatum, ResolvedBasemap } from './basemaps';
import { shiftToDatum } from './datum';
import { DISTRICT_HIT_LAYER, SOURCE } from './layers';
import {
  FEATURE_STATE_DEFAULTS,
  type FeatureStates,
  type FeatureStateValue,
  type GroupSide,
  type MapState,
} from './mapState';
import { exposeTestHook } from './testHook';
import { LOCAL_CJK_FONTS } from './theme';
import type { LayerSettings } from './tiled';

setWorkerUrl(workerUrl);

/** What a click picked: records (topmost first, all drawn at the click), or a district. */
export type MapHit = { type: 'records'; ids: string[] } | { type: 'district'; id: string } | null;

/** Where a click was: [lon, lat] degrees in the datum of the basemap shown (our data are shifted to it). */
export interface MapClickAt {
  lngLat: [number, number];
  datum: BasemapDatum;
}

/** Options of the controller. */
export interface MapControllerOptions {
  /**
   * The initial camera, or the bbox [w, s, e, n] (degrees) of the default framing; and the bounds
   * [w, s, e, n] the camera may show (the base layers cover all of them, so no view has a seam).
   */
  initial: {
    camera: Camera | null;
    bbox: [number, number, number, number];
    maxBounds: [number, number, number, number];
  };
  /** Clickable layer ids, topmost first (from the layer catalogue). */
  interactive: readonly string[];
  /** A click (not part of a double-click); `additive` when Shift, Ctrl or ⌘ was held; `at` where it was. */
  onClick: (hit: MapHit, additive: boolean, at: MapClickAt) => void;
  /** A district group's caption was clicked. */
  onGroup: (districtId: string) => void;
  /** A record's mark in a district group was clicked. */
  onMark: (recordId: string) => void;
  /** The camera after any move (user or requested). */
  onCamera: (camera: Camera) => void;
  /** A camera request (`Frame.seq`) has finished moving (or was interrupted): where it landed. */
  onFrameDone?: (seq: number, camera: Camera) => void;
  /** An online basemap failed to load or timed out. */
  onBasemapFailed: (basemapId: string) => void;
  /** Called once when the style and its sources are loaded, or with the error that stopped it. */
  onLoad?: (error?: Error) => void;
  /**
   * One of our sources failed (HTTP error, truncated or malformed file) or did not load within
   * `LAYER_TIMEOUT_MS`: the rest of the map keeps working.
   */
  onLayerFailed?: (sourceId: string, reason: 'error' | 'timeout') => void;
  /** The WebGL context was lost (`true`) or restored (`false`): the map redraws itself on restore. */
  onContext?: (lost: boolean) => void;
  /**
   * An off-screen map for an image export (`map/snapshot.ts`), never the live one: it draws at
   * `pixelRatio` (device px per CSS px) into a drawing buffer kept after each frame (readable by
   * `drawImage`; the live map never keeps one: it would slow every frame), takes no input, and has
   * no controls, no click or hover handlers and no test hook (`window.__sdeMap` stays the live
   * map's). `onIdle` gets the map once, at its first `idle` after the initial state is applied.
   */
  snapshot?: { pixelRatio: number; onIdle: (map: MapLibreMap) => void };
  /**
   * Resolves when the page around the map is up (src/map/live.ts: the map was started before the
   * UI): the test hook is published once the map has loaded and this has resolved, so a test that
   * finds `window.__sdeMap` finds the whole page. Without it, the hook is published on load.
   */
  ready?: Promise<unknown>;
}

/** Whether a rendered feature is shown: features the filter hides stay in the tiles, drawn transparent. */
const visible = (f: MapGeoJSONFeature) => f.state.match !== false;

/**
 * Marker anchor and offset (px) of a district group on each side of the district's label anchor,
 * clear of the park marker (radius ~10 px) and of the park label below it.
 */
const GROUP_PLACEMENT: Record<GroupSide, { anchor: 'left' | 'right' | 'bottom' | 'top'; offset: [number, number] }> = {
  right: { anchor: 'left', offset: [16, 0] },
  left: { anchor: 'right', offset: [-16, 0] },
  top: { anchor: 'bottom', offset: [0, -30] },
  bottom: { anchor: 'top', offset: [0, 40] },
};

/**
 * Arrow keys in a district group: its caption is the group's one Tab stop (a district may hold dozens
 * of records, which would otherwise be as many Tab stops before the map's controls); → ↓ go to the
 * next mark, ← ↑ back (from the first mark to the caption), Home and End to the caption and the last
 * mark. The keys stop here: on the map's container they would also pan the map.
 */
function moveInGroup(el: HTMLElement, e: KeyboardEvent): void {
  const items = [...el.querySelectorAll<HTMLElement>('.group-caption, .group-mark')].filter(
    (b) => b.getClientRects().length > 0 || b === document.activeElement,
  );
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const last = items.length - 1;
  const to: Record<string, number> = {
    ArrowRight: Math.min(at + 1, last),
    ArrowDown: Math.min(at + 1, last),
    ArrowLeft: Math.max(at - 1, 0),
    ArrowUp: Math.max(at - 1, 0),
    Home: 0,
    End: last,
  };
  if (!(e.key in to) || e.altKey || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  e.stopPropagation();
  items[to[e.key]]?.focus();
}

/**
 * A district group on the map: its marker and elements, and what was last written to them (the
 * joined mark ids in order, the count, whether shown and whether any mark is highlighted), so that a sync
 * touches only what changed.
 */
interface GroupEntry {
  marker: Marker;
  el: HTMLElement;
  caption: HTMLButtonElement;
  box: HTMLElement;
  ids: string;
  count: number;
  shown: boolean | null;
  hl: boolean | null;
}

/** What a click on `hits` chose: the records drawn there, else the district, else nothing. */
function pickOf(hits: readonly MapGeoJSONFeature[]): MapHit {
  const records = hits.filter((f) => f.layer.id !== DISTRICT_HIT_LAYER);
  if (records.length > 0) return { type: 'records', ids: [...new Set(records.map((f) => String(f.properties.id)))] };
  const district = hits.find((f) => f.layer.id === DISTRICT_HIT_LAYER);
  return district ? { type: 'district', id: String(district.properties.id) } : null;
}

/** A district group with more marks than this shows only its caption below `GROUP_OPEN_ZOOM`. */
const GROUP_OPEN_MAX = 12;
/** Zoom level from which every district group shows its marks. */
const GROUP_OPEN_ZOOM = 9.6;

/** Longest wait (ms) for an online basemap's first tile before falling back to the embedded one. */
const BASEMAP_TIMEOUT_MS = 10_000;
/** Prefix of the source and layer ids of an online basemap. */
const BASEMAP_PREFIX = 'basemap-';

/** Longest wait (ms) for a second click before a click counts as single. */
const DOUBLE_CLICK_MS = 250;
/** Longest wait (ms) after the style loads for every layer file before a missing one is reported. */
const LAYER_TIMEOUT_MS = 20_000;

/** Duration (ms) of an animated camera move. */
const FLY_MS = 800;

export class MapController {
  private readonly map: MapLibreMap;
  private readonly options: MapControllerOptions;
  private readonly home: [number, number, number, number];
  private applied: MapState | null = null;
  private readonly groups = new Map<string, GroupEntry>();
  /**
   * One mark button per district and record, reused across filter changes, with the colour and
   * name last written to it (compared here, not read back from the DOM: a read colour comes back
   * as `rgb(…)` and never equals the hex one, so every sync rewrote every mark's style).
   */
  private readonly markButtons = new Map<
    string,
    { button: HTMLButtonElement; colour: string; name: string; hl: boolean }
  >();
  private pendingClick: ReturnType<typeof setTimeout> | null = null;
  private loaded = false;
  /** Our GeoJSON as loaded (WGS-84), kept while it is shown shifted to another datum. */
  private readonly original = new Map<string, GeoJSON>();
  private basemapTimer: ReturnType<typeof setTimeout> | null = null;
  /** The site tool's proposed-point marker, while there is one. */
  private siteMarker: Marker | null = null;
  private contextLost = false;
  /** The latest state asked for while the context was lost. */
  private pending: MapState | null = null;
  private layerTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sources reported as failed (each reported once). */
  private readonly failed = new Set<string>();
  /** Whether `placed` has run: the first placement frames the view again. */
  private wasPlaced = false;
  /** While `placed` re-fits the opening view: that is no camera move of the user's to report. */
  private refitting = false;

  /**
   * Creates the map in `container` with `style`.
   * @param initialState the map state to start from (its label language is set before the first frame).
   * @throws Error if WebGL is unavailable (MapLibre's own error).
   */
  constructor(
    container: HTMLElement,
    style: StyleSpecification,
    initialState: MapState,
    options: MapControllerOptions,
  ) {
    this.options = options;
    this.home = options.initial.bbox;
    const cam = options.initial.camera;
    const snapshot = options.snapshot;
    this.map = new MapLibreMap({
      container,
      style,
      ...(cam
        ? { center: cam.center, zoom: cam.zoom, bearing: cam.bearing, pitch: cam.pitch }
        : { bounds: options.initial.bbox, fitBoundsOptions: { padding: initialState.padding } }),
      globalState: { lang: initialState.lang, labelScale: initialState.labelScale },
      maxBounds: initialState.bounded ? options.initial.maxBounds : undefined,
      localIdeographFontFamily: LOCAL_CJK_FONTS,
      attributionControl: false,
      // Symbols appear at once: a fade would delay `idle` after every filter change (ms).
      fadeDuration: 0,
      maxZoom: 15,
      minZoom: 6,
      dragRotate: false,
      pitchWithRotate: false,
      // Double-click zooms; the click handler waits to tell a double-click from a single click.
      doubleClickZoom: true,
      ...(snapshot
        ? {
            interactive: false,
            pixelRatio: snapshot.pixelRatio,
            canvasContextAttributes: { preserveDrawingBuffer: true },
          }
        : {}),
    });
    if (!snapshot) {
      this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
      // Top-left: the card column sits on the right and must never cover the zoom buttons.
      this.map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
      this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    }
    const onLoaded = () => {
      if (this.loaded) return;
      this.loaded = true;
      this.sync(initialState);
      if (snapshot) this.map.once('idle', () => snapshot.onIdle(this.map));
      else if (options.ready) options.ready.then(() => exposeTestHook(this.map));
      else exposeTestHook(this.map);
      options.onLoad?.();
    };
    this.map.on('load', onLoaded);
    // A layer file that never answers must not leave the map "loading" forever: MapLibre's `load`
    // waits for every source, so after the timeout the missing ones are reported and the map
    // starts with what it has.
    this.layerTimer = setTimeout(() => {
      for (const id of Object.values(SOURCE)) {
        if (this.map.getSource(id) && !this.map.isSourceLoaded(id)) this.layerFailed(id, 'timeout');
      }
      if (!this.loaded) onLoaded();
    }, LAYER_TIMEOUT_MS);
    this.map.on('error', (e) => {
      const sourceId = (e as { sourceId?: string }).sourceId;
      if (sourceId?.startsWith(BASEMAP_PREFIX)) this.basemapFailed();
      // A failed layer file costs that layer only, never the map.
      else if (sourceId) this.layerFailed(sourceId, 'error');
      else if (!this.loaded) options.onLoad?.(new Error(e.error.message));
    });
    // A lost WebGL context (GPU reset, too many contexts): MapLibre redraws on restore; meanwhile
    // clicks are ignored (nothing can be queried) and the host shows a message.
    const canvas = this.map.getCanvas();
    canvas.addEventListener('webglcontextlost', () => {
      this.contextLost = true;
      options.onContext?.(true);
    });
    canvas.addEventListener('webglcontextrestored', () => {
      this.contextLost = false;
      options.onContext?.(false);
      if (this.pending) this.sync(this.pending);
      this.pending = null;
      this.map.triggerRepaint();
    });
    this.map.on('sourcedata', (e) => {
      // The first tile of an online basemap has arrived: it is reachable.
      if (e.sourceId.startsWith(BASEMAP_PREFIX) && e.tile && this.basemapTimer !== null) {
        clearTimeout(this.basemapTimer);
        this.basemapTimer = null;
      }
    });
    if (!snapshot) {
      this.map.on('click', (e) => this.onClick(e));
      this.map.on('dblclick', () => this.cancelClick());
    }
    // Large district groups open from this zoom on (or on hover and focus): at the city view they
    // would cover the parks' names.
    const markZoom = () =>
      this.map.getContainer().classList.toggle('groups-open', this.map.getZoom() >= GROUP_OPEN_ZOOM);
    this.map.on('zoom', markZoom);
    markZoom();
    this.map.on('moveend', () => {
      if (this.loaded && !this.refitting) options.onCamera(this.camera());
    });
    if (!snapshot)
      this.map.on('mousemove', (e) => {
        const layers = options.interactive.filter((l) => l !== DISTRICT_HIT_LAYER);
        const hit = this.map.queryRenderedFeatures(e.point, { layers }).filter(visible);
        const picking = this.applied?.picking === true;
        this.map.getCanvas().style.cursor = picking ? 'crosshair' : hit.length > 0 ? 'pointer' : '';
      });
  }

  private cancelClick(): void {
    if (this.pendingClick !== null) clearTimeout(this.pendingClick);
    this.pendingClick = null;
  }

  /** Reports a failed source once. */
  private layerFailed(sourceId: string, reason: 'error' | 'timeout'): void {
    if (this.failed.has(sourceId)) return;
    this.failed.add(sourceId);
    this.options.onLayerFailed?.(sourceId, reason);
  }

  private onClick(e: MapMouseEvent): void {
    this.cancelClick();
    if (this.contextLost) return;
    // The second click of a double-click zooms; it never opens a card.
    if (e.originalEvent.detail > 1) return;
    const hits = this.hitsAt(e.point);
    // A merged dot of the tiled path (`n` records of one cell, below tile zoom 12) stands for no one
    // record: a click zooms in towards it, where it splits, instead of opening its first record's card.
    if (hits.some((f) => f.layer.id === 'carriers-circle' && Number(f.properties.n ?? 1) > 1)) {
      this.map.easeTo({ center: e.lngLat, zoom: Math.min(this.map.getZoom() + 2, this.map.getMaxZoom()) });
      return;
    }
    const hit = pickOf(hits);
    const additive = e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey;
    const at: MapClickAt = { lngLat: [e.lngLat.lng, e.lngLat.lat], datum: this.applied?.basemap?.datum ?? 'wgs84' };
    this.pendingClick = setTimeout(() => {
      this.pendingClick = null;
      this.options.onClick(hit, additive, at);
    }, DOUBLE_CLICK_MS);
  }

  /** The interactive features drawn (not hidden by the filter) within 4 px of `point` (CSS px on the canvas). */
  private hitsAt(point: { x: number; y: number }): MapGeoJSONFeature[] {
    const box: [[number, number], [number, number]] = [
      [point.x - 4, point.y - 4],
      [point.x + 4, point.y + 4],
    ];
    return this.map.queryRenderedFeatures(box, { layers: [...this.options.interactive] }).filter(visible);
  }

  /**
   * The map's element has been moved into the page (it was created before the page's layout, at
   * another size: src/map/live.ts): fits the map to its new size and, the first time, frames the
   * view again as it opened (the default framing without a camera in the link; then the current
   * frame, if the state has one and has been applied). Nobody can have moved the map before: it
   * waited hidden. The re-fit is not reported as a camera change.
   * @param state the current map state (its padding keeps the card column clear).
   */
  placed(state: MapState): void {
    this.map.resize();
    if (this.wasPlaced) return;
    this.wasPlaced = true;
    this.refitting = true;
    try {
      if (!this.options.initial.camera) {
        const camera = this.map.cameraForBounds(this.home, { padding: state.padding });
        if (camera) this.map.jumpTo(camera);
      }
    } finally {
      this.refitting = false;
    }
    if (this.applied?.frame) this.applyFrame(this.applied);
  }

  /** The current camera. */
  camera(): Camera {
    const c = this.map.getCenter();
    return {
      center: [c.lng, c.lat],
      zoom: this.map.getZoom(),
      bearing: this.map.getBearing(),
      pitch: this.map.getPitch(),
    };
  }

  /**
   * Applies `next`, sending MapLibre only what differs from the last state applied. Before the
   * style has loaded it does nothing: on `load` the state given to the constructor is applied, and
   * the host then syncs the latest one.
   */
  sync(next: MapState): void {
    if (!this.loaded) return;
    // Nothing can be drawn while the WebGL context is lost: the latest state is applied on restore.
    if (this.contextLost) {
      this.pending = next;
      return;
    }
    const prev = this.applied;
    this.applied = next;
    if (prev === null || prev.lang !== next.lang) this.map.setGlobalStateProperty('lang', next.lang);
    if (prev === null || prev.labelScale !== next.labelScale)
      this.map.setGlobalStateProperty('labelScale', next.labelScale);
    if (prev !== null && prev.bounded !== next.bounded)
      this.map.setMaxBounds(next.bounded ? this.options.initial.maxBounds : null);
    if ((prev?.basemap?.id ?? null) !== (next.basemap?.id ?? null))
      this.applyBasemap(prev?.basemap ?? null, next.basemap);
    this.applyFeatureStates(prev?.featureStates ?? {}, next.featureStates);
    if (next.layers) this.applyLayerSettings(prev?.layers ?? {}, next.layers);
    this.applyVisibility(prev?.hiddenLayers ?? [], next.hiddenLayers);
    if (prev === null || prev.groups !== next.groups) this.applyGroups(next);
    if ((prev?.densityGrid ?? null) !== next.densityGrid && next.densityGrid)
      this.geojson(SOURCE.density)?.setData(next.densityGrid);
    if ((prev?.analysis?.key ?? null) !== (next.analysis?.key ?? null))
      this.geojson(SOURCE.analysis)?.setData(next.analysis?.data ?? { type: 'FeatureCollection', features: [] });
    if (next.frame && next.frame.seq !== prev?.frame?.seq) this.applyFrame(next);
    if (
      JSON.stringify(prev?.site ?? null) !== JSON.stringify(next.site) ||
      prev?.basemap?.datum !== next.basemap?.datum
    )
      this.applySite(next);
  }

  /**
   * The site tool: a crosshair while picking, and the proposed point as an HTML marker (a ring, not
   * a record's dot, so it is never read as data), shown in the basemap's datum like our layers.
   */
  private applySite(next: MapState): void {
    const site = next.site;
    this.map.getContainer().classList.toggle('picking', site?.picking === true);
    this.map.getCanvas().style.cursor = site?.picking ? 'crosshair' : '';
    if (!site?.point) {
      this.siteMarker?.remove();
      this.siteMarker = null;
      return;
    }
    if (!this.siteMarker) {
      const el = document.createElement('div');
      el.className = 'site-proposal';
      el.dataset.testid = 'site-proposal';
      el.setAttribute('role', 'img');
      el.append(document.createElement('span'), document.createElement('span'));
      (el.firstChild as HTMLElement).className = 'site-proposal-ring';
      (el.lastChild as HTMLElement).className = 'site-proposal-label';
      // Anchored at the ring's centre: the label hangs to its right.
      this.siteMarker = new Marker({ element: el, anchor: 'left', offset: [-11, 0] })
        .setLngLat(site.point)
        .addTo(this.map);
    }
    const marker = this.siteMarker;
    const el = marker.getElement();
    el.title = site.title;
    el.setAttribute('aria-label', site.title);
    (el.lastChild as HTMLElement).textContent = site.label;
    el.dataset.lngLat = site.point.join(',');
    const datum = next.basemap?.datum ?? 'wgs84';
    if (datum === 'wgs84') marker.setLngLat(site.point);
    else
      void shiftToDatum({ type: 'Point', coordinates: site.point }, datum).then((p) =>
        marker.setLngLat(p.coordinates as [number, number]),
      );
  }

  private applyFeatureStates(prev: FeatureStates, next: FeatureStates): void {
    for (const source of new Set([...Object.keys(prev), ...Object.keys(next)])) {
      const p = prev[source] ?? {};
      const n = next[source] ?? {};
      for (const id of new Set([...Object.keys(p), ...Object.keys(n)])) {
        const before = p[id] ?? {};
        const after = n[id] ?? {};
        const patch: Record<string, FeatureStateValue> = {};
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
          const value = key in after ? after[key] : FEATURE_STATE_DEFAULTS[key];
          const was = key in before ? before[key] : FEATURE_STATE_DEFAULTS[key];
          if (value !== was) patch[key] = value;
        }
        if (Object.keys(patch).length > 0) this.map.setFeatureState({ source, id }, patch);
      }
    }
  }

  /**
   * The tiled path's carrier filter and paint (`MapState.layers`): only values that changed are
   * set (and MapLibre ignores a value equal to the layer's, so the first sync after load, whose
   * values the style was built with, re-lays out nothing).
   */
  private applyLayerSettings(prev: LayerSettings, next: LayerSettings): void {
    // Paint names and values come from `tiledLayerSettings`, typed there as a record.
    const setPaint = this.map.setPaintProperty.bind(this.map) as (
      layer: string,
      name: string,
      value: unknown,
      options: { validate: boolean },
    ) => unknown;
    for (const [id, now] of Object.entries(next)) {
      const was = prev[id] ?? {};
      if (now.filter && JSON.stringify(now.filter) !== JSON.stringify(was.filter))
        this.map.setFilter(id, now.filter, { validate: false });
      for (const [name, value] of Object.entries(now.paint ?? {}))
        if (JSON.stringify(value) !== JSON.stringify(was.paint?.[name])) setPaint(id, name, value, { validate: false });
    }
  }

  /** Only layers whose visibility changes are touched: setting a layer's visibility re-tiles its source. */
  private applyVisibility(prev: readonly string[], next: readonly string[]): void {
    const was = new Set(prev);
    const now = new Set(next);
    for (const id of now) if (!was.has(id)) this.map.setLayoutProperty(id, 'visibility', 'none');
    for (const id of was) if (!now.has(id)) this.map.setLayoutProperty(id, 'visibility', 'visible');
  }

  /**
   * District groups as HTML markers beside each district's label: a dashed, captioned frame holding
   * one small button per record (its name as tooltip and accessible name). HTML, not a map layer:
   * the marks are schematic, laid out in screen space, and reachable by keyboard. A group is
   * rebuilt only when its content changes.
   */
  private applyGroups(next: MapState): void {
    for (const g of next.groups) {
      let entry = this.groups.get(g.id);
      if (!entry) {
        const el = document.createElement('div');
        el.className = 'district-group';
        el.dataset.badge = g.id;
        el.addEventListener('keydown', (e) => moveInGroup(el, e));
        const caption = this.groupCaption(g.id);
        const box = document.createElement('div');
        box.className = 'group-marks';
        el.append(caption, box);
        const place = GROUP_PLACEMENT[g.side];
        const marker = new Marker({ element: el, anchor: place.anchor, offset: place.offset })
          .setLngLat(g.anchor)
          .addTo(this.map);
        entry = { marker, el, caption, box, ids: '', count: -1, shown: null, hl: null };
        this.groups.set(g.id, entry);
      }
      // Only what changed is written: a language switch renames the marks, a filter change
      // re-orders and recolours them; the caption and the marks box stay the same elements (so a
      // focused caption keeps the focus).
      if (entry.count !== g.count) {
        entry.count = g.count;
        entry.el.dataset.count = String(g.count);
        entry.el.dataset.large = String(g.count > GROUP_OPEN_MAX);
      }
      if (entry.shown !== g.shown) {
        entry.shown = g.shown;
        entry.el.hidden = !g.shown;
      }
      if (entry.caption.textContent !== g.caption) entry.caption.textContent = g.caption;
      if (entry.caption.title !== g.title) entry.caption.title = g.title;
      // A chart's or the table's highlight rings the marks it names (and opens a folded group).
      const hl = g.hl.length > 0;
      if (entry.hl !== hl) {
        entry.hl = hl;
        entry.el.classList.toggle('hl', hl);
      }
      this.groupMarks(g.id, g.marks, new Set(g.hl), entry);
    }
  }

  /** A group's caption button (made once per group; its words are set by `applyGroups`). */
  private groupCaption(districtId: string): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'group-caption';
    button.addEventListener('click', (e) => {
      e.stopPropagation();
      this.options.onGroup(districtId);
    });
    return button;
  }

  /**
   * Fills a group's marks box. Mark buttons are made once per record and reused, so a filter change
   * only re-orders existing buttons (when the list changed) and updates the colours, names and
   * highlight rings (`highlighted`: record ids) that changed.
   */
  private groupMarks(
    districtId: string,
    marks: MapState['groups'][number]['marks'],
    highlighted: ReadonlySet<string>,
    entry: GroupEntry,
  ): void {
    const buttons = marks.map((m) => {
      // A record spanning several districts has a mark in each of their groups.
      const key = `${districtId}/${m.id}`;
      let mark = this.markButtons.get(key);
      if (!mark) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'group-mark';
        button.dataset.record = m.id;
        // One Tab stop per group (its caption); the marks are reached with the arrow keys.
        button.tabIndex = -1;
        button.addEventListener('click', (e) => {
          e.stopPropagation();
          this.options.onMark(m.id);
        });
        mark = { button, colour: '', name: '', hl: false };
        this.markButtons.set(key, mark);
      }
      if (mark.colour !== m.colour) {
        mark.colour = m.colour;
        mark.button.style.background = m.colour;
      }
      if (mark.name !== m.name) {
        mark.name = m.name;
        mark.button.title = m.name;
        mark.button.setAttribute('aria-label', m.name);
      }
      if (mark.hl !== highlighted.has(m.id)) {
        mark.hl = !mark.hl;
        mark.button.classList.toggle('hl', mark.hl);
      }
      return mark.button;
    });
    const ids = marks.map((m) => m.id).join();
    if (ids === entry.ids) return;
    entry.ids = ids;
    // Re-ordering detaches the marks: a focused one that stays keeps the focus, else the caption takes it.
    const had = entry.box.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    entry.box.replaceChildren(...buttons);
    if (had) (entry.box.contains(had) ? had : entry.caption).focus({ preventScroll: true });
  }

  /**
   * Swaps the online basemap: raster layers under our layers (the embedded basemap's layers are
   * hidden through `hiddenLayers`), land made clear, and our data shifted to the basemap's datum.
   */
  private applyBasemap(prev: ResolvedBasemap | null, next: ResolvedBasemap | null): void {
    if (prev) {
      prev.layers.forEach((_, i) => {
        this.map.removeLayer(`${BASEMAP_PREFIX}${i}`);
        this.map.removeSource(`${BASEMAP_PREFIX}${i}`);
      });
    }
    if (this.basemapTimer !== null) clearTimeout(this.basemapTimer);
    this.basemapTimer = null;
    this.map.setGlobalStateProperty('online', next !== null);
    if (next) {
      // Right above the background, under every layer of ours.
      const below = this.map.getLayersOrder()[1];
      next.layers.forEach((tiles, i) => {
        const id = `${BASEMAP_PREFIX}${i}`;
        this.map.addSource(id, {
          type: 'raster',
          tiles,
          tileSize: 256,
          maxzoom: next.maxzoom,
          attribution: i === 0 ? next.attribution : undefined,
        });
        this.map.addLayer({ id, type: 'raster', source: id }, below);
      });
      this.basemapTimer = setTimeout(() => this.basemapFailed(), BASEMAP_TIMEOUT_MS);
    }
    // The district groups stay at their WGS-84 anchors: schematic boxes, a few pixels off at most.
    void this.applyDatum(next?.datum ?? 'wgs84');
  }

  private basemapFailed(): void {
    if (this.basemapTimer !== null) clearTimeout(this.basemapTimer);
    this.basemapTimer = null;
    const id = this.applied?.basemap?.id;
    if (id) this.options.onBasemapFailed(id);
  }

  /** Shows our GeoJSON sources in `datum` (WGS-84 restores them as loaded). */
  private async applyDatum(datum: BasemapDatum): Promise<void> {
    for (const id of Object.values(SOURCE)) {
      const source = this.map.getSource<GeoJSONSource>(id);
      // The tiled path's carriers are vector tiles: they stay in WGS-84 (tiles cannot be shifted here).
      if (source?.type !== 'geojson') continue;
      if (datum === 'wgs84') {
        const original = this.original.get(id);
        if (original) source.setData(original);
        this.original.delete(id);
        continue;
      }
      const original = this.original.get(id) ?? (await source.getData());
      this.original.set(id, original);
      source.setData(await shiftToDatum(original, datum));
    }
  }

  private applyFrame(next: MapState): void {
    const frame = next.frame;
    if (!frame) return;
    // The layout may have just changed (the presenter's stage fills the window): fit the new size,
    // not the size of the last frame drawn.
    this.map.resize();
    const duration = frame.animate ? FLY_MS : 0;
    const padding = next.padding;
    // Registered before the move: a jump ends (and fires moveend) at once, a flight when it lands.
    this.map.once('moveend', () => this.options.onFrameDone?.(frame.seq, this.camera()));
    const t = frame.target;
    if ('bbox' in t) this.map.fitBounds(t.bbox, { padding, duration, maxZoom: 13 });
    else if ('home' in t) this.map.fitBounds(this.home, { padding, duration });
    else if ('camera' in t) this.map.jumpTo({ ...t.camera });
    else {
      // Centre the point in the part of the map the card leaves free (an offset, not a lasting padding).
      const offset: [number, number] = [(padding.left - padding.right) / 2, (padding.top - padding.bottom) / 2];
      this.map.flyTo({ center: t.center, zoom: t.zoom, offset, duration });
    }
  }

  /** A GeoJSON source of our style, if it exists. */
  private geojson(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  /** Removes the map and frees its WebGL context. */
  destroy(): void {
    this.cancelClick();
    if (this.basemapTimer !== null) clearTimeout(this.basemapTimer);
    if (this.layerTimer !== null) clearTimeout(this.layerTimer);
    for (const { marker } of this.groups.values()) marker.remove();
    this.siteMarker?.remove();
    this.map.remove();
  }
}
