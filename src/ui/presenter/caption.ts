/**
 * The words of each stop of a pitch, in one language: its title, what is here and why it matters
 * for the company's industry, the records it presents, and the quoted source lines with their
 * documents' titles. Derived only from the records (nothing is said that a document does not say);
 * the stage, the slide export and the handout all show this one caption.
 */
import { carrierKeys } from '../../analysis/filter';
import { isCityPark, matchingCityParks, type StopRef } from '../../analysis/pitch';
import type { AppData } from '../../data/load';
import type { CarrierProps, DistrictInfo } from '../../domain/built';
import type { SourceRef } from '../../domain/schema';
import { stopView } from '../../state/pitch';
import { type Lang, nameIn, t } from '../i18n';
import { presenterWord as w } from './words';

/** A quoted source line: the document's title, its line, and the quote. */
export interface CaptionSource {
  doc: string;
  title: string;
  line: number;
  quote: string;
}

/** A record a stop presents, with how precisely it is located (in words). */
export interface CaptionItem {
  id: string;
  name: string;
  /** e.g. "仅知板块" / "district only". */
  precision: string;
  park: boolean;
  /** Names of the chosen directions the record carries (its own directions only). */
  matched: string[];
}

/** Everything a stop says. */
export interface StopCaption {
  title: string;
  /** The chosen directions' names, or "all directions". */
  subtitle: string;
  /** Short statements: what is here, why it matters for the chosen directions. */
  lines: string[];
  /** A longer statement in smaller type (a district's whole focus list). */
  note?: string;
  /** Headline counts, e.g. [["城市级产业园", 3], …]. */
  counts: Array<[string, number]>;
  items: CaptionItem[];
  /** Matching records the stop holds beyond `items` (counted, not named). */
  more?: number;
  sources: CaptionSource[];
}

/** Most records listed by name in a caption (the rest are counted). */
export const MAX_CAPTION_ITEMS = 6;

function directionNames(data: AppData, keys: readonly string[], lang: Lang): string[] {
  return keys.flatMap((k) => {
    const d = data.manifest.directions.find((x) => x.key === k);
    return d ? [lang === 'en' ? d.en : d.zh] : [];
  });
}

function source(data: AppData, ref: SourceRef, lang: Lang): CaptionSource {
  const doc = data.manifest.sources.find((d) => d.id === ref.doc);
  const title = doc ? (lang === 'en' ? doc.title_en : doc.title_zh) : ref.doc;
  return { doc: ref.doc, title, line: ref.line, quote: ref.quote };
}

function item(data: AppData, c: CarrierProps, directions: readonly string[], lang: Lang): CaptionItem {
  const own = carrierKeys(c, false);
  return {
    id: c.id,
    name: nameIn(c, lang),
    precision: t(lang, `precision_${c.precision}` as const),
    park: isCityPark(c),
    matched: directionNames(
      data,
      directions.filter((k) => own.has(k)),
      lang,
    ),
  };
}

/** Parks first, then the rest, each in the table's order. */
const parksFirst = (records: readonly CarrierProps[]) => [
  ...records.filter(isCityPark),
  ...records.filter((c) => !isCityPark(c)),
];

/** Why a district matters for the directions, and its whole focus list (the table's 重点发展方向). */
function districtLines(
  data: AppData,
  d: DistrictInfo,
  directions: readonly string[],
  lang: Lang,
): { lines: string[]; note: string } {
  const matched = directions.filter((k) => d.direction_keys.includes(k));
  const note = `${w(lang, 'focusIs')}${d.direction_terms.join(lang === 'en' ? '; ' : '、')}`;
  if (directions.length === 0) return { lines: [], note };
  const lines = [
    matched.length > 0
      ? `${w(lang, 'focusNames')}${directionNames(data, matched, lang).join(lang === 'en' ? ', ' : '、')}`
      : w(lang, 'focusNamesNone'),
  ];
  return { lines, note };
}

/**
 * The caption of one stop under the pitch's directions.
 * @param directions the pitch's direction keys (empty: every direction).
 */
export function stopCaption(data: AppData, stop: StopRef, directions: string[], lang: Lang): StopCaption {
  const view = stopView(data, stop, directions);
  const names = directionNames(data, directions, lang);
  const subtitle = names.length > 0 ? names.join(lang === 'en' ? ' · ' : '、') : w(lang, 'allDirections');
  const items = parksFirst(view.records)
    .slice(0, MAX_CAPTION_ITEMS)
    .map((c) => item(data, c, directions, lang));
  const unplaced = view.records.filter((c) => c.precision === 'district' || c.precision === 'district-set').length;

  if (stop.type === 'overview') {
    const focusDistricts = data.manifest.districts.filter(
      (d) => directions.length === 0 || directions.some((k) => d.direction_keys.includes(k)),
    );
    return {
      title: w(lang, 'overviewTitle'),
      subtitle,
      lines: [w(lang, 'overviewLine')],
      counts: [
        [w(lang, 'countParks'), view.parks.length],
        [w(lang, 'countRecords'), view.records.length],
        [w(lang, 'countFocusDistricts'), focusDistricts.length],
      ],
      items: [],
      sources: [],
    };
  }
  if (stop.type === 'district') {
    const d = data.districtById.get(stop.id);
    if (!d) return { title: stop.id, subtitle, lines: [], counts: [], items: [], sources: [] };
    return {
      title: nameIn(d, lang),
      subtitle,
      ...districtLines(data, d, directions, lang),
      counts: [
        [w(lang, 'countParks'), view.parks.length],
        [w(lang, 'countRecords'), view.records.length],
        [w(lang, 'countUnplaced'), unplaced],
      ],
      items,
      more: view.records.length - items.length,
      // The table cells that say something (a cell holding only the district's name says nothing).
      sources: d.sources
        .filter((s) => s.quote !== d.name_zh)
        .slice(0, 2)
        .map((s) => source(data, s, lang)),
    };
  }
  if (stop.type === 'record') {
    const c = data.carrierById.get(stop.id);
    if (!c) return { title: stop.id, subtitle, lines: [], counts: [], items: [], sources: [] };
    const district = data.districtById.get(c.district);
    const own = directionNames(
      data,
      c.directions_own.map((x) => x.key),
      lang,
    );
    const lines = [
      `${isCityPark(c) ? t(lang, 'roleCity') : t(lang, `kind_${c.kind}` as const)} · ${district ? nameIn(district, lang) : c.district}`,
    ];
    if (own.length > 0) lines.push(`${w(lang, 'itsDirections')}${own.join(lang === 'en' ? ', ' : '、')}`);
    lines.push(
      `${w(lang, 'location')}${t(lang, `precision_${c.precision}` as const)} — ${lang === 'en' ? c.basis : c.basis_zh}`,
    );
    return {
      title: nameIn(c, lang),
      subtitle,
      lines,
      counts: [],
      items: [],
      sources: c.sources.slice(0, 2).map((s) => source(data, s, lang)),
    };
  }
  const parks = matchingCityParks(data.carriers, directions);
  const first = parks[0]?.sources[0];
  return {
    title: w(lang, 'closingTitle'),
    subtitle,
    lines: [parks.length > 0 ? w(lang, 'closingLine') : w(lang, 'closingNone')],
    counts: [[w(lang, 'countParks'), parks.length]],
    items: parks.map((c) => item(data, c, directions, lang)),
    sources: first ? [source(data, first, lang)] : [],
  };
}

/** A stop's short name for the stop list and the progress bar's tooltips. */
export function stopLabel(data: AppData, stop: StopRef, lang: Lang): string {
  if (stop.type === 'overview') return w(lang, 'overviewTitle');
  if (stop.type === 'closing') return w(lang, 'closingTitle');
  const r = stop.type === 'district' ? data.districtById.get(stop.id) : data.carrierById.get(stop.id);
  return r ? nameIn(r, lang) : stop.id;
}
