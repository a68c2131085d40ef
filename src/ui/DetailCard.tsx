/**
 * Detail cards: a carrier or park (name, district, kind, directions, location and basis, sources
 * with document title and quote), or a district (类别, directions, its carriers).
 */

import { lazy, Suspense, useEffect, useState } from 'react';
import { factLabel, factStatus, orderFacts, PASSED_MARK } from '../analysis/facts';
import type { DistrictCount } from '../analysis/filter';
import type { AppData } from '../data/load';
import type { CarrierProps, DistrictInfo } from '../domain/built';
import type { FactRecord, SourceRef } from '../domain/schema';
import { Card } from './Card';
import { formatFactValue } from './format';
import { type Lang, nameIn, t } from './i18n';
import { TILED_LIST_MAX, tiledNote } from './tiledNotes';

/** The site tool (./PlaceSite.tsx, with gcoord and its geometry) loads with the first record card, never at start-up. */
const PlaceSite = lazy(() => import('./PlaceSite').then((m) => ({ default: m.PlaceSite })));

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
              · {t(lang, 'line')} {s.line}
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

/** Props of `FigureList`: the figures to show, in the order given. */
export interface FigureListProps {
  facts: readonly FactRecord[];
  data: AppData;
  lang: Lang;
  /** The day the figures are shown, which decides which targets have passed (default: now). */
  today?: Date;
}

/**
 * A compact list of headline figures, in the order given: value and metric; the status phrase
 * (`factLabel`: year, baseline or target, the document's date), with a "year passed" tag on a
 * target whose year has passed; the document's short title and line; the quote. A figure with no
 * year carries `data-testid="undated"` with its period note as the tooltip. Each item has `data-id`
 * (the fact id) and `data-passed` ("true" / "false").
 */
export function FigureList({ facts, data, lang, today }: FigureListProps) {
  const now = today ?? new Date();
  return (
    <ul className="facts">
      {facts.map((f) => {
        const doc = data.manifest.sources.find((d) => d.id === f.source.doc);
        const status = factStatus(f, doc, now);
        const label = factLabel(f, doc, lang, now, { passedMark: false });
        return (
          <li
            key={f.id}
            data-id={f.id}
            data-passed={String(status.passed)}
            className={status.passed ? 'passed' : undefined}
          >
            <strong>{formatFactValue(f, lang)}</strong> {lang === 'en' ? f.metric_en : f.metric_zh}{' '}
            <span className="fact-status">
              {f.year === undefined ? (
                <abbr title={f.period_note} data-testid="undated">
                  {label}
                </abbr>
              ) : (
                label
              )}
            </span>
            {status.passed && (
              <>
                {' '}
                <span className="tag passed" data-testid="passed">
                  {PASSED_MARK[lang]}
                </span>
              </>
            )}{' '}
            <span className="muted">
              ·{' '}
              <cite title={doc ? (lang === 'en' ? doc.title_en : doc.title_zh) : undefined}>
                {doc ? (lang === 'en' ? doc.short_en : doc.short_zh) : f.source.doc}
              </cite>{' '}
              · {t(lang, 'line')} {f.source.line}
            </span>
            <q className="fact-quote">{f.source.quote}</q>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Figures told in two groups (`orderFacts`): current ones first, then targets whose year has passed,
 * collapsed under a summary that says so. The whole is `data-testid="facts"`.
 */
export function FigureGroups({ facts, data, lang, today }: FigureListProps) {
  const now = today ?? new Date();
  const ordered = orderFacts(facts, now);
  const current = ordered.filter((f) => !factStatus(f, undefined, now).passed);
  const passed = ordered.filter((f) => factStatus(f, undefined, now).passed);
  return (
    <div data-testid="facts">
      {current.length > 0 ? (
        <FigureList facts={current} data={data} lang={lang} today={now} />
      ) : (
        <p className="note">{t(lang, 'factsAllPassed')}</p>
      )}
      {passed.length > 0 && (
        <details data-testid="facts-passed">
          <summary>
            {t(lang, 'factsPassed')} ({passed.length})
          </summary>
          <FigureList facts={passed} data={data} lang={lang} today={now} />
        </details>
      )}
    </div>
  );
}

/**
 * Headline figures for a scope (`city` or a district id), told as `FigureGroups`: each with its
 * status phrase (year or "year not given", baseline or target, the document's date), current ones
 * first and targets whose year has passed collapsed after them.
 */
export function Facts({ data, scope, lang }: { data: AppData; scope: string; lang: Lang }) {
  const facts = data.manifest.facts.filter((f) => f.scope === scope);
  if (facts.length === 0) return null;
  return (
    <>
      <h3>{t(lang, 'facts')}</h3>
      <FigureGroups facts={facts} data={data} lang={lang} />
    </>
  );
}

const otherName = (r: { name_zh: string; name_en: string }, lang: Lang) => (lang === 'en' ? r.name_zh : r.name_en);

export interface CarrierCardProps {
  data: AppData;
  carrier: CarrierProps;
  /** Other records drawn at the same point. */
  others: string[];
  lang: Lang;
  onDistrict: (id: string) => void;
  onCarrier: (id: string) => void;
  onClose: () => void;
}

/**
 * A record's card. On the tiled data path `carrier` is the index's record (no citations or notes):
 * the card fetches the full record from its shard (`AppData.tiled.record`) and shows it when it
 * arrives, saying so meanwhile.
 */
export function CarrierCard(props: CarrierCardProps) {
  return props.data.tiled ? <FetchedCarrierCard {...props} /> : <CarrierCardBody {...props} />;
}

/** Words of the card while its record is fetched. */
const FETCH_WORDS: Record<Lang, { loading: string; failed: string }> = {
  zh: { loading: '正在载入完整记录…', failed: '完整记录无法载入' },
  en: { loading: 'Loading the full record…', failed: 'The full record could not be loaded' },
};

function FetchedCarrierCard(props: CarrierCardProps) {
  const { data, carrier, lang, onClose } = props;
  const [got, setGot] = useState<{ id: string; record?: CarrierProps; error?: string } | null>(null);
  useEffect(() => {
    let live = true;
    data.tiled
      ?.record(carrier.id)
      .then((record) => live && setGot({ id: carrier.id, record }))
      .catch((e: Error) => live && setGot({ id: carrier.id, error: e.message }));
    return () => {
      live = false;
    };
  }, [data, carrier.id]);
  const mine = got?.id === carrier.id ? got : null;
  if (mine?.record) return <CarrierCardBody {...props} carrier={mine.record} />;
  return (
    <Card
      lang={lang}
      title={nameIn(carrier, lang)}
      onClose={onClose}
      data={{ 'data-testid': 'card', 'data-kind': 'carrier', 'data-id': carrier.id, 'data-loading': 'true' }}
    >
      <p className="alt">{otherName(carrier, lang)}</p>
      <p className="note" role="status">
        {mine?.error ? `${FETCH_WORDS[lang].failed} (${mine.error})` : FETCH_WORDS[lang].loading}
      </p>
    </Card>
  );
}

function CarrierCardBody({ data, carrier: c, others, lang, onDistrict, onCarrier, onClose }: CarrierCardProps) {
  return (
    <Card
      lang={lang}
      title={nameIn(c, lang)}
      onClose={onClose}
      data={{ 'data-testid': 'card', 'data-kind': 'carrier', 'data-id': c.id }}
    >
      <p className="alt">
        {otherName(c, lang)}{' '}
        <span className="muted">({t(lang, c.name_en_status === 'official' ? 'official' : 'translation')})</span>
      </p>
      <dl>
        <dt>{t(lang, 'kind')}</dt>
        <dd data-testid="kind">{t(lang, `kind_${c.kind}` as const)}</dd>
        {c.roles.length > 0 && (
          <>
            <dt>{t(lang, 'roles')}</dt>
            <dd>
              {c.roles.map((r) => (
                <span key={r} className={`tag role-${r}`}>
                  {t(lang, r === 'city-park' ? 'roleCity' : r === 'ai-plus-park' ? 'roleAiPlus' : 'roleKey')}
                </span>
              ))}
            </dd>
          </>
        )}
        {c.aliases.length > 0 && (
          <>
            <dt>{t(lang, 'aliases')}</dt>
            <dd lang="zh">{c.aliases.join('；')}</dd>
          </>
        )}
        <dt>{t(lang, c.districts.length > 1 ? 'spans' : 'district')}</dt>
        <dd>
          {c.districts.map((id) => {
            const d = data.districtById.get(id);
            return d ? (
              <button key={id} type="button" className="link sep" onClick={() => onDistrict(id)}>
                {nameIn(d, lang)}
              </button>
            ) : null;
          })}
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
        {c.seed_text && (
          <>
            <dt>{t(lang, 'asWritten')}</dt>
            <dd lang="zh">{c.seed_text}</dd>
          </>
        )}
        {c.reading_note && (
          <>
            <dt>{t(lang, 'reading')}</dt>
            <dd data-testid="reading">{(lang === 'zh' && c.reading_note_zh) || c.reading_note}</dd>
          </>
        )}
        <dt>{t(lang, 'location')}</dt>
        <dd data-testid="precision" data-precision={c.precision}>
          <strong>{t(lang, `precision_${c.precision}` as const)}</strong>
          {c.extent === 'from-name' && (
            <span className="schematic" data-testid="schematic" title={t(lang, 'schematicNote')}>
              {t(lang, 'schematic')}
            </span>
          )}{' '}
          — {lang === 'zh' ? c.basis_zh : c.basis}
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
                    {nameIn(o, lang)}
                  </button>
                </li>
              ) : null;
            })}
          </ul>
        </>
      )}
      <Suspense fallback={null}>
        <PlaceSite data={data} carrier={c} lang={lang} />
      </Suspense>
    </Card>
  );
}

export interface DistrictCardProps {
  data: AppData;
  district: DistrictInfo;
  lang: Lang;
  /** Whether a record counts in this district under the filter (`matchesInDistrict`); others are dimmed. */
  counts: (c: CarrierProps) => boolean;
  /** The district's figures under the filter (`countMatches`), the same the badges and chips show. */
  count: DistrictCount;
  onCarrier: (id: string) => void;
  /** Show the district's name (when the card holds several districts). */
  named?: boolean;
}

/** The body of a district card (a card may hold several districts, one after another). */
export function DistrictDetails({ data, district: d, lang, counts, count, onCarrier, named }: DistrictCardProps) {
  const carriers = data.carriers.filter((c) => c.districts.includes(d.id));
  const categories = data.manifest.categories;
  return (
    <div className="district" data-testid="district" data-id={d.id}>
      {named && <h3 className="district-name">{nameIn(d, lang)}</h3>}
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
            <dd data-testid="reading">{(lang === 'zh' && d.reading_note_zh) || d.reading_note}</dd>
          </>
        )}
      </dl>
      <Facts data={data} scope={d.id} lang={lang} />
      <h3>
        {t(lang, 'carrierList')}{' '}
        <span data-testid="district-count" data-records={count.records} data-unplaced={count.unplaced}>
          ({count.records === carriers.length ? carriers.length : `${count.records} / ${carriers.length}`})
        </span>
      </h3>
      {data.tiled && carriers.length > TILED_LIST_MAX && (
        <p className="note" data-testid="district-list-cut">
          {tiledNote(data, 'list', lang)}
        </p>
      )}
      <ol className="list" data-testid="district-carriers">
        {(data.tiled ? carriers.slice(0, TILED_LIST_MAX) : carriers).map((c) => (
          <li key={c.id} className={counts(c) ? '' : 'dim'}>
            <button type="button" className="link" data-carrier={c.id} onClick={() => onCarrier(c.id)}>
              {c.park ? '★ ' : ''}
              {nameIn(c, lang)}
            </button>
            <span className="muted"> · {t(lang, `precision_${c.precision}` as const)}</span>
            {!counts(c) && <span className="muted dim-note"> · {t(lang, 'notInFilter')}</span>}
          </li>
        ))}
      </ol>
      <h3>{t(lang, 'sources')}</h3>
      <Sources data={data} refs={d.sources} lang={lang} />
    </div>
  );
}
