/**
 * Synthetic carriers for scale tests: the real build plus deterministic made-up records, written as
 * a complete data folder the app loads (GeoJSON up to `TILED_ABOVE` carriers, the tiled form above).
 *
 * CLI (after `npm ci`; reads the same inputs as `npm run data`):
 *
 *   npx tsx geo/build/synthetic.ts --count 100000 --out /tmp/sde-100k [--seed 1] [--mix enterprise|seed]
 *
 * `--count` is the total number of carriers: the real records first (so the ten parks, the AI+ parks
 * and their cards are there), then `count − real` synthetic ones. The same arguments give the same
 * bytes. Serve the folder in place of the app's `data/` (tests/browser/harness.ts `dataDir`).
 *
 * Each synthetic record is valid against `CarrierPropsSchema` and about the size of a real one
 * (~1.5 KB of JSON): a name of realistic length in both languages (district prefix, brand, industry,
 * kind suffix: 苏州智联人工智能科技有限公司), 1–3 own directions (60% from its district's focus), a
 * kind drawn from the real proportions, one or two citations copied from real records of the same
 * district, and a reading note saying it is synthetic. Where it is:
 * - district: drawn in proportion to the real records per district (+5 each, so none is empty);
 * - precision: `--mix enterprise` (default: an enterprise list comes with addresses) 70% site, 10%
 *   area, 12% town, 6% district, 2% district-set; `--mix seed`: the real data's proportions (mostly
 *   district-only, since policy documents rarely name sites);
 * - site: 75% near one of the district's township seats (Gaussian, σ 2.5 km), 25% anywhere in the
 *   district, always inside the district's polygon;
 * - area: the centre of a real project place or a gazetteer place (campus, landmark, old town) in the
 *   district, with its uncertainty; town: a township seat of the gazetteer (±5 km town, ±3 km subdistrict);
 * - district-set: the district and its one or two nearest districts (by label anchor).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { booleanPointInPolygon, circle, truncate, bbox as turfBbox } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { CarrierProps, Manifest } from '../../src/domain/built';
import { encodeKeys } from '../../src/domain/taxonomy';
import { buildData } from './build';
import { type CarrierFeature, TILED_ABOVE, type TiledOutput, writeTiledData } from './tiles';

/** Shares of each precision among synthetic records. */
export type PrecisionMix = Record<CarrierProps['precision'], number>;

/** An enterprise list: mostly addressed sites. */
export const ENTERPRISE_MIX: PrecisionMix = { site: 0.7, area: 0.1, town: 0.12, district: 0.06, 'district-set': 0.02 };

/** What the generator reads from a built data folder. */
export interface SyntheticBase {
  manifest: Manifest;
  /** The real carriers, in build order. */
  carriers: CarrierFeature[];
  districts: FeatureCollection<Polygon | MultiPolygon, { id: string }>;
  gazetteer: FeatureCollection<
    Point,
    { id: string; name_zh: string; name_en: string; layer: string; category: string }
  >;
}

/** Reads `manifest.json`, `carriers.geojson`, `districts.geojson` and `gazetteer.geojson` of a built (GeoJSON) data folder. */
export function readBase(dataDir: string): SyntheticBase {
  const read = (file: string) => JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  const manifest = read('manifest.json') as Manifest;
  if (!manifest.layers.carriers) throw new Error(`${dataDir} holds no carriers.geojson (already tiled?)`);
  return {
    manifest,
    carriers: (read(manifest.layers.carriers.file) as FeatureCollection<Point | null, CarrierProps>).features,
    districts: read('districts.geojson'),
    gazetteer: existsSync(join(dataDir, 'gazetteer.geojson'))
      ? read('gazetteer.geojson')
      : { type: 'FeatureCollection', features: [] },
  };
}

/** The real data's precision shares (`--mix seed`). */
export function seedMix(base: SyntheticBase): PrecisionMix {
  const mix: PrecisionMix = { site: 0, area: 0, town: 0, district: 0, 'district-set': 0 };
  for (const f of base.carriers) mix[f.properties.precision] += 1 / base.carriers.length;
  return mix;
}

/** mulberry32: a small, fast 32-bit seeded PRNG (Tommy Ettinger's public-domain generator); values in [0, 1). */
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

/** Brand syllables: character and its pinyin. */
const BRAND: ReadonlyArray<readonly [string, string]> = [
  ['智', 'Zhi'],
  ['联', 'Lian'],
  ['创', 'Chuang'],
  ['华', 'Hua'],
  ['芯', 'Xin'],
  ['云', 'Yun'],
  ['数', 'Shu'],
  ['信', 'Xin'],
  ['汇', 'Hui'],
  ['科', 'Ke'],
  ['达', 'Da'],
  ['博', 'Bo'],
  ['瑞', 'Rui'],
  ['恒', 'Heng'],
  ['德', 'De'],
  ['腾', 'Teng'],
  ['源', 'Yuan'],
  ['启', 'Qi'],
  ['晟', 'Sheng'],
  ['泰', 'Tai'],
  ['鼎', 'Ding'],
  ['锐', 'Rui'],
  ['微', 'Wei'],
  ['星', 'Xing'],
  ['航', 'Hang'],
  ['凯', 'Kai'],
  ['远', 'Yuan'],
  ['新', 'Xin'],
  ['海', 'Hai'],
  ['天', 'Tian'],
];

/** Name endings per kind, in both languages. */
const SUFFIX: Record<CarrierProps['kind'], ReadonlyArray<readonly [string, string]>> = {
  carrier: [
    ['科技有限公司', 'Technology Co., Ltd.'],
    ['产业园', 'Industrial Park'],
    ['科技园', 'Science Park'],
    ['产业大厦', 'Industry Tower'],
  ],
  institute: [['研究院', 'Research Institute']],
  lab: [['重点实验室', 'Key Laboratory']],
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
    ['集聚区', 'Cluster Zone'],
  ],
  corridor: [
    ['产业带', 'Industrial Belt'],
    ['创新走廊', 'Innovation Corridor'],
  ],
};

const SYNTHETIC_NOTE = 'Synthetic record generated for scale tests (geo/build/synthetic.ts); not a real enterprise.';
const SYNTHETIC_NOTE_ZH = '规模测试用的合成记录（由 geo/build/synthetic.ts 生成），并非真实企业。';

/** A place records can be drawn at, with its district. */
interface Spot {
  id: string;
  name_zh: string;
  name_en: string;
  uncertainty_km: number;
  point: [number, number];
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * Makes `count − base.carriers.length` synthetic carriers (ids `syn-000001`, …) after the real ones.
 * @returns the real carriers followed by the synthetic ones (`count` in all).
 * @throws Error when `count` is below the number of real carriers.
 */
export function synthesize(
  base: SyntheticBase,
  options: { count: number; seed?: number; mix?: PrecisionMix },
): CarrierFeature[] {
  const real = base.carriers;
  if (options.count < real.length) throw new Error(`--count must be at least the ${real.length} real carriers`);
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const weighted = <K extends string>(weights: Record<K, number>): K => {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  const { manifest } = base;
  const polygons = new Map(base.districts.features.map((f) => [f.properties.id, f]));
  const inside = (id: string, p: [number, number]) => {
    const poly = polygons.get(id);
    return poly ? booleanPointInPolygon(p, poly) : false;
  };
  const districtOf = (p: [number, number]) => manifest.districts.find((d) => inside(d.id, p))?.id;

  const towns = new Map<string, Spot[]>();
  const areas = new Map<string, Spot[]>();
  const add = (m: Map<string, Spot[]>, district: string | undefined, s: Spot) => {
    if (!district) return;
    const list = m.get(district) ?? [];
    if (!list.some((x) => x.id === s.id)) list.push(s);
    m.set(district, list);
  };
  for (const f of base.gazetteer.features) {
    const p = f.properties;
    const point = f.geometry.coordinates as [number, number];
    const spot = { id: p.id, name_zh: p.name_zh, name_en: p.name_en, point };
    if (p.layer === 'town') add(towns, districtOf(point), { ...spot, uncertainty_km: p.category === 'town' ? 5 : 3 });
    else if (p.layer === 'place' && p.category !== 'lake')
      add(areas, districtOf(point), { ...spot, uncertainty_km: 2 });
  }
  for (const f of real) {
    const p = f.properties;
    if (p.precision === 'area' && p.place && f.geometry)
      add(areas, p.district, { ...p.place, point: f.geometry.coordinates as [number, number] });
  }

  const districtWeights = Object.fromEntries(
    manifest.districts.map((d) => [d.id, (manifest.counts.carriers_by_district[d.id] ?? 0) + 5]),
  );
  const kindWeights = manifest.counts.carriers_by_kind as Record<CarrierProps['kind'], number>;
  const mix = options.mix ?? ENTERPRISE_MIX;
  const directions = manifest.directions;
  const byKey = new Map(directions.map((d) => [d.key, d]));
  const info = new Map(manifest.districts.map((d) => [d.id, d]));
  const citations = new Map<string, CarrierProps['sources']>();
  for (const f of real)
    citations.set(f.properties.district, [...(citations.get(f.properties.district) ?? []), ...f.properties.sources]);
  const nearest = (id: string) => {
    const a = info.get(id)?.anchor ?? [0, 0];
    return manifest.districts
      .filter((d) => d.id !== id)
      .map((d) => ({ id: d.id, d: (d.anchor[0] - a[0]) ** 2 + (d.anchor[1] - a[1]) ** 2 }))
      .sort((x, y) => x.d - y.d)
      .map((x) => x.id);
  };

  const sitePoint = (district: string): [number, number] => {
    const poly = polygons.get(district);
    if (!poly) throw new Error(`district ${district} has no polygon`);
    const [w, s, e, n] = turfBbox(poly);
    const seats = towns.get(district) ?? [];
    for (let attempt = 0; attempt < 50; attempt++) {
      let p: [number, number];
      if (seats.length > 0 && random() < 0.75) {
        const c = pick(seats).point;
        const sigmaDeg = 2.5 / 111.195;
        p = [c[0] + (gaussian() * sigmaDeg) / Math.cos((c[1] * Math.PI) / 180), c[1] + gaussian() * sigmaDeg];
      } else p = [w + random() * (e - w), s + random() * (n - s)];
      p = [round5(p[0]), round5(p[1])];
      if (booleanPointInPolygon(p, poly)) return p;
    }
    return info.get(district)?.anchor ?? [w, s];
  };

  const out: CarrierFeature[] = [...real];
  const digits = Math.max(6, String(options.count).length);
  for (let i = 1; i <= options.count - real.length; i++) {
    const district = weighted(districtWeights);
    const d = info.get(district);
    if (!d) throw new Error(`district ${district} missing from the manifest`);
    const kind = weighted(kindWeights);
    let precision = weighted(mix);
    const nDirs = random() < 0.6 ? 1 : random() < 0.75 ? 2 : 3;
    const keys = new Set<string>();
    while (keys.size < nDirs) {
      const focus = d.direction_keys;
      keys.add(focus.length > 0 && random() < 0.6 ? pick(focus) : pick(directions).key);
    }
    const ordered = directions.map((x) => x.key).filter((k) => keys.has(k));
    const first = byKey.get(pick(ordered));
    const [b1, b2] = [pick(BRAND), pick(BRAND)];
    const [sZh, sEn] = pick(SUFFIX[kind]);
    const prefixZh = random() < 0.5 ? '苏州' : d.name_zh.replace(/[市区]$/, '');
    const prefixEn = prefixZh === '苏州' ? 'Suzhou' : d.name_en.replace(/ District.*$/, '');
    const name_zh = `${prefixZh}${b1[0]}${b2[0]}${first?.zh ?? ''}${sZh}`;
    const name_en = `${prefixEn} ${b1[1]}${b2[1].toLowerCase()} ${first?.en ?? ''} ${sEn}`.replace(/\s+/g, ' ');
    const own = ordered.map((key) => {
      const dir = byKey.get(key);
      return key === first?.key
        ? { key, basis: 'from_name' as const, term: dir?.zh ?? key }
        : { key, basis: 'stated' as const, term: dir?.terms[0] ?? dir?.zh ?? key };
    });
    const cited = citations.get(district) ?? real[0].properties.sources;
    const sources = random() < 0.7 ? [pick(cited)] : [pick(cited), pick(cited)];

    let geometry: Point | null = null;
    let place: CarrierProps['place'];
    let districts = [district];
    let extent: CarrierProps['extent'];
    let basis: string;
    let basis_zh: string;
    if (precision === 'area' && !(areas.get(district)?.length ?? 0)) precision = 'town';
    if (precision === 'town' && !(towns.get(district)?.length ?? 0)) precision = 'site';
    if (precision === 'site') {
      geometry = { type: 'Point', coordinates: sitePoint(district) };
      basis = `synthetic site for scale tests: a random point in ${d.name_en}`;
      basis_zh = `规模测试用的合成位置：${d.name_zh}内的随机点`;
    } else if (precision === 'area' || precision === 'town') {
      const spot = pick((precision === 'area' ? areas : towns).get(district) ?? []);
      geometry = { type: 'Point', coordinates: spot.point };
      place = { id: spot.id, name_zh: spot.name_zh, name_en: spot.name_en, uncertainty_km: spot.uncertainty_km };
      basis = `placed at the centre of ${spot.name_en} (±${spot.uncertainty_km} km): synthetic record for scale tests`;
      basis_zh = `置于${spot.name_zh}中心（±${spot.uncertainty_km} 公里）：规模测试用的合成记录`;
    } else if (precision === 'district-set') {
      districts = [district, ...nearest(district).slice(0, random() < 0.5 ? 1 : 2)];
      extent = random() < 0.7 ? 'stated' : 'from-name';
      basis = 'spans several districts, no single site: synthetic record for scale tests';
      basis_zh = '跨多个板块，无单一地点：规模测试用的合成记录';
    } else {
      basis = `only the district (${d.name_en}) is known: synthetic record for scale tests`;
      basis_zh = `仅知所在板块（${d.name_zh}）：规模测试用的合成记录`;
    }
    const id = `syn-${String(i).padStart(digits, '0')}`;
    const props: CarrierProps = {
      id,
      kind,
      name_zh,
      aliases: random() < 0.3 ? [`${b1[0]}${b2[0]}${first?.zh ?? ''}`] : [],
      name_en,
      name_en_status: 'translation',
      reading_note: SYNTHETIC_NOTE,
      reading_note_zh: SYNTHETIC_NOTE_ZH,
      district,
      districts,
      roles: ['key-carrier'],
      park: false,
      directions_own: own,
      directions_inherited: d.direction_keys,
      dirs: encodeKeys(ordered),
      dirs_inh: encodeKeys(d.direction_keys),
      precision,
      ...(extent ? { extent } : {}),
      basis,
      basis_zh,
      ...(place ? { place } : {}),
      sources,
    };
    out.push({ type: 'Feature', id, geometry, properties: props });
  }
  return out;
}

/**
 * The manifest describing `carriers` in place of the base's: counts by kind, district and
 * precision, parks, each district's `n_carriers` / `n_district_level`, and the carrier layer sizes.
 */
export function manifestFor(manifest: Manifest, carriers: readonly CarrierFeature[]): Manifest {
  const byKind: Record<string, number> = {};
  const byDistrict: Record<string, number> = {};
  const byPrecision: Record<string, number> = Object.fromEntries(
    Object.keys(manifest.counts.carriers_by_precision).map((k) => [k, 0]),
  );
  for (const f of carriers) {
    const p = f.properties;
    byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
    byDistrict[p.district] = (byDistrict[p.district] ?? 0) + 1;
    byPrecision[p.precision] = (byPrecision[p.precision] ?? 0) + 1;
  }
  const districtLevel: Record<string, number> = {};
  for (const f of carriers)
    if (f.properties.precision === 'district')
      districtLevel[f.properties.district] = (districtLevel[f.properties.district] ?? 0) + 1;
  return {
    ...manifest,
    layers: {
      ...manifest.layers,
      carriers: { file: 'carriers.geojson', features: carriers.length },
    },
    counts: {
      ...manifest.counts,
      carriers: carriers.length,
      parks: carriers.filter((f) => f.properties.park).length,
      carriers_by_kind: byKind,
      carriers_by_district: byDistrict,
      carriers_by_precision: byPrecision,
    },
    districts: manifest.districts.map((d) => ({
      ...d,
      n_carriers: byDistrict[d.id] ?? 0,
      n_district_level: districtLevel[d.id] ?? 0,
    })),
  };
}

/** The uncertainty circles per record of the GeoJSON path (as geo/build/layers.ts draws them). */
function recordAreas(carriers: readonly CarrierFeature[]): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: carriers.flatMap((f) => {
      const p = f.properties;
      if (!f.geometry || !p.place || (p.precision !== 'area' && p.precision !== 'town')) return [];
      const halo = circle(f.geometry.coordinates, p.place.uncertainty_km, { steps: 48, units: 'kilometers' });
      return [
        {
          type: 'Feature' as const,
          id: p.id,
          geometry: truncate(halo, { precision: 5 }).geometry,
          properties: { id: p.id, district: p.district },
        },
      ];
    }),
  };
}

/**
 * Writes `carriers` into a data folder that already holds the real build: the tiled form above
 * `TILED_ABOVE` (`writeTiledData`), else `carriers.geojson` and `carrier-areas.geojson`; and the
 * manifest describing them.
 * @returns the tiled output, or null for the GeoJSON path.
 */
export function writeCarriers(
  outDir: string,
  carriers: readonly CarrierFeature[],
  manifest: Manifest,
): TiledOutput | null {
  const next = manifestFor(manifest, carriers);
  if (carriers.length > TILED_ABOVE) return writeTiledData(outDir, carriers, next);
  const areas = recordAreas(carriers);
  writeFileSync(join(outDir, 'carriers.geojson'), JSON.stringify({ type: 'FeatureCollection', features: carriers }));
  writeFileSync(join(outDir, 'carrier-areas.geojson'), JSON.stringify(areas));
  next.layers['carrier-areas'] = { file: 'carrier-areas.geojson', features: areas.features.length };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(next, null, 1));
  return null;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      mix: { type: 'string', default: 'enterprise' },
    },
  });
  const count = Number(values.count);
  if (!values.out || !Number.isInteger(count) || count <= 0 || !['enterprise', 'seed'].includes(values.mix ?? '')) {
    console.error(
      'usage: tsx geo/build/synthetic.ts --count N --out DIR [--seed 1] [--mix enterprise|seed]  (DIR is replaced)',
    );
    process.exit(2);
  }
  const root = resolve(import.meta.dirname, '..', '..');
  const out = resolve(values.out);
  const t0 = performance.now();
  buildData(
    {
      rootDir: root,
      geoDir: resolve(root, 'geo'),
      sharedGeoDir: resolve(process.env.SUZHOU_SHARED_GEO ?? resolve(root, '..', 'shared', 'geo')),
      seedsDir: resolve(process.env.SUZHOU_SEEDS ?? resolve(root, '..', 'shared', 'seeds')),
    },
    out,
  );
  const base = readBase(out);
  const t1 = performance.now();
  const carriers = synthesize(base, {
    count,
    seed: Number(values.seed),
    mix: values.mix === 'seed' ? seedMix(base) : ENTERPRISE_MIX,
  });
  const t2 = performance.now();
  const tiled = writeCarriers(out, carriers, base.manifest);
  const t3 = performance.now();
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `synthetic: ${count} carriers (${base.carriers.length} real) → ${out} [${tiled ? 'tiles' : 'geojson'}]; ` +
      `build ${s(t1 - t0)}, generate ${s(t2 - t1)}, write ${s(t3 - t2)}`,
  );
  if (tiled) {
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
    const tiles = Object.entries(tiled.tiles.tilesByZoom);
    console.log(
      `  tiles: ${tiles.reduce((n, [, v]) => n + v, 0)} files, ${mb(tiled.tiles.bytes)} (${tiles.map(([z, v]) => `z${z} ${v}`).join(', ')})`,
    );
    console.log(
      `  features per zoom: ${Object.entries(tiled.tiles.featuresByZoom)
        .map(([z, v]) => `z${z} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `  index ${mb(tiled.indexBytes)}; ${tiled.shards} record shards, ${mb(tiled.shardBytes.total)} (median ${(tiled.shardBytes.median / 1024).toFixed(0)} KB, max ${(tiled.shardBytes.max / 1024).toFixed(0)} KB)`,
    );
  }
}
