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
import { type MapData, mapStateOf } from '../map/mapState';
import { buildStyle } from '../map/style';
import { LIGHT } from '../map/theme';
import type { AnalysisData } from '../state/analysis';
import { useApp, useAppStore } from '../state/context';
import { frameOfCircle, frameOfDistricts } from '../state/framing';
import type { AppState } from '../state/store';
import { readBasemapKeys } from './basemapKeys';
import { t } from './i18n';
import { FocusKey } from './Legend';

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

/** The map's style and catalogue for the loaded data (built once per data). */
export function useMapStyle(data: AppData) {
  return useMemo(() => {
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
    );
    return { style, catalogue: layerCatalogue(style.layers) };
  }, [data]);
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
  const mapData: MapData = useMemo(
    () => ({
      carriers: data.carriers,
      districts: data.manifest.districts,
      directions: data.manifest.directions,
      parkIds: new Set(data.parkMarkers.features.map((f) => f.properties.id)),
    }),
    [data],
  );
  const derive = useMemo(
    () => (s: AppState) =>
      mapStateOf(mapData, s, catalogue, {
        cardWidth_px: CARD_WIDTH_PX,
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
      if (MAP_INPUTS.some((k) => next[k] !== prev[k])) c.sync(derive(next));
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
    </div>
  );
}
