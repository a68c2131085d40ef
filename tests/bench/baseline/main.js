/**
 * The benchmark's baseline: a bare MapLibre page, with no React and no app code. It creates one map
 * from the app's own style (written at bench time by tests/bench/baseline.ts: same basemap, sources,
 * layers, data files and fonts) with the map options the app's controller passes
 * (src/map/controller.ts), and publishes what the benchmark drives: `window.__sdeMap` with the same
 * `idle()` and `camera()` as the app's test hook, and `window.__bare`.
 *
 * Query parameters: `style` (URL of the style JSON; MapLibre fetches it), `w`, `h` (map size in CSS
 * px: the app's map canvas), `center` (lon,lat), `zoom`, `bounds` (maxBounds w,s,e,n, degrees),
 * `cjk` (localIdeographFontFamily).
 */
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from './maplibre-gl.mjs';

setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);

const q = new URLSearchParams(location.search);
/** A comma-separated number list from the query, or undefined. */
const numbers = (key) => (q.get(key) ? q.get(key).split(',').map(Number) : undefined);

const container = document.getElementById('map');
if (q.get('w') && q.get('h')) {
  container.style.width = `${q.get('w')}px`;
  container.style.height = `${q.get('h')}px`;
}
const center = numbers('center');
const map = new MapLibreMap({
  container,
  style: q.get('style'),
  ...(center ? { center, zoom: Number(q.get('zoom')) } : {}),
  maxBounds: numbers('bounds'),
  localIdeographFontFamily: q.get('cjk') ?? 'sans-serif',
  attributionControl: false,
  // The controller's options, so that both maps do the same work per frame.
  fadeDuration: 0,
  maxZoom: 15,
  minZoom: 6,
  dragRotate: false,
  pitchWithRotate: false,
  doubleClickZoom: true,
});
map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

/** Frames the map drew (MapLibre `render` events), to cross-check the frame rate counted by rAF. */
let renders = 0;
map.on('render', () => {
  renders++;
});

/** Feature-state patches per filter step: [source, id, state] triples, as the app would send them. */
let patches = [];

window.__bare = {
  map,
  renders: () => renders,
  /** Fetches the filter steps' patches (not timed). */
  loadPatches: async (url) => {
    patches = await (await fetch(url)).json();
    return patches.length;
  },
  /** Applies filter step `i` with setFeatureState, as the app's controller does. */
  applyPatch: (i) => {
    for (const [source, id, state] of patches[i]) map.setFeatureState({ source, id }, state);
    return patches[i].length;
  },
};

map.on('load', () => {
  // Published at `load`, like the app's hook, so that both pages are timed the same way.
  window.__sdeMap = {
    idle: () =>
      new Promise((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
    camera: () => {
      const c = map.getCenter();
      return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
    },
  };
});
