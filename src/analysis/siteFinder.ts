/**
 * The site finder (issue 11, ★): ranks parks (and, if asked, every other carrier) against what a
 * company needs, and explains each score in plain words in both languages. Pure: the weights are
 * the exported `SITE_WEIGHTS` (the UI states them), the distances turf's great-circle `distance`
 * (haversine, R = 6371.0088 km; see `./proximity`).
 *
 * **Candidates** (`isSiteCandidate`): the parks, i.e. records with `park: true` (the ten city parks,
 * role `city-park`) or the role `ai-plus-park` (seed 003's 十全十美 "AI+" parks), as the map's park
 * markers; with `includeCarriers`, every record given.
 *
 * **Rules**, each applied only when the profile asks for it (one `parts` entry per rule applied):
 * - `directions`: `SITE_WEIGHTS.direction` points per chosen direction the record carries (its own
 *   directions; plus its district's focus directions with `profile.inherit`);
 * - `district`: `SITE_WEIGHTS.district` points when the record spans a preferred district;
 * - `rail` (hard limit `maxRail_km`): distance from the record's point to the nearest rail station of
 *   the gazetteer whose category is in `RAIL_CATEGORIES`: every station, `hsr`, `mainline` and
 *   `intercity`, counts as high-speed rail, because the `intercity` stations (苏州园区站, 苏州新区站) and
 *   the `mainline` 苏州站 are on the Shanghai–Nanjing intercity railway (沪宁城际, a high-speed line; the
 *   lines are listed in ../shared/geo/suzhou_transport_wgs84.geojson). Each explanation names the
 *   station and its category. The gazetteer has no citable point for 苏州北站, 昆山南, 太仓 and other
 *   stations (../shared/geo/README.md), so a distance is to the nearest station *known to the map*
 *   (`railStationsOf` lists them for the UI). Within the limit: `SITE_WEIGHTS.rail` points;
 * - `airport` (hard limit `maxAirport_km`): the same with the gazetteer's airports, `SITE_WEIGHTS.airport`;
 * - `university` (soft): `SITE_WEIGHTS.university` points when a gazetteer university (layer `place`,
 *   category `university`) lies within `university_km`; never excludes.
 *
 * **Hard limits and precision.** A candidate is **excluded**, with the rule named, when even the
 * nearest position its uncertainty allows is beyond a hard limit (distance − uncertainty > limit).
 * Distances are measured from the record's point (`site`, `area`, `town`), with its uncertainty stated
 * (`./proximity` `uncertaintyKm`). A point within the limit scores; a point beyond it whose uncertainty
 * reaches back inside is **not excluded and scores 0** ("may be beyond"). A candidate known only by
 * district (or district set) cannot be measured: it is **never excluded**, scores 0 on every distance
 * rule, and its explanation says so.
 *
 * **Order**: candidates that are not excluded first, then the excluded; within each, by score
 * (highest first), then by how precisely the location is known (site, area, town, district,
 * district set), then by id (code-unit order). `rank` numbers the candidates not excluded from 1.
 */
import { distance } from '@turf/turf';
import type { CarrierProps, GazetteerProps } from '../domain/built';
import type { Lang } from '../domain/localized';
import type { Precision } from '../domain/schema';
import { carrierKeys } from './filter';
import { formatKm, formatUncertaintyKm, type LocateOptions, type LonLat, locate, type PointIndex } from './proximity';

/** Points of each rule (shown in the UI beside the profile). */
export const SITE_WEIGHTS = {
  /** Per chosen direction the candidate carries. */
  direction: 3,
  /** Spanning a preferred district. */
  district: 2,
  /** A rail station within `maxRail_km`. */
  rail: 1,
  /** An airport within `maxAirport_km`. */
  airport: 1,
  /** A university within `university_km`. */
  university: 1,
} as const;

/** Gazetteer station categories counted as rail stations by the `rail` rule (see the module comment). */
export const RAIL_CATEGORIES: readonly string[] = ['hsr', 'mainline', 'intercity'];

/** Rules whose limit excludes a candidate (when its distance is known). */
export const HARD_LIMIT_RULES: readonly SiteRuleKey[] = ['rail', 'airport'];

/** The rules of the site finder. */
export type SiteRuleKey = 'directions' | 'district' | 'rail' | 'airport' | 'university';

/** Names of the rules and of station categories, in both languages (for the UI's statement of the rules). */
export const SITE_RULE_NAMES: Readonly<Record<SiteRuleKey, Record<Lang, string>>> = {
  directions: { zh: '产业方向', en: 'industry directions' },
  district: { zh: '优选板块', en: 'preferred districts' },
  rail: { zh: '铁路车站', en: 'rail station' },
  airport: { zh: '机场', en: 'airport' },
  university: { zh: '高校', en: 'university' },
};
export const STATION_CATEGORY_NAMES: Readonly<Record<string, Record<Lang, string>>> = {
  hsr: { zh: '高铁', en: 'HSR' },
  mainline: { zh: '国铁干线', en: 'mainline' },
  intercity: { zh: '城际铁路', en: 'intercity' },
};

/** What a company needs. Unset or `null` limits, and empty lists, are rules not applied. */
export interface SiteProfile {
  /** Direction keys of the taxonomy. */
  directions: string[];
  /** Preferred district ids. */
  districts: string[];
  /** Hard limit: at most this far (km) from a rail station (`RAIL_CATEGORIES`). */
  maxRail_km?: number | null;
  /** Hard limit: at most this far (km) from an airport. */
  maxAirport_km?: number | null;
  /** Soft: a university within this distance (km) earns points. */
  university_km?: number | null;
  /** Rank every record given, not only the parks. */
  includeCarriers: boolean;
  /** Directions also match by the record's district focus (as the filter's option). Default false. */
  inherit?: boolean;
}

/** A gazetteer point as the site finder reads it (`GazetteerPlace` of src/data/load.ts fits). */
export type SitePlace = Pick<GazetteerProps, 'id' | 'name_zh' | 'name_en' | 'layer' | 'category'> & { point: LonLat };

/** Labels for the explanation; a key without one is shown as the key. */
export interface SiteLabels extends LocateOptions {
  directions?: ReadonlyArray<{ key: string; zh: string; en: string }>;
  districts?: ReadonlyArray<{ id: string; name_zh: string; name_en: string }>;
}

/**
 * How a rule went: `met` (points earned), `unmet` (0), `unknown` (no point to measure from: 0, never
 * excluded), `uncertain` (beyond a distance by the point but within it by the uncertainty: 0, not
 * excluded), `excluded` (beyond a hard limit even allowing for the uncertainty).
 */
export type SitePartStatus = 'met' | 'unmet' | 'unknown' | 'uncertain' | 'excluded';

/** One rule applied to one candidate. */
export interface SitePart {
  rule: SiteRuleKey;
  points: number;
  status: SitePartStatus;
  /** The sentence of the explanation for this rule. */
  detail: Record<Lang, string>;
  /** `directions`: the chosen directions matched; `district`: the preferred districts spanned. */
  matched?: string[];
  /** Distance rules: the nearest station, airport or university, and its distance (km) from the point. */
  place?: { id: string; name_zh: string; name_en: string; category: string };
  distance_km?: number;
  /** Distance rules: the candidate's uncertainty (km). */
  uncertainty_km?: number;
}

/** One ranked candidate. */
export interface SiteResult {
  id: string;
  record: CarrierProps;
  /** 1, 2, … for candidates not excluded; `null` for the excluded. */
  rank: number | null;
  /** Sum of the parts' points. */
  score: number;
  /** The hard-limit rules that exclude it, in words; `null` when not excluded. */
  excluded: { rules: SiteRuleKey[]; zh: string; en: string } | null;
  parts: SitePart[];
  /** The candidate's point, or `null` when it is known only by district. */
  point: LonLat | null;
  precision: Precision;
  /** Radius (km) within which it lies around `point`; `null` without a point. */
  uncertainty_km: number | null;
  /** The parts' sentences and a sentence on how precisely the location is known. */
  explanation: Record<Lang, string>;
}

/** The rail stations the `rail` rule measures to (layer `station`, category in `RAIL_CATEGORIES`), in the order given. */
export function railStationsOf<P extends Pick<SitePlace, 'layer' | 'category'>>(places: readonly P[]): P[] {
  return places.filter((p) => p.layer === 'station' && RAIL_CATEGORIES.includes(p.category));
}

/** Whether a record is a site-finder candidate: a park (`park: true` or role `ai-plus-park`), or any record with `includeCarriers`. */
export function isSiteCandidate(c: Pick<CarrierProps, 'park' | 'roles'>, includeCarriers: boolean): boolean {
  return includeCarriers || c.park || c.roles.includes('city-park') || c.roles.includes('ai-plus-park');
}

const PRECISION_ORDER: readonly Precision[] = ['site', 'area', 'town', 'district', 'district-set'];

function listIn(items: readonly string[], lang: Lang): string {
  if (lang === 'zh') return items.join('、');
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const plus = (n: number) => (n > 0 ? `+${n}` : '0');

/** A distance with its uncertainty, short: `2.4 km`, `about 8 km (± 3 km)`. */
function shortDistance(d: number, u: number, lang: Lang): string {
  if (lang === 'zh')
    return u === 0 ? `${formatKm(d, 0)} 公里` : `约 ${formatKm(d, u)} 公里（误差约 ${formatUncertaintyKm(u)} 公里）`;
  return u === 0 ? `${formatKm(d, 0)} km` : `about ${formatKm(d, u)} km (± ${formatUncertaintyKm(u)} km)`;
}

function placeLabel(p: SitePlace, lang: Lang): string {
  const cat = STATION_CATEGORY_NAMES[p.category];
  if (lang === 'zh') return cat ? `${p.name_zh}（${cat.zh}）` : p.name_zh;
  return cat ? `${p.name_en} (${cat.en})` : p.name_en;
}

function nearestOf(point: LonLat, places: readonly SitePlace[]): { place: SitePlace; d: number } {
  let best: { place: SitePlace; d: number } | null = null;
  for (const place of places) {
    const d = distance(point, place.point, { units: 'kilometers' });
    if (!best || d < best.d) best = { place, d };
  }
  return best as { place: SitePlace; d: number };
}

function checkLimit(name: string, v: number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a distance ≥ 0 km (got ${v})`);
  return v;
}

/**
 * Ranks the candidates against a profile and explains each score (rules, weights and order: module
 * comment).
 * @param candidates records to consider (parks are picked from them unless `profile.includeCarriers`).
 * @param points record id → `[lon, lat]` degrees (`AppData.pointById`).
 * @param places the gazetteer's points (`loadGazetteer`): stations, airports, universities.
 * @param profile what the company needs.
 * @param labels direction and district names for the explanations; `areaRadius_km` as `./proximity`.
 * @returns every candidate, ordered, each with its parts and explanation in Chinese and English.
 * @throws RangeError when a distance in the profile is negative or not a number; Error when a distance
 *   rule is asked for but `places` holds no station / airport / university to measure to.
 */
export function rankSites(
  candidates: readonly CarrierProps[],
  points: PointIndex,
  places: readonly SitePlace[],
  profile: SiteProfile,
  labels: SiteLabels = {},
): SiteResult[] {
  const maxRail = checkLimit('maxRail_km', profile.maxRail_km);
  const maxAirport = checkLimit('maxAirport_km', profile.maxAirport_km);
  const uniKm = checkLimit('university_km', profile.university_km);
  const stations = railStationsOf(places);
  const airports = places.filter((p) => p.layer === 'airport');
  const universities = places.filter((p) => p.layer === 'place' && p.category === 'university');
  if (maxRail !== null && stations.length === 0) throw new Error('rankSites: no rail station among the places');
  if (maxAirport !== null && airports.length === 0) throw new Error('rankSites: no airport among the places');
  if (uniKm !== null && universities.length === 0) throw new Error('rankSites: no university among the places');

  const dirLabel = (k: string, lang: Lang) => {
    const d = labels.directions?.find((x) => x.key === k);
    return d ? d[lang] : k;
  };
  const districtLabel = (id: string, lang: Lang) => {
    const d = labels.districts?.find((x) => x.id === id);
    return d ? (lang === 'zh' ? d.name_zh : d.name_en) : id;
  };

  const results = candidates
    .filter((c) => isSiteCandidate(c, profile.includeCarriers))
    .map((c): SiteResult => {
      const at = locate(c, points, labels);
      const parts: SitePart[] = [];

      if (profile.directions.length > 0) {
        const keys = carrierKeys(c, profile.inherit ?? false);
        const matched = profile.directions.filter((k) => keys.has(k));
        const pts = matched.length * SITE_WEIGHTS.direction;
        const names = (lang: Lang) =>
          listIn(
            (matched.length ? matched : profile.directions).map((k) => dirLabel(k, lang)),
            lang,
          );
        parts.push({
          rule: 'directions',
          points: pts,
          status: matched.length ? 'met' : 'unmet',
          matched,
          detail: matched.length
            ? { zh: `方向符合：${names('zh')}（${plus(pts)}）。`, en: `Matches ${names('en')} (${plus(pts)}).` }
            : { zh: `不具备所选方向（${names('zh')}）（0）。`, en: `Matches none of ${names('en')} (0).` },
        });
      }

      if (profile.districts.length > 0) {
        const matched = c.districts.filter((d) => profile.districts.includes(d));
        const names = (lang: Lang) =>
          listIn(
            matched.map((d) => districtLabel(d, lang)),
            lang,
          );
        parts.push({
          rule: 'district',
          points: matched.length ? SITE_WEIGHTS.district : 0,
          status: matched.length ? 'met' : 'unmet',
          matched,
          detail: matched.length
            ? {
                zh: `位于优选板块${names('zh')}（${plus(SITE_WEIGHTS.district)}）。`,
                en: `In ${names('en')}, ${matched.length > 1 ? 'preferred districts' : 'a preferred district'} (${plus(SITE_WEIGHTS.district)}).`,
              }
            : { zh: '不在优选板块（0）。', en: 'Not in a preferred district (0).' },
        });
      }

      const unknownWhy: Record<Lang, string> =
        c.precision === 'district'
          ? { zh: '仅知所在板块', en: 'location known only by district' }
          : c.precision === 'district-set'
            ? { zh: '仅知所跨板块', en: 'location known only by its districts' }
            : { zh: '此记录无坐标', en: 'no point for this record' };

      const limitRule = (rule: 'rail' | 'airport', max: number, targets: readonly SitePlace[], weight: number) => {
        const name = SITE_RULE_NAMES[rule];
        if (!at) {
          parts.push({
            rule,
            points: 0,
            status: 'unknown',
            detail: {
              zh: `${unknownWhy.zh}，无法测量到${name.zh}的距离；不排除（0）。`,
              en: `Distance to ${rule === 'rail' ? 'a rail station' : 'an airport'} cannot be measured: ${unknownWhy.en}; not excluded (0).`,
            },
          });
          return;
        }
        const { place, d } = nearestOf(at.point, targets);
        const u = at.uncertainty_km;
        const base = {
          rule,
          place: { id: place.id, name_zh: place.name_zh, name_en: place.name_en, category: place.category },
          distance_km: d,
          uncertainty_km: u,
        };
        const dist = (lang: Lang) => shortDistance(d, u, lang);
        const lim = formatUncertaintyKm(max);
        if (d <= max) {
          parts.push({
            ...base,
            points: weight,
            status: 'met',
            detail: {
              zh: `距${placeLabel(place, 'zh')}${dist('zh')}，在 ${lim} 公里限值内（${plus(weight)}）。`,
              en: `${cap(dist('en'))} to ${placeLabel(place, 'en')}, within the ${lim} km limit (${plus(weight)}).`,
            },
          });
        } else if (d - u <= max) {
          parts.push({
            ...base,
            points: 0,
            status: 'uncertain',
            detail: {
              zh: `距${placeLabel(place, 'zh')}${dist('zh')}，可能超出 ${lim} 公里限值；不排除，不计分（0）。`,
              en: `${cap(dist('en'))} to ${placeLabel(place, 'en')}: may be beyond the ${lim} km limit; not excluded, no points (0).`,
            },
          });
        } else {
          parts.push({
            ...base,
            points: 0,
            status: 'excluded',
            detail: {
              zh: `距最近的${name.zh}${placeLabel(place, 'zh')}${dist('zh')}，超出 ${lim} 公里限值——排除。`,
              en: `${cap(dist('en'))} to the nearest ${name.en}, ${placeLabel(place, 'en')}: beyond the ${lim} km limit — excluded.`,
            },
          });
        }
      };
      if (maxRail !== null) limitRule('rail', maxRail, stations, SITE_WEIGHTS.rail);
      if (maxAirport !== null) limitRule('airport', maxAirport, airports, SITE_WEIGHTS.airport);

      if (uniKm !== null) {
        const lim = formatUncertaintyKm(uniKm);
        if (!at) {
          parts.push({
            rule: 'university',
            points: 0,
            status: 'unknown',
            detail: {
              zh: `${unknownWhy.zh}，无法测量到高校的距离（0）。`,
              en: `Distance to a university cannot be measured: ${unknownWhy.en} (0).`,
            },
          });
        } else {
          const { place, d } = nearestOf(at.point, universities);
          const u = at.uncertainty_km;
          const base = {
            rule: 'university' as const,
            place: { id: place.id, name_zh: place.name_zh, name_en: place.name_en, category: place.category },
            distance_km: d,
            uncertainty_km: u,
          };
          const dist = (lang: Lang) => shortDistance(d, u, lang);
          const w = SITE_WEIGHTS.university;
          if (d <= uniKm)
            parts.push({
              ...base,
              points: w,
              status: 'met',
              detail: {
                zh: `${place.name_zh}距此${dist('zh')}，在 ${lim} 公里内（${plus(w)}）。`,
                en: `${place.name_en} is ${dist('en')} away, within ${lim} km (${plus(w)}).`,
              },
            });
          else if (d - u <= uniKm)
            parts.push({
              ...base,
              points: 0,
              status: 'uncertain',
              detail: {
                zh: `最近的高校${place.name_zh}距此${dist('zh')}，可能在 ${lim} 公里内；不计分（0）。`,
                en: `The nearest university, ${place.name_en}, is ${dist('en')} away: it may be within ${lim} km; no points (0).`,
              },
            });
          else
            parts.push({
              ...base,
              points: 0,
              status: 'unmet',
              detail: {
                zh: `${lim} 公里内无高校，最近的${place.name_zh}距此${dist('zh')}（0）。`,
                en: `No university within ${lim} km; the nearest, ${place.name_en}, is ${dist('en')} away (0).`,
              },
            });
        }
      }

      const exRules = parts.filter((p) => p.status === 'excluded').map((p) => p.rule);
      const excluded =
        exRules.length === 0
          ? null
          : {
              rules: exRules,
              zh: `按${exRules.map((r) => SITE_RULE_NAMES[r].zh).join('、')}距离限值排除。`,
              en: `Excluded by the ${listIn(
                exRules.map((r) => SITE_RULE_NAMES[r].en),
                'en',
              )} distance limit${exRules.length > 1 ? 's' : ''}.`,
            };
      const measuring = maxRail !== null || maxAirport !== null || uniKm !== null;
      const location = at
        ? locationSentence(c, at.uncertainty_km, districtLabel, measuring)
        : isUnplacedPrecision(c.precision)
          ? locationSentence(c, null, districtLabel, measuring)
          : { zh: '此记录无坐标，无法测量距离。', en: 'No point for this record: distances cannot be measured.' };
      return {
        id: c.id,
        record: c,
        rank: null,
        score: parts.reduce((s, p) => s + p.points, 0),
        excluded,
        parts,
        point: at?.point ?? null,
        precision: c.precision,
        uncertainty_km: at?.uncertainty_km ?? null,
        explanation: {
          zh: [...parts.map((p) => p.detail.zh), location.zh].join(''),
          en: [...parts.map((p) => p.detail.en), location.en].join(' '),
        },
      };
    });

  results.sort(
    (a, b) =>
      Number(a.excluded !== null) - Number(b.excluded !== null) ||
      b.score - a.score ||
      PRECISION_ORDER.indexOf(a.precision) - PRECISION_ORDER.indexOf(b.precision) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let rank = 0;
  for (const r of results) if (r.excluded === null) r.rank = ++rank;
  return results;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const isUnplacedPrecision = (p: Precision) => p === 'district' || p === 'district-set';

/** The explanation's last sentence: how precisely the candidate's location is known. */
function locationSentence(
  c: CarrierProps,
  u: number | null,
  districtLabel: (id: string, lang: Lang) => string,
  measuring: boolean,
): Record<Lang, string> {
  const names = (lang: Lang) => c.districts.map((d) => districtLabel(d, lang)).join(lang === 'zh' ? '、' : ', ');
  const uu = u === null ? '' : formatUncertaintyKm(u);
  switch (c.precision) {
    case 'site':
      return { zh: '位置精确到地点。', en: 'Located at its site.' };
    case 'area':
      return c.place
        ? {
            zh: `位置仅知在${c.place.name_zh}一带，误差约 ${uu} 公里。`,
            en: `Location known to the area of ${c.place.name_en}, ± ${uu} km.`,
          }
        : { zh: `位置为近似，误差约 ${uu} 公里。`, en: `Location approximate, ± ${uu} km.` };
    case 'town':
      return c.place
        ? {
            zh: `位置仅知在${c.place.name_zh}，误差约 ${uu} 公里。`,
            en: `Location known to ${c.place.name_en}, ± ${uu} km.`,
          }
        : { zh: `位置为近似，误差约 ${uu} 公里。`, en: `Location approximate, ± ${uu} km.` };
    case 'district':
      return {
        zh: `仅知所在板块（${names('zh')}）${measuring ? '，无法测量距离' : ''}。`,
        en: `Location known only by district (${names('en')})${measuring ? ': distances cannot be measured' : ''}.`,
      };
    default:
      return {
        zh: `仅知所跨板块（${names('zh')}）${measuring ? '，无法测量距离' : ''}。`,
        en: `Location known only by its districts (${names('en')})${measuring ? ': distances cannot be measured' : ''}.`,
      };
  }
}
