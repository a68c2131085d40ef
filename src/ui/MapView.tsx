/**
 * Hosts the map: builds the style once, creates the one `MapController`, and on every state change
 * derives the whole map state (`mapStateOf`) and hands it to the controller, which applies only the
 * differences.
 */
import { useEffect, useMemo, useRef } from 'react';
import { carrierMatches } from '../analysis/filter';
import type { AppData } from '../data/load';
import { layerCatalogue } from '../map/catalogue';
import { MapController } from '../map/controller';
import { type MapData, mapStateOf } from '../map/mapState';
import { buildStyle } from '../map/style';
import { LIGHT } from '../map/theme';
import { useApp, useAppStore } from '../state/context';
import { frameOfDistricts } from '../state/framing';
import type { AppState } from '../state/store';
import { readBasemapKeys } from './basemapKeys';
import { t } from './i18n';
import { FocusKey } from './Legend';

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
const MAP_INPUTS = ['lang', 'filter', 'hidden', 'selection', 'panel', 'frame', 'basemap', 'siting', 'pitch'] as const;

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
      }),
    [mapData, catalogue],
  );
  const errorRef = useRef(onError);
  errorRef.current = onError;

  useEffect(() => {
    if (!container.current) return;
    const s = store.getState();
    let c: MapController;
    try {
      c = new MapController(container.current, style, derive(s), {
        initial: { camera: s.camera, bbox: data.manifest.bbox, maxBounds: data.manifest.max_bounds },
        interactive: catalogue.interactive,
        onClick: (hit, additive, at) => {
          const st = store.getState();
          // Picking a site: the click gives the point and selects nothing.
          if (st.siting?.picking) st.pickPoint(at.lngLat, at.datum);
          else if (hit?.type === 'records') st.selectRecord(hit.ids[0]);
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
      if (MAP_INPUTS.some((k) => next[k] !== prev[k])) c.sync(derive(next));
    });
    return () => {
      unsubscribe();
      controller.current = null;
      c.destroy();
    };
  }, [data, style, catalogue, derive, store]);

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
