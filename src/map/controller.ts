/**
 * The one place that owns the live MapLibre map. Everything else talks to the map through this
 * class: filters go in as feature-state (no source is rebuilt or re-tiled), clicks come out as selections.
 */

import type { StyleSpecification } from 'maplibre-gl';
import {
  AttributionControl,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { MapFeatureView } from '../analysis/filter';
import { INTERACTIVE_LAYERS, LAYER_GROUPS, type LayerGroup, SOURCE } from './layers';
import { LOCAL_CJK_FONTS } from './theme';

setWorkerUrl(workerUrl);

/** What a click picked: a carrier or park (with any others drawn at the same point), or a district. */
export type MapSelection = { kind: 'carrier'; id: string; others: string[] } | { kind: 'district'; id: string } | null;

/** Options of the controller. */
export interface MapControllerOptions {
  /** Initial view: [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
  onSelect: (selection: MapSelection) => void;
  /** Called once when the style and its sources are loaded, or with the error that stopped it. */
  onLoad?: (error?: Error) => void;
}

/** Whether a rendered feature is shown: features the filter hides stay in the tiles, drawn transparent. */
const visible = (f: MapGeoJSONFeature) => f.state.match !== false;

/** Frames the whole city with room for the side panels (px). */
const FIT_PADDING = { top: 40, bottom: 40, left: 40, right: 40 };

export class MapController {
  private readonly map: MapLibreMap;
  private selectedDistricts: string[] = [];
  /** Last feature-state applied per `source/id`, so only changes are sent to the map. */
  private readonly applied = new Map<string, string>();
  private readonly badges = new Map<string, { marker: Marker; el: HTMLElement }>();

  /**
   * Creates the map in `container` with `style`.
   * @throws Error if WebGL is unavailable (MapLibre's own error).
   */
  constructor(container: HTMLElement, style: StyleSpecification, options: MapControllerOptions) {
    this.map = new MapLibreMap({
      container,
      style,
      bounds: options.bbox,
      fitBoundsOptions: { padding: FIT_PADDING },
      localIdeographFontFamily: LOCAL_CJK_FONTS,
      attributionControl: false,
      // Symbols appear at once: a fade would delay `idle` after every filter change (ms).
      fadeDuration: 0,
      maxZoom: 15,
      minZoom: 6,
      dragRotate: false,
      pitchWithRotate: false,
    });
    this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.on('load', () => options.onLoad?.());
    this.map.on('error', (e) => {
      if (!this.map.loaded()) options.onLoad?.(new Error(e.error.message));
    });
    this.map.on('click', (e) => options.onSelect(this.pick(e.point)));
    this.map.on('mousemove', (e) => {
      const hit = this.map
        .queryRenderedFeatures(e.point, { layers: INTERACTIVE_LAYERS.filter((l) => l !== 'districts-fill') })
        .filter(visible);
      this.map.getCanvas().style.cursor = hit.length > 0 ? 'pointer' : '';
    });
  }

  private pick(point: { x: number; y: number }): MapSelection {
    const box: [[number, number], [number, number]] = [
      [point.x - 4, point.y - 4],
      [point.x + 4, point.y + 4],
    ];
    const hits = this.map.queryRenderedFeatures(box, { layers: [...INTERACTIVE_LAYERS] }).filter(visible);
    const records = hits.filter((f) => f.layer.id !== 'districts-fill');
    if (records.length > 0) {
      const ids = [...new Set(records.map((f) => String(f.properties.id)))];
      return { kind: 'carrier', id: ids[0], others: ids.slice(1) };
    }
    const district = hits.find((f) => f.layer.id === 'districts-fill');
    return district ? { kind: 'district', id: String(district.properties.id) } : null;
  }

  private setState(source: string, id: string, state: Record<string, unknown>): void {
    const key = `${source}/${id}`;
    const value = JSON.stringify(state);
    if (this.applied.get(key) === value) return;
    this.applied.set(key, value);
    this.map.setFeatureState({ source, id }, state);
  }

  /**
   * Applies the filter's per-feature view (from `mapViewOf`) as feature-state: a paint-only update
   * on the main thread, with no source re-tiled, so the map settles in one frame.
   */
  applyView(view: MapFeatureView): void {
    for (const c of view.carriers) {
      const state = { match: c.match, colour: c.colour };
      this.setState(SOURCE.carriers, c.id, state);
      this.setState(SOURCE.parks, c.id, state);
      this.setState(SOURCE.carrierAreas, c.id, { match: c.match });
    }
    for (const d of view.districts) this.setState(SOURCE.districts, d.id, { focus: d.focus, chosen: d.chosen });
  }

  /**
   * Shows, beside each district's anchor, how many matching carriers are known only by district
   * (HTML markers: updating their text needs no map re-layout). A count of 0 hides the badge.
   * @param onClick called with the district id when a badge is clicked.
   */
  setDistrictBadges(
    badges: ReadonlyArray<{ id: string; anchor: [number, number]; text: string; title: string; count: number }>,
    onClick: (id: string) => void,
  ): void {
    for (const b of badges) {
      let entry = this.badges.get(b.id);
      if (!entry) {
        const el = document.createElement('button');
        el.type = 'button';
        el.className = 'badge';
        el.dataset.badge = b.id;
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          onClick(b.id);
        });
        // Right of the district's anchor, between the district name (above) and the park name (below).
        const marker = new Marker({ element: el, anchor: 'left', offset: [14, 0] }).setLngLat(b.anchor).addTo(this.map);
        entry = { marker, el };
        this.badges.set(b.id, entry);
      }
      entry.el.textContent = b.text;
      entry.el.title = b.title;
      entry.el.dataset.count = String(b.count);
      entry.el.hidden = b.count === 0;
    }
  }

  /** Switches map labels between Chinese and English. */
  setLanguage(lang: 'zh' | 'en'): void {
    this.map.setGlobalStateProperty('lang', lang);
  }

  /** Shows or hides a group of layers (legend toggles). */
  setGroupVisible(group: LayerGroup, visible: boolean): void {
    for (const id of LAYER_GROUPS[group]) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  /**
   * Outlines districts (by id): the selected district, or every district of a record that spans
   * several (a district-set record is drawn as its set of districts, never as invented geometry).
   * @param schematic draw dashed: the set is our reading of a name, not stated by a document.
   */
  highlightDistricts(ids: readonly string[], schematic = false): void {
    for (const id of this.selectedDistricts)
      this.map.setFeatureState({ source: SOURCE.districts, id }, { selected: false, schematic: false });
    this.selectedDistricts = [...ids];
    for (const id of ids) this.map.setFeatureState({ source: SOURCE.districts, id }, { selected: true, schematic });
  }

  /**
   * Ids of the districts outlined now, read back from the map's feature-state.
   * @param schematic only those outlined dashed (`true`) or solid (`false`); both when omitted.
   */
  selectedDistrictIds(schematic?: boolean): string[] {
    // querySourceFeatures returns a feature once per tile it touches: deduplicate by id.
    const ids = new Set(this.map.querySourceFeatures(SOURCE.districts).map((f) => String(f.id)));
    return [...ids].filter((id) => {
      const state = this.map.getFeatureState({ source: SOURCE.districts, id });
      return state.selected === true && (schematic === undefined || (state.schematic === true) === schematic);
    });
  }

  /** Flies to a point (degrees) at `zoom`, or fits a bbox [w, s, e, n] (degrees). */
  flyTo(target: { center: [number, number]; zoom: number } | { bbox: [number, number, number, number] }): void {
    if ('bbox' in target) this.map.fitBounds(target.bbox, { padding: FIT_PADDING, duration: 800 });
    else this.map.flyTo({ center: target.center, zoom: target.zoom, duration: 800 });
  }

  /** Resolves at the next `idle` (all tiles loaded, no transition running). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  /** Ids of the features currently rendered in the given layers (deduplicated, sorted). */
  renderedIds(layers: string[]): string[] {
    const feats: MapGeoJSONFeature[] = this.map.queryRenderedFeatures({ layers }).filter(visible);
    return [...new Set(feats.map((f) => String(f.properties.id)))].sort();
  }

  /**
   * The label text MapLibre evaluates for each feature rendered in a symbol layer, sorted; reads
   * the layer's evaluated `text-field` (so it reflects the global `lang`), for tests.
   */
  renderedLabels(layer: string): string[] {
    const style = this.map.getLayer(layer) as unknown as {
      layout?: { get: (p: string) => { evaluate: (f: unknown, s: unknown) => unknown } };
    };
    const field = style.layout?.get('text-field');
    if (!field) return [];
    const feats = this.map.queryRenderedFeatures({ layers: [layer] }).filter(visible);
    return [...new Set(feats.map((f) => String(field.evaluate({ type: 1, properties: f.properties }, {}))))].sort();
  }

  /** Screen position (px) of a lon/lat, e.g. to click a feature in a test. */
  project(lonLat: [number, number]): { x: number; y: number } {
    const p = this.map.project(lonLat);
    return { x: p.x, y: p.y };
  }

  /** Removes the map and frees its WebGL context. */
  destroy(): void {
    for (const { marker } of this.badges.values()) marker.remove();
    this.map.remove();
  }
}
