/**
 * The direction × district matrix as an HTML table styled as a heat map: rows are directions
 * grouped by family, columns districts, each cell the count of matching records (printed, and
 * coloured by a sequential scale), ★ where a city park is counted, row and column totals. The table
 * is its own text equivalent (`<th scope>` headers, a caption); it is one tab stop, arrow keys move
 * between cells (roving tabindex), and every cell previews its highlight on hover or focus and pins
 * it on click, Enter or Space.
 */
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { DirectionDistrictMatrix, Tally } from '../../../analysis/aggregate';
import type { AppData } from '../../../data/load';
import type { Highlight } from '../../../state/store';
import { type Lang, nameIn } from '../../i18n';
import { chartWord } from '../words';
import {
  cellNamed,
  columnLabel,
  familyGroups,
  type GridPos,
  heatFill,
  heatInk,
  legendSteps,
  moveInGrid,
  type SelectionMarks,
  sameHighlight,
} from './model';

/** How a chart tells the charts' host what the pointer or the keyboard is on. */
export interface ChartLink {
  /** The pointer or focus is on something: show its highlight for now. */
  preview: (h: Highlight) => void;
  /** The pointer or focus left: back to the pinned highlight (or none). */
  restore: () => void;
  /** Click, Enter or Space: pin this highlight, or unpin it when it is the one pinned. */
  pin: (h: Highlight) => void;
}

export interface MatrixProps {
  data: AppData;
  lang: Lang;
  matrix: DirectionDistrictMatrix;
  /** The store's current highlight (from a chart, or from the table). */
  highlight: Highlight | null;
  /** The highlight pinned by a click, if any. */
  pinned: Highlight | null;
  /** What the map's selection marks. */
  marks: SelectionMarks;
  link: ChartLink;
}

/** One focusable cell of the grid, with what it highlights. */
interface GridCell {
  tally: Tally;
  highlight: Highlight;
  direction: string | null;
  district: string | null;
}

/** The direction × district heat table (`data-testid="chart-matrix"`). */
export function Matrix({ data, lang, matrix, highlight, pinned, marks, link }: MatrixProps) {
  const groups = useMemo(
    () => familyGroups(matrix.directions, data.manifest.directions),
    [matrix.directions, data.manifest.directions],
  );
  const directionName = (k: string) => {
    const d = data.manifest.directions.find((x) => x.key === k);
    return d ? (lang === 'en' ? d.en : d.zh) : k;
  };
  const districtName = (id: string) => {
    const d = data.districtById.get(id);
    return d ? nameIn(d, lang) : id;
  };
  const kindOf = (id: string) => data.carrierById.get(id)?.kind;
  const max = Math.max(0, ...matrix.directions.flatMap((k) => matrix.districts.map((d) => matrix.cells[k][d].records)));
  const showUnassigned = matrix.unassignedTotal.records > 0;

  // The grid of focusable cells, row by row as drawn: the direction rows (family by family), the
  // unassigned row when it has records, then the column totals; each row ends with its total.
  const grid = useMemo(() => {
    const rows: GridCell[][] = [];
    for (const g of groups)
      for (const dir of g.rows)
        rows.push([
          ...matrix.districts.map((d) => ({
            tally: matrix.cells[dir.key][d],
            highlight: { directions: [dir.key], districts: [d] },
            direction: dir.key,
            district: d,
          })),
          {
            tally: matrix.rowTotals[dir.key],
            highlight: { directions: [dir.key] },
            direction: dir.key,
            district: null,
          },
        ]);
    if (showUnassigned)
      rows.push([
        ...matrix.districts.map((d) => ({
          tally: matrix.unassigned[d],
          highlight: { districts: [d], ids: matrix.unassigned[d].ids },
          direction: null,
          district: d,
        })),
        {
          tally: matrix.unassignedTotal,
          highlight: { ids: matrix.unassignedTotal.ids },
          direction: null,
          district: null,
        },
      ]);
    rows.push([
      ...matrix.districts.map((d) => ({
        tally: matrix.columnTotals[d],
        highlight: { districts: [d] },
        direction: null,
        district: d,
      })),
      { tally: matrix.total, highlight: { ids: matrix.total.ids }, direction: null, district: null },
    ]);
    return rows;
  }, [groups, matrix, showUnassigned]);

  const [active, setActive] = useState<GridPos>([0, 0]);
  const at: GridPos = [Math.min(active[0], grid.length - 1), Math.min(active[1], matrix.districts.length)];
  const table = useRef<HTMLTableElement>(null);

  const onKey = (e: KeyboardEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (!cell) return;
    const pos: GridPos = [Number(cell.dataset.r), Number(cell.dataset.c)];
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      link.pin(grid[pos[0]][pos[1]].highlight);
      return;
    }
    const next = moveInGrid(pos, e.key, grid.length, matrix.districts.length + 1, e.ctrlKey || e.metaKey);
    if (!next) return;
    e.preventDefault();
    setActive(next);
    table.current?.querySelector<HTMLElement>(`[data-r="${next[0]}"][data-c="${next[1]}"]`)?.focus();
  };

  /** A focusable cell's handlers and state attributes. */
  const interactive = (r: number, c: number) => {
    const g = grid[r][c];
    const named = cellNamed(highlight, g.direction, g.district, g.tally.ids, kindOf);
    return {
      'data-r': r,
      'data-c': c,
      'data-count': g.tally.records,
      'data-hl': named ? 'true' : undefined,
      'data-pinned': sameHighlight(pinned, g.highlight) ? 'true' : undefined,
      'aria-selected': sameHighlight(pinned, g.highlight),
      tabIndex: at[0] === r && at[1] === c ? 0 : -1,
      onMouseEnter: () => link.preview(g.highlight),
      onMouseLeave: link.restore,
      onFocus: () => {
        setActive([r, c]);
        link.preview(g.highlight);
      },
      onBlur: link.restore,
      onClick: () => link.pin(g.highlight),
    };
  };

  const parksNote = (t: Tally) => (t.parks > 0 ? chartWord(lang, 'cellParks', { n: t.parks }) : '');
  const count = (t: Tally) =>
    t.records === 0 ? (
      <>
        <span aria-hidden="true">·</span>
        <span className="sr-only">0</span>
      </>
    ) : (
      <>
        {t.records}
        {t.parks > 0 && (
          <span className="park-mark" aria-hidden="true">
            ★
          </span>
        )}
        {t.parks > 0 && <span className="sr-only">{parksNote(t)}</span>}
      </>
    );

  let r = -1;
  const columns = matrix.districts.length + 2;
  return (
    // The APG "data grid": a real table (its own text equivalent) whose cells are one tab stop.
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an interactive table is a grid.
    <table className="heat" data-testid="chart-matrix" role="grid" ref={table} onKeyDown={onKey}>
      <caption>
        <span className="chart-title">{chartWord(lang, 'matrixTitle')}</span>
        <span className="heat-key" aria-hidden="true">
          <span className="muted">{chartWord(lang, 'scaleLabel')}</span>
          {legendSteps(max).map((n) => (
            <span
              key={n}
              className="heat-step"
              style={{ background: heatFill(n, max), color: heatInk(heatFill(n, max)) }}
            >
              {n}
            </span>
          ))}
          <span className="muted">{chartWord(lang, 'cityParkMark')}</span>
          <span className="key-hl">{chartWord(lang, 'legendHighlight')}</span>
          <span className="key-sel">{chartWord(lang, 'legendSelected')}</span>
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col" className="corner">
            {chartWord(lang, 'matrixCorner')}
          </th>
          {matrix.districts.map((id) => {
            const d = data.districtById.get(id);
            const selected = marks.columns.has(id);
            return (
              <th
                key={id}
                scope="col"
                data-col={id}
                data-selected={selected ? 'true' : undefined}
                title={d ? nameIn(d, lang) : id}
              >
                {d ? columnLabel(d, lang) : id}
                {selected && <span className="sr-only">{chartWord(lang, 'selectedColumn')}</span>}
              </th>
            );
          })}
          <th scope="col" className="total">
            {chartWord(lang, 'total')}
          </th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.family} data-family={g.family}>
          {groups.length > 1 && (
            <tr className="family">
              <th scope="rowgroup" colSpan={columns}>
                {lang === 'en' ? g.en : g.zh}
              </th>
            </tr>
          )}
          {g.rows.map((dir) => {
            r += 1;
            const row = r;
            return (
              <tr key={dir.key} data-row={dir.key}>
                <th scope="row">
                  <span className="swatch" style={{ background: dir.colour }} />
                  {directionName(dir.key)}
                </th>
                {matrix.districts.map((d, c) => {
                  const t = matrix.cells[dir.key][d];
                  const fill = heatFill(t.records, max);
                  const selected = marks.cells.has(`${dir.key}|${d}`);
                  return (
                    <td
                      key={d}
                      data-cell={`${dir.key}|${d}`}
                      data-parks={t.parks}
                      data-col-selected={marks.columns.has(d) ? 'true' : undefined}
                      data-selected={selected ? 'true' : undefined}
                      className={t.records === 0 ? 'zero' : undefined}
                      style={{ background: fill, color: t.records > 0 ? heatInk(fill) : undefined }}
                      title={`${chartWord(lang, 'cellLabel', { direction: directionName(dir.key), district: districtName(d), n: t.records })}${parksNote(t)}`}
                      {...interactive(row, c)}
                    >
                      {count(t)}
                      {selected && <span className="sr-only">{chartWord(lang, 'selectedRecordCell')}</span>}
                    </td>
                  );
                })}
                <td
                  className="total"
                  data-row-total={dir.key}
                  title={chartWord(lang, 'rowTotalLabel', {
                    direction: directionName(dir.key),
                    n: matrix.rowTotals[dir.key].records,
                  })}
                  {...interactive(row, matrix.districts.length)}
                >
                  {count(matrix.rowTotals[dir.key])}
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
      {showUnassigned && (
        <tbody className="unassigned">
          {(() => {
            r += 1;
            const row = r;
            return (
              <tr>
                <th scope="row" title={chartWord(lang, 'unassignedNote')}>
                  {chartWord(lang, 'unassigned')}
                </th>
                {matrix.districts.map((d, c) => (
                  <td
                    key={d}
                    data-unassigned-cell={d}
                    data-col-selected={marks.columns.has(d) ? 'true' : undefined}
                    className="plain"
                    {...interactive(row, c)}
                  >
                    {count(matrix.unassigned[d])}
                  </td>
                ))}
                <td className="total" {...interactive(row, matrix.districts.length)}>
                  {count(matrix.unassignedTotal)}
                </td>
              </tr>
            );
          })()}
        </tbody>
      )}
      <tfoot>
        <tr>
          <th scope="row">{chartWord(lang, 'columnTotal')}</th>
          {matrix.districts.map((d, c) => (
            <td
              key={d}
              className="total"
              data-col-total={d}
              data-col-selected={marks.columns.has(d) ? 'true' : undefined}
              title={chartWord(lang, 'columnTotalLabel', {
                district: districtName(d),
                n: matrix.columnTotals[d].records,
              })}
              {...interactive(grid.length - 1, c)}
            >
              {count(matrix.columnTotals[d])}
            </td>
          ))}
          <td className="total" data-total="" {...interactive(grid.length - 1, matrix.districts.length)}>
            {count(matrix.total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
