/**
 * Search over what people type for "where is …?" and "what is there for …?": records (names,
 * aliases, the table's wording, their kind), districts, industry directions (names, the documents'
 * terms and the taxonomy's search synonyms, so 半导体 or "semiconductor" finds 集成电路) and the
 * gazetteer's towns and places (stations, airports, campuses, lakes). Chinese names are also indexed
 * by pinyin, in full and by initials ("suzhou gongye", "szgy" → 苏州工业园区), via pinyin-pro.
 *
 * Ranking is by tiers so that what was typed exactly wins: an exact name, then an exact other name
 * (alias, synonym), then prefixes, pinyin, substrings, and only then fuse.js's fuzzy matches (Bitap,
 * https://www.fusejs.io) for typos. Every hit says why it matched (`reason`).
 */
import Fuse, { type FuseResultMatch } from 'fuse.js';
import { pinyin } from 'pinyin-pro';
import type { CarrierProps, DistrictInfo } from '../domain/built';
import { SEARCH_FULL_MAX } from '../domain/constants';
import type { Direction } from '../domain/schema';

export { SEARCH_FULL_MAX };

/** What a hit is: a record, a district, an industry direction or a gazetteer place. */
export type HitType = 'carrier' | 'district' | 'direction' | 'place';

/**
 * Which of an entry's strings matched: its `name` (either language), an `alias`, the table's
 * wording (`as-written`), a direction's document `term` or search `synonym`, a record's `kind`, or
 * the pinyin of a Chinese name, in full (`pinyin`) or by `initials`.
 */
export type MatchField = 'name' | 'alias' | 'as-written' | 'term' | 'synonym' | 'kind' | 'pinyin' | 'initials';

/** Why a hit matched: the field, the string of it that matched, and whether only approximately. */
export interface MatchReason {
  field: MatchField;
  /** The matched string as indexed (for pinyin, the syllables separated by spaces). */
  text: string;
  /** Which name the matched string belongs to, for `name`, `pinyin` and `initials`. */
  lang?: 'zh' | 'en';
  /** Found by fuzzy matching (a typo or a gap), not by the string itself. */
  fuzzy: boolean;
}

/** One search result, with both names for display and the reason it matched. */
export interface SearchHit {
  type: HitType;
  /** Record id, district id, direction key or gazetteer id. */
  id: string;
  name_zh: string;
  name_en: string;
  /** For a record, its (first) district id; for a district, its own id; absent otherwise. */
  district?: string;
  /** For a place: its point [lon, lat] (degrees), gazetteer layer and category. */
  point?: [number, number];
  layer?: SearchPlace['layer'];
  category?: string;
  /** 0 = exact name … 1 = barely matched; hits are returned in increasing score. */
  score: number;
  reason: MatchReason;
}

/** A gazetteer point as the search needs it (see `GazetteerPropsSchema`). */
export interface SearchPlace {
  id: string;
  name_zh: string;
  name_en: string;
  layer: 'town' | 'place' | 'station' | 'airport';
  category: string;
  point: [number, number];
}

/** A record kind's label in both languages, so that "实验室" or "laboratory" finds the labs. */
export interface KindLabel {
  key: string;
  zh: string;
  en: string;
}

/** Everything searchable; only the records and districts are required. */
export interface SearchSources {
  carriers: readonly CarrierProps[];
  districts: readonly DistrictInfo[];
  /** The manifest's directions; their optional `synonyms` are indexed when present. */
  directions?: readonly (Pick<Direction, 'key' | 'zh' | 'en' | 'terms'> & { synonyms?: readonly string[] })[];
  places?: readonly SearchPlace[];
  kinds?: readonly KindLabel[];
}

/** A search function over a fixed index. */
export type Search = (query: string, limit?: number) => SearchHit[];

/** An indexed string: its normalised forms and, for Chinese text, its pinyin. */
interface Field {
  field: MatchField;
  text: string;
  lang?: 'zh' | 'en';
  /** Lower-case, NFKC, punctuation as single spaces, trimmed: for word-boundary matching. */
  norm: string;
  /** `norm` without spaces: for matching Chinese, and queries typed without spaces. */
  compact: string;
  pinyin?: Pinyin;
}

interface Pinyin {
  /** Syllables run together ("suzhougongyeyuanqu"). */
  full: string;
  /** Offsets in `full` where a syllable starts, so a query may start mid-name but not mid-syllable. */
  starts: Set<number>;
  /** One letter a syllable ("szgyyq"). */
  initials: string;
  /** Syllables separated by spaces, for display. */
  spaced: string;
}

interface Entry {
  hit: Omit<SearchHit, 'score' | 'reason'>;
  fields: Field[];
}

/**
 * Score of each tier (lower is better). Tiers are 0.02+ apart and a tie-breaker below 0.01 orders
 * hits within one, so an exact alias still beats a prefix of a name however short.
 */
const TIER = {
  exactName: 0,
  exactOther: 0.02,
  prefixName: 0.1,
  prefixOther: 0.12,
  pinyinPrefix: 0.14,
  initialsPrefix: 0.16,
  substringName: 0.2,
  substringOther: 0.22,
  pinyinInner: 0.26,
  initialsInner: 0.3,
  kind: 0.34,
  fuzzy: 0.4,
} as const;

/** Fuse only for queries this long (Latin / other scripts): shorter ones match nearly everything. */
const FUZZY_MIN_LATIN = 4;
const FUZZY_MIN_CJK = 3;
/**
 * Fuse score a fuzzy hit needs when the query also matched directly. Fuse's threshold bounds each
 * key's Bitap score, but the weighted score it reports can reach 0.7 for one or two shared characters.
 */
const FUZZY_BESIDE_DIRECT = 0.35;
/** Initials only from this many letters: one letter would be the first syllable of half the names. */
const INITIALS_MIN = 2;

const HAN = /\p{Script=Han}/u;

/** Lower case, full-width folded (NFKC), every run of punctuation or space as one space. */
export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

function pinyinOf(text: string): Pinyin | undefined {
  if (!HAN.test(text)) return undefined;
  // `consecutive` keeps runs of Latin letters and digits ("5G", "AI") as one syllable.
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => normalise(s).replace(/ /g, ''))
    .filter(Boolean);
  const starts = new Set<number>();
  let at = 0;
  for (const s of syllables) {
    starts.add(at);
    at += s.length;
  }
  return {
    full: syllables.join(''),
    starts,
    initials: syllables.map((s) => s[0]).join(''),
    spaced: syllables.join(' '),
  };
}

function field(kind: MatchField, text: string, lang?: 'zh' | 'en', pinyinToo = true): Field {
  const norm = normalise(text);
  const withPinyin = pinyinToo && (kind === 'name' || kind === 'alias' || kind === 'as-written');
  return {
    field: kind,
    text,
    lang,
    norm,
    compact: norm.replace(/ /g, ''),
    pinyin: withPinyin ? pinyinOf(text) : undefined,
  };
}

/** The fields of an entry, each string once (the first field that names it wins); pinyin unless `pinyinToo` is false. */
function fields(list: Array<[MatchField, string | undefined, ('zh' | 'en')?]>, pinyinToo = true): Field[] {
  const seen = new Set<string>();
  const out: Field[] = [];
  for (const [kind, text, lang] of list) {
    if (!text) continue;
    const f = field(kind, text, lang, pinyinToo);
    if (!f.compact || seen.has(f.compact)) continue;
    seen.add(f.compact);
    out.push(f);
  }
  return out;
}

function entriesOf(src: SearchSources, large: boolean): Entry[] {
  const kindLabel = new Map((src.kinds ?? []).map((k) => [k.key, k]));
  return [
    ...src.districts.map((d) => ({
      hit: { type: 'district' as const, id: d.id, name_zh: d.name_zh, name_en: d.name_en, district: d.id },
      fields: fields([
        ['name', d.name_zh, 'zh'],
        ['name', d.name_en, 'en'],
      ]),
    })),
    ...src.carriers.map((c) => {
      const kind = kindLabel.get(c.kind);
      return {
        hit: { type: 'carrier' as const, id: c.id, name_zh: c.name_zh, name_en: c.name_en, district: c.district },
        fields: fields(
          [
            ['name', c.name_zh, 'zh'],
            ['name', c.name_en, 'en'],
            ...c.aliases.map((a): [MatchField, string] => ['alias', a]),
            ['as-written', c.seed_text],
            ['kind', kind?.zh, 'zh'],
            ['kind', kind?.en, 'en'],
          ],
          !large,
        ),
      };
    }),
    ...(src.directions ?? []).map((d) => ({
      hit: { type: 'direction' as const, id: d.key, name_zh: d.zh, name_en: d.en },
      fields: fields([
        ['name', d.zh, 'zh'],
        ['name', d.en, 'en'],
        ...(d.synonyms ?? []).map((s): [MatchField, string] => ['synonym', s]),
        ...d.terms.map((s): [MatchField, string] => ['term', s]),
      ]),
    })),
    ...(src.places ?? []).map((p) => ({
      hit: {
        type: 'place' as const,
        id: p.id,
        name_zh: p.name_zh,
        name_en: p.name_en,
        point: p.point,
        layer: p.layer,
        category: p.category,
      },
      fields: fields([
        ['name', p.name_zh, 'zh'],
        ['name', p.name_en, 'en'],
      ]),
    })),
  ];
}

/**
 * Whether `q` occurs in the field: anywhere for a Chinese query; for a Latin one only at the start
 * of a word (after a space or a non-Latin character), so that "ai" finds "AI+" but not "Taicang".
 */
function occursIn(f: Field, q: { norm: string; compact: string; han: boolean }): boolean {
  if (q.han) return f.compact.includes(q.compact);
  for (let at = f.norm.indexOf(q.norm); at >= 0; at = f.norm.indexOf(q.norm, at + 1)) {
    if (at === 0 || !/[a-z0-9]/.test(f.norm[at - 1] as string)) return true;
  }
  return false;
}

/** Within-tier tie-breaker in [0, 0.009]: the more of the string the query covers, the better. */
const cover = (q: string, s: string) => 0.009 * (1 - Math.min(1, q.length / Math.max(1, s.length)));

/** The best (lowest-scoring) direct match of a query on one field, or `undefined`. */
function matchField(
  f: Field,
  q: { norm: string; compact: string; han: boolean; letters: boolean },
): { score: number; reason: MatchReason } | undefined {
  const isName = f.field === 'name';
  const reason = (field: MatchField, text: string): MatchReason => ({ field, text, lang: f.lang, fuzzy: false });
  if (f.field === 'kind') {
    return f.compact === q.compact || (q.compact.length >= 2 && f.compact.startsWith(q.compact))
      ? { score: TIER.kind + cover(q.compact, f.compact), reason: reason('kind', f.text) }
      : undefined;
  }
  if (f.compact === q.compact || f.norm === q.norm)
    return { score: isName ? TIER.exactName : TIER.exactOther, reason: reason(f.field, f.text) };
  if (f.norm.startsWith(q.norm) || (q.han && f.compact.startsWith(q.compact)))
    return {
      score: (isName ? TIER.prefixName : TIER.prefixOther) + cover(q.compact, f.compact),
      reason: reason(f.field, f.text),
    };
  const py = f.pinyin;
  if (py && q.letters) {
    if (py.full.startsWith(q.compact)) {
      const whole = q.compact.length === py.full.length || py.starts.has(q.compact.length);
      // A query that ends mid-syllable ("suzhou gong") is still a prefix; whole syllables rank first.
      return {
        score: TIER.pinyinPrefix + (whole ? 0 : 0.005) + cover(q.compact, py.full) / 2,
        reason: reason('pinyin', py.spaced),
      };
    }
    if (q.compact.length >= INITIALS_MIN && py.initials.startsWith(q.compact))
      return { score: TIER.initialsPrefix + cover(q.compact, py.initials), reason: reason('initials', py.initials) };
  }
  if (occursIn(f, q))
    return {
      score: (isName ? TIER.substringName : TIER.substringOther) + cover(q.compact, f.compact),
      reason: reason(f.field, f.text),
    };
  if (py && q.letters) {
    for (const at of py.starts) {
      if (at > 0 && py.full.startsWith(q.compact, at))
        return { score: TIER.pinyinInner + cover(q.compact, py.full), reason: reason('pinyin', py.spaced) };
    }
    if (q.compact.length >= INITIALS_MIN + 1 && py.initials.includes(q.compact))
      return { score: TIER.initialsInner + cover(q.compact, py.initials), reason: reason('initials', py.initials) };
  }
  return undefined;
}

/** Fuse options: names weigh more than other names; match anywhere (`ignoreLocation`) since Chinese names put the distinctive part in the middle. */
const FUSE_OPTIONS = {
  keys: [
    { name: 'names', weight: 2 },
    { name: 'others', weight: 1 },
  ],
  threshold: 0.34,
  ignoreLocation: true,
  includeScore: true,
  includeMatches: true,
  minMatchCharLength: 1,
};

/** The field a fuse match points to (by the matched string), else the entry's first name. */
function fuseField(entry: Entry, m: FuseResultMatch | undefined): Field | undefined {
  return entry.fields.find((f) => f.text === m?.value) ?? entry.fields[0];
}

/**
 * Builds the index once (pinyin for a few hundred names takes some milliseconds: build it when the
 * search box is first used, not at start-up). With more than `SEARCH_FULL_MAX` records, record
 * names are matched as written only (no pinyin, no typo matching for records).
 * @param src records, districts and, optionally, directions, gazetteer places and kind labels; or,
 *   as before directions and places were searchable, the records with the districts as a second argument.
 * @returns `search(query, limit = 10)`: hits best first, each with its reason; a blank query returns `[]`.
 */
export function buildSearch(src: SearchSources): Search;
export function buildSearch(carriers: readonly CarrierProps[], districts: readonly DistrictInfo[]): Search;
export function buildSearch(
  srcOrCarriers: SearchSources | readonly CarrierProps[],
  districts: readonly DistrictInfo[] = [],
): Search {
  const src = Array.isArray(srcOrCarriers)
    ? { carriers: srcOrCarriers as readonly CarrierProps[], districts }
    : (srcOrCarriers as SearchSources);
  const large = src.carriers.length > SEARCH_FULL_MAX;
  const entries = entriesOf(src, large);
  // Fuse's index lists every entry; with many records only the others are matched fuzzily.
  const fuzzy = large ? entries.flatMap((e, i) => (e.hit.type === 'carrier' ? [] : [i])) : entries.map((_, i) => i);
  const fuse = new Fuse(
    fuzzy.map((i) => {
      const e = entries[i] as Entry;
      return {
        names: e.fields.filter((f) => f.field === 'name').map((f) => f.text),
        others: e.fields.filter((f) => f.field !== 'name' && f.field !== 'kind').map((f) => f.text),
      };
    }),
    FUSE_OPTIONS,
  );
  return (query, limit = 10) => {
    const norm = normalise(query);
    if (!norm) return [];
    const compact = norm.replace(/ /g, '');
    const han = HAN.test(norm);
    const q = { norm, compact, han, letters: /^[a-z]+$/.test(compact) };
    const best = new Map<number, { score: number; reason: MatchReason }>();
    entries.forEach((e, i) => {
      for (const f of e.fields) {
        const m = matchField(f, q);
        if (m && m.score < (best.get(i)?.score ?? Number.POSITIVE_INFINITY)) best.set(i, m);
      }
    });
    if (compact.length >= (han ? FUZZY_MIN_CJK : FUZZY_MIN_LATIN)) {
      // Fuse's Bitap patterns are limited to 32 characters; longer names are matched directly above.
      // Once the query matched something as typed, only close fuzzy matches are worth showing beside it.
      const cutoff = best.size > 0 ? FUZZY_BESIDE_DIRECT : 1;
      for (const r of fuse.search(query.trim().slice(0, 32))) {
        const index = fuzzy[r.refIndex] as number;
        if (best.has(index) || (r.score ?? 1) > cutoff) continue;
        const entry = entries[index] as Entry;
        // A place spelt nearly like the query is another place (苏州北站 is not 苏州站): places
        // are found only by what they are called, never by a typo match.
        if (entry.hit.type === 'place') continue;
        const f = fuseField(entry, r.matches?.[0]);
        if (!f) continue;
        best.set(index, {
          score: TIER.fuzzy + 0.6 * (r.score ?? 1),
          reason: { field: f.field, text: f.text, lang: f.lang, fuzzy: true },
        });
      }
    }
    return [...best]
      .sort(([ia, a], [ib, b]) => a.score - b.score || ia - ib)
      .slice(0, limit)
      .map(([i, m]) => ({ ...(entries[i] as Entry).hit, score: m.score, reason: m.reason }));
  };
}
