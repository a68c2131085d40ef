/**
 * Deterministic synthetic carriers for the benchmark's 10,000- and 100,000-record scales, made from
 * the built data (`dist/data/`) so that their shape follows whatever the build writes.
 *
 * - **Where**: each record falls in a district chosen in proportion to the real records per district;
 *   most are scattered around the district's township seats and a few named areas (enterprises
 *   cluster in towns and parks), the rest uniformly inside the district polygon. Every point is
 *   tested against the polygon.
 * - **What**: properties are those of the real records (every key a real record carries, nothing
 *   more): Chinese and English names of realistic length built from a brand, a direction's term and
 *   a kind's suffix; one to three own directions from the taxonomy (mostly the district's focus);
 *   the district's inherited directions; one to three sources with a quote; a reading note on some.
 * - **Precision**: `SYNTHETIC_PRECISION_MIX`. Not the seed's mix (84 % district-only, no site):
 *   a list of tens of thousands of enterprises comes with addresses, so most are sites; scaled
 *   literally, the seed's mix would put 84,000 of 100,000 records into HTML marks beside the district
 *   names and measure the DOM rather than the map.
 * - **Kept**: the 234 real records stay (parks, pitches and the presenter's stops still exist); the
 *   synthetic ones fill up to the asked total. The manifest's counts, the districts' `n_carriers` and
 *   the anchors' `n_district_level` are recomputed; `carrier-areas.geojson` gets a circle for every
 *   area and town record, as the build draws them (48 steps, 5 decimals).
 *
 * The same `n` and seed give byte-identical files. The build's own generator (`geo/build/synthetic.ts`,
 * written for the tiled build) is preferred when it loads (`loadBuildGenerator`); this one is the
 * fallback, and this module writes the scale folders either way (`prepareScaleFolder`).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { circle, truncate } from '@turf/turf';
import { precompress } from './serve';

/** Precision of the synthetic records (fractions summing to 1). See the module comment for why. */
export const SYNTHETIC_PRECISION_MIX: ReadonlyArray<readonly [string, number]> = [
  ['site', 0.8],
  ['area', 0.06],
  ['town', 0.04],
  ['district', 0.09],
  ['district-set', 0.01],
];

/** Bump when the generator's output changes: cached folders with another version are rebuilt. */
const GENERATOR_VERSION = 2;

/** Default seed of the PRNG. */
export const DEFAULT_SEED = 20261130;

type Position = [number, number];
type Ring = Position[];
interface Geometry {
  type: string;
  coordinates: unknown;
}
/** A GeoJSON feature as read from the built files (properties kept as the build wrote them). */
interface Feat {
  type: 'Feature';
  id?: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}
interface FC {
  type: 'FeatureCollection';
  features: Feat[];
}
/** The manifest fields the generator reads or rewrites (the rest is copied as is). */
interface ManifestLike {
  layers: Record<string, { file: string; features: number }>;
  counts: Record<string, unknown>;
  sources: Array<{ id: string }>;
  directions: Array<{ key: string; en: string; terms: string[]; name_terms?: string[] }>;
  districts: Array<{
    id: string;
    name_zh: string;
    name_en: string;
    anchor: Position;
    bbox: [number, number, number, number];
    direction_keys: string[];
    n_carriers: number;
    n_district_level: number;
  }>;
  [k: string]: unknown;
}

/** The built files the generator starts from. */
export interface RealData {
  manifest: ManifestLike;
  carriers: FC;
  carrierAreas: FC;
  districts: FC;
  anchors: FC;
  gazetteer: FC | null;
}

/** The files a synthetic scale replaces, by file name in the data folder. */
export type SyntheticFiles = Record<string, unknown>;

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads the built data files of `dataDir` (e.g. `dist/data`). */
export function readRealData(dataDir: string): RealData {
  const json = <T>(file: string): T => JSON.parse(readFileSync(resolve(dataDir, file), 'utf8')) as T;
  const manifest = json<ManifestLike>('manifest.json');
  const file = (layer: string, fallback: string) => manifest.layers[layer]?.file ?? fallback;
  return {
    manifest,
    carriers: json<FC>(file('carriers', 'carriers.geojson')),
    carrierAreas: json<FC>(file('carrier-areas', 'carrier-areas.geojson')),
    districts: json<FC>(file('districts', 'districts.geojson')),
    anchors: json<FC>(file('district-anchors', 'district-anchors.geojson')),
    gazetteer: manifest.layers.gazetteer ? json<FC>(manifest.layers.gazetteer.file) : null,
  };
}

/** The polygon rings of a Polygon or MultiPolygon, grouped by polygon (outer ring first). */
function polygonsOf(g: Geometry): Ring[][] {
  if (g.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

/** Even-odd ray casting on one ring. */
function inRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether `p` lies inside a district (inside an outer ring and outside its holes). */
function inPolygons(p: Position, polys: Ring[][]): boolean {
  return polys.some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((hole) => inRing(p, hole)));
}

/** Rounds a coordinate to 5 decimals (about 1 m), as the build does. */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Brand syllables: a Chinese character and its pinyin, two of which make a company's brand. */
const BRAND = [
  ['华', 'Hua'],
  ['创', 'Chuang'],
  ['智', 'Zhi'],
  ['汇', 'Hui'],
  ['联', 'Lian'],
  ['达', 'Da'],
  ['鼎', 'Ding'],
  ['泰', 'Tai'],
  ['恒', 'Heng'],
  ['瑞', 'Rui'],
  ['博', 'Bo'],
  ['远', 'Yuan'],
  ['科', 'Ke'],
  ['新', 'Xin'],
  ['宏', 'Hong'],
  ['盛', 'Sheng'],
  ['中', 'Zhong'],
  ['兴', 'Xing'],
  ['天', 'Tian'],
  ['元', 'Yuan'],
  ['嘉', 'Jia'],
  ['和', 'He'],
  ['信', 'Xin'],
  ['诚', 'Cheng'],
  ['金', 'Jin'],
  ['海', 'Hai'],
  ['德', 'De'],
  ['润', 'Run'],
  ['星', 'Xing'],
  ['辰', 'Chen'],
  ['云', 'Yun'],
  ['启', 'Qi'],
  ['睿', 'Rui'],
  ['思', 'Si'],
  ['合', 'He'],
  ['力', 'Li'],
  ['光', 'Guang'],
  ['明', 'Ming'],
  ['东', 'Dong'],
  ['方', 'Fang'],
] as const;

/** Name suffixes by kind: Chinese and English. */
const SUFFIX: Record<string, ReadonlyArray<readonly [string, string]>> = {
  carrier: [
    ['产业园', 'Industrial Park'],
    ['科技园', 'Science Park'],
    ['创新港', 'Innovation Port'],
    ['产业基地', 'Industry Base'],
    ['科技大厦', 'Technology Building'],
    ['孵化器', 'Incubator'],
    ['总部基地', 'Headquarters Base'],
  ],
  institute: [
    ['研究院', 'Research Institute'],
    ['技术研究所', 'Technology Institute'],
  ],
  lab: [
    ['重点实验室', 'Key Laboratory'],
    ['联合实验室', 'Joint Laboratory'],
  ],
  'computing-centre': [
    ['数据中心', 'Data Centre'],
    ['算力中心', 'Computing Centre'],
  ],
  platform: [
    ['创新中心', 'Innovation Centre'],
    ['公共服务平台', 'Public Service Platform'],
  ],
  zone: [
    ['示范区', 'Demonstration Zone'],
    ['产业集聚区', 'Industry Cluster Zone'],
  ],
  corridor: [
    ['产业带', 'Industry Belt'],
    ['创新走廊', 'Innovation Corridor'],
  ],
};

/** Opening and closing words around a name in a synthetic quote (realistic quote lengths, 9–30 characters). */
const QUOTE_OPEN = ['推动', '建设', '打造', '加快建设', '支持', '依托'];
const QUOTE_CLOSE = ['', '建设', '发展', '等重点载体', '项目'];

/** A district's short Chinese name: 昆山市 → 昆山, 吴中区 → 吴中 (苏州工业园区 and 苏州高新区 kept). */
const shortZh = (name: string) => (name.length === 3 && /[市区]$/.test(name) ? name.slice(0, 2) : name);
/** A district's short English name: "Wujiang District" → "Wujiang". */
const shortEn = (name: string) => name.replace(/ District.*$/, '').replace(/ \(.*\)$/, '');

interface Place {
  id: string;
  name_zh: string;
  name_en: string;
  point: Position;
  uncertainty_km: number;
}

/** What the generator knows about one district. */
interface DistrictGen {
  id: string;
  name_zh: string;
  name_en: string;
  polys: Ring[][];
  bbox: [number, number, number, number];
  anchor: Position;
  focus: string[];
  inherited: string[];
  towns: Place[];
  areas: Place[];
  /** Centres enterprises cluster around: towns, areas, the label anchor. */
  centres: Position[];
  weight: number;
}

/**
 * Builds the synthetic scale: the real records plus `n_total - real` synthetic ones.
 * @param n_total number of carrier records wanted (at least the real count).
 * @returns the replaced files by name (manifest, carriers, carrier areas, districts, anchors).
 */
export function syntheticData(
  real: RealData,
  n_total: number,
  seed = DEFAULT_SEED,
  external?: BuildGenerator | null,
): SyntheticFiles {
  const rand = mulberry32(seed ^ n_total);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const weighted = <T>(xs: ReadonlyArray<readonly [T, number]>): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r <= 0) return x;
    }
    return xs[xs.length - 1][0];
  };
  /** A standard normal deviate (Box–Muller). */
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

  const m = real.manifest;
  const realProps = real.carriers.features.map((f) => f.properties);
  const byDistrict = (m.counts.carriers_by_district ?? {}) as Record<string, number>;
  const polygonById = new Map(real.districts.features.map((f) => [String(f.properties.id ?? f.id), f.geometry]));
  const directions = m.directions;
  const directionByKey = new Map(directions.map((d) => [d.key, d]));
  const docs = m.sources.map((s) => s.id);

  const uniformIn = (d: Pick<DistrictGen, 'polys' | 'bbox' | 'anchor'>): Position => {
    const [w, s, e, n] = d.bbox;
    for (let i = 0; i < 1000; i++) {
      const p: Position = [w + rand() * (e - w), s + rand() * (n - s)];
      if (inPolygons(p, d.polys)) return p;
    }
    return d.anchor;
  };

  const gens: DistrictGen[] = m.districts.map((d) => {
    const geometry = polygonById.get(d.id);
    if (!geometry) throw new Error(`districts.geojson has no polygon for ${d.id}`);
    const polys = polygonsOf(geometry);
    const towns: Place[] = (real.gazetteer?.features ?? [])
      .filter((f) => f.properties.layer === 'town' && f.geometry?.type === 'Point')
      .filter((f) => inPolygons(f.geometry?.coordinates as Position, polys))
      .map((f) => ({
        id: String(f.properties.id),
        name_zh: String(f.properties.name_zh),
        name_en: String(f.properties.name_en),
        point: f.geometry?.coordinates as Position,
        // The build draws a town's circle at 3 km (subdistrict) or 5 km (town).
        uncertainty_km: f.properties.category === 'subdistrict' ? 3 : 5,
      }));
    const g: DistrictGen = {
      id: d.id,
      name_zh: d.name_zh,
      name_en: d.name_en,
      polys,
      bbox: d.bbox,
      anchor: d.anchor,
      focus: d.direction_keys,
      inherited: d.direction_keys,
      towns,
      areas: [],
      centres: [],
      weight: (byDistrict[d.id] ?? 0) + 10,
    };
    // Six named areas per district (science towns, new towns, parks), 1–2 km across.
    for (let k = 0; k < 6; k++) {
      const [zh, en] = [pick(BRAND), pick(BRAND)];
      g.areas.push({
        id: `syn-area-${d.id}-${k}`,
        name_zh: `${shortZh(d.name_zh)}${zh[0]}${en[0]}片区`,
        name_en: `${zh[1]}${en[1].toLowerCase()} Area (${shortEn(d.name_en)})`,
        point: uniformIn(g).map(round5) as Position,
        uncertainty_km: 1 + Math.floor(rand() * 2),
      });
    }
    g.centres = [...towns.map((t) => t.point), ...g.areas.map((a) => a.point), d.anchor];
    return g;
  });
  const districtWeights = gens.map((g) => [g, g.weight] as const);
  const kindWeights = Object.entries((m.counts.carriers_by_kind ?? {}) as Record<string, number>).filter(
    ([k]) => SUFFIX[k],
  );
  if (kindWeights.length === 0) kindWeights.push(['carrier', 1]);

  /** A point in `g`: clustered around a centre (σ 1.5 km) 70 % of the time, else uniform in the polygon. */
  const sitePoint = (g: DistrictGen): Position => {
    if (rand() < 0.7 && g.centres.length > 0) {
      const c = pick(g.centres);
      const kmLat = 1 / 110.574;
      const kmLon = 1 / (111.32 * Math.cos((c[1] * Math.PI) / 180));
      for (let i = 0; i < 10; i++) {
        const p: Position = [c[0] + gauss() * 1.5 * kmLon, c[1] + gauss() * 1.5 * kmLat];
        if (inPolygons(p, g.polys)) return [round5(p[0]), round5(p[1])];
      }
    }
    const p = uniformIn(g);
    return [round5(p[0]), round5(p[1])];
  };

  const encodeKeys = (keys: readonly string[]) => (keys.length > 0 ? `|${keys.join('|')}|` : '');
  // The union of the keys real records carry, with a real record per district as the template
  // for any key this generator does not know (the shape follows the build).
  const realKeys = new Set(realProps.flatMap((p) => Object.keys(p)));
  const templateOf = new Map<string, Record<string, unknown>>();
  for (const p of realProps) if (!templateOf.has(String(p.district))) templateOf.set(String(p.district), p);

  const features: Feat[] = [];
  const circles = new Map<string, Geometry>();
  const areaFeatures: Feat[] = [];
  const realIds = new Set(realProps.map((p) => String(p.id)));
  // The build's generator, when given, makes the records; this one only writes what goes with them.
  const made = external ? external.carriers(n_total).filter((f) => !realIds.has(String(f.properties.id))) : null;
  const toMake = made ? 0 : Math.max(0, n_total - realProps.length);
  for (let i = 0; i < toMake; i++) {
    const g = weighted(districtWeights);
    const kind = weighted(kindWeights);
    const precision = weighted(SYNTHETIC_PRECISION_MIX);
    const nDirs = weighted([
      [1, 0.78],
      [2, 0.19],
      [3, 0.03],
    ] as const);
    const keys: string[] = [];
    while (keys.length < nDirs) {
      const k = rand() < 0.6 && g.focus.length > 0 ? pick(g.focus) : pick(directions).key;
      if (!keys.includes(k)) keys.push(k);
    }
    const first = directionByKey.get(keys[0]);
    const terms = [...(first?.name_terms ?? []), ...(first?.terms ?? [])].filter((t) =>
      /^[\p{Script=Han}A-Za-z0-9+]+$/u.test(t),
    );
    const term = terms.length > 0 ? pick(terms) : '数字';
    const [b1, b2] = [pick(BRAND), pick(BRAND)];
    const [suffixZh, suffixEn] = pick(SUFFIX[kind] ?? SUFFIX.carrier);
    const withPrefix = rand() < 0.4;
    const name_zh = `${withPrefix ? shortZh(g.name_zh) : ''}${b1[0]}${b2[0]}${term}${suffixZh}`;
    const name_en = `${withPrefix ? `${shortEn(g.name_en)} ` : ''}${b1[1]}${b2[1].toLowerCase()} ${first?.en ?? 'Digital'} ${suffixEn}`;
    const id = `syn-${g.id}-${String(i).padStart(6, '0')}`;

    let districts = [g.id];
    if (precision === 'district-set') {
      const others = gens.filter((x) => x.id !== g.id);
      const more = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < more; k++) {
        const o = pick(others).id;
        if (!districts.includes(o)) districts = [...districts, o];
      }
    }
    let point: Position | null = null;
    let place: Place | undefined;
    let basis: string;
    let basis_zh: string;
    const dzh = g.name_zh;
    const den = g.name_en;
    if (precision === 'site') {
      point = sitePoint(g);
      const road = `${pick(BRAND)[0]}${pick(BRAND)[0]}路`;
      const no = 1 + Math.floor(rand() * 400);
      basis = `at its registered address, ${road} ${no}号, ${den} (geocoded from the address; synthetic benchmark record)`;
      basis_zh = `位于其登记地址（${dzh}${road}${no}号），据地址地理编码；基准测试合成记录`;
    } else if (precision === 'area' || (precision === 'town' && g.towns.length === 0)) {
      place = pick(g.areas);
      point = place.point;
      basis = `in or near ${place.name_en}: its name or its address names the area; drawn at the area's centre with a ±${place.uncertainty_km} km circle; the actual site is not known`;
      basis_zh = `位于${place.name_zh}或其附近：名称或地址含该片区；标于片区中心，半径 ±${place.uncertainty_km} 公里，实际地点未知`;
    } else if (precision === 'town') {
      place = pick(g.towns);
      point = place.point;
      basis = `in or near ${place.name_zh} (${place.name_en}): its address names the town; drawn at the town's seat with a ±${place.uncertainty_km} km circle; the actual site is not known`;
      basis_zh = `位于${place.name_zh}或其附近：地址含该镇名；标于该镇驻地，半径 ±${place.uncertainty_km} 公里，实际地点未知`;
    } else if (precision === 'district') {
      basis = `only the district (${den}) is known: the list names the district and no address`;
      basis_zh = `仅知所在板块（${dzh}）：名录仅列板块，无地址`;
    } else {
      basis = `spans several districts, no single site: the list names ${districts.length} districts`;
      basis_zh = '跨多个板块，无单一地点；所含板块为名录所列';
    }
    const nSources = weighted([
      [1, 0.74],
      [2, 0.14],
      [3, 0.12],
    ] as const);
    const sources = Array.from({ length: nSources }, (_, k) => ({
      doc: rand() < 0.6 ? (docs.includes('001') ? '001' : pick(docs)) : pick(docs),
      line: 1 + Math.floor(rand() * 900),
      quote: k === 0 ? `${pick(QUOTE_OPEN)}${name_zh}${pick(QUOTE_CLOSE)}` : `${pick(QUOTE_OPEN)}${dzh}${term}产业`,
    }));
    const directions_own = keys.map((key, k) => {
      const d = directionByKey.get(key);
      if (k === 0) return { key, basis: 'from_name', term };
      return { key, basis: 'stated', term: d?.terms[0] ?? key, source: sources[0] };
    });
    const note = rand() < 0.3;
    const props: Record<string, unknown> = {
      id,
      kind,
      ...(rand() < 0.6 ? { seed_text: name_zh } : {}),
      name_zh,
      aliases: rand() < 0.1 ? [`${b1[0]}${b2[0]}${suffixZh}`] : [],
      name_en,
      name_en_status: 'translation',
      ...(note
        ? {
            reading_note: `${b1[1]}${b2[1].toLowerCase()} is read as a brand name, so its characters are not taken as a direction; the list gives no more about the company than its name and address.`,
            reading_note_zh: `${b1[0]}${b2[0]}读作品牌名称，其中的字不作为产业方向；名录除名称和地址外别无说明。`,
          }
        : {}),
      district: g.id,
      districts,
      roles: rand() < 0.1 ? ['key-carrier'] : [],
      park: false,
      directions_own,
      directions_inherited: g.inherited,
      dirs: encodeKeys(keys),
      dirs_inh: encodeKeys(g.inherited),
      precision,
      ...(precision === 'district-set' ? { extent: 'stated' } : {}),
      basis,
      basis_zh,
      ...(place
        ? {
            place: {
              id: place.id,
              name_zh: place.name_zh,
              name_en: place.name_en,
              uncertainty_km: place.uncertainty_km,
            },
          }
        : {}),
      sources,
    };
    for (const k of Object.keys(props)) if (!realKeys.has(k)) delete props[k];
    const template = templateOf.get(g.id) ?? realProps[0];
    for (const k of realKeys) if (!(k in props) && k in template && isRequiredLike(k)) props[k] = template[k];
    features.push({
      type: 'Feature',
      id,
      geometry: point ? { type: 'Point', coordinates: point } : null,
      properties: props,
    });
    if (place && point) {
      const key = `${point.join()}@${place.uncertainty_km}`;
      let geometry = circles.get(key);
      if (!geometry) {
        const halo = circle(point, place.uncertainty_km, { steps: 48, units: 'kilometers' });
        geometry = truncate(halo, { precision: 5 }).geometry as Geometry;
        circles.set(key, geometry);
      }
      areaFeatures.push({ type: 'Feature', id, geometry, properties: { id, district: g.id } });
    }
  }

  if (made) {
    features.push(...made);
    for (const f of made) {
      const p = f.properties as {
        id: string;
        district: string;
        precision: string;
        place?: { id: string; uncertainty_km: number };
      };
      if (!f.geometry || !p.place || (p.precision !== 'area' && p.precision !== 'town')) continue;
      const point = f.geometry.coordinates as Position;
      const key = `${point.join()}@${p.place.uncertainty_km}`;
      let geometry = circles.get(key);
      if (!geometry) {
        geometry = truncate(circle(point, p.place.uncertainty_km, { steps: 48, units: 'kilometers' }), { precision: 5 })
          .geometry as Geometry;
        circles.set(key, geometry);
      }
      areaFeatures.push({ type: 'Feature', id: p.id, geometry, properties: { id: p.id, district: p.district } });
    }
  }
  const all = [...real.carriers.features, ...features];
  const count = (f: (p: Record<string, unknown>) => string) => {
    const out: Record<string, number> = {};
    for (const x of all) {
      const k = f(x.properties);
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  const nByDistrict = count((p) => String(p.district));
  const nDistrictLevel = count((p) => (p.precision === 'district' ? String(p.district) : ''));
  const carrierAreas: FC = { type: 'FeatureCollection', features: [...real.carrierAreas.features, ...areaFeatures] };
  const carriersFile = m.layers.carriers?.file ?? 'carriers.geojson';
  const areasFile = m.layers['carrier-areas']?.file ?? 'carrier-areas.geojson';
  const manifest: ManifestLike = {
    ...m,
    layers: {
      ...m.layers,
      ...(m.layers.carriers ? { carriers: { ...m.layers.carriers, features: all.length } } : {}),
      ...(m.layers['carrier-areas']
        ? { 'carrier-areas': { ...m.layers['carrier-areas'], features: carrierAreas.features.length } }
        : {}),
    },
    counts: {
      ...m.counts,
      carriers: all.length,
      carriers_by_kind: count((p) => String(p.kind)),
      carriers_by_district: nByDistrict,
      carriers_by_precision: Object.fromEntries(
        Object.keys((m.counts.carriers_by_precision ?? {}) as object).map((k) => [
          k,
          all.filter((x) => x.properties.precision === k).length,
        ]),
      ),
    },
    districts: m.districts.map((d) => ({
      ...d,
      n_carriers: nByDistrict[d.id] ?? 0,
      n_district_level: nDistrictLevel[d.id] ?? 0,
    })),
  };
  const withCounts = (fc: FC, key: string, counts: Record<string, number>): FC => ({
    ...fc,
    features: fc.features.map((f) =>
      key in f.properties
        ? { ...f, properties: { ...f.properties, [key]: counts[String(f.properties.id ?? f.id)] ?? 0 } }
        : f,
    ),
  });
  return {
    'manifest.json': manifest,
    [carriersFile]: { ...real.carriers, features: all },
    [areasFile]: carrierAreas,
    [m.layers.districts?.file ?? 'districts.geojson']: withCounts(real.districts, 'n_carriers', nByDistrict),
    [m.layers['district-anchors']?.file ?? 'district-anchors.geojson']: withCounts(
      real.anchors,
      'n_district_level',
      nDistrictLevel,
    ),
  };
}

/**
 * Keys a synthetic record takes from a real one when this generator does not make them itself
 * (a field the build added later). Optional per-record notes are not copied: they would describe
 * the real record.
 */
function isRequiredLike(key: string): boolean {
  return !['reading_note', 'reading_note_zh', 'seed_text', 'extent', 'place'].includes(key);
}

/**
 * The build's synthetic-carrier generator (geo/build/synthetic.ts, written for the tiled build):
 * `carriers(n)` gives the real records followed by synthetic ones (`n` in all); `writeTiled`
 * writes them into a data folder in the build's tiled form (geo/build/tiles.ts), whatever `n`.
 */
export interface BuildGenerator {
  carriers: (n: number) => Feat[];
  writeTiled: (dataDir: string, n: number) => void;
  /** A hash of the generator's source, so that cached folders follow its changes. */
  version: string;
}

/**
 * Loads the build's generator for the data folder `dataDir` when it exists and has the expected
 * functions (`readBase`, `synthesize`, `manifestFor`, `ENTERPRISE_MIX`; `writeTiledData` of
 * geo/build/tiles.ts); null otherwise (this module's generator is used). Loaded by a computed
 * path: those files are being written at the same time as this one.
 */
export async function loadBuildGenerator(dataDir: string, seed = 1): Promise<BuildGenerator | null> {
  const dir = resolve(import.meta.dirname, '..', '..', 'geo', 'build');
  const file = resolve(dir, 'synthetic.ts');
  const tilesFile = resolve(dir, 'tiles.ts');
  if (!existsSync(file) || !existsSync(tilesFile)) return null;
  try {
    const [spec, tilesSpec]: string[] = [file, tilesFile];
    const { readBase, synthesize, manifestFor, ENTERPRISE_MIX } = (await import(spec)) as {
      readBase?: (dir: string) => { manifest: unknown };
      synthesize?: (base: unknown, o: { count: number; seed: number; mix: unknown }) => Feat[];
      manifestFor?: (manifest: unknown, carriers: Feat[]) => unknown;
      ENTERPRISE_MIX?: unknown;
    };
    const { writeTiledData } = (await import(tilesSpec)) as {
      writeTiledData?: (dir: string, carriers: Feat[], manifest: unknown) => unknown;
    };
    if (!readBase || !synthesize || !manifestFor || !ENTERPRISE_MIX || !writeTiledData) return null;
    const base = readBase(dataDir);
    const cache = new Map<number, Feat[]>();
    const carriers = (n: number) => {
      if (!cache.has(n)) cache.set(n, synthesize(base, { count: n, seed, mix: ENTERPRISE_MIX }));
      return cache.get(n) as Feat[];
    };
    return {
      carriers,
      writeTiled: (dir, n) => {
        writeTiledData(dir, carriers(n), manifestFor(base.manifest, carriers(n)));
      },
      version: createHash('sha1').update(readFileSync(file)).update(readFileSync(tilesFile)).digest('hex').slice(0, 12),
    };
  } catch {
    return null;
  }
}

/** Writes `value` as JSON, precompressed (`precompress`) when the source folder precompresses that file. */
function writeData(outDir: string, srcDir: string, file: string, value: unknown): void {
  const out = resolve(outDir, file);
  writeFileSync(out, JSON.stringify(value));
  rmSync(`${out}.gz`, { force: true });
  rmSync(`${out}.br`, { force: true });
  if (existsSync(resolve(srcDir, `${file}.gz`)) || existsSync(resolve(srcDir, `${file}.br`))) precompress(out);
}

/** A short hash of the files a scale folder is made from (rebuilt when the build changes). */
function sourceKey(distDir: string, n: number | null, seed: number, generator: string): string {
  const h = createHash('sha1');
  h.update(JSON.stringify({ n, seed, v: GENERATOR_VERSION, generator }));
  for (const f of ['index.html', 'data/manifest.json', 'data/carriers.geojson'])
    if (existsSync(resolve(distDir, f))) h.update(readFileSync(resolve(distDir, f)));
  return h.digest('hex').slice(0, 16);
}

/** How a scale folder's carriers are made. */
export interface ScaleOptions {
  /** The build's generator (preferred when given), else this module's. */
  generator?: BuildGenerator | null;
  /** Write the data in the build's tiled form (geo/build/tiles.ts): needs `generator`. */
  tiled?: boolean;
  seed?: number;
}

/**
 * Makes `outDir` a copy of the production build `distDir` whose data hold `n` carriers (`null`: the
 * real data unchanged): as GeoJSON (the bare page draws the same files), or `tiled`. Skipped when
 * `outDir` was made from the same build, generator, `n` and seed.
 * @returns whether the folder was (re)written, the carrier count and the mean size (bytes) of a carrier feature.
 */
export function prepareScaleFolder(
  distDir: string,
  outDir: string,
  n: number | null,
  options: ScaleOptions = {},
): { written: boolean; carriers: number; meanFeature_bytes: number; generator: string } {
  const seed = options.seed ?? DEFAULT_SEED;
  const gen = options.generator ?? null;
  const generator = n === null ? 'none' : gen ? `build ${gen.version}` : `bench v${GENERATOR_VERSION}`;
  if (options.tiled && !gen) throw new Error('the tiled form needs geo/build/synthetic.ts and tiles.ts');
  const key = sourceKey(distDir, n, seed, `${generator}${options.tiled ? ' tiled' : ''}`);
  const keyFile = resolve(outDir, '.bench-key');
  const statsFile = resolve(outDir, '.bench-stats.json');
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key && existsSync(statsFile))
    return { written: false, ...JSON.parse(readFileSync(statsFile, 'utf8')) };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(distDir, outDir, { recursive: true });
  const real = readRealData(resolve(distDir, 'data'));
  let carriers: Feat[];
  if (n !== null && options.tiled && gen) {
    const data = resolve(outDir, 'data');
    gen.writeTiled(data, n);
    carriers = gen.carriers(n);
    // The copied build's precompressed siblings of rewritten or removed files are stale; the new
    // JSON files at the top of data/ are precompressed as the build does (the record shards, read
    // only by cards, and the tiles, which the build does not compress, are left as written).
    for (const f of readdirSync(data)) {
      const plain = f.replace(/\.(br|gz)$/, '');
      if (
        plain !== f &&
        (!existsSync(resolve(data, plain)) ||
          statSync(resolve(data, plain)).mtimeMs > statSync(resolve(data, f)).mtimeMs)
      )
        rmSync(resolve(data, f));
    }
    for (const f of readdirSync(data))
      if (/\.(geo)?json$/.test(f) && !existsSync(resolve(data, `${f}.br`))) precompress(resolve(data, f));
  } else {
    const files = n === null ? null : syntheticData(real, n, seed, gen);
    if (files)
      for (const [file, value] of Object.entries(files))
        writeData(resolve(outDir, 'data'), resolve(distDir, 'data'), file, value);
    const carriersFile = real.manifest.layers.carriers?.file ?? 'carriers.geojson';
    carriers = ((files?.[carriersFile] as FC | undefined) ?? real.carriers).features;
  }
  const sample = carriers.slice(-1000);
  const stats = {
    carriers: carriers.length,
    meanFeature_bytes: Math.round(sample.reduce((s, f) => s + JSON.stringify(f).length, 0) / sample.length),
    generator,
  };
  writeFileSync(statsFile, JSON.stringify(stats));
  writeFileSync(keyFile, key);
  return { written: true, ...stats };
}
