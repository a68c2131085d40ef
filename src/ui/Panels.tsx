/**
 * Overview panels opened from the header: the city card (counts and headline figures, following the
 * filter's directions). The data-quality report, the other panel, is `QualityPanel.tsx`, loaded
 * only when it is first opened.
 */
import { useMemo } from 'react';
import { cityFactsFor } from '../analysis/facts';
import { countMatches, districtFocusMatches } from '../analysis/filter';
import type { AppData } from '../data/load';
import { useApp } from '../state/context';
import { Card } from './Card';
import { FigureGroups } from './DetailCard';
import { type Lang, t } from './i18n';

/** Props of a header panel. */
export interface PanelProps {
  data: AppData;
  lang: Lang;
  onCarrier: (id: string) => void;
  onClose: () => void;
}

/**
 * The city card: what the map holds, and the city-wide headline figures with their sources. It
 * follows the filter's directions: with none chosen, the whole city's counts and every city figure;
 * with some, the chosen directions' names, the records, city parks and districts that match (the
 * one counting rule, `countMatches`, so the totals agree with the filter panel), and only the
 * figures tagged with a chosen direction (`cityFactsFor`), or a line saying the documents give none.
 * Either way current figures come first and targets whose year has passed are collapsed after them.
 */
export function CityCard({ data, lang, onClose }: PanelProps) {
  const filter = useApp((s) => s.filter);
  const c = data.manifest.counts;
  const chosen = filter.directions;
  const districtIds = useMemo(() => data.manifest.districts.map((d) => d.id), [data]);
  const matching = useMemo(
    () => (chosen.length === 0 ? null : countMatches(data.carriers, filter, districtIds)),
    [data, filter, chosen, districtIds],
  );
  // Districts whose table row lists the chosen directions (any or all of them, as the filter's mode
  // says), among the chosen districts when there are some.
  const focusDistricts = data.manifest.districts.filter((d) => {
    if (filter.districts.length > 0 && !filter.districts.includes(d.id)) return false;
    const n = districtFocusMatches(d, filter).length;
    return filter.mode === 'all' ? n === chosen.length : n > 0;
  }).length;
  const facts = useMemo(() => cityFactsFor(data.manifest.facts, chosen), [data, chosen]);
  const directions = data.manifest.directions.filter((d) => chosen.includes(d.key));
  return (
    <Card lang={lang} title={t(lang, 'city')} onClose={onClose} data={{ 'data-testid': 'card', 'data-kind': 'city' }}>
      {matching === null ? (
        <p className="alt" data-testid="city-counts" data-records={c.carriers} data-parks={c.parks}>
          {c.districts} {t(lang, 'districts')} · {c.parks} {t(lang, 'parks')} · {c.carriers} {t(lang, 'records')}
        </p>
      ) : (
        <>
          <p className="alt" data-testid="city-directions">
            {t(lang, 'cityChosen')}
            {lang === 'en' ? ': ' : '：'}
            {directions.map((d) => (
              <span key={d.key} className="tag" data-direction={d.key}>
                <span className="swatch" style={{ background: d.colour }} />
                {lang === 'en' ? d.en : d.zh}
              </span>
            ))}
          </p>
          <table
            className="counts"
            data-testid="city-counts"
            data-records={matching.carriers}
            data-parks={matching.parks}
            data-districts={focusDistricts}
          >
            <tbody>
              <tr>
                <td>{t(lang, 'cityRecordsMatching')}</td>
                <td>{matching.carriers}</td>
              </tr>
              <tr>
                <td>{t(lang, 'cityParksMatching')}</td>
                <td>{matching.parks}</td>
              </tr>
              <tr>
                <td>{t(lang, 'cityFocusDistricts')}</td>
                <td>{focusDistricts}</td>
              </tr>
            </tbody>
          </table>
          {(filter.districts.length > 0 || filter.kinds.length > 0) && (
            <p className="note">{t(lang, 'cityCountsFilter')}</p>
          )}
        </>
      )}
      <h3>{t(lang, 'facts')}</h3>
      {facts.length === 0 ? (
        <p className="note" data-testid="city-no-facts">
          {t(lang, 'cityNoFigures')}
        </p>
      ) : (
        <FigureGroups facts={facts} data={data} lang={lang} />
      )}
    </Card>
  );
}
