/**
 * The data-quality report: counts by document, kind, district and location precision; the records
 * not drawn as points; and the ambiguities resolved while reading the documents. Pure; used by the
 * `npm run quality` command and the app's quality panel.
 */
import type { CarrierProps } from '../domain/built';

/** One record the report lists, with why. */
export interface QualityItem {
  id: string;
  name_zh: string;
  name_en: string;
  detail: string;
}

export interface QualityReport {
  total: number;
  /** Records citing each document (a record citing two documents counts in both). */
  byDocument: Record<string, number>;
  byKind: Record<string, number>;
  /** Records per district (a district-set record counts in each of its districts). */
  byDistrict: Record<string, number>;
  byPrecision: Record<string, number>;
  /** District-level and district-set records: never drawn as a point. */
  notPoints: QualityItem[];
  /** Split cells, readings of typos or stray words, and merged aliases. */
  ambiguities: QualityItem[];
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Builds the report from the built records. */
export function qualityReport(carriers: readonly CarrierProps[]): QualityReport {
  const r: QualityReport = {
    total: carriers.length,
    byDocument: {},
    byKind: {},
    byDistrict: {},
    byPrecision: {},
    notPoints: [],
    ambiguities: [],
  };
  const bySeedText = new Map<string, number>();
  for (const c of carriers) if (c.seed_text) bySeedText.set(c.seed_text, (bySeedText.get(c.seed_text) ?? 0) + 1);
  for (const c of carriers) {
    for (const doc of new Set(c.sources.map((s) => s.doc))) bump(r.byDocument, doc);
    bump(r.byKind, c.kind);
    for (const d of c.districts) bump(r.byDistrict, d);
    bump(r.byPrecision, c.precision);
    const item = (detail: string): QualityItem => ({ id: c.id, name_zh: c.name_zh, name_en: c.name_en, detail });
    if (c.precision === 'district' || c.precision === 'district-set') {
      r.notPoints.push(
        item(c.precision === 'district-set' ? `${c.precision}: ${c.districts.join(', ')}` : c.precision),
      );
    }
    const split = c.seed_text !== undefined && (bySeedText.get(c.seed_text) ?? 0) > 1;
    if (split) r.ambiguities.push(item(`split cell "${c.seed_text}": ${c.reading_note ?? ''}`.trim()));
    else if (c.reading_note) r.ambiguities.push(item(`reading: ${c.reading_note}`));
    if (c.aliases.length > 0) r.ambiguities.push(item(`aliases merged: ${c.aliases.join('; ')}`));
  }
  return r;
}

/** Renders the report as plain text (for the command line). */
export function formatQualityReport(r: QualityReport): string {
  const counts = (title: string, m: Record<string, number>) =>
    `${title}\n${Object.entries(m)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `  ${k.padEnd(20)} ${v}`)
      .join('\n')}`;
  const list = (title: string, items: QualityItem[]) =>
    `${title} (${items.length})\n${items.map((i) => `  ${i.id} · ${i.name_zh} — ${i.detail}`).join('\n')}`;
  return [
    `records: ${r.total}`,
    counts('by document', r.byDocument),
    counts('by kind', r.byKind),
    counts('by district', r.byDistrict),
    counts('by precision', r.byPrecision),
    list('not drawn as points (district-level or district set)', r.notPoints),
    list('resolved ambiguities', r.ambiguities),
  ].join('\n\n');
}
