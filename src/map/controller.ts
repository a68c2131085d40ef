/**
 * The one place that owns the live MapLibre map. The app hands it whole map states (`sync`); it
 * applies only what changed since the last one (feature states, visibility, label language,
 * badges, camera requests). Out of it come clicks and camera moves. Nothing else calls MapLibre.
 */

import type { StyleSpecification } from 'maplibre-gl';
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
import { DISTRICT_HIT_LAYER } from './layers';
import { FEATURE_STATE_DEFAULTS, type FeatureStates, type FeatureStateValue, type MapState } from './mapState';
import { exposeTestHook } from './testHook';
import { LOCAL_CJK_FONTS } from './theme';

setWorkerUrl(workerUrl);

/** What a click picked: records (topmost first, all drawn at the click), or a district. */
export type MapHit = { type: 'records'; ids: string[] } | { type: 'district'; id: string } | null;

/** Options of the controller. */
export interface MapControllerOptions {
  /** The initial camera, or the bbox [w, s, e, n] (degrees) of the default framing. */
  initial: { camera: Camera | null; bbox: [number, number, number, number] };
  /** Clickable layer ids, topmost first (from the layer catalogue). */
  interactive: readonly string[];
  /** A click (not part of a double-click); `additive` when Shift, Ctrl or ⌘ was held. */
  onClick: (hit: MapHit, additive: boolean) => void;
  /** A district badge was clicked. */
  onBadge: (districtId: string) => void;
  /** The camera after any move (user or requested). */
  onCamera: (camera: Camera) => void;
  /** Called once when the style and its sources are loaded, or with the error that stopped it. */
  onLoad?: (error?: Error) => void;
}

/** Whether a rendered feature is shown: features the filter hides stay in the tiles, drawn transparent. */
const visible = (f: MapGeoJSONFeature) => f.state.match !== false;

/** Longest wait (ms) for a second click before a click counts as single. */
const DOUBLE_CLICK_MS = 250;
/** Duration (ms) of an animated camera move. */
const FLY_MS = 800;

export class MapController {
  private readonly map: MapLibreMap;
  private readonly options: MapControllerOptions;
  private readonly home: [number, number, number, number];
  private applied: MapState | null = null;
  private readonly badges = new Map<string, { marker: Marker; el: HTMLButtonElement }>();
  private pendingClick: ReturnType<typeof setTimeout> | null = null;
  private loaded = false;

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
    this.map = new MapLibreMap({
      container,
      style,
      ...(cam
        ? { center: cam.center, zoom: cam.zoom, bearing: cam.bearing, pitch: cam.pitch }
        : { bounds: options.initial.bbox, fitBoundsOptions: { padding: initialState.padding } }),
      globalState: { lang: initialState.lang },
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
    });
    this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
    // Top-left: the card column sits on the right and must never cover the zoom buttons.
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.on('load', () => {
      this.loaded = true;
      this.sync(initialState);
      exposeTestHook(this.map);
      options.onLoad?.();
    });
    this.map.on('error', (e) => {
      if (!this.loaded) options.onLoad?.(new Error(e.error.message));
    });
    this.map.on('click', (e) => this.onClick(e));
    this.map.on('dblclick', () => this.cancelClick());
    this.map.on('moveend', () => {
      if (this.loaded) options.onCamera(this.camera());
    });
    this.map.on('mousemove', (e) => {
      const layers = options.interactive.filter((l) => l !== DISTRICT_HIT_LAYER);
      const hit = this.map.queryRenderedFeatures(e.point, { layers }).filter(visible);
      this.map.getCanvas().style.cursor = hit.length > 0 ? 'pointer' : '';
    });
  }

  private cancelClick(): void {
    if (this.pendingClick !== null) clearTimeout(this.pendingClick);
    this.pendingClick = null;
  }

  private onClick(e: MapMouseEvent): void {
    this.cancelClick();
    // The second click of a double-click zooms; it never opens a card.
    if (e.originalEvent.detail > 1) return;
    const hit = this.pick(e.point);
    const additive = e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey;
    this.pendingClick = setTimeout(() => {
      this.pendingClick = null;
      this.options.onClick(hit, additive);
    }, DOUBLE_CLICK_MS);
  }

  private pick(point: { x: number; y: number }): MapHit {
    const box: [[number, number], [number, number]] = [
      [point.x - 4, point.y - 4],
      [point.x + 4, point.y + 4],
    ];
    const hits = this.map.queryRenderedFeatures(box, { layers: [...this.options.interactive] }).filter(visible);
    const records = hits.filter((f) => f.layer.id !== DISTRICT_HIT_LAYER);
    if (records.length > 0) return { type: 'records', ids: [...new Set(records.map((f) => String(f.properties.id)))] };
    const district = hits.find((f) => f.layer.id === DISTRICT_HIT_LAYER);
    return district ? { type: 'district', id: String(district.properties.id) } : null;
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
    const prev = this.applied;
    this.applied = next;
    if (prev === null || prev.lang !== next.lang) this.map.setGlobalStateProperty('lang', next.lang);
    this.applyFeatureStates(prev?.featureStates ?? {}, next.featureStates);
    this.applyVisibility(prev?.hiddenLayers ?? [], next.hiddenLayers);
    if (prev === null || JSON.stringify(prev.badges) !== JSON.stringify(next.badges)) this.applyBadges(next);
    if (next.frame && next.frame.seq !== prev?.frame?.seq) this.applyFrame(next);
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

  /** Only layers whose visibility changes are touched: setting a layer's visibility re-tiles its source. */
  private applyVisibility(prev: readonly string[], next: readonly string[]): void {
    const was = new Set(prev);
    const now = new Set(next);
    for (const id of now) if (!was.has(id)) this.map.setLayoutProperty(id, 'visibility', 'none');
    for (const id of was) if (!now.has(id)) this.map.setLayoutProperty(id, 'visibility', 'visible');
  }

  /**
   * District badges as HTML markers beside each district's label (updating their text needs no
   * map re-layout); a count of 0 hides the badge.
   */
  private applyBadges(next: MapState): void {
    for (const b of next.badges) {
      let entry = this.badges.get(b.id);
      if (!entry) {
        const el = document.createElement('button');
        el.type = 'button';
        el.className = 'badge';
        el.dataset.badge = b.id;
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          this.options.onBadge(b.id);
        });
        // Right of the district's anchor, between the district name (above) and the park name (below).
        const marker = new Marker({ element: el, anchor: 'left', offset: [14, 0] }).setLngLat(b.anchor).addTo(this.map);
        entry = { marker, el };
        this.badges.set(b.id, entry);
      }
      entry.el.textContent = `+${b.count}`;
      entry.el.title = b.title;
      entry.el.setAttribute('aria-label', b.title);
      entry.el.dataset.count = String(b.count);
      entry.el.hidden = !b.shown;
    }
  }

  private applyFrame(next: MapState): void {
    const frame = next.frame;
    if (!frame) return;
    const duration = frame.animate ? FLY_MS : 0;
    const padding = next.padding;
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

  /** Removes the map and frees its WebGL context. */
  destroy(): void {
    this.cancelClick();
    for (const { marker } of this.badges.values()) marker.remove();
    this.map.remove();
  }
}
