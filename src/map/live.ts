/**
 * The page's one live map, started before the UI: as soon as the data and the store exist, the
 * style is built, the `MapController` created and the store wired to it, while React and the panels
 * are still loading (src/main.ts). The map draws into an element made here; until the UI places it
 * in the page (`LiveMap.adopt`) it waits, hidden, over the whole window, and its style, sources,
 * worker and tiles load meanwhile. On every store change that touches what the map shows, the whole
 * map state is derived (`mapStateOf`) and handed to the controller, which applies only the
 * differences: the one write path to the map.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { type AppData, gazetteerOnce, loadDistrictPolygons } from '../data/load';
import type { AnalysisData } from '../state/analysis';
import { frameOfCircle, frameOfDistricts } from '../state/framing';
import type { AppState, AppStore } from '../state/store';
import { readBasemapKeys } from './basemapKeys';
import { type LayerCatalogue, layerCatalogue } from './catalogue';
import { MapController } from './controller';
import type { TiledLayers } from './layers';
import { type MapData, mapStateOf, tiledMapData } from './mapState';
import { buildStyle } from './style';
import { LIGHT } from './theme';
import { type TiledStyleData, tiledLayerSettings } from './tiled';

/** Widest viewport (CSS px) laid out as a phone (app.css's media query). */
export const PHONE_MAX_PX = 700;

/** Radius (km) of a proximity query started from the map. */
export const DEFAULT_NEAR_RADIUS_KM = 5;

/** Width (CSS px) the card column takes over the map's right side, margin included (see app.css `.card`). */
export const CARD_WIDTH_PX = 382;

/** Height (CSS px) of the planner's drawer under the map for a viewport height (px): app.css `.workbench`. */
export function drawerHeightPx(viewport_px: number): number {
  return Math.round(Math.min(0.42 * viewport_px, 460));
}

/**
 * Width (CSS px) of the presenter's caption column for a viewport width (px): 36% of it, at most
 * 720 px (app.css `--stage-caption-width` is the same rule). The camera keeps it clear.
 */
export function stageCaptionWidthPx(viewport_px: number): number {
  return Math.min(0.36 * viewport_px, 720);
}

/** A clicked point in WGS-84 [lon, lat] degrees: GCJ-02 points (over AMap tiles) are converted with gcoord, loaded on demand. */
async function toWgs84(lonLat: [number, number], datum: 'wgs84' | 'gcj02'): Promise<[number, number]> {
  if (datum === 'wgs84') return lonLat;
  const gcoord = (await import('gcoord')).default;
  const [lon, lat] = gcoord.transform(lonLat, gcoord.GCJ02, gcoord.WGS84);
  return [lon, lat];
}

/** On the tiled data path: the inputs of the carrier layers' filter expressions (src/map/tiled.ts). */
function tiledStyleData(data: AppData): TiledStyleData {
  return {
    directions: data.manifest.directions,
    districts: data.manifest.districts,
    defaultColour: LIGHT.carrierDefault,
  };
}

/**
 * What `mapStateOf` derives the map from, for the loaded data (made once per data: on the tiled
 * path it sorts the records once, `tiledMapData`).
 */
export function mapDataFor(data: AppData): MapData {
  const parkIds = new Set(data.parkMarkers.features.map((f) => f.properties.id));
  return {
    carriers: data.carriers,
    districts: data.manifest.districts,
    directions: data.manifest.directions,
    parkIds,
    ...(data.tiled ? { tiled: tiledMapData(data.carriers, parkIds, tiledStyleData(data), data.carrierById) } : {}),
  };
}

/** The map's style and its layer catalogue (legend, clickable layers), for the export and the legend. */
export interface MapStyle {
  style: StyleSpecification;
  catalogue: LayerCatalogue;
}

/**
 * The map's style and catalogue for the loaded data and the state the page opens with. On the
 * tiled path the carrier layers start with that state's filter, so that the first sync after
 * `load` changes nothing (a changed filter would re-lay out the tiles just loaded).
 */
export function mapStyleFor(data: AppData, s: AppState): MapStyle {
  const tiled: TiledLayers | undefined = data.tiled && {
    source: data.tiled.tiles,
    settings: tiledLayerSettings(s.filter, s.highlight, tiledStyleData(data)),
  };
  const style = buildStyle(
    {
      neighbours: data.url('base-neighbours.geojson'),
      'neighbour-labels': data.url('base-neighbour-labels.geojson'),
      water: data.url('base-water.geojson'),
      rivers: data.url('base-rivers.geojson'),
      districts: data.url('districts.geojson'),
      'district-anchors': data.url('district-anchors.geojson'),
      'carrier-areas': data.url('carrier-areas.geojson'),
      carriers: data.carrierPoints,
      parks: data.parkMarkers,
      gazetteer: data.manifest.layers.gazetteer ? data.url(data.manifest.layers.gazetteer.file) : undefined,
    },
    data.manifest.directions,
    LIGHT,
    data.manifest.attribution,
    tiled,
  );
  return { style, catalogue: layerCatalogue(style.layers) };
}

/** The view fields `mapStateOf` reads: a change to any other (the camera the map itself reports, notices) needs no sync. */
const MAP_INPUTS = [
  'lang',
  'filter',
  'hidden',
  'selection',
  'panel',
  'frame',
  'basemap',
  'siting',
  'pitch',
  'tool',
  'highlight',
  'density',
  'near',
  'needs',
  'nearPicking',
] as const;

/** The live map as the UI sees it. */
export interface LiveMap extends MapStyle {
  /**
   * Places the map in `parent` (the page's map area): it is moved there, shown and fitted to its
   * new size (`MapController.placed`), and from then on the test hook may be published
   * (`window.__sdeMap` then means the map has loaded and the page is up). A call with the parent
   * it is already in does nothing; another parent (the map area made again) takes it over.
   */
  adopt: (parent: HTMLElement) => void;
  /**
   * Calls `listener` with the error that stopped the map (no WebGL, a style that failed to load),
   * at once if it has already happened.
   * @returns a function that removes the listener.
   */
  onError: (listener: (error: Error) => void) => () => void;
}

/**
 * Starts the live map for `data` and `store` (see the module comment).
 * Never throws: a map that cannot be created (no WebGL) reports its error through `onError`.
 */
export function startLiveMap(data: AppData, store: AppStore): LiveMap {
  const mapStyle = mapStyleFor(data, store.getState());
  const { style, catalogue } = mapStyle;
  const mapData = mapDataFor(data);
  const derive = (s: AppState) =>
    mapStateOf(mapData, s, catalogue, {
      // On a phone (app.css: max-width 700 px) cards are sheets over the bottom 60 % of the screen.
      cardWidth_px: window.innerWidth <= PHONE_MAX_PX ? 0 : CARD_WIDTH_PX,
      cardHeight_px: window.innerWidth <= PHONE_MAX_PX ? Math.round(0.6 * window.innerHeight) : 0,
      basemapKeys: readBasemapKeys(),
      captionWidth_px: stageCaptionWidthPx(window.innerWidth),
      drawerHeight_px: drawerHeightPx(window.innerHeight),
    });

  let error: Error | null = null;
  const errorListeners = new Set<(error: Error) => void>();
  const fail = (e: Error) => {
    error ??= e;
    for (const l of errorListeners) l(e);
  };
  const onError = (listener: (error: Error) => void) => {
    errorListeners.add(listener);
    if (error) listener(error);
    return () => {
      errorListeners.delete(listener);
    };
  };

  // The element the map draws in: waiting, hidden, over the whole window until the page takes it
  // (app.css `.map-waiting`), so that it has a size to load tiles for.
  const container = document.createElement('div');
  container.className = 'map map-waiting';
  container.dataset.testid = 'map';
  document.body.append(container);
  let placed: () => void = () => {};
  const adopted = new Promise<void>((resolve) => {
    placed = resolve;
  });

  /**
   * The planner's questions are answered at once from the districts' boxes; the polygons and the
   * gazetteer follow (on demand), and the map is synced again when they arrive.
   */
  let controller: MapController | null = null;
  const resync = () => controller?.sync(derive(store.getState()));
  let analysisStarted = false;
  const startAnalysis = () => {
    if (analysisStarted) return;
    analysisStarted = true;
    const analysis: AnalysisData = {
      carriers: data.carriers,
      pointById: data.pointById,
      districts: data.manifest.districts,
      directions: data.manifest.directions,
    };
    import('../state/analysis')
      .then(({ analysisDrawing }) => {
        mapData.analysis = analysisDrawing(analysis);
        resync();
        return Promise.all([loadDistrictPolygons(data), gazetteerOnce(data)]);
      })
      .then(([polygons, places]) => {
        analysis.polygons = polygons;
        analysis.places = places;
        resync();
      })
      .catch((e: Error) => console.warn(`analysis without polygons or places: ${e.message}`));
  };
  let densityStarted = false;
  const startDensity = () => {
    if (densityStarted) return;
    densityStarted = true;
    import('../analysis/density')
      .then(({ hexBins, binOf }) => {
        const grid = hexBins(data.manifest.bbox);
        mapData.density = { grid, bins: binOf(data.pointById, grid) };
        resync();
      })
      .catch((e: Error) => console.warn(`no density view: ${e.message}`));
  };

  const s = store.getState();
  if (s.density) startDensity();
  if ((s.near || s.needs) && !mapData.analysis) startAnalysis();
  try {
    const c: MapController = new MapController(container, style, derive(s), {
      initial: { camera: s.camera, bbox: data.manifest.bbox, maxBounds: data.manifest.max_bounds },
      interactive: catalogue.interactive,
      onClick: (hit, additive, at) => {
        const st = store.getState();
        // Picking a site: the click gives the point and selects nothing.
        if (st.siting?.picking) st.pickPoint(at.lngLat, at.datum);
        // Picking a proximity centre: likewise (a point read over a GCJ-02 basemap is converted back).
        else if (st.nearPicking) {
          const radius_km = st.near?.radius_km ?? DEFAULT_NEAR_RADIUS_KM;
          toWgs84(at.lngLat, at.datum).then((point) =>
            st.setNear({ origin: { point }, radius_km }, frameOfCircle(point, radius_km)),
          );
        } else if (hit?.type === 'records') st.selectRecord(hit.ids[0]);
        else if (hit?.type === 'district') {
          if (additive) st.toggleDistrict(hit.id);
          else st.selectDistricts([hit.id]);
        } else st.clearSelection();
      },
      onGroup: (id) => store.getState().selectDistricts([id], frameOfDistricts(data, [id])),
      // While picking a site, the schematic marks are not places to pick: they do nothing.
      onMark: (id) => {
        if (!store.getState().siting?.picking) store.getState().selectRecord(id);
      },
      onCamera: (camera) => store.getState().setCamera(camera),
      onFrameDone: (seq, camera) => store.getState().frameDone(seq, camera),
      onLayerFailed: (source, reason) => store.getState().layerFailed(source, reason),
      onContext: (lost) => store.getState().setContextLost(lost),
      onBasemapFailed: (id) => store.getState().basemapFailed(id),
      onLoad: (e) => {
        if (e) fail(e);
        else c.sync(derive(store.getState()));
      },
      ready: adopted,
    });
    controller = c;
    store.subscribe((next, prev) => {
      // The density grid is made when first shown, not at start-up.
      if (next.density) startDensity();
      if (next.near || next.needs) startAnalysis();
      if (!MAP_INPUTS.some((k) => next[k] !== prev[k])) return;
      // A map that cannot apply a state must not stop the store's other listeners (the panels).
      try {
        c.sync(derive(next));
      } catch (e) {
        console.warn(`map not updated: ${(e as Error).message}`);
      }
    });
  } catch (e) {
    container.remove();
    fail(e as Error);
  }

  return {
    ...mapStyle,
    onError,
    adopt: (parent) => {
      if (!controller || container.parentElement === parent) return;
      parent.append(container);
      container.classList.remove('map-waiting');
      controller.placed(derive(store.getState()));
      placed();
    },
  };
}
