/**
 * The legend: every symbol on the map, the focus choropleth ramp, and the layer toggles.
 */
import type { FilterState } from '../analysis/filter';
import type { Kind } from '../domain/schema';
import type { LayerGroup } from '../map/layers';
import { LIGHT } from '../map/theme';
import { type Lang, type StringKey, t } from './i18n';

export interface LegendProps {
  lang: Lang;
  filter: FilterState;
  visible: Record<LayerGroup, boolean>;
  onToggle: (group: LayerGroup, visible: boolean) => void;
  /** Kinds present in the data, with their record counts. */
  kinds: Record<string, number>;
  onKinds: (kinds: string[]) => void;
}

const GROUPS: Array<{ group: LayerGroup; label: 'layerFocus' | 'layerParks' | 'layerCarriers' }> = [
  { group: 'focus', label: 'layerFocus' },
  { group: 'parks', label: 'layerParks' },
  { group: 'carriers', label: 'layerCarriers' },
];

export function Legend({ lang, filter, visible, onToggle, kinds, onKinds }: LegendProps) {
  const all = Object.keys(kinds);
  const shown = (k: string) => filter.kinds.length === 0 || filter.kinds.includes(k);
  const toggleKind = (k: string, on: boolean) => {
    const next = all.filter((x) => (x === k ? on : shown(x)));
    onKinds(next.length === all.length ? [] : next);
  };
  return (
    <section className="panel legend" data-testid="legend">
      <h2>{t(lang, 'legend')}</h2>
      <ul className="toggles">
        {GROUPS.map(({ group, label }) => (
          <li key={group}>
            <label>
              <input
                type="checkbox"
                data-layer-group={group}
                checked={visible[group]}
                onChange={(e) => onToggle(group, e.target.checked)}
              />
              {t(lang, label)}
            </label>
          </li>
        ))}
      </ul>
      <h2>{t(lang, 'kinds')}</h2>
      <ul className="toggles">
        {all.map((k) => (
          <li key={k}>
            <label>
              <input
                type="checkbox"
                data-kind={k}
                checked={shown(k)}
                onChange={(e) => toggleKind(k, e.target.checked)}
              />
              <span
                className="sym carrier"
                style={{ background: LIGHT.carrierDefault, borderColor: LIGHT.kindStroke[k as Kind], borderWidth: 2 }}
              />{' '}
              {t(lang, `kind_${k}` as StringKey)} <span className="muted">{kinds[k]}</span>
            </label>
          </li>
        ))}
      </ul>
      <ul className="symbols">
        <li>
          <span className="sym park" style={{ background: LIGHT.park, borderColor: LIGHT.park }} />
          {t(lang, 'parkLocated')}
        </li>
        <li>
          <span className="sym park" style={{ background: '#fff', borderColor: LIGHT.park, borderWidth: 3 }} />
          {t(lang, 'parkAnchored')}
        </li>
        <li>
          <span
            className="sym park"
            style={{ background: LIGHT.park, borderColor: LIGHT.park, boxShadow: `0 0 0 3px ${LIGHT.aiPlus}` }}
          />
          {t(lang, 'aiPlusPark')}
        </li>
        <li>
          <span className="sym park" style={{ background: '#fff', borderColor: LIGHT.aiPlus, borderWidth: 3 }} />
          {t(lang, 'aiPlusOnly')}
        </li>
        <li>
          <span className="sym carrier" style={{ background: LIGHT.carrierDefault }} />
          {t(lang, 'carrierPoint')}
        </li>
        <li>
          <span className="sym halo" style={{ borderColor: LIGHT.areaLine }} />
          {t(lang, 'areaHalo')}
        </li>
        <li>
          <span className="sym outline" style={{ borderColor: LIGHT.districtLineSelected }} />
          {t(lang, 'outlineStated')}
        </li>
        <li>
          <span className="sym outline" style={{ borderColor: LIGHT.districtLineSchematic, borderStyle: 'dashed' }} />
          {t(lang, 'outlineSchematic')}
        </li>
      </ul>
      {filter.directions.length > 0 && (
        <div className="ramp">
          <span>{t(lang, 'focusRamp')}</span>
          <div>
            {LIGHT.focusRamp.map((c, i) => (
              <span key={c} className="step" style={{ background: c }}>
                {i === 3 ? '3+' : i}
              </span>
            ))}
          </div>
        </div>
      )}
      <p className="note">{t(lang, 'districtLevelNote')}</p>
    </section>
  );
}
