/**
 * The page: loads the data, holds the filter / selection / language state, and lays out the map,
 * the filter panel, the legend and the detail card. State flows one way: data → pure derivations
 * (`useMemo`) → map and panels.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { countMatches, EMPTY_FILTER, type FilterState, mapViewOf } from '../analysis/filter';
import { buildSearch, type SearchHit } from '../analysis/search';
import { parseUrlState, writeUrlState } from '../analysis/url';
import { type AppData, loadAppData } from '../data/load';
import type { MapController, MapSelection } from '../map/controller';
import type { LayerGroup } from '../map/layers';
import { CarrierCard, DistrictCard } from './DetailCard';
import { FilterPanel } from './FilterPanel';
import { type Lang, t } from './i18n';
import { Legend } from './Legend';
import { MapView } from './MapView';
import { CityCard, QualityPanel } from './Panels';
import { SearchBox } from './SearchBox';
import { exposeTestHook } from './testHook';

type Selection =
  | { kind: 'carrier'; id: string; others: string[] }
  | { kind: 'district'; id: string }
  | { kind: 'city' }
  | { kind: 'quality' }
  | null;

const ALL_VISIBLE: Record<LayerGroup, boolean> = { focus: true, parks: true, carriers: true };

/** The bbox [w, s, e, n] (degrees) enclosing all of `boxes`. */
function unionBbox(boxes: ReadonlyArray<[number, number, number, number]>): [number, number, number, number] {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

function initialLang(): Lang {
  return new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'zh';
}

export function App() {
  const [data, setData] = useState<AppData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [filter, setFilter] = useState<FilterState>(EMPTY_FILTER);
  const [lang, setLang] = useState<Lang>(initialLang);
  const [visible, setVisible] = useState(ALL_VISIBLE);
  const [selection, setSelection] = useState<Selection>(null);
  const [controller, setController] = useState<MapController | null>(null);

  useEffect(() => {
    loadAppData(new URL('data/', document.baseURI))
      .then((d) => {
        const parsed = parseUrlState(new URLSearchParams(window.location.search), {
          directions: d.manifest.directions.map((x) => x.key),
          districts: d.manifest.districts.map((x) => x.id),
          kinds: Object.keys(d.manifest.counts.carriers_by_kind),
        });
        setFilter(parsed.filter);
        setNotices(parsed.notices);
        setData(d);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    if (!data) return;
    const params = writeUrlState(new URLSearchParams(window.location.search), filter);
    if (lang === 'en') params.set('lang', 'en');
    else params.delete('lang');
    const qs = params.toString();
    window.history.replaceState(null, '', qs ? `?${qs}` : window.location.pathname);
  }, [data, filter, lang]);

  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t(lang, 'title');
  }, [lang]);

  const counts = useMemo(() => (data ? countMatches(data.carriers, filter) : null), [data, filter]);
  const view = useMemo(
    () => (data ? mapViewOf(data.carriers, data.manifest.districts, filter, data.manifest.directions) : null),
    [data, filter],
  );
  const search = useMemo(() => (data ? buildSearch(data.carriers, data.manifest.districts) : null), [data]);
  const matching = useMemo(() => new Set(view?.carriers.filter((c) => c.match).map((c) => c.id)), [view]);
  const badges = useMemo(
    () =>
      (data?.manifest.districts ?? []).map((d) => {
        const count = counts?.districtLevelByDistrict[d.id] ?? 0;
        return { id: d.id, anchor: d.anchor, count, text: `+${count}`, title: `${count} ${t(lang, 'badge')}` };
      }),
    [data, counts, lang],
  );

  const showCarrier = useCallback(
    (id: string) => {
      const c = data?.carrierById.get(id);
      if (!c || !data) return;
      setSelection({ kind: 'carrier', id, others: [] });
      const point = data.carrierPoints.features.find((f) => f.properties.id === id);
      if (point) controller?.flyTo({ center: point.geometry.coordinates as [number, number], zoom: 12 });
      else {
        // Fit every district the record spans (one, or a district set).
        const boxes = c.districts.flatMap((id) => {
          const b = data.districtById.get(id)?.bbox;
          return b ? [b] : [];
        });
        if (boxes.length > 0) controller?.flyTo({ bbox: unionBbox(boxes) });
      }
    },
    [data, controller],
  );
  const showDistrict = useCallback(
    (id: string, fly = true) => {
      const d = data?.districtById.get(id);
      if (!d) return;
      setSelection({ kind: 'district', id });
      if (fly) controller?.flyTo({ bbox: d.bbox });
    },
    [data, controller],
  );

  const onSearch = useCallback(
    (hit: SearchHit) => (hit.type === 'district' ? showDistrict(hit.id) : showCarrier(hit.id)),
    [showDistrict, showCarrier],
  );

  // Outline the district(s) of a selected district or of a record with no point of its own, so
  // "where is it?" is answered on the map even when only the district is known.
  useEffect(() => {
    const carrier = selection?.kind === 'carrier' ? data?.carrierById.get(selection.id) : undefined;
    const ids =
      selection?.kind === 'district'
        ? [selection.id]
        : carrier && carrier.precision !== 'site' && carrier.precision !== 'area'
          ? carrier.districts
          : [];
    controller?.highlightDistricts(ids, carrier?.extent === 'from-name');
  }, [selection, data, controller]);

  const onSelect = useCallback((s: MapSelection) => setSelection(s), []);
  const onReady = useCallback(
    (c: MapController | null, e?: Error) => {
      if (e || !c) {
        setError(`${t(lang, 'mapError')}: ${e?.message ?? 'unknown error'}`);
        return;
      }
      setController(c);
      exposeTestHook(c);
    },
    [lang],
  );

  if (error) {
    return (
      <main className="error" role="alert" data-testid="error">
        <h1>{t(lang, 'dataError')}</h1>
        <p>{error}</p>
      </main>
    );
  }
  if (!data || !counts || !view || !search) return <main className="loading">{t(lang, 'loading')}</main>;

  const selectedCarrier = selection?.kind === 'carrier' ? data.carrierById.get(selection.id) : undefined;
  const selectedDistrict = selection?.kind === 'district' ? data.districtById.get(selection.id) : undefined;

  return (
    <div className="app">
      <header>
        <div>
          <h1>{t(lang, 'title')}</h1>
          <p className="muted">{t(lang, 'subtitle')}</p>
        </div>
        <SearchBox data={data} search={search} lang={lang} onPick={onSearch} />
        <nav>
          <button type="button" className="head-btn" data-testid="city" onClick={() => setSelection({ kind: 'city' })}>
            {t(lang, 'cityOverview')}
          </button>
          <button
            type="button"
            className="head-btn"
            data-testid="quality-open"
            onClick={() => setSelection({ kind: 'quality' })}
          >
            {t(lang, 'quality')}
          </button>
          <button
            type="button"
            className="head-btn"
            data-testid="lang"
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {lang === 'zh' ? 'EN' : '中文'}
          </button>
        </nav>
      </header>
      {notices.length > 0 && (
        <div className="notice" role="status" data-testid="notice">
          {t(lang, 'urlNotice')}: {notices.join('; ')}
          <button type="button" onClick={() => setNotices([])} aria-label={t(lang, 'close')}>
            ×
          </button>
        </div>
      )}
      <aside className="side">
        <FilterPanel data={data} filter={filter} counts={counts} lang={lang} onChange={setFilter} />
        <Legend
          lang={lang}
          filter={filter}
          visible={visible}
          onToggle={(g, v) => setVisible((prev) => ({ ...prev, [g]: v }))}
          kinds={data.manifest.counts.carriers_by_kind}
          onKinds={(kinds) => setFilter((f) => ({ ...f, kinds }))}
        />
      </aside>
      <MapView
        data={data}
        view={view}
        badges={badges}
        lang={lang}
        visible={visible}
        onSelect={onSelect}
        onBadge={showDistrict}
        onReady={onReady}
      />
      {selection?.kind === 'carrier' && selectedCarrier && (
        <CarrierCard
          data={data}
          carrier={selectedCarrier}
          others={selection.others}
          lang={lang}
          onDistrict={(id) => showDistrict(id)}
          onCarrier={showCarrier}
          onClose={() => setSelection(null)}
        />
      )}
      {selection?.kind === 'city' && (
        <CityCard data={data} lang={lang} onCarrier={showCarrier} onClose={() => setSelection(null)} />
      )}
      {selection?.kind === 'quality' && (
        <QualityPanel data={data} lang={lang} onCarrier={showCarrier} onClose={() => setSelection(null)} />
      )}
      {selectedDistrict && (
        <DistrictCard
          data={data}
          district={selectedDistrict}
          lang={lang}
          matching={matching}
          onCarrier={showCarrier}
          onClose={() => setSelection(null)}
        />
      )}
    </div>
  );
}
