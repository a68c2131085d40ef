/**
 * Detail cards: a carrier or park (name, district, kind, directions, location and basis, sources
 * with document title and quote), or a district (类别, directions, its carriers).
 */

import type { AppData } from '../data/load';
import type { CarrierProps, DistrictInfo } from '../domain/built';
import type { SourceRef } from '../domain/schema';
import { type Lang, t } from './i18n';

function Sources({ data, refs, lang }: { data: AppData; refs: SourceRef[]; lang: Lang }) {
  return (
    <ul className="sources" data-testid="sources">
      {refs.map((s) => {
        const doc = data.manifest.sources.find((d) => d.id === s.doc);
        return (
          <li key={`${s.doc}:${s.line}:${s.quote}`}>
            <cite>{doc ? (lang === 'en' ? doc.title_en : doc.title_zh) : s.doc}</cite>
            <span className="muted">
              {' '}
              {doc?.file} · {t(lang, 'line')} {s.line}
            </span>
            <blockquote lang="zh">{s.quote}</blockquote>
          </li>
        );
      })}
    </ul>
  );
}

function DirectionChip({ data, k, lang }: { data: AppData; k: string; lang: Lang }) {
  const d = data.manifest.directions.find((x) => x.key === k);
  if (!d) return null;
  return (
    <span className="tag">
      <span className="swatch" style={{ background: d.colour }} />
      {lang === 'en' ? d.en : d.zh}
    </span>
  );
}

const nameOf = (r: { name_zh: string; name_en: string }, lang: Lang) => (lang === 'en' ? r.name_en : r.name_zh);
const otherName = (r: { name_zh: string; name_en: string }, lang: Lang) => (lang === 'en' ? r.name_zh : r.name_en);

export interface CarrierCardProps {
  data: AppData;
  carrier: CarrierProps;
  others: string[];
  lang: Lang;
  onDistrict: (id: string) => void;
  onCarrier: (id: string) => void;
  onClose: () => void;
}

export function CarrierCard({ data, carrier: c, others, lang, onDistrict, onCarrier, onClose }: CarrierCardProps) {
  const district = data.districtById.get(c.district);
  return (
    <article className="card" data-testid="card" data-kind="carrier" data-id={c.id}>
      <button type="button" className="close" onClick={onClose} aria-label={t(lang, 'close')}>
        ×
      </button>
      <h2>{nameOf(c, lang)}</h2>
      <p className="alt">
        {otherName(c, lang)}{' '}
        <span className="muted">({t(lang, c.name_en_status === 'official' ? 'official' : 'translation')})</span>
      </p>
      <dl>
        <dt>{t(lang, 'kind')}</dt>
        <dd>{t(lang, c.park ? 'kindPark' : 'kindCarrier')}</dd>
        <dt>{t(lang, 'district')}</dt>
        <dd>
          {district && (
            <button type="button" className="link" onClick={() => onDistrict(district.id)}>
              {nameOf(district, lang)}
            </button>
          )}
        </dd>
        <dt>{t(lang, 'ownDirections')}</dt>
        <dd>
          {c.directions_own.length === 0
            ? t(lang, 'none')
            : c.directions_own.map((d) => (
                <span key={`${d.key}${d.term}`} className="own">
                  <DirectionChip data={data} k={d.key} lang={lang} />
                  <span className="muted">
                    {t(lang, d.basis === 'from_name' ? 'fromName' : 'stated')}「{d.term}」
                  </span>
                </span>
              ))}
        </dd>
        <dt>{t(lang, 'inheritedDirections')}</dt>
        <dd>
          {c.directions_inherited.map((k) => (
            <DirectionChip key={k} data={data} k={k} lang={lang} />
          ))}
        </dd>
        <dt>{t(lang, 'asWritten')}</dt>
        <dd lang="zh">{c.seed_text}</dd>
        {c.reading_note && (
          <>
            <dt>{t(lang, 'reading')}</dt>
            <dd>{c.reading_note}</dd>
          </>
        )}
        <dt>{t(lang, 'location')}</dt>
        <dd data-testid="precision" data-precision={c.precision}>
          <strong>{t(lang, `precision_${c.precision}` as const)}</strong> — {c.basis}
        </dd>
      </dl>
      <h3>{t(lang, 'sources')}</h3>
      <Sources data={data} refs={c.sources} lang={lang} />
      {others.length > 0 && (
        <>
          <h3>{t(lang, 'sameSpot')}</h3>
          <ul className="list">
            {others.map((id) => {
              const o = data.carrierById.get(id);
              return o ? (
                <li key={id}>
                  <button type="button" className="link" onClick={() => onCarrier(id)}>
                    {nameOf(o, lang)}
                  </button>
                </li>
              ) : null;
            })}
          </ul>
        </>
      )}
    </article>
  );
}

export interface DistrictCardProps {
  data: AppData;
  district: DistrictInfo;
  lang: Lang;
  /** Ids of carriers matching the current filter (others are listed dimmed). */
  matching: Set<string>;
  onCarrier: (id: string) => void;
  onClose: () => void;
}

export function DistrictCard({ data, district: d, lang, matching, onCarrier, onClose }: DistrictCardProps) {
  const carriers = data.carriers.filter((c) => c.district === d.id);
  const categories = data.manifest.categories;
  return (
    <article className="card" data-testid="card" data-kind="district" data-id={d.id}>
      <button type="button" className="close" onClick={onClose} aria-label={t(lang, 'close')}>
        ×
      </button>
      <h2>{nameOf(d, lang)}</h2>
      <p className="alt">
        {otherName(d, lang)} · {t(lang, 'kindDistrict')} · {d.area_km2} km²
      </p>
      <dl>
        <dt>{t(lang, 'category')}</dt>
        <dd>
          {d.category_keys.map((k) => {
            const c = categories.find((x) => x.key === k);
            return c ? (
              <span key={k} className="tag">
                {lang === 'en' ? c.en : c.zh}
              </span>
            ) : null;
          })}
        </dd>
        <dt>{t(lang, 'directions')}</dt>
        <dd>
          {d.direction_keys.map((k) => (
            <DirectionChip key={k} data={data} k={k} lang={lang} />
          ))}
        </dd>
        <dt>{t(lang, 'focusTerms')}</dt>
        <dd lang="zh">{d.direction_terms.join('、')}</dd>
        {d.reading_note && (
          <>
            <dt>{t(lang, 'reading')}</dt>
            <dd>{d.reading_note}</dd>
          </>
        )}
      </dl>
      <h3>
        {t(lang, 'carrierList')} ({carriers.length})
      </h3>
      <ol className="list" data-testid="district-carriers">
        {carriers.map((c) => (
          <li key={c.id} className={matching.has(c.id) ? '' : 'dim'}>
            <button type="button" className="link" data-carrier={c.id} onClick={() => onCarrier(c.id)}>
              {c.park ? '★ ' : ''}
              {nameOf(c, lang)}
            </button>
            <span className="muted"> · {t(lang, `precision_${c.precision}` as const)}</span>
          </li>
        ))}
      </ol>
      <h3>{t(lang, 'sources')}</h3>
      <Sources data={data} refs={d.sources} lang={lang} />
    </article>
  );
}
