/**
 * A horizontal bar chart drawn by React into an SVG with d3 scales: one bar per key (a direction or
 * a kind), its count printed at its end, an axis of counts on top. Each bar is a focusable button
 * (one tab stop per chart, arrow keys move between bars) whose accessible name gives the label and
 * the numbers, so the chart reads as a list. The part of a bar the current highlight rings is drawn
 * over it in the map's highlight style.
 */
import { max as d3max, scaleBand, scaleLinear } from 'd3';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { KeyedTally } from '../../../analysis/aggregate';
import type { Highlight } from '../../../state/store';
import type { Lang } from '../../i18n';
import { chartWord } from '../words';
import type { ChartLink } from './Matrix';
import { fitLabel, labelWidth, sameHighlight } from './model';

/** One bar: its tally, label, colour, and what it highlights. */
export interface BarDatum {
  tally: KeyedTally;
  label: string;
  colour: string;
  highlight: Highlight;
  /** Whether the current highlight names this bar. */
  named: boolean;
  /** How many of its records the current highlight rings. */
  highlighted: number;
  /** Whether it counts the record selected on the map. */
  selected: boolean;
}

export interface BarsProps {
  lang: Lang;
  title: string;
  /** A line under the title (how the bars count), or none. */
  note?: string;
  /** `direction` or `kind`: names the bars' test attribute (`data-bar-direction` / `data-bar-kind`). */
  kind: 'direction' | 'kind';
  bars: BarDatum[];
  pinned: Highlight | null;
  link: ChartLink;
}

const FONT_PX = 12;
const BAND_PX = 20;
/** Row height when labels sit above their bars (labels too long for a gutter beside them). */
const STACKED_BAND_PX = 32;
/** Of a stacked row, the label line's height: the bar starts below it. */
const STACKED_LABEL_PX = 15;
/** A gutter beside the bars takes at most this share of the chart's width. */
const GUTTER_SHARE = 0.45;
const AXIS_PX = 22;
const VALUE_PX = 34;

/** Follows an element's content width (CSS px); `fallback` until the first measurement. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** A bar chart of counts (see the module comment). */
export function Bars({ lang, title, note, kind, bars, pinned, link }: BarsProps) {
  const [wrap, width] = useWidth(320);
  const [active, setActive] = useState(0);
  const svg = useRef<SVGSVGElement>(null);
  // Labels go in a gutter beside the bars when they fit there; otherwise each label sits on its own
  // line above its bar, in full, so that no name is cut.
  const widest = Math.ceil(Math.max(0, ...bars.map((b) => labelWidth(b.label, FONT_PX)))) + 10;
  const stacked = widest > Math.floor(width * GUTTER_SHARE);
  const gutter = stacked ? 2 : widest;
  const rowPx = stacked ? STACKED_BAND_PX : BAND_PX;
  const height = AXIS_PX + bars.length * rowPx + 4;
  const top = d3max(bars, (b) => b.tally.records) ?? 0;
  const x = scaleLinear()
    .domain([0, Math.max(top, 1)])
    .nice()
    .range([gutter, Math.max(gutter + 40, width - VALUE_PX)]);
  const y = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([AXIS_PX, AXIS_PX + bars.length * rowPx])
    .paddingInner(stacked ? 0.1 : 0.22)
    .paddingOuter(stacked ? 0.05 : 0.11);
  const ticks = x.ticks(Math.max(2, Math.floor((width - gutter) / 70))).filter(Number.isInteger);
  const current = Math.min(active, bars.length - 1);
  const attr = kind === 'direction' ? 'data-bar-direction' : 'data-bar-kind';

  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const i = Number((e.target as Element).closest('[data-i]')?.getAttribute('data-i'));
    if (Number.isNaN(i)) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      link.pin(bars[i].highlight);
      return;
    }
    const next =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? bars.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const to = Math.min(Math.max(next, 0), bars.length - 1);
    setActive(to);
    svg.current?.querySelector<SVGGElement>(`[data-i="${to}"]`)?.focus();
  };

  return (
    <figure className="bars" data-chart={kind}>
      <figcaption>
        <span className="chart-title">{title}</span>
        {note && <span className="muted"> {note}</span>}
      </figcaption>
      <div ref={wrap} className="bars-wrap">
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG element cannot be a <fieldset>. */}
        <svg ref={svg} width={width} height={height} role="group" aria-label={title} onKeyDown={onKey}>
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the axis holds no focusable element; the bars carry the numbers. */}
          <g className="axis" aria-hidden="true">
            {ticks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y1={AXIS_PX - 4} y2={height} />
                <text y={AXIS_PX - 8} textAnchor="middle">
                  {t}
                </text>
              </g>
            ))}
          </g>
          {bars.map((b, i) => {
            const top = y(i) ?? 0;
            // The bar's own band: the whole row, or below the label line when stacked.
            const barTop = stacked ? STACKED_LABEL_PX : 0;
            const band = y.bandwidth() - barTop;
            const pinnedHere = sameHighlight(pinned, b.highlight);
            const name = `${chartWord(lang, 'barLabel', { name: b.label, n: b.tally.records })}${
              b.highlighted > 0 && !b.named ? chartWord(lang, 'barHighlighted', { n: b.highlighted }) : ''
            }`;
            return (
              // A focusable SVG group acting as a button. Its name is its visible text (label and count,
              // WCAG 2.5.3); the sentence with the highlighted share is its description.
              // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>.
              <g
                key={b.tally.key}
                role="button"
                tabIndex={i === current ? 0 : -1}
                aria-pressed={pinnedHere}
                className="bar"
                data-i={i}
                data-count={b.tally.records}
                data-hl={b.named ? 'true' : undefined}
                data-pinned={pinnedHere ? 'true' : undefined}
                data-selected={b.selected ? 'true' : undefined}
                transform={`translate(0,${top})`}
                {...{ [attr]: b.tally.key }}
                onMouseEnter={() => link.preview(b.highlight)}
                onMouseLeave={link.restore}
                onFocus={() => {
                  setActive(i);
                  link.preview(b.highlight);
                }}
                onBlur={link.restore}
                onClick={() => link.pin(b.highlight)}
              >
                <desc>{name}</desc>
                <rect className="hit" x={0} y={-2} width={width} height={y.bandwidth() + 4} />
                {stacked ? (
                  <text className="label" x={gutter} y={STACKED_LABEL_PX - 4}>
                    {fitLabel(b.label, width - gutter, FONT_PX)}
                  </text>
                ) : (
                  <text className="label" x={gutter - 6} y={band / 2} dy="0.35em" textAnchor="end">
                    {b.label}
                  </text>
                )}
                <rect
                  className="fill"
                  x={gutter}
                  y={barTop}
                  width={Math.max(0, x(b.tally.records) - gutter)}
                  height={band}
                  fill={b.colour}
                />
                {b.highlighted > 0 && (
                  <rect
                    className="hl"
                    x={gutter}
                    y={barTop}
                    width={Math.max(2, x(b.highlighted) - gutter)}
                    height={band}
                  />
                )}
                <text className="value" x={x(b.tally.records) + 4} y={barTop + band / 2} dy="0.35em">
                  {b.tally.records}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
