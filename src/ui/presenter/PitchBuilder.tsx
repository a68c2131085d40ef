/**
 * The pitch builder: the presenter states the visiting company's industry directions (and districts
 * to keep or leave out, and the language), sees the route the rule generates (`generateRoute`),
 * and starts the stage; or starts one of the ready-made pitches.
 */
import { useMemo, useState } from 'react';
import { BUILT_IN_PITCHES, builtInRoute, generateRoute, type StopRef, stopToken } from '../../analysis/pitch';
import type { AppData } from '../../data/load';
import { DIRECTION_FAMILIES } from '../../domain/constants';
import { useApp, useAppStore } from '../../state/context';
import { Card } from '../Card';
import { type Lang, nameIn } from '../i18n';
import { stopLabel } from './caption';
import { presenterWord as w } from './words';

type DistrictChoice = 'any' | 'only' | 'out';

/** Asks the browser for full screen (a presenter's click allows it); a refusal keeps the in-window stage. */
function enterFullscreen(): void {
  const el = document.documentElement;
  if (document.fullscreenElement || !el.requestFullscreen) return;
  el.requestFullscreen().catch(() => undefined);
}

/** Props: the data and a close callback. */
export function PitchBuilder({ data, lang, onClose }: { data: AppData; lang: Lang; onClose: () => void }) {
  const store = useAppStore();
  const current = useApp((s) => s.filter.directions);
  const [directions, setDirections] = useState<string[]>(current);
  const [choice, setChoice] = useState<Record<string, DistrictChoice>>({});
  const profile = useMemo(
    () => ({
      directions,
      include: Object.keys(choice).filter((k) => choice[k] === 'only'),
      exclude: Object.keys(choice).filter((k) => choice[k] === 'out'),
    }),
    [directions, choice],
  );
  const route = useMemo(
    () => generateRoute({ carriers: data.carriers, districts: data.manifest.districts }, profile),
    [data, profile],
  );
  const start = (stops: StopRef[], dirs: string[]) => {
    enterFullscreen();
    store.getState().startPitch(stops, dirs, 0);
    onClose();
  };
  const toggle = (k: string) => setDirections((d) => (d.includes(k) ? d.filter((x) => x !== k) : [...d, k]));
  const setLang = store.getState().setLang;
  return (
    <Card
      lang={lang}
      title={w(lang, 'builderTitle')}
      onClose={onClose}
      className="wide pitch-builder"
      data={{ 'data-testid': 'pitch-builder' }}
    >
      <h3>{w(lang, 'builtIn')}</h3>
      <ul className="builtins">
        {BUILT_IN_PITCHES.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="head-btn"
              data-testid={`pitch-builtin-${p.id}`}
              onClick={() =>
                start(builtInRoute({ carriers: data.carriers, districts: data.manifest.districts }, p), p.directions)
              }
            >
              {lang === 'en' ? p.title_en : p.title_zh}
            </button>
          </li>
        ))}
      </ul>
      <h3>{w(lang, 'profile')}</h3>
      <p className="lang-choice">
        {w(lang, 'pitchLanguage')}{' '}
        <button
          type="button"
          className="head-btn"
          data-testid="pitch-lang"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {lang === 'zh' ? 'English' : '中文'}
        </button>
      </p>
      <fieldset>
        <legend>{w(lang, 'chooseDirections')}</legend>
        {DIRECTION_FAMILIES.map((family) => {
          const dirs = data.manifest.directions.filter((d) => d.family === family.key);
          if (dirs.length === 0) return null;
          return (
            <ul key={family.key} className="chips" aria-label={lang === 'en' ? family.en : family.zh}>
              {dirs.map((d) => (
                <li key={d.key}>
                  <button
                    type="button"
                    className={directions.includes(d.key) ? 'chip on' : 'chip'}
                    aria-pressed={directions.includes(d.key)}
                    data-pitch-direction={d.key}
                    onClick={() => toggle(d.key)}
                  >
                    <span className="swatch" style={{ background: d.colour }} />
                    {lang === 'en' ? d.en : d.zh}
                  </button>
                </li>
              ))}
            </ul>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{w(lang, 'includeDistricts')}</legend>
        <ul className="district-choices">
          {data.manifest.districts.map((d) => (
            <li key={d.id}>
              <label>
                {nameIn(d, lang)}{' '}
                <select
                  value={choice[d.id] ?? 'any'}
                  data-pitch-district={d.id}
                  onChange={(e) => setChoice((c) => ({ ...c, [d.id]: e.target.value as DistrictChoice }))}
                >
                  <option value="any">—</option>
                  <option value="only">{w(lang, 'only')}</option>
                  <option value="out">{w(lang, 'leaveOut')}</option>
                </select>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="note">{w(lang, 'routeRule')}</p>
      <h3>
        {w(lang, 'stops')} ({route.length})
      </h3>
      <ol className="route-preview" data-testid="route-preview">
        {route.map((s) => (
          <li key={stopToken(s)}>{stopLabel(data, s, lang)}</li>
        ))}
      </ol>
      <p className="start-bar">
        <button type="button" className="primary" data-testid="pitch-start" onClick={() => start(route, directions)}>
          {w(lang, 'startPitch')} ({w(lang, 'stopCount', { n: route.length })})
        </button>
      </p>
    </Card>
  );
}
