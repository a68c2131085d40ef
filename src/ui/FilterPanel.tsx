/**
 * The filter panel: industry directions (multi-select, any/all) grouped by family under small
 * headings in the current language, inheritance, districts, and the visible count of matching parks
 * and carriers.
 */
import { type ReactNode, useMemo } from 'react';
import { countMatches, directionCounts, EMPTY_FILTER } from '../analysis/filter';
import type { AppData } from '../data/load';
import { DIRECTION_FAMILIES } from '../domain/constants';
import { useApp } from '../state/context';
import { type Lang, nameIn, t } from './i18n';

export interface FilterPanelProps {
  data: AppData;
  lang: Lang;
}

/** A toggle button in a chip list; `data` carries its `data-*` attributes (used by tests). */
function Chip({
  on,
  data,
  onClick,
  children,
}: {
  on: boolean;
  data: Record<`data-${string}`, string>;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <li>
      <button type="button" className={on ? 'chip on' : 'chip'} aria-pressed={on} onClick={onClick} {...data}>
        {children}
      </button>
    </li>
  );
}

const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/**
 * The panel subscribes to the filter itself (the page does not). Counts under the current filter
 * (`countMatches`, the same figures badges and cards show) are made once per filter; the counts per
 * direction do not depend on the chosen directions, so toggling a direction does not recount them.
 */
export function FilterPanel({ data, lang }: FilterPanelProps) {
  const filter = useApp((s) => s.filter);
  const onChange = useApp((s) => s.setFilter);
  const districtIds = useMemo(() => data.manifest.districts.map((d) => d.id), [data]);
  const counts = useMemo(() => countMatches(data.carriers, filter, districtIds), [data, filter, districtIds]);
  const { inherit, districts, kinds } = filter;
  const perDirection = useMemo(
    () => directionCounts(data.carriers, { inherit, districts, kinds }),
    [data, inherit, districts, kinds],
  );
  const { manifest } = data;
  return (
    <section className="panel filter" aria-label={t(lang, 'directions')}>
      <p className="count" data-testid="match-count" data-parks={counts.parks} data-carriers={counts.carriers}>
        <strong>{counts.parks}</strong>/{manifest.counts.parks} {t(lang, 'parks')} · <strong>{counts.carriers}</strong>/
        {manifest.counts.carriers} {t(lang, 'carriers')}
        <span className="muted count-note">
          {' '}
          ({t(lang, 'districtLevel')} {counts.districtLevel})
        </span>
      </p>
      <h2>{t(lang, 'directions')}</h2>
      <div className="mode" role="radiogroup">
        {(['any', 'all'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="mode"
              checked={filter.mode === m}
              onChange={() => onChange({ ...filter, mode: m })}
            />
            {t(lang, m === 'any' ? 'matchAny' : 'matchAll')}
          </label>
        ))}
      </div>
      {DIRECTION_FAMILIES.map((family) => {
        const members = manifest.directions.filter((d) => d.family === family.key);
        if (members.length === 0) return null;
        return (
          <div key={family.key} className="family" data-family={family.key}>
            <h3 className="family-heading" style={{ fontSize: '0.75rem', fontWeight: 600, margin: '0.5rem 0 0.2rem' }}>
              {lang === 'en' ? family.en : family.zh}
            </h3>
            <ul className="chips">
              {members.map((d) => (
                <Chip
                  key={d.key}
                  on={filter.directions.includes(d.key)}
                  data={{ 'data-direction': d.key }}
                  onClick={() => onChange({ ...filter, directions: toggle(filter.directions, d.key) })}
                >
                  <span className="swatch" style={{ background: d.colour }} />
                  {lang === 'en' ? d.en : d.zh}
                  <span className="n">{perDirection[d.key] ?? 0}</span>
                </Chip>
              ))}
            </ul>
          </div>
        );
      })}
      <label className="inherit">
        <input
          type="checkbox"
          checked={filter.inherit}
          onChange={(e) => onChange({ ...filter, inherit: e.target.checked })}
        />
        {t(lang, 'inherit')}
      </label>
      <h2>{t(lang, 'districts')}</h2>
      <ul className="chips">
        {manifest.districts.map((d) => (
          <Chip
            key={d.id}
            on={filter.districts.includes(d.id)}
            data={{ 'data-district': d.id }}
            onClick={() => onChange({ ...filter, districts: toggle(filter.districts, d.id) })}
          >
            {nameIn(d, lang)}
            <span className="n" data-testid="district-chip-count">
              {counts.byDistrict[d.id]?.records ?? 0}
            </span>
          </Chip>
        ))}
      </ul>
      <button type="button" className="reset" onClick={() => onChange(EMPTY_FILTER)}>
        {t(lang, 'reset')}
      </button>
    </section>
  );
}
