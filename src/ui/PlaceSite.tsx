/**
 * "Place at its site", in a record's card: staff give a point (pasted from a coordinate picker in
 * either order, or picked on the map) with its datum, its source and a precision, and get the
 * change as a ready-to-commit YAML file for `geo/sites/` (copy or download). The proposed point is
 * shown on the map beside the record's current location with its district outlined, and a point
 * outside the record's district is flagged. Nothing is sent anywhere: the only request is the
 * app's own `districts.geojson`, fetched once when the tool first checks a point.
 */
import { booleanPointInPolygon, distance, point as turfPoint } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  datumOf,
  parseCoordinatePair,
  round6,
  SITE_PICKERS,
  type SiteOrigin,
  type SitePicker,
  type SiteProposal,
  siteEntry,
  siteFileName,
  siteSnippetYaml,
  toWgs84,
} from '../analysis/siteSnippet';
import { type AppData, loadDistrictPolygons } from '../data/load';
import type { CarrierProps } from '../domain/built';
import { checkSiteSnippet } from '../domain/checkSite';
import type { SiteSource } from '../domain/schema';
import { BASEMAPS } from '../map/basemaps';
import { useApp, useAppStore } from '../state/context';
import type { CameraTarget } from '../state/store';
import { type Lang, nameIn, type StringKey, t } from './i18n';

type DistrictPolygon = Feature<Polygon | MultiPolygon, { id: string }>;

const SOURCE_KINDS = ['address', 'web', 'document', 'visit'] as const;

/** Longest uncertainty radius (m) an area may have: the schema's bound. */
const MAX_UNCERTAINTY_M = 15000;

/** Margin (degrees, about 1 km) around the record's district and the point when the map shows them. */
const FRAME_MARGIN_DEG = 0.01;

/**
 * The camera target that shows a record's district, its current point and a proposed point
 * [lon, lat] (degrees) together.
 */
function frameAround(data: AppData, carrier: CarrierProps, p: [number, number]): CameraTarget {
  const [w, s, e, n] = data.districtById.get(carrier.district)?.bbox ?? [p[0], p[1], p[0], p[1]];
  const current = data.pointById.get(carrier.id) ?? p;
  const m = FRAME_MARGIN_DEG;
  return {
    bbox: [
      Math.min(w, p[0], current[0]) - m,
      Math.min(s, p[1], current[1]) - m,
      Math.max(e, p[0], current[0]) + m,
      Math.max(n, p[1], current[1]) + m,
    ],
  };
}

export interface PlaceSiteProps {
  data: AppData;
  carrier: CarrierProps;
  lang: Lang;
}

/** The tool, folded behind one button until it is wanted. */
export function PlaceSite({ data, carrier, lang }: PlaceSiteProps) {
  const [open, setOpen] = useState(false);
  if (carrier.precision === 'district-set') return null;
  return (
    <section className="place-site" data-testid="place-site">
      <h3>{t(lang, 'siteTitle')}</h3>
      {open ? (
        <SiteForm data={data} carrier={carrier} lang={lang} />
      ) : (
        <button type="button" className="site-btn" data-testid="site-open" onClick={() => setOpen(true)}>
          {t(lang, 'siteOpen')}
        </button>
      )}
    </section>
  );
}

/** Where the coordinate came from: typed or pasted, or a pick on the map in the basemap's datum. */
type Entered = { via: 'paste' } | { via: 'map'; datum: 'wgs84' | 'gcj02'; basemap: string };

function SiteForm({ data, carrier, lang }: PlaceSiteProps) {
  const store = useAppStore();
  const siting = useApp((s) => s.siting);
  const id = useId();
  const [text, setText] = useState('');
  const [entered, setEntered] = useState<Entered>({ via: 'paste' });
  // No datum is assumed: a wrong one moves the point by 0.5–1 km, so it is always chosen.
  const [picker, setPicker] = useState<SitePicker | ''>('');
  const [precision, setPrecision] = useState<'site' | 'area'>('site');
  const [uncertainty, setUncertainty] = useState('');
  const [kind, setKind] = useState<SiteSource['kind']>('address');
  const [ref, setRef] = useState('');
  const [date, setDate] = useState('');
  const [inside, setInside] = useState<boolean | null>(null);
  const [copied, setCopied] = useState(false);
  const snippetRef = useRef<HTMLPreElement>(null);
  const frameNext = useRef(false);

  // The tool is open while this form is mounted: the map shows its point and takes its picks.
  useEffect(() => {
    store.getState().setSiting(carrier.id);
    return () => store.getState().setSiting(null);
  }, [store, carrier.id]);

  const picking = siting?.picking === true;
  // Esc while picking cancels the pick, before the card's own Esc (which would close the card).
  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      store.getState().setPicking(false);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [picking, store]);

  // A pick on the map fills the coordinate with the point as the map gave it.
  const picked = siting?.picked;
  useEffect(() => {
    if (!picked) return;
    setText(`${round6(picked.lonLat[0])}, ${round6(picked.lonLat[1])}`);
    setEntered({ via: 'map', datum: picked.datum, basemap: store.getState().basemap });
  }, [picked, store]);

  const parsed = useMemo(() => (text.trim() ? parseCoordinatePair(text) : null), [text]);
  const origin: SiteOrigin | null = useMemo(() => {
    if (entered.via === 'paste') return picker ? { via: 'paste', picker, text } : null;
    const b = BASEMAPS.find((x) => x.id === entered.basemap) ?? BASEMAPS[0];
    return { via: 'map', datum: entered.datum, basemap_en: b.name_en, basemap_zh: b.name_zh };
  }, [entered, picker, text]);
  const input: [number, number] | null = parsed?.ok ? [parsed.value.lon, parsed.value.lat] : null;
  const wgs = input && origin ? toWgs84(input, datumOf(origin)) : null;

  const district = data.districtById.get(carrier.district);
  const wgsKey = wgs ? wgs.join(',') : '';
  useEffect(() => {
    const p = wgsKey ? (wgsKey.split(',').map(Number) as [number, number]) : null;
    const frame = p && frameNext.current ? frameAround(data, carrier, p) : undefined;
    frameNext.current = false;
    store.getState().proposeSite(p, frame);
    setInside(null);
    if (!p) return;
    let live = true;
    loadDistrictPolygons(data)
      .then((fc) => fc.features as DistrictPolygon[])
      .then((polygons) => {
        const poly = polygons.find((f) => f.properties.id === carrier.district);
        if (live && poly) setInside(booleanPointInPolygon(turfPoint(p), poly));
      })
      .catch(() => {
        // Without the polygons the check is left to the data build, which makes it too.
      });
    return () => {
      live = false;
    };
  }, [wgsKey, store, data, carrier]);

  const uncertainty_m = Number(uncertainty);
  const missing: StringKey[] = [];
  if (!input) missing.push('siteNeedPoint');
  if (!origin) missing.push('siteNeedDatum');
  if (ref.trim().length < 3) missing.push('siteNeedRef');
  else if (kind === 'web' && !/^https?:\/\/\S+$/.test(ref.trim())) missing.push('siteNeedUrl');
  if (kind === 'visit' && !date) missing.push('siteNeedDate');
  if (
    precision === 'area' &&
    !(Number.isInteger(uncertainty_m) && uncertainty_m >= 1 && uncertainty_m <= MAX_UNCERTAINTY_M)
  )
    missing.push('siteNeedUncertainty');

  const proposal: SiteProposal | null =
    input && origin && missing.length === 0
      ? {
          record: carrier.id,
          input,
          origin,
          precision,
          ...(precision === 'area' ? { uncertainty_m } : {}),
          source: { kind, ref: ref.trim(), ...(date ? { date } : {}) },
        }
      : null;
  const entry = proposal ? siteEntry(proposal) : null;
  // The build's rules for a site file (`SiteSnippetSchema`), checked without zod in the page.
  const invalid = entry ? checkSiteSnippet(entry) : null;
  const yaml = entry && invalid === null ? siteSnippetYaml(entry, carrier.name_zh) : null;
  const fileName = siteFileName(carrier.id);

  const current = data.pointById.get(carrier.id);
  const apart =
    current && wgs ? Math.round(distance(turfPoint(current), turfPoint(wgs), { units: 'kilometers' }) * 1000) : null;
  const shift =
    input && wgs ? Math.round(distance(turfPoint(input), turfPoint(wgs), { units: 'kilometers' }) * 1000) : 0;

  const copy = () => {
    if (!yaml) return;
    const select = () => {
      const el = snippetRef.current;
      if (el) window.getSelection()?.selectAllChildren(el);
    };
    navigator.clipboard
      ?.writeText(yaml)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      })
      .catch(select) ?? select();
  };
  const download = () => {
    if (!yaml) return;
    const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className="site-form" data-testid="site-form">
      <p className="muted">{t(lang, 'siteIntro')}</p>
      <p className="muted" data-testid="site-current">
        {t(lang, 'siteCurrent')}: {t(lang, `precision_${carrier.precision}` as const)}
        {current && ` · ${current[0]}, ${current[1]}`}
        {district && ` · ${nameIn(district, lang)}`}
      </p>

      <label htmlFor={`${id}-coord`}>{t(lang, 'siteCoordinate')}</label>
      <div className="site-row">
        <input
          id={`${id}-coord`}
          data-testid="site-coordinate"
          value={text}
          placeholder="120.6123, 31.4187"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            setEntered({ via: 'paste' });
          }}
          onPaste={() => {
            frameNext.current = true;
          }}
          onBlur={() => {
            if (wgs) store.getState().proposeSite(wgs, frameAround(data, carrier, wgs));
          }}
        />
        <button
          type="button"
          className="site-btn"
          data-testid="site-pick"
          aria-pressed={picking}
          onClick={() => store.getState().setPicking(!picking)}
        >
          {t(lang, picking ? 'siteCancelPick' : 'sitePick')}
        </button>
      </div>
      {picking && (
        <p className="site-note" role="status" data-testid="site-picking">
          {t(lang, 'sitePicking')}
        </p>
      )}
      {parsed && !parsed.ok && (
        <p className="site-warn" role="alert" data-testid="site-parse-error">
          {t(lang, parsed.why === 'count' ? 'siteBadCount' : 'siteBadRange')}
        </p>
      )}
      {parsed?.ok && entered.via === 'paste' && (
        <p className="muted" data-testid="site-order" data-order={parsed.value.order}>
          {t(lang, parsed.value.order === 'lonlat' ? 'siteOrderLonLat' : 'siteOrderLatLon')}: {parsed.value.lon},{' '}
          {parsed.value.lat}
        </p>
      )}
      {parsed?.ok && !parsed.value.inSuzhou && (
        <p className="site-warn" role="alert">
          {t(lang, 'siteNotSuzhou')}
        </p>
      )}

      {entered.via === 'paste' ? (
        <>
          <label htmlFor={`${id}-datum`}>{t(lang, 'siteDatum')}</label>
          <select
            id={`${id}-datum`}
            data-testid="site-datum"
            value={picker}
            onChange={(e) => setPicker(e.target.value as SitePicker | '')}
          >
            <option value="" disabled>
              {t(lang, 'siteChooseDatum')}
            </option>
            {(Object.keys(SITE_PICKERS) as SitePicker[]).map((k) => (
              <option key={k} value={k}>
                {t(lang, `sitePicker_${k}` as const)}
              </option>
            ))}
          </select>
        </>
      ) : (
        origin?.via === 'map' && (
          <p className="muted" data-testid="site-picked">
            {t(lang, 'sitePickedOn')} {lang === 'en' ? origin.basemap_en : origin.basemap_zh} (
            {origin.datum === 'gcj02' ? 'GCJ-02' : 'WGS-84'})
          </p>
        )
      )}

      {wgs && (
        <p data-testid="site-wgs">
          {t(lang, 'siteWgs')}:{' '}
          <strong>
            {wgs[0].toFixed(6)}, {wgs[1].toFixed(6)}
          </strong>
          {shift > 0 && (
            <span className="muted">
              {' '}
              · {t(lang, 'siteShift')} {shift} m
            </span>
          )}
          {apart !== null && (
            <span className="muted">
              {' '}
              · {t(lang, 'siteCurrent')} ↔ {apart} m
            </span>
          )}
        </p>
      )}
      {wgs && inside === false && (
        <p className="site-warn" role="alert" data-testid="site-outside">
          {t(lang, 'siteOutside')} {district ? nameIn(district, lang) : carrier.district}
        </p>
      )}
      {wgs && inside === true && (
        <p className="muted" data-testid="site-inside">
          {t(lang, 'siteInside')} {district ? nameIn(district, lang) : carrier.district}
        </p>
      )}

      <fieldset className="site-precision">
        <legend>{t(lang, 'sitePrecision')}</legend>
        {(['site', 'area'] as const).map((p) => (
          <label key={p}>
            <input
              type="radio"
              name={`${id}-precision`}
              value={p}
              data-testid={`site-precision-${p}`}
              checked={precision === p}
              onChange={() => setPrecision(p)}
            />{' '}
            {t(lang, `precision_${p}` as const)}
          </label>
        ))}
        {precision === 'area' && (
          <label>
            {t(lang, 'siteUncertainty')}{' '}
            <input
              type="number"
              min={1}
              max={MAX_UNCERTAINTY_M}
              step={1}
              data-testid="site-uncertainty"
              value={uncertainty}
              onChange={(e) => setUncertainty(e.target.value)}
            />
          </label>
        )}
      </fieldset>

      <fieldset className="site-source">
        <legend>{t(lang, 'siteSource')}</legend>
        <select
          aria-label={t(lang, 'siteSource')}
          data-testid="site-source-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as SiteSource['kind'])}
        >
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(lang, `siteSource_${k}` as const)}
            </option>
          ))}
        </select>
        <label>
          {t(lang, `siteRef_${kind}` as const)}
          <input data-testid="site-source-ref" value={ref} onChange={(e) => setRef(e.target.value)} />
        </label>
        <label>
          {t(lang, 'siteDate')}
          <input type="date" data-testid="site-source-date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
      </fieldset>

      {missing.length > 0 && (
        <p className="muted" data-testid="site-missing">
          {t(lang, 'siteMissing')} {missing.map((k) => t(lang, k)).join(lang === 'en' ? '; ' : '；')}
        </p>
      )}
      {invalid && (
        <p className="site-warn" role="alert" data-testid="site-invalid">
          {invalid}
        </p>
      )}
      {yaml && (
        <div className="site-snippet">
          <p className="muted">
            {t(lang, 'siteSnippet')} · {t(lang, 'siteSaveAs')} <code>geo/sites/{fileName}</code>
          </p>
          <pre ref={snippetRef} data-testid="site-snippet" lang="zh">
            {yaml}
          </pre>
          <div className="site-row">
            <button type="button" className="site-btn" data-testid="site-copy" onClick={copy}>
              {t(lang, copied ? 'copied' : 'siteCopy')}
            </button>
            <button type="button" className="site-btn" data-testid="site-download" onClick={download}>
              {t(lang, 'siteDownload')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
