/**
 * The data-quality report: counts by document, kind, district and location precision; the records
 * not drawn as points; and the ambiguities resolved while reading the documents. Pure; used by the
 * `npm run quality` command and the app's quality panel.
 */
import type { CarrierProps } from '../domain/built';
import type { FactRecord } from '../domain/schema';
import { countMatches, type DistrictCount, EMPTY_FILTER } from './filter';

/** One record the report lists, with why. */
export interface QualityItem {
  id: string;
  name_zh: string;
  name_en: string;
  /** Why it is listed, in English (the command line's language). */
  detail: string;
  /** For an ambiguity: a split table cell, a reading of the text, or merged aliases. */
  type?: 'split' | 'reading' | 'aliases';
}

export interface QualityReport {
  total: number;
  /** Records citing each document (a record citing two documents counts in both). */
  byDocument: Record<string, number>;
  byKind: Record<string, number>;
  /**
   * Records per district under the one counting rule (`countMatches` with no filter): a record
   * spanning several districts counts in each; `spanning` says how many of them do.
   */
  byDistrict: Record<string, DistrictCount>;
  /** Records spanning more than one district (counted once here). */
  spanningTotal: number;
  byPrecision: Record<string, number>;
  /** District-level and district-set records: never drawn as a point. */
  notPoints: QualityItem[];
  /** District-set records whose districts are our reading of the name (drawn dashed). */
  schematic: QualityItem[];
  /** Headline figures the documents give no year for, with what period they describe. */
  undatedFacts: Array<{ id: string; scope: string; metric_zh: string; metric_en: string; detail: string }>;
  /** Split cells, readings of typos or stray words, and merged aliases. */
  ambiguities: QualityItem[];
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/**
 * Builds the report from the built records.
 * @param facts the manifest's headline figures, for the list of undated ones.
 */
export function qualityReport(carriers: readonly CarrierProps[], facts: readonly FactRecord[] = []): QualityReport {
  const r: QualityReport = {
    total: carriers.length,
    byDocument: {},
    byKind: {},
    byDistrict: countMatches(carriers, EMPTY_FILTER, [...new Set(carriers.flatMap((c) => c.districts))].sort())
      .byDistrict,
    spanningTotal: carriers.filter((c) => c.districts.length > 1).length,
    byPrecision: {},
    notPoints: [],
    schematic: [],
    undatedFacts: facts
      .filter((f) => f.year === undefined)
      .map((f) => ({
        id: f.id,
        scope: f.scope,
        metric_zh: f.metric_zh,
        metric_en: f.metric_en,
        detail: f.period_note ?? '',
      })),
    ambiguities: [],
  };
  const bySeedText = new Map<string, number>();
  for (const c of carriers) if (c.seed_text) bySeedText.set(c.seed_text, (bySeedText.get(c.seed_text) ?? 0) + 1);
  for (const c of carriers) {
    for (const doc of new Set(c.sources.map((s) => s.doc))) bump(r.byDocument, doc);
    bump(r.byKind, c.kind);
    bump(r.byPrecision, c.precision);
    const item = (detail: string): QualityItem => ({ id: c.id, name_zh: c.name_zh, name_en: c.name_en, detail });
    if (c.precision === 'district' || c.precision === 'district-set') {
      r.notPoints.push(
        item(c.precision === 'district-set' ? `${c.precision}: ${c.districts.join(', ')}` : c.precision),
      );
    }
    if (c.extent === 'from-name') r.schematic.push(item(`read from the name: ${c.districts.join(', ')}`));
    const split = c.seed_text !== undefined && (bySeedText.get(c.seed_text) ?? 0) > 1;
    if (split)
      r.ambiguities.push({ ...item(`split cell "${c.seed_text}": ${c.reading_note ?? ''}`.trim()), type: 'split' });
    else if (c.reading_note) r.ambiguities.push({ ...item(`reading: ${c.reading_note}`), type: 'reading' });
    if (c.aliases.length > 0)
      r.ambiguities.push({ ...item(`aliases merged: ${c.aliases.join('; ')}`), type: 'aliases' });
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
    `by district (in this district only / spanning several; a spanning record counts in each)\n${Object.entries(
      r.byDistrict,
    )
      .map(([k, v]) => `  ${k.padEnd(20)} ${String(v.records - v.spanning).padStart(4)} / ${v.spanning}`)
      .join(
        '\n',
      )}\n  ${'total (each once)'.padEnd(20)} ${String(r.total - r.spanningTotal).padStart(4)} / ${r.spanningTotal}`,
    counts('by precision', r.byPrecision),
    list('not drawn as points (district-level or district set)', r.notPoints),
    list('schematic (districts read from the name)', r.schematic),
    `facts without a year (${r.undatedFacts.length})\n${r.undatedFacts.map((f) => `  ${f.id} · ${f.scope} · ${f.metric_zh} — ${f.detail}`).join('\n')}`,
    list('resolved ambiguities', r.ambiguities),
  ].join('\n\n');
}
