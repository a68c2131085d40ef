/**
 * Entry point: starts the map before the UI. The data are loaded, the store is made from the URL
 * (and kept in step with it), and the live map is created (src/map/live.ts) while React and the
 * panels load in parallel (src/ui/mount.tsx, a separate chunk); the UI then takes the map into its
 * layout. So what must run before the map can start is MapLibre and the map's own code, not React.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import { type AppData, loadAppData } from './data/load';
import { BASEMAPS } from './map/basemaps';
import { startLiveMap } from './map/live';
import { syncWithHistory } from './state/history';
import { createAppStore } from './state/store';
import { decodeView, type KnownValues } from './state/url';

// The last input's kind on <html data-input>: focus rings show only once a key has been pressed,
// and the card heading's only after keyboard input (app.css). Chromium treats focus moved by script
// on a fresh page as keyboard focus, so a card or the stage opened from a shared link would
// otherwise open with a ring round its title or first button.
for (const [event, kind] of [
  ['keydown', 'keyboard'],
  ['pointerdown', 'pointer'],
] as const) {
  document.addEventListener(event, () => document.documentElement.setAttribute('data-input', kind), true);
}

/** The values a link may name, from the loaded data. */
function knownValues(data: AppData): KnownValues {
  return {
    directions: data.manifest.directions.map((x) => x.key),
    districts: data.manifest.districts.map((x) => x.id),
    kinds: Object.keys(data.manifest.counts.carriers_by_kind),
    isRecord: (id) => data.carrierById.has(id),
    basemaps: BASEMAPS.map((b) => b.id),
  };
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Both start at once: the UI's chunk downloads while the data load and the map starts.
const ui = import('./ui/mount');
const boot = loadAppData(new URL('data/', document.baseURI)).then((data) => {
  const known = knownValues(data);
  const { view, notices } = decodeView(window.location.search, known);
  const store = createAppStore(view, notices);
  syncWithHistory(store, known);
  return { data, store, live: startLiveMap(data, store) };
});
// A rejected boot is shown by the UI (the data error); it is not an unhandled rejection meanwhile.
boot.catch(() => {});
ui.then(({ mount }) => mount(root, boot)).catch((e: Error) => {
  // The UI's chunk did not load (a dropped connection, a half-deployed site): say so, in the
  // link's language, rather than leave a blank page.
  const en = new URLSearchParams(window.location.search).get('lang') === 'en';
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = en
    ? `The page could not load (${e.message}). Please reload it.`
    : `页面未能加载（${e.message}），请刷新重试。`;
  root.replaceChildren(message);
});
