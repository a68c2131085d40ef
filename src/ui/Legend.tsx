/**
 * The legend and layer toggles, both derived from the layer catalogue (`map/catalogue.ts`): one
 * toggle per layer group, one line per legend entry a layer declares. The kind toggles filter
 * records by kind.
 */
import { useState } from 'react';
import type { Kind } from '../domain/schema';
import { readBasemapKeys, writeBasemapKey } from '../map/basemapKeys';
import { BASEMAPS } from '../map/basemaps';
import type { LayerCatalogue, Swatch } from '../map/catalogue';
import { LIGHT } from '../map/theme';
import { useApp } from '../state/context';
import { LAYER_GROUPS, type LayerGroup } from '../state/store';
import { type Lang, type StringKey, t } from './i18n';

const GROUP_LABEL: Record<LayerGroup, StringKey> = {
  focus: 'layerFocus',
  parks: 'layerParks',
  carriers: 'layerCarriers',
  places: 'layerPlaces',
};

/** A legend symbol drawn in CSS from a catalogue swatch. */
export function SwatchIcon({ swatch }: { swatch: Swatch }) {
  if (swatch.shape === 'ramp') {
    return (
      <span className="ramp-steps">
        {swatch.steps?.map((s) => (
          <span key={s.colour} className="step" style={{ background: s.colour }}>
            {s.label}
          </span>
        ))}
      </span>
    );
  }
  if (swatch.shape === 'line') {
    return (
      <span
        className="sym outline"
        style={{ borderColor: swatch.stroke, borderStyle: swatch.dashed ? 'dashed' : 'solid' }}
      />
    );
  }
  if (swatch.shape === 'halo') return <span className="sym halo" style={{ borderColor: swatch.stroke }} />;
  if (swatch.shape === 'text') {
    return (
      <span className="sym-text" style={{ color: swatch.fill }}>
        Aa
      </span>
    );
  }
  return (
    <span
      className={swatch.shape === 'ring' ? 'sym park' : 'sym carrier'}
      style={{
        background: swatch.fill,
        borderColor: swatch.stroke,
        borderWidth: swatch.shape === 'ring' ? 3 : undefined,
        boxShadow: swatch.ring ? `0 0 0 3px ${swatch.ring}` : undefined,
      }}
    />
  );
}

/** The key of the focus highlight, drawn over the map while directions are chosen (always in view). */
export function FocusKey({ catalogue }: { catalogue: LayerCatalogue }) {
  const lang = useApp((s) => s.lang);
  const entry = catalogue.legend.find((e) => e.whenDirections);
  if (!entry) return null;
  return (
    <div className="focus-key" data-testid="focus-key">
      <SwatchIcon swatch={entry.swatch} /> {lang === 'en' ? entry.en : entry.zh}
    </div>
  );
}

/** The basemap switch: the embedded basemap, or an online one (asking for its key when it needs one). */
export function BasemapSwitch({ lang }: { lang: Lang }) {
  const basemap = useApp((s) => s.basemap);
  const setBasemap = useApp((s) => s.setBasemap);
  const [asking, setAsking] = useState<string | null>(null);
  const [key, setKey] = useState('');
  const choose = (id: string) => {
    const b = BASEMAPS.find((x) => x.id === id);
    if (b?.needsKey && !readBasemapKeys()[id]) setAsking(id);
    else setBasemap(id);
  };
  return (
    <div className="basemap-switch">
      <label>
        {t(lang, 'basemap')}{' '}
        <select data-testid="basemap" value={basemap} onChange={(e) => choose(e.target.value)}>
          {BASEMAPS.map((b) => (
            <option key={b.id} value={b.id}>
              {lang === 'en' ? b.name_en : b.name_zh}
            </option>
          ))}
        </select>
      </label>
      {asking && (
        <form
          className="basemap-key"
          onSubmit={(e) => {
            e.preventDefault();
            writeBasemapKey(asking, key.trim());
            setAsking(null);
            if (key.trim()) setBasemap(asking);
          }}
        >
          <label>
            {t(lang, 'basemapKey')}
            <input value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          <button type="submit">OK</button>
        </form>
      )}
    </div>
  );
}

export interface LegendProps {
  lang: Lang;
  catalogue: LayerCatalogue;
  /** Kinds present in the data, with their record counts. */
  kinds: Record<string, number>;
}

export function Legend({ lang, catalogue, kinds }: LegendProps) {
  const hidden = useApp((s) => s.hidden);
  const filterKinds = useApp((s) => s.filter.kinds);
  const hasDirections = useApp((s) => s.filter.directions.length > 0);
  const density = useApp((s) => s.density);
  const setLayerVisible = useApp((s) => s.setLayerVisible);
  const setFilter = useApp((s) => s.setFilter);
  const all = Object.keys(kinds);
  const shown = (k: string) => filterKinds.length === 0 || filterKinds.includes(k);
  const toggleKind = (k: string, on: boolean) => {
    const next = all.filter((x) => (x === k ? on : shown(x)));
    setFilter({ kinds: next.length === all.length ? [] : next });
  };
  return (
    <section className="panel legend" data-testid="legend" aria-label={t(lang, 'legend')}>
      <h2>{t(lang, 'legend')}</h2>
      <BasemapSwitch lang={lang} />
      <ul className="toggles">
        {LAYER_GROUPS.filter((g) => catalogue.groups[g].length > 0).map((group) => (
          <li key={group}>
            <label>
              <input
                type="checkbox"
                data-layer-group={group}
                checked={!hidden.includes(group)}
                onChange={(e) => setLayerVisible(group, e.target.checked)}
              />
              {t(lang, GROUP_LABEL[group])}
            </label>
          </li>
        ))}
      </ul>
      <ul className="symbols">
        {catalogue.legend
          .filter((e) => (!e.whenDirections || hasDirections) && (!e.whenDensity || density))
          .map((e) => (
            <li key={`${e.layer}:${e.en}`} data-legend-layer={e.layer}>
              <SwatchIcon swatch={e.swatch} />
              {lang === 'en' ? e.en : e.zh}
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
      <div className="legend-group" data-testid="legend-groups">
        <span className="district-group sample" aria-hidden="true">
          <span className="group-caption">{lang === 'en' ? 'district only · 3' : '仅知板块 3'}</span>
          <span className="group-marks">
            {[LIGHT.carrierDefault, LIGHT.park, LIGHT.aiPlus].map((c) => (
              <span key={c} className="group-mark" style={{ background: c }} />
            ))}
          </span>
        </span>
        <p className="note">{t(lang, 'districtLevelNote')}</p>
      </div>
    </section>
  );
}
