/**
 * Presenter mode's route: the ordered stops of a pitch generated from a company's profile (its
 * industry directions, districts to include or leave out). Pure functions over built records.
 *
 * The rule, stated once (the README and the pitch builder repeat it):
 * 1. Suzhou at a glance (`overview`).
 * 2. Every district that matches: its focus (the table's 重点发展方向) names a chosen direction, or it
 *    holds a matching record. Ordered by matching city parks, then matching records, then the number
 *    of chosen directions in its focus (all descending), then the table's order.
 * 3. After each district, each matching city park whose main district it is, in the table's order.
 * 4. A closing stop with the matching city parks side by side (`closing`).
 * With no direction chosen every record matches, so every district and every city park is a stop.
 */
import type { CarrierProps, DistrictInfo } from '../domain/built';
import { carrierMatches, districtFocusMatches, EMPTY_FILTER, type FilterState, matchesInDistrict } from './filter';

/** One stop of a pitch. */
export type StopRef =
  | { type: 'overview' }
  | { type: 'district'; id: string }
  | { type: 'record'; id: string }
  | { type: 'closing' };

/** What the presenter states about the visiting company. Empty lists: no restriction. */
export interface PitchProfile {
  /** Direction keys of the taxonomy. */
  directions: string[];
  /** District ids to keep (empty: every district). */
  include: string[];
  /** District ids to leave out. */
  exclude: string[];
}

/** The records and districts a route is generated from (table order). */
export interface RouteData {
  carriers: readonly CarrierProps[];
  districts: readonly DistrictInfo[];
}

/** The filter a pitch's stops are counted under: its directions, any of them, own directions only. */
export function pitchFilter(directions: readonly string[]): FilterState {
  return { ...EMPTY_FILTER, directions: [...directions] };
}

/** Whether a record is one of the ten city-level digital-economy parks. */
export const isCityPark = (c: Pick<CarrierProps, 'roles'>) => c.roles.includes('city-park');

/** One district's standing in a pitch. */
export interface DistrictScore {
  id: string;
  /** Matching city parks spanning the district. */
  parks: number;
  /** Matching records spanning the district (parks included). */
  records: number;
  /** Chosen directions named by the district's focus. */
  focus: number;
}

/** Each district's matching parks, records and focus under `directions`, in table order. */
export function districtScores(data: RouteData, directions: readonly string[]): DistrictScore[] {
  const f = pitchFilter(directions);
  return data.districts.map((d) => {
    const inside = data.carriers.filter((c) => matchesInDistrict(c, f, d.id));
    return {
      id: d.id,
      parks: inside.filter(isCityPark).length,
      records: inside.length,
      focus: districtFocusMatches(d, f).length,
    };
  });
}

/**
 * The route for a profile (see the module's rule).
 * @returns stops in order; always starts with `overview` and ends with `closing`.
 */
export function generateRoute(data: RouteData, profile: PitchProfile): StopRef[] {
  const f = pitchFilter(profile.directions);
  const order = new Map(data.districts.map((d, i) => [d.id, i]));
  const kept = districtScores(data, profile.directions).filter(
    (s) =>
      (profile.include.length === 0 || profile.include.includes(s.id)) &&
      !profile.exclude.includes(s.id) &&
      (s.records > 0 || s.focus > 0),
  );
  kept.sort(
    (a, b) =>
      b.parks - a.parks ||
      b.records - a.records ||
      b.focus - a.focus ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const stops: StopRef[] = [{ type: 'overview' }];
  for (const s of kept) {
    stops.push({ type: 'district', id: s.id });
    for (const c of data.carriers) {
      if (isCityPark(c) && c.district === s.id && carrierMatches(c, f)) stops.push({ type: 'record', id: c.id });
    }
  }
  stops.push({ type: 'closing' });
  return stops;
}

/** The city parks matching `directions`, in the table's order. */
export function matchingCityParks(carriers: readonly CarrierProps[], directions: readonly string[]): CarrierProps[] {
  const f = pitchFilter(directions);
  return carriers.filter((c) => isCityPark(c) && carrierMatches(c, f));
}

/** A built-in pitch: its id, title, and how its stops are made. */
export interface BuiltInPitch {
  id: string;
  title_zh: string;
  title_en: string;
  directions: string[];
  /** `parks`: overview, each city park, closing; `profile`: `generateRoute` for the directions. */
  route: 'parks' | 'profile';
}

/** The pitches that come with the app. */
export const BUILT_IN_PITCHES: readonly BuiltInPitch[] = [
  {
    id: 'ten-parks',
    title_zh: '十大数字经济产业园',
    title_en: 'The ten digital-economy parks',
    directions: [],
    route: 'parks',
  },
  {
    id: 'ai',
    title_zh: '人工智能在苏州',
    title_en: 'Artificial intelligence in Suzhou',
    directions: ['artificial-intelligence'],
    route: 'profile',
  },
];

/** The stops of a built-in pitch. */
export function builtInRoute(data: RouteData, pitch: BuiltInPitch): StopRef[] {
  if (pitch.route === 'profile') return generateRoute(data, { directions: pitch.directions, include: [], exclude: [] });
  return [
    { type: 'overview' },
    ...matchingCityParks(data.carriers, []).map((c): StopRef => ({ type: 'record', id: c.id })),
    { type: 'closing' },
  ];
}

/** A stop as a short token for the URL: `overview`, `closing`, `d:<district id>`, `r:<record id>`. */
export function stopToken(s: StopRef): string {
  if (s.type === 'district') return `d:${s.id}`;
  if (s.type === 'record') return `r:${s.id}`;
  return s.type;
}

/** Reads a stop token; `null` when it is not one (the caller validates ids against the data). */
export function parseStopToken(token: string): StopRef | null {
  if (token === 'overview' || token === 'closing') return { type: token };
  const m = /^([dr]):([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(token);
  if (!m) return null;
  return m[1] === 'd' ? { type: 'district', id: m[2] } : { type: 'record', id: m[2] };
}

/** Whether two stops are the same. */
export const sameStop = (a: StopRef, b: StopRef) => stopToken(a) === stopToken(b);

/** Moves the stop at `from` to `to` (indices into `stops`; out-of-range indices change nothing). */
export function moveStop(stops: readonly StopRef[], from: number, to: number): StopRef[] {
  if (from < 0 || from >= stops.length || to < 0 || to >= stops.length) return [...stops];
  const out = [...stops];
  const [s] = out.splice(from, 1);
  out.splice(to, 0, s);
  return out;
}
