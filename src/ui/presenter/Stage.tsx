/**
 * The presenter's stage: the map fills the window, a caption column on the left tells each stop
 * (what is here, why it matters for the company's industry, the quoted source lines with their
 * documents), a legend of only what the stop shows, a progress bar, and the controls. Keyboard:
 * → Space PageDown next, ← PageUp back, Home End, R back to the stop, Esc leaves (clickers send
 * these keys). Touch: swipe left or right on the caption column. Loaded on demand.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cityFactsFor } from '../../analysis/facts';
import { type StopRef, stopToken } from '../../analysis/pitch';
import type { AppData } from '../../data/load';
import type { LayerCatalogue } from '../../map/catalogue';
import { useApp, useAppStore } from '../../state/context';
import { isStopSelection, stopView } from '../../state/pitch';
import { FigureList } from '../DetailCard';
import type { Lang } from '../i18n';
import { SwatchIcon } from '../Legend';
import { type StopCaption, stopCaption, stopLabel } from './caption';
import { StopEditor } from './StopEditor';
import { presenterWord as w } from './words';

/** Shortest horizontal swipe (CSS px) that moves between stops; a shorter one is a tap or a scroll. */
const SWIPE_MIN_PX = 60;

/** Props: the loaded data, the layer catalogue (legend swatches) and extra controls (e.g. export). */
export interface StageProps {
  data: AppData;
  catalogue: LayerCatalogue;
  /** Rendered in the control bar (the export menu). */
  extraControls?: ReactNode;
  /** The page was opened from a pitch link that holds a camera: land where the link was, not at the stop's framing. */
  keepCamera?: boolean;
}

/** Whether a key event comes from a text field (then the stage leaves the key alone). */
const typing = (e: KeyboardEvent) =>
  e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable="true"]') !== null;

/** The stage for the pitch in the store (renders nothing without one). */
export default function Stage({ data, catalogue, extraControls, keepCamera = false }: StageProps) {
  const store = useAppStore();
  const pitch = useApp((s) => s.pitch);
  const lang = useApp((s) => s.lang);
  const directions = useApp((s) => s.filter.directions);
  const selection = useApp((s) => s.selection);
  const camera = useApp((s) => s.camera);
  const frameSeq = useApp((s) => s.frame?.seq ?? 0);
  const [editing, setEditing] = useState(false);

  const index = pitch?.index ?? 0;
  const stops = pitch?.stops ?? [];
  const stop: StopRef | undefined = stops[index];
  const view = useMemo(() => (stop ? stopView(data, stop, directions) : null), [data, stop, directions]);
  const caption = useMemo(
    () => (stop ? stopCaption(data, stop, directions, lang) : null),
    [data, stop, directions, lang],
  );

  const go = useCallback(
    (i: number) => {
      const s = store.getState();
      const p = s.pitch;
      if (!p || i < 0 || i >= p.stops.length) return;
      s.showStop(i, stopView(data, p.stops[i], s.filter.directions));
    },
    [data, store],
  );

  // On entering the stage: show the stop, unless the page was opened from a link that holds a camera
  // (then it lands where the link was).
  const keep = useRef(keepCamera);
  useEffect(() => {
    const s = store.getState();
    if (!keep.current) go(s.pitch?.index ?? 0);
    document.documentElement.classList.add('on-stage');
    return () => document.documentElement.classList.remove('on-stage');
  }, [go, store]);

  // Focus: the header that started the pitch is hidden on stage, so the focus comes to the stage's
  // controls (when it was on nothing, or on what the stage hides), and on leaving goes back to the
  // header's 演示 / Present button rather than being lost.
  const controls = useRef<HTMLDivElement>(null);
  const live = pitch !== null;
  useEffect(() => {
    if (!live) return;
    const now = document.activeElement;
    if (!(now instanceof HTMLElement) || now === document.body || now.getClientRects().length === 0)
      controls.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus({ preventScroll: true });
    return () => {
      const at = document.activeElement;
      if (at === null || at === document.body || !at.isConnected)
        document.querySelector<HTMLElement>('[data-testid="present"]')?.focus({ preventScroll: true });
    };
  }, [live]);

  // "Moved away": the camera is no longer where the stop's own flight landed.
  const landed = useApp((s) => s.landed);
  const moved =
    landed !== null &&
    landed.seq === frameSeq &&
    camera !== null &&
    JSON.stringify(landed.camera) !== JSON.stringify(camera);
  const exploring = (view !== null && !isStopSelection(view, selection)) || moved;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typing(e) || e.altKey || e.ctrlKey || e.metaKey) return;
      const s = store.getState();
      const p = s.pitch;
      if (!p) return;
      const onButton = e.target instanceof HTMLElement && e.target.closest('button, a, summary') !== null;
      let handled = true;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          go(p.index + 1);
          break;
        case ' ':
          if (onButton) return;
          go(p.index + 1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          go(p.index - 1);
          break;
        case 'Home':
          go(0);
          break;
        case 'End':
          go(p.stops.length - 1);
          break;
        case 'r':
        case 'R':
          go(p.index);
          break;
        case 'Escape':
          s.endPitch();
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, store]);

  // Swipe on the caption column (tablets): left for the next stop, right for the previous one.
  const touch = useRef<{ x: number; y: number } | null>(null);
  const onTouchStart = (e: React.TouchEvent) => {
    const p = e.touches[0];
    touch.current = p ? { x: p.clientX, y: p.clientY } : null;
  };
  const onTouchEnd = (e: React.TouchEvent) => {
    const start = touch.current;
    const p = e.changedTouches[0];
    touch.current = null;
    if (!start || !p) return;
    const dx = p.clientX - start.x;
    const dy = p.clientY - start.y;
    if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < 2 * Math.abs(dy)) return;
    go(dx < 0 ? index + 1 : index - 1);
  };

  if (!pitch || !stop || !caption || !view) return null;
  const setLang = store.getState().setLang;
  return (
    <div
      className="stage"
      data-testid="stage"
      data-stop={index}
      data-stops={stops.length}
      data-landed={landed !== null && landed.seq === frameSeq}
    >
      <nav className="stage-progress" aria-label={w(lang, 'stops')}>
        <ol>
          {stops.map((s, i) => (
            <li key={stopToken(s)}>
              <button
                type="button"
                className={i === index ? 'current' : i < index ? 'done' : ''}
                aria-current={i === index ? 'step' : undefined}
                title={stopLabel(data, s, lang)}
                aria-label={`${i + 1}. ${stopLabel(data, s, lang)}`}
                onClick={() => go(i)}
              />
            </li>
          ))}
        </ol>
      </nav>
      <section
        className="stage-caption"
        aria-live="polite"
        aria-labelledby="stage-title"
        onTouchStart={onTouchStart}
        onTouchEnd={onTouchEnd}
        data-testid="stage-caption"
      >
        <p className="stage-count" data-testid="stage-count">
          {w(lang, 'progress', { n: index + 1, total: stops.length })}
        </p>
        <h2 id="stage-title" data-testid="stage-title">
          {caption.title}
        </h2>
        <p className="stage-subtitle">{caption.subtitle}</p>
        <CaptionBody caption={caption} lang={lang} />
        {stop.type === 'overview' && <OverviewFigures data={data} directions={directions} lang={lang} />}
        <CaptionSources caption={caption} lang={lang} />
        <StageLegend data={data} catalogue={catalogue} lang={lang} stop={stop} directions={directions} view={view} />
      </section>
      <div
        className="stage-controls"
        role="toolbar"
        aria-label={w(lang, 'stops')}
        data-testid="stage-controls"
        ref={controls}
      >
        <button type="button" data-testid="stage-prev" onClick={() => go(index - 1)} disabled={index === 0}>
          ← {w(lang, 'prev')}
        </button>
        <button
          type="button"
          data-testid="stage-next"
          onClick={() => go(index + 1)}
          disabled={index === stops.length - 1}
        >
          {w(lang, 'next')} →
        </button>
        <button
          type="button"
          data-testid="stage-resume"
          className={exploring ? 'active' : ''}
          aria-describedby={exploring ? 'stage-exploring' : undefined}
          onClick={() => go(index)}
        >
          ⟲ {w(lang, 'resume')} (R)
        </button>
        {exploring && (
          <span id="stage-exploring" className="stage-note" role="status">
            {w(lang, 'exploring')}
          </span>
        )}
        <button type="button" data-testid="stage-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中文'}
        </button>
        <button type="button" data-testid="stage-edit" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
          {w(lang, 'editStops')}
        </button>
        {extraControls}
        <button type="button" data-testid="stage-leave" onClick={() => store.getState().endPitch()}>
          {w(lang, 'leave')} (Esc)
        </button>
      </div>
      <p className="stage-keys">{w(lang, 'keys')}</p>
      {editing && <StopEditor data={data} lang={lang} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** The caption's statements, counts and the records it names. */
function CaptionBody({ caption, lang }: { caption: StopCaption; lang: Lang }) {
  return (
    <>
      {caption.lines.map((line) => (
        <p key={line} className="stage-line">
          {line}
        </p>
      ))}
      {caption.note && <p className="stage-note-text">{caption.note}</p>}
      {caption.counts.length > 0 && (
        <dl className="stage-counts" data-testid="stage-counts">
          {caption.counts.map(([label, n]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      )}
      {caption.items.length > 0 && (
        <ul className="stage-items" data-testid="stage-items">
          {caption.items.map((it) => (
            <li key={it.id} data-id={it.id} className={it.park ? 'park' : ''}>
              <span className="name">{it.name}</span>
              <span className="precision">{it.precision}</span>
              {it.matched.length > 0 && <span className="matched">{it.matched.join(lang === 'en' ? ', ' : '、')}</span>}
            </li>
          ))}
          {(caption.more ?? 0) > 0 && <li className="more">{w(lang, 'more', { n: caption.more ?? 0 })}</li>}
        </ul>
      )}
    </>
  );
}

/** Most city figures the overview shows (current ones first; the city card lists them all). */
const OVERVIEW_FIGURES = 4;

/** The city's figures for the chosen directions, each with its year, kind and document date. */
function OverviewFigures({ data, directions, lang }: { data: AppData; directions: string[]; lang: Lang }) {
  const facts = cityFactsFor(data.manifest.facts, directions).slice(0, OVERVIEW_FIGURES);
  return (
    <div className="stage-figures" data-testid="stage-figures">
      <h3>{w(lang, 'figures')}</h3>
      {facts.length > 0 ? <FigureList facts={facts} data={data} lang={lang} /> : <p>{w(lang, 'noFigures')}</p>}
    </div>
  );
}

/** The quoted source lines, each with its document's title and line. */
function CaptionSources({ caption, lang }: { caption: StopCaption; lang: Lang }) {
  if (caption.sources.length === 0) return null;
  return (
    <div className="stage-sources" data-testid="stage-sources">
      {caption.sources.map((s) => (
        <figure key={`${s.doc}-${s.line}-${s.quote}`}>
          <blockquote>{s.quote}</blockquote>
          <figcaption>
            {s.title} · {w(lang, 'line', { n: s.line })}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

/** The legend of only what the stop shows: highlighted districts, parks, the carriers' directions, district-only groups. */
function StageLegend({
  data,
  catalogue,
  lang,
  stop,
  directions,
  view,
}: {
  data: AppData;
  catalogue: LayerCatalogue;
  lang: Lang;
  stop: StopRef;
  directions: string[];
  view: NonNullable<ReturnType<typeof stopView>>;
}) {
  const swatch = (layer: string) => catalogue.legend.find((e) => e.layer === layer)?.swatch;
  const focus = swatch('districts-focus');
  const parks = swatch('parks-symbol');
  const selected = swatch('districts-selected-line');
  const shownKeys = new Set(view.records.flatMap((c) => c.directions_own.map((d) => d.key)));
  const keys = directions.length > 0 ? directions : [];
  const colours = data.manifest.directions.filter((d) => keys.includes(d.key) && shownKeys.has(d.key));
  const unplaced = view.records.some((c) => c.precision === 'district' || c.precision === 'district-set');
  return (
    <div className="stage-legend" data-testid="stage-legend">
      <h3>{w(lang, 'stageLegend')}</h3>
      <ul>
        {directions.length > 0 && stop.type !== 'record' && focus && (
          <li data-entry="focus">
            <SwatchIcon swatch={focus} />
            {w(lang, 'legendFocus')}
          </li>
        )}
        {stop.type === 'district' && selected && (
          <li data-entry="selected">
            <SwatchIcon swatch={selected} />
            {w(lang, 'legendSelected')}
          </li>
        )}
        {view.parks.length > 0 && parks && (
          <li data-entry="parks">
            <SwatchIcon swatch={parks} />
            {w(lang, 'legendParks')}
          </li>
        )}
        {colours.map((d) => (
          <li key={d.key} data-entry={`direction-${d.key}`}>
            <span className="sym carrier" style={{ background: d.colour }} />
            {lang === 'en' ? d.en : d.zh}
          </li>
        ))}
        {unplaced && stop.type !== 'record' && (
          <li data-entry="unplaced">
            <span className="sym group-mark" />
            {w(lang, 'legendUnplaced')}
          </li>
        )}
      </ul>
    </div>
  );
}
