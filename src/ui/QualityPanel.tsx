/**
 * The data-quality report as a panel (counts by document, kind, district and precision; records not
 * drawn as points; schematic extents; facts without a year; resolved ambiguities). Its own module
 * so that it and `analysis/quality.ts` load only when the panel is first opened (`App.tsx`).
 */
import { useMemo } from 'react';
import { type QualityReport, qualityReport } from '../analysis/quality';
import type { AppData } from '../data/load';
import { Card } from './Card';
import { type Lang, nameIn, type StringKey, t } from './i18n';
import type { PanelProps } from './Panels';

function CountTable({
  title,
  counts,
  label,
}: {
  title: string;
  counts: Record<string, number>;
  label: (k: string) => string;
}) {
  return (
    <>
      <h3>{title}</h3>
      <table className="counts">
        <tbody>
          {Object.entries(counts)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => (
              <tr key={k}>
                <td>{label(k)}</td>
                <td>{v}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Records by district under the one counting rule (`countMatches`, no filter): a record spanning
 * several districts counts in each, so the table shows those apart and its total row counts each
 * record once.
 */
function DistrictTable({ data, report, lang }: { data: AppData; report: QualityReport; lang: Lang }) {
  const rows = data.manifest.districts.map((d) => ({ d, n: report.byDistrict[d.id] }));
  return (
    <>
      <h3>{t(lang, 'byDistrict')}</h3>
      <table className="counts" data-testid="quality-districts">
        <thead>
          <tr>
            <th />
            <th>{t(lang, 'inOneDistrict')}</th>
            <th>{t(lang, 'spanningSeveral')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ d, n }) => (
            <tr key={d.id} data-district={d.id} data-records={n.records}>
              <td>{nameIn(d, lang)}</td>
              <td>{n.records - n.spanning}</td>
              <td>{n.spanning}</td>
            </tr>
          ))}
          <tr className="total" data-testid="quality-districts-total">
            <td>{t(lang, 'totalDistinct')}</td>
            <td>{report.total - report.spanningTotal}</td>
            <td>{report.spanningTotal}</td>
          </tr>
        </tbody>
      </table>
      <p className="note">{t(lang, 'countRule')}</p>
    </>
  );
}

/** The data-quality report as a panel. */
export function QualityPanel({ data, lang, onCarrier, onClose }: PanelProps) {
  const r = useMemo(() => qualityReport(data.carriers, data.manifest.facts), [data]);
  const docTitle = (id: string) => {
    const d = data.manifest.sources.find((s) => s.id === id);
    return d ? (lang === 'en' ? d.title_en : d.title_zh) : id;
  };
  const districtName = (id: string) => {
    const d = data.districtById.get(id);
    return d ? nameIn(d, lang) : id;
  };
  // The Chinese form of an ambiguity, from the record's own Chinese note.
  const ambiguityZh = (i: (typeof r.ambiguities)[number]) => {
    const c = data.carrierById.get(i.id);
    if (!c) return i.detail;
    const note = c.reading_note_zh ?? c.reading_note ?? '';
    if (i.type === 'split') return `拆分单元格「${c.seed_text}」：${note}`;
    if (i.type === 'aliases') return `合并别名：${c.aliases.join('；')}`;
    return `释读：${note}`;
  };
  // Where a record is, in the interface language: precision and its district(s).
  const whereOf = (id: string) => {
    const c = data.carrierById.get(id);
    if (!c) return '';
    const names = c.districts.map(districtName).join(lang === 'en' ? ', ' : '、');
    const schematic = c.extent === 'from-name' ? ` · ${t(lang, 'schematic')}` : '';
    return `${t(lang, `precision_${c.precision}` as StringKey)}: ${names}${schematic}`;
  };
  const items = (list: typeof r.notPoints, testid: string, detail: (i: (typeof list)[number]) => string) => (
    <ol className="list" data-testid={testid}>
      {list.map((i) => (
        <li key={`${i.id}${i.detail}`}>
          <button type="button" className="link" data-record={i.id} onClick={() => onCarrier(i.id)}>
            {nameIn(i, lang)}
          </button>{' '}
          <span className="muted">{detail(i)}</span>
        </li>
      ))}
    </ol>
  );
  return (
    <Card lang={lang} title={t(lang, 'quality')} onClose={onClose} className="wide" data={{ 'data-testid': 'quality' }}>
      <p className="alt">
        {r.total} {t(lang, 'records')}
      </p>
      <CountTable title={t(lang, 'byDocument')} counts={r.byDocument} label={docTitle} />
      <CountTable title={t(lang, 'byKind')} counts={r.byKind} label={(k) => t(lang, `kind_${k}` as StringKey)} />
      <DistrictTable data={data} report={r} lang={lang} />
      <CountTable
        title={t(lang, 'byPrecision')}
        counts={r.byPrecision}
        label={(k) => t(lang, `precision_${k}` as StringKey)}
      />
      <h3>
        {t(lang, 'notPoints')} ({r.notPoints.length})
      </h3>
      {items(r.notPoints, 'quality-not-points', (i) => whereOf(i.id))}
      <h3>
        {t(lang, 'schematicList')} ({r.schematic.length})
      </h3>
      {items(r.schematic, 'quality-schematic', (i) => whereOf(i.id))}
      <h3>
        {t(lang, 'undatedFacts')} ({r.undatedFacts.length})
      </h3>
      <ol className="list" data-testid="quality-undated">
        {r.undatedFacts.map((f) => (
          <li key={f.id}>
            {lang === 'en' ? f.metric_en : f.metric_zh}{' '}
            <span className="muted">
              {f.scope === 'city' ? t(lang, 'city') : districtName(f.scope)} — {f.detail}
            </span>
          </li>
        ))}
      </ol>
      <h3>
        {t(lang, 'ambiguities')} ({r.ambiguities.length})
      </h3>
      {items(r.ambiguities, 'quality-ambiguities', (i) => (lang === 'en' ? i.detail : ambiguityZh(i)))}
    </Card>
  );
}

export default QualityPanel;
