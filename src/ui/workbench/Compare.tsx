/**
 * Compare districts side by side: the districts are chosen with checkboxes (or by Shift-clicking
 * them on the map), and the choice is the store's district selection, so that the map outlines and
 * frames them and the link keeps them. One table column per district: 类别, focus directions with
 * those shared by every chosen district and those unique to one marked in words, city parks, counts
 * by kind and by direction under the filter, and the headline figures with their year and status.
 */
import { useMemo } from 'react';
import { compareDistricts, type DistrictComparisonColumn } from '../../analysis/aggregate';
import { countMatches } from '../../analysis/filter';
import type { AppData } from '../../data/load';
import { useApp } from '../../state/context';
import { frameOfDistricts } from '../../state/framing';
import { FigureList } from '../DetailCard';
import { type Lang, nameIn, type StringKey, t } from '../i18n';
import { chartWord } from './words';
import './compare.css';

/** Props of the comparison: the loaded data and the interface language. */
export interface CompareProps {
  data: AppData;
  lang: Lang;
}

/** How a focus direction stands among the chosen districts. */
type Share = 'shared' | 'unique' | 'some';

const shareOf = (col: DistrictComparisonColumn, key: string): Share =>
  col.shared.includes(key) ? 'shared' : col.unique.includes(key) ? 'unique' : 'some';

/** Shared directions first, so that they line up across the columns; unique ones last. */
const SHARE_ORDER: Record<Share, number> = { shared: 0, some: 1, unique: 2 };

/** A district's focus directions, shared first and unique last, each group in the table's order. */
const focusInOrder = (col: DistrictComparisonColumn) =>
  col.focus
    .map((k, i) => ({ k, i, share: shareOf(col, k) }))
    .sort((a, b) => SHARE_ORDER[a.share] - SHARE_ORDER[b.share] || a.i - b.i);

/** A count with a small bar scaled to the largest count of its row, so that the row reads at a glance. */
function CountCell({ n, max }: { n: number; max: number }) {
  return (
    <span className="cmp-count">
      <span className="cmp-n">{n}</span>
      <span className="cmp-track" aria-hidden="true">
        <span className="cmp-bar" style={{ width: `${max > 0 ? (n / max) * 100 : 0}%` }} />
      </span>
    </span>
  );
}

/** The district comparison (`data-testid="compare"`); see the module comment. */
export function Compare({ data, lang }: CompareProps) {
  const selection = useApp((s) => s.selection);
  const filter = useApp((s) => s.filter);
  const selectDistricts = useApp((s) => s.selectDistricts);
  const ids = useMemo(() => (selection?.type === 'districts' ? selection.ids : []), [selection]);
  const directions = data.manifest.directions;
  const directionKeys = useMemo(() => directions.map((d) => d.key), [directions]);
  const districtIds = useMemo(() => data.manifest.districts.map((d) => d.id), [data]);
  const counts = useMemo(() => countMatches(data.carriers, filter, districtIds), [data, filter, districtIds]);
  // The figures' status (a target whose year has passed) is read against today, once per opening.
  const today = useMemo(() => new Date(), []);
  const comparison = useMemo(
    () =>
      ids.length >= 2
        ? compareDistricts(
            data.carriers,
            data.manifest.districts,
            data.manifest.facts,
            filter,
            ids,
            today,
            directionKeys,
          )
        : null,
    [data, filter, ids, today, directionKeys],
  );

  const choose = (next: string[]) => selectDistricts(next, frameOfDistricts(data, next));
  const toggle = (id: string, on: boolean) => choose(on ? [...ids, id] : ids.filter((x) => x !== id));
  const directionName = (k: string) => {
    const d = directions.find((x) => x.key === k);
    return d ? (lang === 'en' ? d.en : d.zh) : k;
  };
  const categoryName = (col: DistrictComparisonColumn, i: number) => {
    if (lang === 'zh') return col.category_terms[i] ?? col.category_keys[i];
    return data.manifest.categories.find((c) => c.key === col.category_keys[i])?.en ?? col.category_terms[i];
  };

  const cols = comparison?.districts ?? [];
  const rowMax = (f: (c: DistrictComparisonColumn) => number) => Math.max(0, ...cols.map(f));
  const directionRows = comparison ? comparison.directions.filter((k) => cols.some((c) => c.byDirection[k] > 0)) : [];
  const hiddenDirections = comparison ? comparison.directions.length - directionRows.length : 0;
  const kinds = comparison ? Object.keys(cols[0]?.byKind ?? {}) : [];
  const span = cols.length + 1;

  return (
    <section className="compare" data-testid="compare" aria-label={chartWord(lang, 'compareTitle')}>
      <fieldset className="compare-pick">
        <legend>{chartWord(lang, 'comparePick')}</legend>
        {data.manifest.districts.map((d) => (
          <label key={d.id} className={ids.includes(d.id) ? 'on' : undefined}>
            <input
              type="checkbox"
              data-compare-pick={d.id}
              checked={ids.includes(d.id)}
              onChange={(e) => toggle(d.id, e.target.checked)}
            />
            {nameIn(d, lang)} <span className="muted">{counts.byDistrict[d.id]?.records ?? 0}</span>
          </label>
        ))}
        {ids.length > 0 && (
          <button type="button" className="compare-clear" onClick={() => choose([])}>
            {chartWord(lang, 'compareClear')}
          </button>
        )}
      </fieldset>
      {!comparison ? (
        <p className="note" data-testid="compare-hint">
          {chartWord(lang, ids.length === 0 ? 'compareNone' : 'compareMore')}
        </p>
      ) : (
        // A region that scrolls both ways: focusable, so that the keyboard can scroll it (WCAG 2.1.1).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to be scrolled by keys.
        <section className="compare-scroll" tabIndex={0} aria-label={chartWord(lang, 'compareTitle')}>
          <table className="compare-table">
            <caption className="sr-only">{chartWord(lang, 'compareTitle')}</caption>
            <thead>
              <tr>
                <th scope="col" className="aspect">
                  {chartWord(lang, 'compareAspect')}
                </th>
                {cols.map((c) => (
                  <th key={c.id} scope="col" data-compare-district={c.id}>
                    {lang === 'en' ? c.name_en : c.name_zh}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr data-aspect="category">
                <th scope="row">{chartWord(lang, 'category')}</th>
                {cols.map((c) => (
                  <td key={c.id} data-compare-district={c.id}>
                    {c.category_keys.map((k, i) => (
                      <span key={k} className="tag" data-category={k}>
                        {categoryName(c, i)}
                      </span>
                    ))}
                  </td>
                ))}
              </tr>
              <tr data-aspect="focus">
                <th scope="row">
                  {chartWord(lang, 'focus')}
                  <span className="cmp-key">
                    <span className="share-tag shared">{chartWord(lang, 'sharedTag')}</span>{' '}
                    {chartWord(lang, 'focusShared')}
                  </span>
                  <span className="cmp-key">
                    <span className="share-tag unique">{chartWord(lang, 'uniqueTag')}</span>{' '}
                    {chartWord(lang, 'focusUnique')}
                  </span>
                </th>
                {cols.map((c) => (
                  <td key={c.id} data-compare-district={c.id}>
                    <ul className="focus-list">
                      {focusInOrder(c).map(({ k, share }) => {
                        const d = directions.find((x) => x.key === k);
                        return (
                          <li key={k} data-direction={k} data-share={share} className={`focus-${share}`}>
                            <span className="swatch" style={{ background: d?.colour }} />
                            {directionName(k)}
                            {share !== 'some' && (
                              <span className={`share-tag ${share}`}>
                                {chartWord(lang, share === 'shared' ? 'sharedTag' : 'uniqueTag')}
                              </span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                ))}
              </tr>
              <tr data-aspect="parks">
                <th scope="row">{chartWord(lang, 'cityParks')}</th>
                {cols.map((c) => (
                  <td key={c.id} data-compare-district={c.id}>
                    {c.cityParks.length === 0 ? (
                      <span className="muted">{chartWord(lang, 'none')}</span>
                    ) : (
                      <ul className="park-list">
                        {c.cityParks.map((id) => {
                          const p = data.carrierById.get(id);
                          return (
                            <li key={id} data-id={id}>
                              ★ {p ? nameIn(p, lang) : id}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                ))}
              </tr>
              <tr data-aspect="records">
                <th scope="row">{chartWord(lang, 'records')}</th>
                {cols.map((c) => (
                  <td key={c.id} data-compare-district={c.id} data-count={c.counts.records}>
                    <CountCell n={c.counts.records} max={rowMax((x) => x.counts.records)} />
                    <span className="muted cmp-detail">
                      {chartWord(lang, 'recordsDetail', { unplaced: c.counts.unplaced, spanning: c.counts.spanning })}
                    </span>
                  </td>
                ))}
              </tr>
            </tbody>
            <tbody data-aspect="kinds">
              <tr className="group">
                <th scope="rowgroup" colSpan={span}>
                  {chartWord(lang, 'kinds')}
                </th>
              </tr>
              {kinds.map((k) => (
                <tr key={k} data-kind={k}>
                  <th scope="row">{t(lang, `kind_${k}` as StringKey)}</th>
                  {cols.map((c) => (
                    <td key={c.id} data-compare-district={c.id} data-count={c.byKind[k]}>
                      <CountCell n={c.byKind[k]} max={rowMax((x) => x.byKind[k])} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tbody data-aspect="directions">
              <tr className="group">
                <th scope="rowgroup" colSpan={span}>
                  {chartWord(lang, 'directions')}
                </th>
              </tr>
              {directionRows.map((k) => (
                <tr key={k} data-direction-row={k}>
                  <th scope="row">
                    <span className="swatch" style={{ background: directions.find((x) => x.key === k)?.colour }} />
                    {directionName(k)}
                  </th>
                  {cols.map((c) => (
                    <td key={c.id} data-compare-district={c.id} data-count={c.byDirection[k]}>
                      <CountCell n={c.byDirection[k]} max={rowMax((x) => x.byDirection[k])} />
                    </td>
                  ))}
                </tr>
              ))}
              {hiddenDirections > 0 && (
                <tr className="hidden-note">
                  <td colSpan={span} className="muted">
                    {chartWord(lang, 'directionsHidden', { n: hiddenDirections })}
                  </td>
                </tr>
              )}
            </tbody>
            <tbody data-aspect="figures">
              <tr>
                <th scope="row">{chartWord(lang, 'figures')}</th>
                {cols.map((c) => (
                  <td key={c.id} data-compare-district={c.id} data-testid="compare-figures">
                    {c.facts.length === 0 ? (
                      <span className="muted">{chartWord(lang, 'noFigures')}</span>
                    ) : (
                      <FigureList facts={c.facts} data={data} lang={lang} today={today} />
                    )}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="note">{chartWord(lang, 'followsFilter')}</p>
        </section>
      )}
    </section>
  );
}
