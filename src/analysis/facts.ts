/**
 * Headline figures told honestly: what year a figure refers to, whether it is a baseline or a
 * target, when the document that set it was dated, and whether a target's year has passed. Pure
 * functions over the manifest's facts (`FactRecord`) and source documents (`SourceDoc`); the date
 * is always passed in, so the outcome never depends on the clock unless the caller asks for it.
 */
import type { FactRecord, SourceDoc } from '../domain/schema';

/** Interface language (as `src/domain/localized.ts`; restated so that this module imports no UI). */
type Lang = 'zh' | 'en';

/** What a figure is, read against a date. */
export interface FactStatus {
  /** As the fact records it. */
  kind: 'target' | 'baseline';
  /** The year the figure refers to; `null` when the text gives none (see the fact's `period_note`). */
  year: number | null;
  /** The year of the document that gives the figure (its `date`); `null` when the document is undated. */
  setYear: number | null;
  /** A target whose year is before `today`'s year: never to be shown as current. */
  passed: boolean;
}

/** The year of a `YYYY-MM-DD` (or `YYYY…`) document date; `null` when absent or unreadable. */
function yearOf(date: string | undefined): number | null {
  const m = date === undefined ? null : /^(\d{4})/.exec(date);
  return m ? Number(m[1]) : null;
}

/**
 * The status of a figure on a given day.
 * @param fact the figure (`kind`, `year`).
 * @param doc the document it cites (a manifest `sources` entry; only its optional `date`,
 *   `YYYY-MM-DD`, is read); `undefined` is treated as an undated document.
 * @param today the day the figure is shown; its calendar year (local time) decides `passed`. A
 *   target for the current year is not passed: the year is still running.
 * @returns `{ kind, year, setYear, passed }`; `passed` is false for baselines and undated figures.
 */
export function factStatus(
  fact: Pick<FactRecord, 'kind' | 'year'>,
  doc: Pick<SourceDoc, 'date'> | undefined,
  today: Date,
): FactStatus {
  const year = fact.year ?? null;
  return {
    kind: fact.kind,
    year,
    setYear: yearOf(doc?.date),
    passed: fact.kind === 'target' && year !== null && year < today.getFullYear(),
  };
}

/** The mark of a target whose year has passed, as `factLabel` appends it and cards show it as a tag. */
export const PASSED_MARK: Readonly<Record<Lang, string>> = { zh: '年份已过', en: 'year passed' };

/**
 * The short status phrase of a figure, in `lang`: its year and kind, the document's date, and a
 * mark when a target's year has passed. For example:
 *
 * - target, dated document, passed: `2022 年目标（2020 年提出）· 年份已过` / `2022 target, set in 2020 · year passed`;
 * - baseline: `2020 年基数（2021 年文件）` / `2020 baseline (2021 document)`;
 * - undated document: `2025 年目标（文件未注明日期）` / `2025 target (undated document)`;
 * - no year in the text: `基数，未注明年份（文件未注明日期）` / `baseline, year not given (undated document)`
 *   (the fact's `period_note` says what period it describes; cards show it beside the phrase).
 *
 * @param fact, doc, today as `factStatus`.
 * @param options `passedMark: false` leaves the passed mark out (for a card that shows it as a tag).
 * @returns the phrase; never throws.
 */
export function factLabel(
  fact: Pick<FactRecord, 'kind' | 'year'>,
  doc: Pick<SourceDoc, 'date'> | undefined,
  lang: Lang,
  today: Date,
  options: { passedMark?: boolean } = {},
): string {
  const s = factStatus(fact, doc, today);
  const target = s.kind === 'target';
  const mark = s.passed && options.passedMark !== false;
  if (lang === 'zh') {
    const what = target ? '目标' : '基数';
    const head = s.year === null ? `${what}，未注明年份` : `${s.year} 年${what}`;
    const when =
      s.setYear === null ? '（文件未注明日期）' : target ? `（${s.setYear} 年提出）` : `（${s.setYear} 年文件）`;
    return `${head}${when}${mark ? `· ${PASSED_MARK.zh}` : ''}`;
  }
  const what = target ? 'target' : 'baseline';
  const head = s.year === null ? `${what}, year not given` : `${s.year} ${what}`;
  const when =
    s.setYear === null ? ' (undated document)' : target ? `, set in ${s.setYear}` : ` (${s.setYear} document)`;
  return `${head}${when}${mark ? ` · ${PASSED_MARK.en}` : ''}`;
}

/**
 * Figures in the order they are told: current ones (baselines, undated figures and targets whose
 * year has not passed) before targets whose year has passed, each group by year descending, figures
 * without a year last in their group; ties keep the input order (the manifest's: document, line).
 * @returns a new array; `facts` is not changed.
 */
export function orderFacts<F extends Pick<FactRecord, 'kind' | 'year'>>(facts: readonly F[], today: Date): F[] {
  const passed = (f: F) => (factStatus(f, undefined, today).passed ? 1 : 0);
  // Years are 2000–2035 (the schema), so 0 sorts a figure without one after every dated figure.
  const year = (f: F) => f.year ?? 0;
  return facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => passed(a.f) - passed(b.f) || year(b.f) - year(a.f) || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * The figures of the city overview: the `city`-scope facts; when `directions` are chosen, only those
 * tagged with at least one of them (a figure names one industry, rarely two, so "all of them" would
 * leave nothing), in `orderFacts` order.
 * @param directions chosen direction keys; empty = every city figure.
 * @param today the day the figures are shown (default: now), which decides which targets have passed.
 * @returns the figures to show; an empty list when none is tagged with a chosen direction (the card
 *   then says that the documents give no city figure for these directions).
 */
export function cityFactsFor<F extends Pick<FactRecord, 'scope' | 'kind' | 'year' | 'directions'>>(
  facts: readonly F[],
  directions: readonly string[],
  today: Date = new Date(),
): F[] {
  const city = facts.filter((f) => f.scope === 'city');
  const chosen =
    directions.length === 0 ? city : city.filter((f) => (f.directions ?? []).some((k) => directions.includes(k)));
  return orderFacts(chosen, today);
}
