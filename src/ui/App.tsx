/**
 * The page: lays out the header, the filter and legend panel, the map and the card column around
 * the data, the store and the live map that src/main.ts made before this UI loaded. Components read
 * the state they show from the store and change it only through its actions.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { countMatches, matchesInDistrict } from '../analysis/filter';
import type { Search, SearchHit } from '../analysis/search';
import { type AppData, loadGazetteer } from '../data/load';
import type { CarrierProps } from '../domain/built';
import { KINDS } from '../domain/constants';
import type { LiveMap } from '../map/live';
import { StoreProvider, useApp, useAppStore } from '../state/context';
import { frameOfDistricts, frameOfRecord } from '../state/framing';
import { viewHref } from '../state/history';
import { isStopSelection, stopView } from '../state/pitch';
import type { AppStore, CameraTarget, Panel, UrlNotice } from '../state/store';
import { MAX_NOTICE_VALUE } from '../state/url';
import { Card } from './Card';
import { CarrierCard, DistrictDetails } from './DetailCard';
import { ErrorBoundary } from './ErrorBoundary';
import { ExportMenu } from './export/ExportMenu';
import { FilterPanel } from './FilterPanel';
import { type Lang, nameIn, type StringKey, t } from './i18n';
import { Legend } from './Legend';
import { MapView } from './MapView';
import { CityCard } from './Panels';
import { SearchBox } from './SearchBox';
import { toolWord } from './workbench/toolWords';

/** Presenter mode, loaded when first used. */
const Stage = lazy(() => import('./presenter/Stage'));
/** The planner's workbench (tables, charts, turf analysis), loaded when a tool is first opened. */
const Workbench = lazy(() => import('./workbench/Workbench').then((m) => ({ default: m.Workbench })));
const PitchBuilder = lazy(() => import('./presenter/PitchBuilder').then((m) => ({ default: m.PitchBuilder })));
/** The data-quality report (with analysis/quality.ts), loaded when the panel is first opened. */
const QualityPanel = lazy(() => import('./QualityPanel'));

/** Zoom for a place chosen in the search, by gazetteer layer: a station or campus close up, a town around it. */
const PLACE_ZOOM: Record<NonNullable<SearchHit['layer']>, number> = { station: 14, airport: 12, place: 13, town: 12 };

/** Where the camera goes for a place chosen in the search (lakes are wide: one step further out). */
function frameOfPlace(hit: SearchHit): CameraTarget | undefined {
  if (!hit.point) return undefined;
  const zoom = PLACE_ZOOM[hit.layer ?? 'place'] - (hit.category === 'lake' ? 2 : 0);
  return { center: hit.point, zoom };
}

/**
 * The search index builder for the page: loads the search code (fuse.js, pinyin-pro) and the
 * gazetteer only when first asked, so neither is on the start-up path. Without the gazetteer the
 * search still finds everything else.
 */
function lazySearch(data: AppData): () => Promise<Search> {
  let built: Promise<Search> | undefined;
  return () => {
    built ??= Promise.all([
      import('../analysis/search'),
      loadGazetteer(data).catch((e: Error) => {
        console.warn(`search without places: ${e.message}`);
        return [];
      }),
    ]).then(([{ buildSearch }, places]) =>
      buildSearch({
        carriers: data.carriers,
        districts: data.manifest.districts,
        directions: data.manifest.directions,
        places,
        kinds: KINDS.map((key) => ({
          key,
          zh: t('zh', `kind_${key}` as const),
          en: t('en', `kind_${key}` as const),
        })),
      }),
    );
    return built;
  };
}

/** The language asked for by the URL, for messages shown before the data (and the store) exist. */
const urlLang = (): Lang => (new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'zh');

/** What src/main.ts made before the UI loaded: the data, the store (synced with the URL) and the live map. */
export interface Booted {
  data: AppData;
  store: AppStore;
  live: LiveMap;
}

/**
 * The page for `boot` (src/main.ts): "loading" until it resolves, the data error if it rejects
 * (with the technical detail folded), else the page.
 */
export function App({ boot }: { boot: Promise<Booted> }) {
  const [loaded, setLoaded] = useState<Booted | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    boot.then(setLoaded, (e: Error) => setError(e.message));
  }, [boot]);

  if (error) {
    const lang = urlLang();
    return (
      <main className="error" role="alert" data-testid="error">
        <h1>{t(lang, 'dataError')}</h1>
        <p>{t(lang, 'dataErrorHelp')}</p>
        <details>
          <summary>{t(lang, 'technicalDetail')}</summary>
          <code>{error}</code>
        </details>
      </main>
    );
  }
  if (!loaded) return <main className="loading">{t(urlLang(), 'loading')}</main>;
  return (
    <StoreProvider store={loaded.store}>
      <Page data={loaded.data} live={loaded.live} />
    </StoreProvider>
  );
}

/** One dropped URL parameter as a short phrase; the value is cut and rendered as text. */
function noticeText(n: UrlNotice, lang: Lang): string {
  const key: Record<UrlNotice['reason'], StringKey> = {
    'unknown-param': 'noticeUnknownParam',
    'unknown-value': 'noticeUnknownValue',
    malformed: 'noticeMalformed',
    unreachable: 'noticeUnreachable',
  };
  const value = n.value.length >= MAX_NOTICE_VALUE ? `${n.value.slice(0, MAX_NOTICE_VALUE - 1)}…` : n.value;
  return `${n.param}=${value} (${t(lang, key[n.reason])})`;
}

/** The header's panel buttons (their test ids are relied on by the tests and the benchmark). */
const PANEL_BUTTONS: ReadonlyArray<{ panel: Panel; testid: string; label: StringKey }> = [
  { panel: 'city', testid: 'city', label: 'cityOverview' },
  { panel: 'quality', testid: 'quality-open', label: 'quality' },
];

/** At most this many dropped parameters are listed; the rest are summed up. */
const NOTICES_SHOWN = 3;

function Notices({ lang }: { lang: Lang }) {
  const all = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotices);
  if (all.length === 0) return null;
  const notices = all.filter((n) => n.reason !== 'unreachable');
  const basemaps = all.filter((n) => n.reason === 'unreachable');
  const shown = notices.slice(0, NOTICES_SHOWN).map((n) => noticeText(n, lang));
  const more = notices.length > NOTICES_SHOWN ? ` ${t(lang, 'noticeMore')} ${notices.length - NOTICES_SHOWN}` : '';
  return (
    <div className="notice" role="status" data-testid="notice">
      <span>
        {notices.length > 0 && `${t(lang, 'urlNotice')}: ${shown.join('; ')}${more}`}
        {basemaps.length > 0 && t(lang, 'basemapFailed')}
      </span>
      <button type="button" onClick={dismiss} aria-label={t(lang, 'close')}>
        ×
      </button>
    </div>
  );
}

/**
 * "Copy link": the view's link (`viewHref`: the page URL as the history writes it, even before the
 * view has settled and it is written); falls back to showing it selected when the clipboard is
 * refused.
 */
function CopyLink({ lang }: { lang: Lang }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual'>('idle');
  const store = useAppStore();
  const href = useApp((s) => (status === 'manual' ? viewHref(s) : ''));
  const copy = () => {
    const href = viewHref(store.getState());
    navigator.clipboard
      ?.writeText(href)
      .then(() => setStatus('copied'))
      .catch(() => setStatus('manual')) ?? setStatus('manual');
  };
  useEffect(() => {
    if (status !== 'copied') return;
    const timer = setTimeout(() => setStatus('idle'), 2000);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <span className="copy-link">
      <button type="button" className="head-btn" data-testid="copy-link" onClick={copy}>
        {t(lang, status === 'copied' ? 'copied' : 'copyLink')}
      </button>
      {status === 'manual' && (
        <input
          className="link-field"
          readOnly
          aria-label={t(lang, 'copyManual')}
          value={href}
          ref={(el) => el?.select()}
          onBlur={() => setStatus('idle')}
        />
      )}
    </span>
  );
}

/**
 * Embed mode's only chrome: the title, and a link that opens the same view as the full map in a new
 * tab (the view's link, `viewHref`, without `embed`; it follows the view).
 */
function EmbedBar({ lang }: { lang: Lang }) {
  const view = useApp((s) => viewHref(s));
  const href = useMemo(() => {
    const u = new URL(view);
    u.searchParams.delete('embed');
    return u.href;
  }, [view]);
  return (
    <div className="embed-bar" data-testid="embed-bar">
      <strong>{t(lang, 'title')}</strong>{' '}
      <a href={href} target="_blank" rel="noopener noreferrer" data-testid="embed-open">
        {t(lang, 'openFullMap')} ↗
      </a>
    </div>
  );
}

/** Stands for "no directions" in a selector, so that it returns the same array every time. */
const NO_DIRECTIONS: readonly string[] = [];

/**
 * The card of the selected districts: subscribes to the filter itself, so that a filter change
 * re-renders this card and not the whole page.
 */
function DistrictsCard({
  data,
  districts,
  lang,
  onCarrier,
  onClose,
}: {
  data: AppData;
  districts: AppData['manifest']['districts'];
  lang: Lang;
  onCarrier: (id: string) => void;
  onClose: () => void;
}) {
  const filter = useApp((s) => s.filter);
  const districtIds = useMemo(() => data.manifest.districts.map((d) => d.id), [data]);
  const counts = useMemo(() => countMatches(data.carriers, filter, districtIds), [data, filter, districtIds]);
  return (
    <Card
      lang={lang}
      title={
        districts.length === 1 ? nameIn(districts[0], lang) : `${districts.length} ${t(lang, 'districtsSelected')}`
      }
      onClose={onClose}
      data={{
        'data-testid': 'card',
        'data-kind': 'district',
        'data-id': districts[0].id,
        'data-ids': districts.map((d) => d.id).join(','),
      }}
    >
      {districts.map((d) => (
        <DistrictDetails
          key={d.id}
          data={data}
          district={d}
          lang={lang}
          counts={(c: CarrierProps) => matchesInDistrict(c, filter, d.id)}
          count={counts.byDistrict[d.id]}
          onCarrier={onCarrier}
          named={districts.length > 1}
        />
      ))}
    </Card>
  );
}

/**
 * The page. It does not subscribe to the filter: a filter change re-renders only what shows it
 * (the filter panel, the legend's kinds, the map's notices, a district card), not the header and
 * the rest of the page.
 */
function Page({ data, live }: { data: AppData; live: LiveMap }) {
  const lang = useApp((s) => s.lang);
  const selection = useApp((s) => s.selection);
  const panel = useApp((s) => s.panel);
  const setLang = useApp((s) => s.setLang);
  const openPanel = useApp((s) => s.openPanel);
  const selectRecord = useApp((s) => s.selectRecord);
  const selectDistricts = useApp((s) => s.selectDistricts);
  const clearSelection = useApp((s) => s.clearSelection);
  const setFilter = useApp((s) => s.setFilter);
  const frameTo = useApp((s) => s.frameTo);
  const pitch = useApp((s) => s.pitch);
  const tool = useApp((s) => s.tool);
  const embed = useApp((s) => s.embed);
  const openTool = useApp((s) => s.openTool);
  const [mapError, setMapError] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  /** On a phone, whether the filter and legend sheet is open. */
  const [sheet, setSheet] = useState(false);
  const store = useAppStore();
  // A pitch link with a camera lands where the link was; any later pitch flies to its stops.
  const [linkCamera, setLinkCamera] = useState(
    () => store.getState().pitch !== null && store.getState().camera !== null,
  );
  useEffect(() => {
    if (!pitch) setLinkCamera(false);
  }, [pitch]);
  useEffect(() => live.onError((e) => setMapError(e.message)), [live]);

  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = t(lang, 'title');
  }, [lang]);

  const loadSearch = useMemo(() => lazySearch(data), [data]);

  const showRecord = useCallback((id: string) => selectRecord(id, frameOfRecord(data, id)), [data, selectRecord]);
  const showDistrict = useCallback(
    (id: string) => selectDistricts([id], frameOfDistricts(data, [id])),
    [data, selectDistricts],
  );
  const onSearch = useCallback(
    (hit: SearchHit) => {
      if (hit.type === 'district') showDistrict(hit.id);
      else if (hit.type === 'carrier') showRecord(hit.id);
      else if (hit.type === 'direction') {
        // Adds the direction to those chosen (a search never removes one the user pressed).
        const { directions } = store.getState().filter;
        if (!directions.includes(hit.id)) setFilter({ directions: [...directions, hit.id] });
      } else {
        const target = frameOfPlace(hit);
        if (target) frameTo(target);
      }
    },
    [showDistrict, showRecord, store, setFilter, frameTo],
  );

  // On stage, what the stop itself selects is told by the caption; a card opens only for what the
  // presenter clicks while exploring.
  const stop = pitch?.stops[pitch.index];
  // The filter's directions matter here only on stage (a stop's view depends on them).
  const stageDirections = useApp((s) => (s.pitch ? s.filter.directions : NO_DIRECTIONS));
  const stopOwn = stop !== undefined && isStopSelection(stopView(data, stop, stageDirections), selection);
  const cardSelection = stopOwn ? null : selection;
  const record = cardSelection?.type === 'record' ? data.carrierById.get(cardSelection.id) : undefined;
  const districts =
    cardSelection?.type === 'districts' ? cardSelection.ids.flatMap((id) => data.districtById.get(id) ?? []) : [];
  // Other records drawn at the same point as the selected one.
  const others = useMemo(() => {
    const p = record ? data.pointById.get(record.id) : undefined;
    if (!record || !p) return [];
    return [...data.pointById]
      .filter(([id, q]) => id !== record.id && q[0] === p[0] && q[1] === p[1])
      .map(([id]) => id);
  }, [data, record]);

  return (
    <div
      className={['app', pitch ? 'on-stage' : tool ? 'with-tool' : '', sheet ? 'sheet-open' : '', embed ? 'embed' : '']
        .filter(Boolean)
        .join(' ')}
    >
      <header>
        <div>
          <h1>{t(lang, 'title')}</h1>
          <p className="muted">{t(lang, 'subtitle')}</p>
        </div>
        <SearchBox data={data} loadSearch={loadSearch} lang={lang} onPick={onSearch} />
        <nav>
          {PANEL_BUTTONS.map((b) => (
            <button
              key={b.panel}
              type="button"
              className="head-btn"
              data-testid={b.testid}
              aria-pressed={panel === b.panel}
              onClick={() => openPanel(b.panel)}
            >
              {t(lang, b.label)}
            </button>
          ))}
          <button
            type="button"
            className="head-btn"
            data-testid="workbench-open"
            aria-pressed={tool !== null}
            onClick={() => openTool(tool ? null : 'table')}
          >
            {toolWord(lang, 'open')}
          </button>
          <button
            type="button"
            className="head-btn"
            data-testid="present"
            aria-pressed={building}
            onClick={() => setBuilding((b) => !b)}
          >
            {t(lang, 'present')}
          </button>
          <CopyLink lang={lang} />
          <ExportMenu data={data} mapStyle={live} lang={lang} />
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
      <Notices lang={lang} />
      {embed && <EmbedBar lang={lang} />}
      <button
        type="button"
        className="sheet-toggle"
        data-testid="sheet-toggle"
        aria-expanded={sheet}
        aria-controls="side-panel"
        onClick={() => setSheet((v) => !v)}
      >
        {t(lang, sheet ? 'sheetClose' : 'sheetOpen')}
      </button>
      <aside className="side" id="side-panel">
        <FilterPanel data={data} lang={lang} />
        <Legend lang={lang} catalogue={live.catalogue} kinds={data.manifest.counts.carriers_by_kind} />
      </aside>
      <main className="main">
        {mapError ? (
          <div className="map-error" role="alert" data-testid="error">
            <h2>{t(lang, 'mapError')}</h2>
            <p>{t(lang, 'mapUnavailable')}</p>
            <button type="button" className="head-btn" data-testid="show-list" onClick={() => openTool('table')}>
              {t(lang, 'showList')}
            </button>
            <details>
              <summary>{t(lang, 'technicalDetail')}</summary>
              <code>{mapError}</code>
            </details>
          </div>
        ) : (
          <ErrorBoundary lang={lang} area="map">
            <MapView data={data} live={live} />
          </ErrorBoundary>
        )}
        {pitch && (
          <ErrorBoundary lang={lang} area="stage">
            <Suspense fallback={null}>
              <Stage
                data={data}
                catalogue={live.catalogue}
                keepCamera={linkCamera}
                extraControls={<ExportMenu data={data} mapStyle={live} lang={lang} />}
              />
            </Suspense>
          </ErrorBoundary>
        )}
        {!pitch && tool && (
          <ErrorBoundary lang={lang} area="workbench" resetKey={tool}>
            <Suspense fallback={null}>
              <Workbench data={data} lang={lang} />
            </Suspense>
          </ErrorBoundary>
        )}
        <div className="cards">
          <ErrorBoundary lang={lang} area="card" resetKey={`${panel}|${JSON.stringify(selection)}|${building}`}>
            {building && !pitch && (
              <Suspense fallback={null}>
                <PitchBuilder data={data} lang={lang} onClose={() => setBuilding(false)} />
              </Suspense>
            )}
            {!building && panel === 'city' && (
              <CityCard data={data} lang={lang} onCarrier={showRecord} onClose={() => openPanel(null)} />
            )}
            {panel === 'quality' && (
              <Suspense fallback={null}>
                <QualityPanel data={data} lang={lang} onCarrier={showRecord} onClose={() => openPanel(null)} />
              </Suspense>
            )}
            {panel === null && record && (
              <CarrierCard
                key={record.id}
                data={data}
                carrier={record}
                others={others}
                lang={lang}
                onDistrict={showDistrict}
                onCarrier={showRecord}
                onClose={clearSelection}
              />
            )}
            {panel === null && districts.length > 0 && tool !== 'compare' && (
              <DistrictsCard
                key={districts.map((d) => d.id).join()}
                data={data}
                districts={districts}
                lang={lang}
                onCarrier={showRecord}
                onClose={clearSelection}
              />
            )}
          </ErrorBoundary>
        </div>
      </main>
    </div>
  );
}
