/**
 * The site finder: the company states what it needs (its directions are the filter's; preferred
 * districts; largest distances to a rail station and an airport; a university nearby); the parks
 * (optionally every carrier) are ranked and each score is explained in plain words, with the
 * weights stated. The map numbers the top ranks from the same answer (`state/analysis.ts`).
 */
import { useMemo, useState } from 'react';
import { railStationsOf, SITE_WEIGHTS } from '../../analysis/siteFinder';
import type { AppData } from '../../data/load';
import { answersOf } from '../../state/analysis';
import { useApp } from '../../state/context';
import { frameOfRecord } from '../../state/framing';
import type { SiteNeeds } from '../../state/store';
import { type Lang, nameIn, t } from '../i18n';
import { useAnalysisData } from './NearTool';
import { toolWord as w } from './toolWords';

/** The question of a fresh form: no preference, a rail station within 20 km, nothing else. */
const FRESH: SiteNeeds = { districts: [], rail_km: 20, airport_km: null, university_km: null, carriers: false };

/** A distance field: empty means "no requirement". */
function KmField({
  label,
  value,
  onChange,
  testid,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  testid: string;
}) {
  return (
    <label className="km-field">
      {label}{' '}
      <input
        type="number"
        min={1}
        max={200}
        step={1}
        value={value ?? ''}
        data-testid={testid}
        onChange={(e) => {
          const v = e.target.value.trim() === '' ? null : Number(e.target.value);
          onChange(v !== null && Number.isFinite(v) && v > 0 ? v : null);
        }}
      />
    </label>
  );
}

/** The site finder tool. */
export function SitesTool({ data, lang }: { data: AppData; lang: Lang }) {
  const needs = useApp((s) => s.needs);
  const filter = useApp((s) => s.filter);
  const setNeeds = useApp((s) => s.setNeeds);
  const selectRecord = useApp((s) => s.selectRecord);
  const [form, setForm] = useState<SiteNeeds>(needs ?? FRESH);
  const analysis = useAnalysisData(data);
  const answers = useMemo(() => answersOf(analysis, { filter, near: null, needs }), [analysis, filter, needs]);
  const stations = analysis.places ? railStationsOf(analysis.places) : [];
  const toggleDistrict = (id: string) =>
    setForm((f) => ({
      ...f,
      districts: f.districts.includes(id) ? f.districts.filter((d) => d !== id) : [...f.districts, id],
    }));
  const results = answers.sites;
  return (
    <div className="tool sites" data-testid="sites-tool">
      <p className="note">{w(lang, 'sitesHelp')}</p>
      <form
        className="tool-controls sites-form"
        onSubmit={(e) => {
          e.preventDefault();
          setNeeds(form);
        }}
      >
        <fieldset>
          <legend>{w(lang, 'prefer')}</legend>
          <ul className="chips">
            {data.manifest.districts.map((d) => (
              <li key={d.id}>
                <button
                  type="button"
                  className={form.districts.includes(d.id) ? 'chip on' : 'chip'}
                  aria-pressed={form.districts.includes(d.id)}
                  data-prefer={d.id}
                  onClick={() => toggleDistrict(d.id)}
                >
                  {nameIn(d, lang)}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
        <KmField
          label={w(lang, 'railMax')}
          value={form.rail_km}
          testid="sites-rail"
          onChange={(rail_km) => setForm((f) => ({ ...f, rail_km }))}
        />
        <KmField
          label={w(lang, 'airMax')}
          value={form.airport_km}
          testid="sites-air"
          onChange={(airport_km) => setForm((f) => ({ ...f, airport_km }))}
        />
        <KmField
          label={w(lang, 'uniNear')}
          value={form.university_km}
          testid="sites-uni"
          onChange={(university_km) => setForm((f) => ({ ...f, university_km }))}
        />
        <label>
          <input
            type="checkbox"
            checked={form.carriers}
            data-testid="sites-carriers"
            onChange={(e) => setForm((f) => ({ ...f, carriers: e.target.checked }))}
          />{' '}
          {w(lang, 'includeCarriers')}
        </label>
        <button type="submit" className="primary" data-testid="sites-rank">
          {w(lang, 'rank')}
        </button>
        {needs && (
          <button type="button" data-testid="sites-clear" onClick={() => setNeeds(null)}>
            {w(lang, 'stopRanking')}
          </button>
        )}
      </form>
      <p className="note weights" data-testid="sites-weights">
        {w(lang, 'weights', {
          direction: SITE_WEIGHTS.direction,
          district: SITE_WEIGHTS.district,
          rail: SITE_WEIGHTS.rail,
        })}
      </p>
      {stations.length > 0 && (
        <p className="note">
          {w(lang, 'stationsKnown', { names: stations.map((s) => nameIn(s, lang)).join(lang === 'en' ? ', ' : '、') })}
        </p>
      )}
      {results === 'pending' && <p role="status">{w(lang, 'loadingPlaces')}</p>}
      {results !== null && typeof results === 'object' && 'error' in results && (
        <p className="warning" role="alert">
          {w(lang, 'sitesError')}
          {results.error}
        </p>
      )}
      {Array.isArray(results) && (
        <ol className="site-results" data-testid="site-results">
          {results.map((r) => (
            <li
              key={r.id}
              data-id={r.id}
              data-rank={r.rank ?? ''}
              data-score={r.score}
              className={r.excluded ? 'excluded' : ''}
            >
              <div className="site-head">
                <span className="site-rank">{r.rank ?? '—'}</span>
                <button
                  type="button"
                  className="row-link"
                  onClick={() => selectRecord(r.id, frameOfRecord(data, r.id))}
                >
                  {nameIn(r.record, lang)}
                </button>
                <span className="site-score">
                  {w(lang, 'score')} {r.score}
                </span>
                <span className="muted">{t(lang, `precision_${r.precision}` as const)}</span>
                {r.excluded && <span className="tag excluded">{w(lang, 'excluded')}</span>}
              </div>
              <p className="site-why" data-testid="site-why">
                {r.excluded ? `${r.excluded[lang]} ` : ''}
                {r.explanation[lang]}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
