/**
 * Hosts the map: builds the style once, creates the one `MapController`, and on every state change
 * derives the whole map state (`mapStateOf`) and hands it to the controller, which applies only the
 * differences.
 */
import { useEffect, useMemo, useRef } from 'react';
import { carrierMatches } from '../analysis/filter';
import { type AppData, gazetteerOnce, loadDistrictPolygons } from '../data/load';
import { layerCatalogue } from '../map/catalogue';
import { MapController } from '../map/controller';
import type { TiledLayers } from '../map/layers';
import { type MapData, mapStateOf, tiledMapData } from '../map/mapState';
import { buildStyle } from '../map/style';
import { LIGHT } from '../map/theme';
import { type TiledStyleData, tiledLayerSettings } from '../map/tiled';
import type { AnalysisData } from '../state/analysis';
import { useApp, useAppStore } from '../state/context';
import { frameOfCircle, frameOfDistricts } from '../state/framing';
import type { AppState } from '../state/store';
import { readBasemapKeys } from './basemapKeys';
import { isStringKey, type Lang, t } from './i18n';
import { FocusKey } from './Legend';

/** What went wrong on the map without stopping the page: a lost context, layer files that failed. */
function MapIssuesNotice({ lang }: { lang: Lang }) {
  const issues = useApp((s) => s.mapIssues);
  const openTool = useApp((s) => s.openTool);
  if (issues.contextLost)
    return (
      <div className="map-issue lost" role="alert" data-testid="map-context-lost">
        <p>{t(lang, 'contextLost')}</p>
        <button type="button" className="head-btn" onClick={() => openTool('table')}>
          {t(lang, 'showList')}
        </button>
      </div>
    );
  if (issues.layers.length === 0) return null;
  const name = (source: string) => {
    const key = `layer_${source}`;
    return isStringKey(key) ? t(lang, key) : source;
  };
  return (
    <p className="map-issue" role="status" data-testid="map-layers-failed">
      {t(lang, 'layersFailed')}{' '}
      {issues.layers
        .map((l) => `${name(l.source)}${l.reason === 'timeout' ? `（${t(lang, 'layerTimeout')}）` : ''}`)
        .join(lang === 'en' ? ', ' : '、')}
    </p>
  );
}

/** Widest viewport (CSS px) laid out as a phone (app.css's media query). */
const PHONE_MAX_PX = 700;

/** Radius (km) of a proximity query started from the map. */
const DEFAULT_NEAR_RADIUS_KM = 5;

/** A clicked point in WGS-84 [lon, lat] degrees: GCJ-02 points (over AMap tiles) are converted with gcoord, loaded on demand. */
async function toWgs84(lonLat: [number, number], datum: 'wgs84' | 'gcj02'): Promise<[number, number]> {
  if (datum === 'wgs84') return lonLat;
  const gcoord = (await import('gcoord')).default;
  const [lon, lat] = gcoord.transform(lonLat, gcoord.GCJ02, gcoord.WGS84);
  return [lon, lat];
}

/** Width (CSS px) the card column takes over the map's right side, margin included (see app.css `.card`). */
export const CARD_WIDTH_PX = 382;

/** Props: the loaded data, its style and catalogue (`useMapStyle`), and the error callback for a map that cannot be shown. */
export interface MapViewProps {
  data: AppData;
  mapStyle: ReturnType<typeof useMapStyle>;
  /** Called with the error that stopped the map (no WebGL, a style that failed to load). */
  onError: (error: Error) => void;
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

/**
 * The map's style and catalogue for the loaded data (built once per data). On the tiled path the
 * carrier layers start with the filter of the state the page opens with, so that the first sync
 * after `load` changes nothing (a changed filter would re-lay out the tiles just loaded).
 */
export function useMapStyle(data: AppData) {
  const store = useAppStore();
  return useMemo(() => {
    const s = store.getState();
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
  }, [data, store]);
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

/** Height (CSS px) of the planner's drawer under the map for a viewport height (px): app.css `.workbench`. */
export function drawerHeightPx(viewport_px: number): number {
  return Math.round(Math.min(0.42 * viewport_px, 460));
}

/**
 * Width (CSS px) of the presenter's caption column for a viewport width (px): 36% of it, at most
 * 720 px (app.css `.stage-caption` uses the same rule). The camera keeps it clear.
 */
export function stageCaptionWidthPx(viewport_px: number): number {
  return Math.min(0.36 * viewport_px, 720);
}

export function MapView({ data, mapStyle, onError }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const store = useAppStore();
  const { style, catalogue } = mapStyle;
  const mapData: MapData = useMemo(() => mapDataFor(data), [data]);
  const derive = useMemo(
    () => (s: AppState) =>
      mapStateOf(mapData, s, catalogue, {
        // On a phone (app.css: max-width 700 px) cards are sheets over the bottom 60 % of the screen.
        cardWidth_px: window.innerWidth <= PHONE_MAX_PX ? 0 : CARD_WIDTH_PX,
        cardHeight_px: window.innerWidth <= PHONE_MAX_PX ? Math.round(0.6 * window.innerHeight) : 0,
        basemapKeys: readBasemapKeys(),
        captionWidth_px: stageCaptionWidthPx(window.innerWidth),
        drawerHeight_px: drawerHeightPx(window.innerHeight),
      }),
    [mapData, catalogue],
  );
  const errorRef = useRef(onError);
  errorRef.current = onError;

  useEffect(() => {
    if (!container.current) return;
    const s = store.getState();
    /**
     * The planner's questions are answered at once from the districts' boxes; the polygons and the
     * gazetteer follow (on demand), and the map is synced again when they arrive.
     */
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
      const resync = () => controller.current?.sync(derive(store.getState()));
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
          controller.current?.sync(derive(store.getState()));
        })
        .catch((e: Error) => console.warn(`no density view: ${e.message}`));
    };
    if (s.density) startDensity();
    if ((s.near || s.needs) && !mapData.analysis) startAnalysis();
    let c: MapController;
    try {
      c = new MapController(container.current, style, derive(s), {
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
        onLoad: (error) => {
          if (error) errorRef.current(error);
          else c.sync(derive(store.getState()));
        },
      });
    } catch (e) {
      errorRef.current(e as Error);
      return;
    }
    controller.current = c;
    const unsubscribe = store.subscribe((next, prev) => {
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
    return () => {
      unsubscribe();
      controller.current = null;
      c.destroy();
    };
  }, [data, mapData, style, catalogue, derive, store]);

  const hasDirections = useApp((s) => s.filter.directions.length > 0 && !s.hidden.includes('focus'));
  const filter = useApp((s) => s.filter);
  const lang = useApp((s) => s.lang);
  // A filter that matches nothing still gets a visible answer on the map, not an empty map.
  const none = useMemo(() => data.carriers.every((c) => !carrierMatches(c, filter)), [data, filter]);
  return (
    <div className="map-area">
      <div ref={container} className="map" data-testid="map" />
      {hasDirections && <FocusKey catalogue={catalogue} />}
      {none && (
        <p className="no-match" role="status" data-testid="no-match">
          {t(lang, 'noMatch')}
        </p>
      )}
      <MapIssuesNotice lang={lang} />
    </div>
  );
}
