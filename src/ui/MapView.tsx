/**
 * Hosts the map: creates the one `MapController` for the page and forwards props to it.
 */
import { useEffect, useRef } from 'react';
import type { MapFeatureView } from '../analysis/filter';
import type { AppData } from '../data/load';
import { MapController, type MapSelection } from '../map/controller';
import type { LayerGroup } from '../map/layers';
import { buildStyle } from '../map/style';
import { LIGHT } from '../map/theme';
import type { Lang } from './i18n';

/** Props: the loaded data and what the panels chose. */
export interface MapViewProps {
  data: AppData;
  /** Per-feature view of the current filter (`mapViewOf`). */
  view: MapFeatureView;
  /** District-level counts shown beside district anchors. */
  badges: Array<{ id: string; anchor: [number, number]; text: string; title: string; count: number }>;
  lang: Lang;
  visible: Record<LayerGroup, boolean>;
  onSelect: (s: MapSelection) => void;
  /** Called with a district id when its badge is clicked. */
  onBadge: (id: string) => void;
  /** Receives the controller once the map has loaded (or the error that stopped it). */
  onReady: (controller: MapController | null, error?: Error) => void;
}

export function MapView({ data, view, badges, lang, visible, onSelect, onBadge, onReady }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const loaded = useRef(false);
  const latest = useRef({ view, badges, lang, visible, onSelect, onBadge, onReady });
  latest.current = { view, badges, lang, visible, onSelect, onBadge, onReady };

  useEffect(() => {
    if (!container.current) return;
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
      },
      data.manifest.directions,
      LIGHT,
      data.manifest.attribution,
    );
    let c: MapController;
    try {
      c = new MapController(container.current, style, {
        bbox: data.manifest.bbox,
        onSelect: (s) => latest.current.onSelect(s),
        onLoad: (error) => {
          if (error) {
            latest.current.onReady(null, error);
            return;
          }
          loaded.current = true;
          const l = latest.current;
          c.applyView(l.view);
          c.setDistrictBadges(l.badges, (id) => latest.current.onBadge(id));
          c.setLanguage(l.lang);
          for (const [g, v] of Object.entries(l.visible)) c.setGroupVisible(g as LayerGroup, v);
          l.onReady(c);
        },
      });
    } catch (e) {
      latest.current.onReady(null, e as Error);
      return;
    }
    controller.current = c;
    return () => {
      loaded.current = false;
      controller.current = null;
      c.destroy();
    };
  }, [data]);

  useEffect(() => {
    if (loaded.current) controller.current?.applyView(view);
  }, [view]);
  useEffect(() => {
    if (loaded.current) controller.current?.setDistrictBadges(badges, (id) => latest.current.onBadge(id));
  }, [badges]);
  useEffect(() => {
    if (loaded.current) controller.current?.setLanguage(lang);
  }, [lang]);
  useEffect(() => {
    if (!loaded.current) return;
    for (const [g, v] of Object.entries(visible)) controller.current?.setGroupVisible(g as LayerGroup, v);
  }, [visible]);

  return <div ref={container} className="map" data-testid="map" />;
}
