/**
 * The results table: every record the filter matches, with its name, districts, kind, directions,
 * location precision and document; sortable by any column. It follows the map both ways: a row
 * chosen selects and frames its record on the map, a record selected on the map marks and scrolls
 * to its row; a chart's highlight marks its rows. It is also the map's accessible twin: every
 * feature is a row reachable by keyboard.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { carrierMatches } from '../../analysis/filter';
import type { AppData } from '../../data/load';
import type { CarrierProps } from '../../domain/built';
import { highlights } from '../../map/mapState';
import { useApp } from '../../state/context';
import { frameOfRecord } from '../../state/framing';
import { type Lang, nameIn, t } from '../i18n';
import { TILED_LIST_MAX, tiledNote } from '../tiledNotes';
import { toolWord as w } from './toolWords';

/** A sortable column. */
type Column = 'name' | 'district' | 'kind' | 'directions' | 'precision' | 'document';
const COLUMNS: readonly Column[] = ['name', 'district', 'kind', 'directions', 'precision', 'document'];

/** Precision from most to least precise: sorting by precision puts sites first. */
const PRECISION_ORDER = ['site', 'area', 'town', 'district', 'district-set'];

/** One row's cells as text, in the current language (what is shown and what is sorted). */
function rowOf(data: AppData, c: CarrierProps, lang: Lang): Record<Column, string> {
  const district = c.districts.map((id) => {
    const d = data.districtById.get(id);
    return d ? nameIn(d, lang) : id;
  });
  const dirs = c.directions_own.map((o) => {
    const d = data.manifest.directions.find((x) => x.key === o.key);
    return d ? (lang === 'en' ? d.en : d.zh) : o.key;
  });
  const doc = data.manifest.sources.find((s) => s.id === c.sources[0]?.doc);
  return {
    name: nameIn(c, lang),
    district: district.join(lang === 'en' ? ', ' : '、'),
    kind: t(lang, `kind_${c.kind}` as const),
    directions: dirs.join(lang === 'en' ? ', ' : '、'),
    precision: t(lang, `precision_${c.precision}` as const),
    document: doc ? (lang === 'en' ? doc.short_en : doc.short_zh) : '',
  };
}

/** The results table for the store's filter, selection and highlight. */
export function ResultsTable({ data, lang }: { data: AppData; lang: Lang }) {
  const filter = useApp((s) => s.filter);
  const selection = useApp((s) => s.selection);
  const highlight = useApp((s) => s.highlight);
  const selectRecord = useApp((s) => s.selectRecord);
  const setHighlight = useApp((s) => s.setHighlight);
  const [sort, setSort] = useState<{ by: Column; descending: boolean }>({ by: 'district', descending: false });
  const body = useRef<HTMLTableSectionElement>(null);

  const rows = useMemo(() => {
    const matching = data.carriers.filter((c) => carrierMatches(c, filter));
    const withText = matching.map((c) => ({ c, text: rowOf(data, c, lang) }));
    const collator = new Intl.Collator(lang === 'en' ? 'en' : 'zh-Hans-CN');
    const key = (r: (typeof withText)[number]) =>
      sort.by === 'precision' ? String(PRECISION_ORDER.indexOf(r.c.precision)) : r.text[sort.by];
    withText.sort((a, b) => collator.compare(key(a), key(b)) || collator.compare(a.text.name, b.text.name));
    if (sort.descending) withText.reverse();
    return withText;
  }, [data, filter, lang, sort]);

  const selected = selection?.type === 'record' ? selection.id : null;
  // A record selected on the map: its row comes into view.
  useEffect(() => {
    if (!selected) return;
    body.current?.querySelector(`tr[data-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const choose = (id: string) => selectRecord(id, frameOfRecord(data, id));
  return (
    <div className="results" data-testid="results">
      <p className="results-count" data-testid="results-count" data-count={rows.length}>
        {w(lang, 'resultsCount', { n: rows.length })}
      </p>
      {data.tiled && rows.length > TILED_LIST_MAX && <p className="note">{tiledNote(data, 'list', lang)}</p>}
      <table className="results-table" data-testid="results-table">
        <caption className="visually-hidden">{w(lang, 'resultsCaption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => (
              <th
                key={col}
                scope="col"
                aria-sort={sort.by === col ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  data-sort={col}
                  onClick={() => setSort((s) => ({ by: col, descending: s.by === col ? !s.descending : false }))}
                >
                  {w(lang, `col_${col}`)}
                  <span aria-hidden="true">{sort.by === col ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} onMouseLeave={() => setHighlight(null)}>
          {(data.tiled ? rows.slice(0, TILED_LIST_MAX) : rows).map(({ c, text }) => {
            const hl = highlight !== null && highlights(highlight, c, filter.inherit);
            return (
              <tr
                key={c.id}
                data-id={c.id}
                data-hl={hl}
                aria-selected={selected === c.id}
                className={`${selected === c.id ? 'selected' : ''} ${hl ? 'hl' : ''}`.trim()}
                onMouseEnter={() => setHighlight({ ids: [c.id] })}
              >
                <th scope="row">
                  <button type="button" className="row-link" onClick={() => choose(c.id)}>
                    {c.park && <span aria-hidden="true">★ </span>}
                    {text.name}
                  </button>
                </th>
                <td>{text.district}</td>
                <td>{text.kind}</td>
                <td>{text.directions}</td>
                <td>{text.precision}</td>
                <td>{text.document}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
