/**
 * The workbench's linked charts, loaded on demand (only through the drawer's `lazy()`): the direction
 * × district matrix and bar charts by direction and by kind, all under the filter and the one
 * counting rule (`analysis/aggregate.ts`). Linked both ways: hovering or focusing a cell or bar
 * highlights its records on the map and in the table (`setHighlight`), clicking pins it; the
 * current highlight, wherever it comes from, and the map's selection are marked in the charts.
 */
import { type CSSProperties, type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { countsByDirection, countsByKind, directionDistrictMatrix } from '../../../analysis/aggregate';
import type { AppData } from '../../../data/load';
import { LIGHT } from '../../../map/theme';
import { useApp, useAppStore } from '../../../state/context';
import type { Highlight } from '../../../state/store';
import { type Lang, nameIn, type StringKey, t } from '../../i18n';
import { chartWord } from '../words';
import { type BarDatum, Bars } from './Bars';
import { type ChartLink, Matrix } from './Matrix';
import { barNamed, highlightedIds, matrixColumns, selectionMarks, togglePin } from './model';
import './charts.css';

/** Props of the charts: the loaded data and the interface language. */
export interface ChartsProps {
  data: AppData;
  lang: Lang;
}

/** Neutral colour of the kind bars (kinds have no colour of their own on the map's fill). */
const KIND_BAR = '#7d8593';

/**
 * What a highlight names, in words (for the status line, read by screen readers): its directions,
 * districts and kinds; a single record by name; a list of records with a district is the matrix's
 * row of records carrying none of the directions.
 */
function describe(h: Highlight, data: AppData, lang: Lang): string {
  const parts: string[] = [];
  for (const k of h.directions ?? []) {
    const d = data.manifest.directions.find((x) => x.key === k);
    parts.push(d ? (lang === 'en' ? d.en : d.zh) : k);
  }
  for (const id of h.districts ?? []) {
    const d = data.districtById.get(id);
    parts.push(d ? nameIn(d, lang) : id);
  }
  for (const k of h.kinds ?? []) parts.push(t(lang, `kind_${k}` as StringKey));
  if (h.ids?.length === 1) {
    const c = data.carrierById.get(h.ids[0]);
    parts.push(c ? nameIn(c, lang) : h.ids[0]);
  } else if (h.ids && parts.length > 0) parts.unshift(chartWord(lang, 'unassigned'));
  else if (h.ids) parts.push(chartWord(lang, 'highlightIds', { n: h.ids.length }));
  return parts.join(' · ');
}

/** The linked charts (default export, for the drawer's `lazy()`). */
export default function Charts({ data, lang }: ChartsProps) {
  const filter = useApp((s) => s.filter);
  const selection = useApp((s) => s.selection);
  const highlight = useApp((s) => s.highlight);
  const setHighlight = useApp((s) => s.setHighlight);
  // A highlight still standing when the charts open (kept from another tool) counts as pinned.
  const store = useAppStore();
  const [pinned, setPinned] = useState<Highlight | null>(() => store.getState().highlight);
  const pinnedRef = useRef<Highlight | null>(null);
  pinnedRef.current = pinned;

  const directionKeys = useMemo(() => data.manifest.directions.map((d) => d.key), [data]);
  const districtIds = useMemo(() => data.manifest.districts.map((d) => d.id), [data]);
  const columns = useMemo(() => matrixColumns(filter, districtIds), [filter, districtIds]);
  const matrix = useMemo(
    () => directionDistrictMatrix(data.carriers, filter, directionKeys, columns),
    [data, filter, directionKeys, columns],
  );
  const byDirection = useMemo(
    () => countsByDirection(data.carriers, filter, directionKeys),
    [data, filter, directionKeys],
  );
  const byKind = useMemo(() => countsByKind(data.carriers, filter), [data, filter]);
  const lit = useMemo(() => highlightedIds(data.carriers, filter, highlight), [data, filter, highlight]);
  const marks = useMemo(() => selectionMarks(selection, matrix), [selection, matrix]);

  // Leaving one cell for the next restores and previews in the same moment: the restore waits a
  // frame and a preview cancels it, so that the map is not asked to clear its rings in between.
  const pendingRestore = useRef<number | null>(null);
  const cancelRestore = useCallback(() => {
    if (pendingRestore.current !== null) cancelAnimationFrame(pendingRestore.current);
    pendingRestore.current = null;
  }, []);
  useEffect(() => cancelRestore, [cancelRestore]);
  const link: ChartLink = useMemo(
    () => ({
      preview: (h) => {
        cancelRestore();
        setHighlight(h);
      },
      restore: () => {
        cancelRestore();
        pendingRestore.current = requestAnimationFrame(() => {
          pendingRestore.current = null;
          setHighlight(pinnedRef.current);
        });
      },
      pin: (h) => {
        cancelRestore();
        const next = togglePin(pinnedRef.current, h);
        pinnedRef.current = next;
        setPinned(next);
        setHighlight(next);
      },
    }),
    [cancelRestore, setHighlight],
  );

  const unpin = () => {
    cancelRestore();
    pinnedRef.current = null;
    setPinned(null);
    setHighlight(null);
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    // Esc clears a pin first; with nothing pinned it is left to the page (e.g. to close a card).
    if (e.key === 'Escape' && pinnedRef.current) {
      e.preventDefault();
      unpin();
    }
  };

  const selectedRecord = marks.record;
  const directionBars: BarDatum[] = byDirection.bars.map((b) => {
    const d = data.manifest.directions.find((x) => x.key === b.key);
    const h: Highlight = { directions: [b.key] };
    return {
      tally: b,
      label: d ? (lang === 'en' ? d.en : d.zh) : b.key,
      colour: d?.colour ?? KIND_BAR,
      highlight: h,
      named: barNamed(highlight, 'directions', b.key),
      highlighted: b.ids.filter((id) => lit.has(id)).length,
      selected: selectedRecord !== null && b.ids.includes(selectedRecord),
    };
  });
  const kindBars: BarDatum[] = byKind.bars.map((b) => ({
    tally: b,
    label: t(lang, `kind_${b.key}` as StringKey),
    colour: KIND_BAR,
    highlight: { kinds: [b.key] },
    named: barNamed(highlight, 'kinds', b.key),
    highlighted: b.ids.filter((id) => lit.has(id)).length,
    selected: selectedRecord !== null && b.ids.includes(selectedRecord),
  }));

  const style = { '--hl': LIGHT.highlight, '--sel': LIGHT.districtLineSelected } as CSSProperties;
  return (
    <section
      className="charts"
      data-testid="charts"
      style={style}
      onKeyDown={onKey}
      aria-label={chartWord(lang, 'chartsTitle')}
    >
      <p className="charts-status" aria-live="polite" data-testid="charts-status">
        {highlight ? (
          <>
            <span className="hl-dot" aria-hidden="true" />
            {chartWord(lang, 'highlightShown', { n: lit.size, what: describe(highlight, data, lang) })}
            {pinned && <span className="tag pinned-tag">{chartWord(lang, 'pinned')}</span>}
          </>
        ) : (
          <span className="muted">{chartWord(lang, 'chartsHint')}</span>
        )}
        {pinned && (
          <button type="button" className="unpin" data-testid="charts-unpin" onClick={unpin}>
            {chartWord(lang, 'unpin')}
          </button>
        )}
      </p>
      {matrix.total.records === 0 ? (
        <p className="note" data-testid="charts-empty">
          {chartWord(lang, 'nothing')}
        </p>
      ) : (
        <div className="charts-body">
          <div className="chart-panel matrix-panel">
            <Matrix
              data={data}
              lang={lang}
              matrix={matrix}
              highlight={highlight}
              pinned={pinned}
              marks={marks}
              link={link}
            />
            <p className="muted matrix-note">{chartWord(lang, 'matrixNote')}</p>
          </div>
          <div className="chart-panel bars-panel">
            <Bars
              lang={lang}
              title={chartWord(lang, 'byDirection')}
              note={`${chartWord(lang, 'barsAxis')} ${chartWord(lang, 'byDirectionNote')}`}
              kind="direction"
              bars={directionBars}
              pinned={pinned}
              link={link}
            />
            <Bars
              lang={lang}
              title={chartWord(lang, 'byKind')}
              kind="kind"
              bars={kindBars}
              pinned={pinned}
              link={link}
            />
          </div>
        </div>
      )}
    </section>
  );
}
