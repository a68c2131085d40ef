/**
 * A read-only hook for the browser tests, the benchmark and embedding pages: `window.__sdeMap`.
 * It only queries the map through MapLibre's public API (rendered features, feature state, global
 * state, projection, camera, `idle`); it changes nothing. Kept apart from the controller, which
 * publishes it once the map has loaded.
 */
import type { ExpressionSpecification, MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import { SOURCE } from './layers';

/** Shape of `window.__sdeMap`. */
export interface TestHook {
  /** Resolves at the map's next `idle`. */
  idle: () => Promise<void>;
  /** Feature ids rendered (and not hidden by the filter) in the given layers, sorted. */
  rendered: (layers: string[]) => string[];
  /** Ids of the districts currently outlined as selected: only dashed (schematic) or solid ones if given. */
  selectedDistricts: (schematic?: boolean) => string[];
  /** Label texts rendered in a symbol layer, sorted. */
  labels: (layer: string) => string[];
  /** A symbol layer's text size (px) at the current zoom, from its public `text-size` value. */
  textSize: (layer: string) => number;
  /** Screen position (CSS px, relative to the map canvas) of a lon/lat in degrees. */
  project: (lonLat: [number, number]) => { x: number; y: number };
  /** The camera: centre [lon, lat] and bearing/pitch in degrees, zoom level. */
  camera: () => { center: [number, number]; zoom: number; bearing: number; pitch: number };
  /** Layer ids whose visibility is `none`. */
  hiddenLayers: () => string[];
  /** A feature's state in a source. */
  featureState: (source: string, id: string) => Record<string, unknown>;
  /** The first [lon, lat] of a feature's geometry as the map holds it (degrees), or null. */
  featureCoordinate: (source: string, id: string) => [number, number] | null;
  /** Ids of the sources in the style. */
  sources: () => string[];
  /**
   * Properties of the features rendered (and not hidden by the filter) in the given layers, one
   * per feature id, sorted by id: e.g. the direction flags of tile features (src/map/tiled.ts).
   */
  renderedProperties: (layers: string[]) => Array<Record<string, unknown>>;
}

declare global {
  interface Window {
    __sdeMap?: TestHook;
  }
}

/** Whether a rendered feature is shown: features the filter hides stay in the tiles, drawn transparent. */
const shown = (f: MapGeoJSONFeature) => f.state.match !== false;

/**
 * Evaluates the label expressions this style uses (`case` on `==` of `global-state` and literals,
 * `get`), from the layer's public `text-field` value, for one feature.
 */
function evaluateLabel(expr: unknown, props: Record<string, unknown>, global: Record<string, unknown>): unknown {
  if (!Array.isArray(expr)) return expr;
  const [op, ...args] = expr as [string, ...unknown[]];
  const ev = (e: unknown) => evaluateLabel(e, props, global);
  switch (op) {
    case 'get':
      return props[String(args[0])];
    case 'global-state':
      return global[String(args[0])];
    case '==':
      return ev(args[0]) === ev(args[1]);
    case '*':
      return args.reduce((p: number, a) => p * Number(ev(a)), 1);
    case 'number':
      return ev(args[0]) ?? ev(args[1]);
    case 'zoom':
      return global.zoom;
    case 'interpolate': {
      // Linear interpolation over [stop, output] pairs (the style's only kind).
      const input = Number(ev(args[1]));
      const stops = args.slice(2);
      if (input <= Number(stops[0])) return ev(stops[1]);
      for (let i = 2; i < stops.length; i += 2) {
        const z0 = Number(stops[i - 2]);
        const z1 = Number(stops[i]);
        if (input <= z1) {
          const v0 = Number(ev(stops[i - 1]));
          return v0 + ((input - z0) / (z1 - z0)) * (Number(ev(stops[i + 1])) - v0);
        }
      }
      return ev(stops[stops.length - 1]);
    }
    case 'case': {
      for (let i = 0; i + 1 < args.length; i += 2) if (ev(args[i])) return ev(args[i + 1]);
      return ev(args[args.length - 1]);
    }
    default:
      throw new Error(`label expression not supported by the test hook: ${op}`);
  }
}

/** Publishes the hook for `map`. */
export function exposeTestHook(map: MapLibreMap): void {
  window.__sdeMap = {
    idle: () =>
      new Promise((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
    rendered: (layers) => {
      const feats = map.queryRenderedFeatures({ layers }).filter(shown);
      return [...new Set(feats.map((f) => String(f.properties.id)))].sort();
    },
    labels: (layer) => {
      const field = map.getLayoutProperty(layer, 'text-field') as ExpressionSpecification | undefined;
      if (field === undefined) return [];
      const global = map.getGlobalState();
      const feats = map.queryRenderedFeatures({ layers: [layer] }).filter(shown);
      return [...new Set(feats.map((f) => String(evaluateLabel(field, f.properties, global))))].sort();
    },
    textSize: (layer) => {
      const global = { ...map.getGlobalState(), zoom: map.getZoom() };
      return Number(evaluateLabel(map.getLayoutProperty(layer, 'text-size'), {}, global));
    },
    selectedDistricts: (schematic) => {
      // querySourceFeatures returns a feature once per tile it touches: deduplicate by id.
      const ids = new Set(map.querySourceFeatures(SOURCE.districts).map((f) => String(f.id)));
      return [...ids].filter((id) => {
        const state = map.getFeatureState({ source: SOURCE.districts, id });
        return state.selected === true && (schematic === undefined || (state.schematic === true) === schematic);
      });
    },
    project: (lonLat) => {
      const p = map.project(lonLat);
      return { x: p.x, y: p.y };
    },
    camera: () => {
      const c = map.getCenter();
      return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
    },
    hiddenLayers: () => map.getLayersOrder().filter((id) => map.getLayoutProperty(id, 'visibility') === 'none'),
    featureState: (source, id) => map.getFeatureState({ source, id }),
    featureCoordinate: (source, id) => {
      const f = map.querySourceFeatures(source).find((x) => String(x.id) === id);
      if (!f) return null;
      let c: unknown = (f.geometry as { coordinates: unknown }).coordinates;
      while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
      return Array.isArray(c) ? [Number(c[0]), Number(c[1])] : null;
    },
    sources: () => Object.keys(map.getStyle().sources),
    renderedProperties: (layers) => {
      const byId = new Map<string, Record<string, unknown>>();
      for (const f of map.queryRenderedFeatures({ layers }).filter(shown))
        byId.set(String(f.properties.id), f.properties);
      return [...byId.keys()].sort().map((id) => byId.get(id) ?? {});
    },
  };
}
