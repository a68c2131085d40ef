/**
 * Geocoding from the documents' own words: a record written at `precision: district` is placed
 * more precisely when its `name_zh`, an alias or one of its sources' quotes names a town or a place
 * whose point is known. Pure: the inputs are the records and the places (from the shared gazetteer
 * and the project's own `geo/places/*.yaml`, see `geocodePlaces`); the output is one resolution per
 * record and the problems that must stop the build.
 *
 * Rules (geo/README.md, "Geocoding"):
 * - a place is named by its `name_zh` or its short form (a 镇 or 街道 without the suffix: 花桥镇 →
 *   花桥; a statistical zone without a leading 苏州: 苏州高铁新城 → 高铁新城); a short form must be at
 *   least two Chinese characters, and `STOP_LIST` removes forms that are common words or other
 *   features' names;
 * - an occurrence inside a longer occurrence of another place's name is not counted (阳澄湖 in
 *   阳澄湖镇);
 * - a town or subdistrict seat places the record at `town` precision (radius `TOWN_RADIUS_KM`); a
 *   named or project place at `area` precision with the place's radius; `site` only when the record
 *   is the campus, building or station itself (its name or an alias is the place's name);
 * - a place outside the record's district, or more than one place, fails the build until the
 *   record settles it with `location.geocode: { place: <id> | none, reason }`;
 * - a place with no usable point (name only, or a seat the source flags as suspect) leaves the
 *   record at district precision and is listed in the report.
 */
import type { GeocodeReport } from '../../src/domain/built';
import type { GeocodeChoice, LocationSpec, PlaceRecord, Precision, SourceRef } from '../../src/domain/schema';
import type { GazetteerEntry } from './gazetteer';
import { type BuildIssue, issueAt, type RecordAt } from './issues';

/**
 * Radius (km) drawn around a town or subdistrict seat: "in or near this town". Suzhou's 96 legal
 * township units share 8,663 km², about 90 km² each, whose equal-area circle has a radius of
 * 5.4 km; 镇 are the larger, rural units (5 km), 街道 the smaller, urban ones (3 km). The seat
 * point itself is typically within about 1 km of other references (../shared/geo/README.md).
 */
export const TOWN_RADIUS_KM = { town: 5, subdistrict: 3 } as const;

/** A form that must not place a record, with why. `within`: only occurrences inside these words are ignored. */
export interface StopEntry {
  form: string;
  within?: string[];
  reason: string;
}

/**
 * Place names (mostly short forms of towns) that are also common words or the names of other
 * features. Each entry says why; an entry with `within` ignores only the occurrences inside those
 * longer words.
 */
export const STOP_LIST: readonly StopEntry[] = [
  {
    form: '太湖',
    reason:
      'Lake Tai borders 吴中, 吴江, 高新区 and 相城 (and Wuxi and Huzhou): 太湖 in a name (太湖云谷, 太湖科学城, 太湖新城, ' +
      '苏州（太湖）软件产业园) is a regional label, not 太湖街道 of 吴中 nor a point on the lake',
  },
  {
    form: '阳澄湖',
    reason:
      'the lake 阳澄湖 is shared by 相城, SIP and 昆山: as the short form of 阳澄湖镇 it cannot tell the town from the ' +
      'lake region (阳澄湖国际科创园, 阳澄湖数字文化创意产业园); the full name 阳澄湖镇 still matches',
  },
  {
    form: '淀山湖',
    reason: 'the lake 淀山湖 is shared by 昆山 and Shanghai; the full name 淀山湖镇 still matches',
  },
  {
    form: '东南',
    reason: 'a compass word (south-east) that begins 东南大学 (Southeast University) in three lines of the documents',
  },
  {
    form: '大新',
    reason: 'spans two words in 壮大新兴 and 强大新动能 (the documents), not 大新镇 of 张家港',
  },
  { form: '通安', within: ['交通安'], reason: '交通安全 (traffic safety) holds 通安, not 通安镇 of 高新区' },
  {
    form: '元和',
    within: ['元和塘'],
    reason: '元和塘 is a canal through 相城 (苏州元和塘文化产业园区 is named after it), not 元和街道',
  },
  { form: '虎丘', within: ['虎丘区'], reason: '虎丘区 is the district (= 苏州高新区), not 虎丘街道 of 姑苏' },
  { form: '开发区', reason: 'a generic word (development zone), the whole name of a statistical zone of 吴中' },
  { form: '经济开发区', reason: 'a generic word (economic development zone), the whole name of a zone of 太仓' },
  {
    form: '苏州中心',
    reason: 'the tower at 金鸡湖, but also "the Suzhou centre" of an organisation (阿里大文娱苏州中心, the AI Plan)',
  },
  { form: '太平', reason: 'a common word (peace; 太平洋, the Pacific), not 太平街道 of 相城' },
  { form: '城南', reason: 'a common word (south of the city), not 城南街道 of 吴中' },
  { form: '城厢', reason: 'a common word (a town and its outskirts), not 城厢镇 of 太仓' },
  { form: '凤凰', reason: 'a common word and brand (phoenix), not 凤凰镇 of 张家港' },
];

/** How a record is placed by a place: at a town seat, in an area, or at the site itself. */
type PlaceClass = 'town' | 'place' | 'project';

/** A place the geocoder can match: a gazetteer entry or a project place, with the names it is matched by. */
export interface GeocodePlace {
  id: string;
  name_zh: string;
  name_en: string;
  /** The strings looked for in a record's words: the name and its short form, after the stop-list. */
  forms: string[];
  class: PlaceClass;
  /** town, subdistrict, zone, university, lake, landmark, … (project places: `project`). */
  category: string;
  /** District id; null outside Suzhou. */
  district: string | null;
  /** WGS-84 [lon, lat] degrees; null when the place cannot be drawn (name only, or `unusable`). */
  point: [number, number] | null;
  /** Why a place with a point in its source is not used (e.g. a suspect seat). */
  unusable?: string;
  /** Radius drawn around the point, km. */
  uncertainty_km: number;
  /** Whether a record that is this place itself is a site. */
  siteable: boolean;
  /** Citation of the point: short source, licence (gazetteer) or the project place's basis. */
  cite: string;
  licence: string;
}

/** A record as the geocoder sees it. */
export interface GeocodeRecord {
  id: string;
  district: string;
  name_zh: string;
  aliases: string[];
  sources: SourceRef[];
  location: LocationSpec;
  at: RecordAt;
}

/** One occurrence of a place's form in a record's words. */
export interface GeocodeMatch {
  place: string;
  form: string;
  /** `name_zh`, `aliases.N` or `sources.N.quote`. */
  field: string;
  /** 0-based position in the field's text. */
  start: number;
}

/**
 * What happened to a record: `placed` (one place in its district, with a point), `settled` (the
 * record's `geocode` chose among several), `declined` (`geocode: { place: none }`), `name-only`
 * (it names a place with no usable point), `unmatched` (it names none), `kept` (its YAML location
 * is not `district`, so the geocoder leaves it alone).
 */
export type GeocodeStatus = 'placed' | 'settled' | 'declined' | 'name-only' | 'unmatched' | 'kept';

/** The outcome for one record. */
export interface GeocodeResolution {
  id: string;
  district: string;
  status: GeocodeStatus;
  before: Precision;
  after: Precision;
  /** The place it is drawn at (placed, settled). */
  place?: GeocodePlace;
  /** Every place its words name, with where. */
  matches: GeocodeMatch[];
  /** The places matched, in order of first occurrence. */
  candidates: GeocodePlace[];
  /** The record's `geocode.reason`, when it settled. */
  reason?: string;
  /** The generated location basis in English and Chinese (placed, settled). */
  basis?: string;
  basis_zh?: string;
}

/** Short titles of the documents, for the basis ("the AI Plan, line 97"). */
export type DocTitles = Map<string, { short_en: string; short_zh: string }>;

const CJK2 = /^[\u4e00-\u9fff]{2,}$/;

/**
 * The short forms of a gazetteer name: 镇 / 街道 dropped for a town or subdistrict, a leading 苏州
 * dropped for a statistical zone. A short form must be two or more Chinese characters.
 * @param kind the township kind (`town`, `subdistrict`, `zone`); anything else has no short form.
 */
export function shortForms(name: string, kind: string): string[] {
  let short: string | undefined;
  if (kind === 'town' && name.endsWith('镇')) short = name.slice(0, -1);
  else if (kind === 'subdistrict' && name.endsWith('街道')) short = name.slice(0, -2);
  else if (kind === 'zone' && name.startsWith('苏州')) short = name.slice(2);
  return short && CJK2.test(short) ? [short] : [];
}

/** A place's forms with the stop-list applied: forms stopped outright are dropped. */
function formsOf(names: string[], stop: readonly StopEntry[]): string[] {
  const never = new Set(stop.filter((s) => !s.within).map((s) => s.form));
  return [...new Set(names)].filter((f) => f.length >= 2 && !never.has(f));
}

/**
 * The places the geocoder matches, from the gazetteer and the project's places:
 * - township seats, named places and statistical zones (name only) of the gazetteer; transport
 *   points are for orientation only, and a named place repeating a township seat (`sameAs`) is
 *   left to the township;
 * - every project place (`geo/places/*.yaml`, precision `area`, its own radius and basis). A project
 *   place supersedes the gazetteer entries that share one of its names (花桥 → 花桥镇, 金鸡湖): the
 *   project chose its centre and radius for placing records, and records placed by hand use it.
 * @param stop the stop-list (`STOP_LIST` by default).
 */
export function geocodePlaces(
  entries: readonly GazetteerEntry[],
  projectPlaces: readonly PlaceRecord[],
  stop: readonly StopEntry[] = STOP_LIST,
): GeocodePlace[] {
  const project: GeocodePlace[] = projectPlaces.map((p) => ({
    id: p.id,
    name_zh: p.name_zh,
    name_en: p.name_en,
    forms: formsOf([p.name_zh], stop),
    class: 'project',
    category: 'project',
    district: p.district,
    point: [p.lon, p.lat],
    uncertainty_km: p.uncertainty_km,
    siteable: false,
    cite: p.basis,
    licence: '',
  }));
  const projectNames = new Set(projectPlaces.map((p) => p.name_zh));
  const gazetteer: GeocodePlace[] = entries
    .filter((e) => e.file !== 'transport' && !e.sameAs)
    .map((e) => {
      const names = [e.name_zh, ...(e.file === 'townships' ? shortForms(e.name_zh, e.kind) : [])];
      const isTown = e.file === 'townships';
      const radius = isTown ? (TOWN_RADIUS_KM[e.kind as keyof typeof TOWN_RADIUS_KM] ?? 0) : e.uncertainty_km;
      return {
        id: e.id,
        name_zh: e.name_zh,
        name_en: e.name_en,
        forms: formsOf(names, stop),
        class: isTown ? 'town' : 'place',
        category: e.category,
        district: e.district,
        point: e.unusable ? null : e.point,
        ...(e.unusable ? { unusable: e.unusable } : {}),
        uncertainty_km: radius,
        siteable: e.siteable,
        cite: e.cite,
        licence: e.licenceShort,
      } satisfies GeocodePlace;
    })
    .filter((p) => !p.forms.some((f) => projectNames.has(f)) && p.forms.length > 0);
  return [...project, ...gazetteer];
}

/** The texts of a record the geocoder reads: its name, its aliases and its sources' quotes. */
function textsOf(r: GeocodeRecord): Array<{ field: string; text: string }> {
  return [
    { field: 'name_zh', text: r.name_zh },
    ...r.aliases.map((text, i) => ({ field: `aliases.${i}`, text })),
    ...r.sources.map((s, i) => ({ field: `sources.${i}.quote`, text: s.quote })),
  ];
}

/** Every occurrence of every place's forms in `text`, minus stopped ones and those inside a longer match. */
function occurrences(text: string, places: readonly GeocodePlace[], stop: readonly StopEntry[]) {
  const found: Array<{ place: GeocodePlace; form: string; start: number; end: number }> = [];
  for (const place of places) {
    for (const form of place.forms) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
        const end = at + form.length;
        const stopped = stop.some(
          (s) =>
            s.form === form &&
            s.within?.some((word) => {
              const k = word.indexOf(form);
              return k >= 0 && text.slice(at - k, at - k + word.length) === word;
            }),
        );
        if (!stopped) found.push({ place, form, start: at, end });
      }
    }
  }
  // An occurrence inside a longer one is part of that longer name: of another place (阳澄湖 in 阳澄湖镇),
  // or of the same place (花桥 in 花桥镇), which then counts once.
  return found
    .filter((o) => !found.some((p) => p.start <= o.start && p.end >= o.end && p.end - p.start > o.end - o.start))
    .sort((a, b) => a.start - b.start);
}

/**
 * Where the words matched, in English and Chinese: "its name contains “陆家”", "名称含“陆家”". A form
 * already in the name or an alias is not repeated for the quotes; quotes are cited by document
 * short title and line ("the Digital Economy Plan (lines 186, 731) names “东山”").
 */
function wordsOf(r: GeocodeRecord, matches: GeocodeMatch[], titles: DocTitles): { en: string; zh: string } {
  const en: string[] = [];
  const zh: string[] = [];
  const own = new Set<string>();
  for (const m of matches) {
    if (m.field === 'name_zh' && !own.has(`name ${m.form}`)) {
      own.add(`name ${m.form}`);
      en.push(`its name contains “${m.form}”`);
      zh.push(`名称含“${m.form}”`);
    } else if (m.field.startsWith('aliases.')) {
      const alias = r.aliases[Number(m.field.split('.')[1])];
      if (own.has(`alias ${alias} ${m.form}`)) continue;
      own.add(`alias ${alias} ${m.form}`);
      en.push(`its alias ${alias} contains “${m.form}”`);
      zh.push(`别名“${alias}”含“${m.form}”`);
    }
  }
  const named = new Set([...own].map((k) => k.split(' ').pop()));
  // Quote matches of forms the name does not hold, grouped by form and document: doc → lines.
  const quoted = new Map<string, Map<string, number[]>>();
  for (const m of matches) {
    if (!m.field.startsWith('sources.') || named.has(m.form)) continue;
    const s = r.sources[Number(m.field.split('.')[1])];
    const docs = quoted.get(m.form) ?? new Map<string, number[]>();
    const lines = docs.get(s.doc) ?? [];
    if (!lines.includes(s.line)) lines.push(s.line);
    docs.set(s.doc, lines);
    quoted.set(m.form, docs);
  }
  for (const [form, docs] of quoted) {
    const cites = [...docs].map(([doc, lines]) => ({ t: titles.get(doc), lines: [...lines].sort((a, b) => a - b) }));
    en.push(
      `${cites
        .map((c) => `${c.t?.short_en ?? 'the document'} (line${c.lines.length > 1 ? 's' : ''} ${c.lines.join(', ')})`)
        .join(' and ')} ${cites.length > 1 ? 'name' : 'names'} “${form}”`,
    );
    zh.push(`${cites.map((c) => `${c.t?.short_zh ?? '文件'}第 ${c.lines.join('、')} 行`).join('和')}提及“${form}”`);
  }
  return { en: en.join('; '), zh: zh.join('；') };
}

/** The precision a place gives a record: `site` when the record is the place itself, else by its class. */
function precisionAt(r: GeocodeRecord, place: GeocodePlace): Precision {
  if (place.siteable && [r.name_zh, ...r.aliases].includes(place.name_zh)) return 'site';
  return place.class === 'town' ? 'town' : 'area';
}

/** The generated location basis of a record placed at `place`, in English and Chinese. */
function basisOf(
  r: GeocodeRecord,
  place: GeocodePlace,
  precision: Precision,
  matches: GeocodeMatch[],
  titles: DocTitles,
  reason?: string,
): { basis: string; basis_zh: string } {
  const words = wordsOf(
    r,
    matches.filter((m) => m.place === place.id),
    titles,
  );
  // The record's reason is English only; the card says in both languages that the record chose.
  const chose = reason ? ' (the record chose this place among those its words name)' : '';
  const choseZh = reason ? '（文字提及多个地点，记录已指定此处）' : '';
  const cite = place.class === 'project' ? place.cite : `${place.cite}, ${place.licence}`;
  if (precision === 'site') {
    return {
      basis: `the record is ${place.name_zh} (${place.name_en}) itself: ${words.en}; drawn at its point (${cite})${chose}`,
      basis_zh: `该记录即${place.name_zh}本身：${words.zh}；标于其点位（${cite}）${choseZh}`,
    };
  }
  if (precision === 'town') {
    const unit = place.category === 'subdistrict' ? { en: 'subdistrict', zh: '该街道' } : { en: 'town', zh: '该镇' };
    return {
      basis:
        `in or near ${place.name_zh} (${place.name_en}): ${words.en}; drawn at the ${unit.en}'s seat (${cite}) ` +
        `with a ±${place.uncertainty_km} km circle; the actual site is not known${chose}`,
      basis_zh:
        `位于${place.name_zh}或其附近：${words.zh}；标于${unit.zh}驻地（${cite}），半径 ±${place.uncertainty_km} 公里，` +
        `实际地点未知${choseZh}`,
    };
  }
  return {
    basis:
      `in or near ${place.name_zh} (${place.name_en}): ${words.en}; placed at its centre ` +
      `(±${place.uncertainty_km} km): ${cite}${chose}`,
    basis_zh:
      `位于${place.name_zh}或其附近：${words.zh}；置于其中心（±${place.uncertainty_km} 公里），实际地点未知；` +
      `坐标出处：${cite}${choseZh}`,
  };
}

const SETTLE =
  'settle it in the record with location.geocode: { place: <id>, reason } to choose a place, ' +
  'or { place: none, reason } to keep the district';

/**
 * Geocodes one record.
 * @returns its resolution, and the problems that must stop the build: a place named outside the
 *   record's district, several places named, or a `geocode` choice that is not among the places
 *   named, has no usable point, or has nothing to settle. Issues are located at the field whose
 *   words matched (`name_zh`, `aliases.N`, `sources.N.quote`) or at `location.geocode`.
 */
export function geocodeRecord(
  r: GeocodeRecord,
  places: readonly GeocodePlace[],
  titles: DocTitles,
  stop: readonly StopEntry[] = STOP_LIST,
): { resolution: GeocodeResolution; issues: BuildIssue[] } {
  const base = { id: r.id, district: r.district, before: r.location.precision, matches: [], candidates: [] };
  if (r.location.precision !== 'district') {
    return { resolution: { ...base, status: 'kept', after: r.location.precision }, issues: [] };
  }
  const choice: GeocodeChoice | undefined = r.location.geocode;
  const matches: GeocodeMatch[] = [];
  for (const { field, text } of textsOf(r)) {
    for (const o of occurrences(text, places, stop))
      matches.push({ place: o.place.id, form: o.form, field, start: o.start });
  }
  const byId = new Map(places.map((p) => [p.id, p]));
  const candidates = [...new Set(matches.map((m) => m.place))].map((id) => byId.get(id) as GeocodePlace);
  const district = { ...base, matches, candidates, after: 'district' as Precision };
  const issues: BuildIssue[] = [];
  const name = (p: GeocodePlace) => `${p.name_zh} (${p.id}${p.district ? `, ${p.district}` : ''})`;

  if (choice) {
    const at = 'location.geocode.place';
    if (candidates.length === 0) {
      issues.push(
        issueAt(r.at, 'location.geocode', 'nothing to settle: the record names no place the geocoder knows; remove it'),
      );
      return { resolution: { ...district, status: 'unmatched' }, issues };
    }
    if (choice.place === 'none')
      return { resolution: { ...district, status: 'declined', reason: choice.reason }, issues };
    const chosen = candidates.find((p) => p.id === choice.place);
    if (!chosen) {
      issues.push(
        issueAt(
          r.at,
          at,
          `${choice.place} is not among the places the record names: ${candidates.map(name).join(', ')}`,
        ),
      );
    } else if (chosen.district !== r.district) {
      issues.push(issueAt(r.at, at, `${name(chosen)} is outside the record's district ${r.district}`));
    } else if (!chosen.point) {
      issues.push(issueAt(r.at, at, `${name(chosen)} has no usable point: ${chosen.unusable ?? 'known by name only'}`));
    }
    if (!chosen || issues.length > 0) return { resolution: { ...district, status: 'unmatched' }, issues };
    const after = precisionAt(r, chosen);
    const text = basisOf(r, chosen, after, matches, titles, choice.reason);
    return {
      resolution: { ...district, status: 'settled', after, place: chosen, reason: choice.reason, ...text },
      issues,
    };
  }

  const firstField = (p: GeocodePlace) => matches.find((m) => m.place === p.id)?.field ?? 'name_zh';
  for (const p of candidates.filter((c) => c.district !== r.district)) {
    issues.push(
      issueAt(r.at, firstField(p), `names ${name(p)}, outside the record's district ${r.district}: ${SETTLE}`),
    );
  }
  const inDistrict = candidates.filter((c) => c.district === r.district);
  if (inDistrict.length > 1) {
    issues.push(
      issueAt(
        r.at,
        'location',
        `names several places in ${r.district}: ${inDistrict.map((p) => `${name(p)} in ${firstField(p)}`).join('; ')}: ${SETTLE}`,
      ),
    );
  }
  if (issues.length > 0 || candidates.length === 0) {
    return { resolution: { ...district, status: 'unmatched' }, issues };
  }
  const [only] = candidates;
  if (!only.point) return { resolution: { ...district, status: 'name-only' }, issues };
  const after = precisionAt(r, only);
  return {
    resolution: { ...district, status: 'placed', after, place: only, ...basisOf(r, only, after, matches, titles) },
    issues,
  };
}

/**
 * Geocodes every record (see `geocodeRecord`).
 * @returns one resolution per record, in the order given, and every problem found.
 */
export function geocodeRecords(
  records: readonly GeocodeRecord[],
  places: readonly GeocodePlace[],
  titles: DocTitles,
  stop: readonly StopEntry[] = STOP_LIST,
): { resolutions: GeocodeResolution[]; issues: BuildIssue[] } {
  const resolutions: GeocodeResolution[] = [];
  const issues: BuildIssue[] = [];
  for (const r of records) {
    const out = geocodeRecord(r, places, titles, stop);
    resolutions.push(out.resolution);
    issues.push(...out.issues);
  }
  return { resolutions, issues };
}

/** Counts of records per precision, every precision present (0 when none). */
export function countByPrecision(precisions: readonly Precision[]): Record<Precision, number> {
  const counts: Record<Precision, number> = { site: 0, area: 0, town: 0, district: 0, 'district-set': 0 };
  for (const p of precisions) counts[p] += 1;
  return counts;
}

/**
 * The geocode report (`public/data/geocode-report.json`, shape `GeocodeReportSchema`): the rules
 * applied (radius, stop-list), counts per precision before and after, and every record's resolution
 * with the places its words name and the citation of each.
 */
export function geocodeReport(
  resolutions: readonly GeocodeResolution[],
  stop: readonly StopEntry[] = STOP_LIST,
): GeocodeReport {
  const byStatus: Record<string, number> = {};
  for (const r of resolutions) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const ref = (p: GeocodePlace) => ({
    id: p.id,
    name_zh: p.name_zh,
    name_en: p.name_en,
    class: p.class,
    category: p.category,
    district: p.district,
    located: p.point !== null,
    ...(p.unusable ? { unusable: p.unusable } : {}),
    cite: p.cite,
    licence: p.licence,
  });
  return {
    version: 1,
    town_radius_km: { ...TOWN_RADIUS_KM },
    stop_list: stop.map((s) => ({ ...s })),
    before: countByPrecision(resolutions.map((r) => r.before)),
    after: countByPrecision(resolutions.map((r) => r.after)),
    by_status: byStatus,
    records: resolutions.map((r) => ({
      id: r.id,
      district: r.district,
      status: r.status,
      before: r.before,
      after: r.after,
      ...(r.place ? { place: r.place.id } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      matches: r.matches,
      candidates: r.candidates.map(ref),
      ...(r.basis ? { basis: r.basis, basis_zh: r.basis_zh } : {}),
    })),
  };
}
