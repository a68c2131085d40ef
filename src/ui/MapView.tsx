/**
 * The map in the page: the live map (src/map/live.ts, started before the UI) is taken into the map
 * area, with the focus key, the no-match notice and the map's issues over it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { carrierMatches } from '../analysis/filter';
import type { AppData } from '../data/load';
import type { LiveMap } from '../map/live';
import { useApp } from '../state/context';
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

/** Props: the loaded data and the live map (src/map/live.ts), made before this component. */
export interface MapViewProps {
  data: AppData;
  live: LiveMap;
}

/**
 * The map's place in the page: takes the live map's element into the map area (`LiveMap.adopt`),
 * and shows over it the focus key, the no-match notice and the map's issues.
 */
export function MapView({ data, live }: MapViewProps) {
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (slot.current) live.adopt(slot.current);
  }, [live]);
  const hasDirections = useApp((s) => s.filter.directions.length > 0 && !s.hidden.includes('focus'));
  const filter = useApp((s) => s.filter);
  const lang = useApp((s) => s.lang);
  // A filter that matches nothing still gets a visible answer on the map, not an empty map.
  const none = useMemo(() => data.carriers.every((c) => !carrierMatches(c, filter)), [data, filter]);
  return (
    <div className="map-area">
      <div ref={slot} className="map-slot" />
      {hasDirections && <FocusKey catalogue={live.catalogue} />}
      {none && (
        <p className="no-match" role="status" data-testid="no-match">
          {t(lang, 'noMatch')}
        </p>
      )}
      <MapIssuesNotice lang={lang} />
    </div>
  );
}
