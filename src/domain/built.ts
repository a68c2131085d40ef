/**
 * Shapes of the built data the app loads from `public/data/` (written by `geo/build`).
 * The build validates what it writes against these schemas; the browser imports only their types
 * (`import type`) and checks what it loads with the zod-free `check.ts`, so zod stays out of the app.
 */
import { z } from 'zod';
import { GAZETTEER_LAYERS } from './constants';
import {
  CategorySchema,
  DirectionSchema,
  ExtentSchema,
  FactRecordSchema,
  KindSchema,
  NameEnStatusSchema,
  OwnDirectionSchema,
  PrecisionSchema,
  RoleSchema,
  SourceDocSchema,
  SourceRefSchema,
} from './schema';

/** A district as the app sees it: table row mapped onto the taxonomy, with counts. */
export const DistrictInfoSchema = z.strictObject({
  id: z.string(),
  adcode: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  name_en_status: NameEnStatusSchema,
  category_terms: z.array(z.string()),
  category_keys: z.array(z.string()),
  direction_terms: z.array(z.string()),
  direction_keys: z.array(z.string()),
  reading_note: z.string().optional(),
  /** The reading note in Chinese; required wherever `reading_note` is given (checked by the build). */
  reading_note_zh: z.string().optional(),
  sources: z.array(SourceRefSchema),
  /** Label anchor inside the polygon, WGS-84 [lon, lat] degrees. */
  anchor: z.tuple([z.number(), z.number()]),
  /** [west, south, east, north] degrees. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  area_km2: z.number(),
  n_carriers: z.number().int(),
  n_district_level: z.number().int(),
});
export type DistrictInfo = z.infer<typeof DistrictInfoSchema>;

/**
 * Properties of a carrier Feature in `carriers.geojson`. Geometry is a Point for `site`/`area`/`town`
 * precision and `null` (RFC 7946 unlocated feature) for `district` and `district-set` precision.
 * `place` is set for `area` and `town` (the area or town the record is in or near, with the radius
 * of its circle in `carrier-areas.geojson`) and for a `site` found by the geocoder.
 * `dirs` / `dirs_inh` are the own / inherited keys encoded `|a|b|` (`dirs` colours a point before any filter state is set).
 */
export const CarrierPropsSchema = z.strictObject({
  id: z.string(),
  kind: KindSchema,
  seed_text: z.string().optional(),
  name_zh: z.string(),
  aliases: z.array(z.string()),
  name_en: z.string(),
  name_en_status: NameEnStatusSchema,
  reading_note: z.string().optional(),
  /** The reading note in Chinese; required wherever `reading_note` is given (checked by the build). */
  reading_note_zh: z.string().optional(),
  district: z.string(),
  /** Every district the record spans (one, or several for a `district-set` location). */
  districts: z.array(z.string()),
  roles: z.array(RoleSchema),
  park: z.boolean(),
  directions_own: z.array(OwnDirectionSchema),
  directions_inherited: z.array(z.string()),
  dirs: z.string(),
  dirs_inh: z.string(),
  precision: PrecisionSchema,
  /** For a `district-set` record: whether the text lists the districts or we read them from the name (schematic). */
  extent: ExtentSchema.optional(),
  basis: z.string(),
  /** The same basis in Chinese. */
  basis_zh: z.string(),
  place: z
    .strictObject({ id: z.string(), name_zh: z.string(), name_en: z.string(), uncertainty_km: z.number() })
    .optional(),
  sources: z.array(SourceRefSchema),
});
export type CarrierProps = z.infer<typeof CarrierPropsSchema>;

/** Counts reported by the build, per layer, district and precision. */
export const CountsSchema = z.strictObject({
  parks: z.number().int(),
  carriers: z.number().int(),
  carriers_by_kind: z.record(z.string(), z.number().int()),
  districts: z.number().int(),
  places: z.number().int(),
  carriers_by_district: z.record(z.string(), z.number().int()),
  carriers_by_precision: z.record(z.string(), z.number().int()),
});

/** `manifest.json`: what was built, from what, with counts; the app's entry point to the data. */
export const ManifestSchema = z.strictObject({
  version: z.literal(1),
  layers: z.record(z.string(), z.strictObject({ file: z.string(), features: z.number().int() })),
  counts: CountsSchema,
  sources: z.array(SourceDocSchema),
  facts: z.array(FactRecordSchema),
  directions: z.array(DirectionSchema),
  categories: z.array(CategorySchema),
  districts: z.array(DistrictInfoSchema),
  attribution: z.string(),
  /** [west, south, east, north] of Suzhou, degrees. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** [west, south, east, north] degrees the camera may show: the base layers cover all of it. */
  max_bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * Properties of a Feature of `gazetteer.geojson` (a Point, WGS-84): a town or subdistrict seat, a
 * named place, a rail station or an airport of the shared gazetteer, for orientation. `category` is
 * the source's kind (town, subdistrict, university, lake, landmark, old-town, planning-area, hsr,
 * mainline, intercity, airport); `rank` 1 is the most prominent (airports, HSR and mainline
 * stations), 2 lakes, campuses, intercity stations and the planning area, 3 towns, subdistricts,
 * landmarks and old towns; `source` cites where the point comes from.
 */
export const GazetteerPropsSchema = z.strictObject({
  id: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  layer: z.enum(GAZETTEER_LAYERS),
  category: z.string(),
  rank: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  source: z.string(),
});
export type GazetteerProps = z.infer<typeof GazetteerPropsSchema>;

/** A place of the geocode report: gazetteer entry or project place, with its citation. */
export const GeocodePlaceRefSchema = z.strictObject({
  id: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  /** `town` (a township of the gazetteer), `place` (a named place of it) or `project` (geo/places). */
  class: z.enum(['town', 'place', 'project']),
  category: z.string(),
  district: z.string().nullable(),
  /** Whether the place has a point the build may use. */
  located: z.boolean(),
  /** Why a point the source has is not used (e.g. a seat the source flags as suspect). */
  unusable: z.string().optional(),
  cite: z.string(),
  licence: z.string(),
});

/**
 * `geocode-report.json`: what the build's geocoder (geo/build/geocode.ts) did with every record.
 * `status`: `placed` (one place in its district), `settled` (the record's `location.geocode` chose),
 * `declined` (`geocode: { place: none }`), `name-only` (names a place with no usable point),
 * `unmatched` (names none), `kept` (its YAML location is not `district`).
 */
export const GeocodeReportSchema = z.strictObject({
  version: z.literal(1),
  /** Radius (km) drawn around a seat, by township kind. */
  town_radius_km: z.record(z.string(), z.number()),
  stop_list: z.array(z.strictObject({ form: z.string(), within: z.array(z.string()).optional(), reason: z.string() })),
  /** Records per precision before (as written in YAML) and after geocoding. */
  before: z.record(PrecisionSchema, z.number().int()),
  after: z.record(PrecisionSchema, z.number().int()),
  by_status: z.record(z.string(), z.number().int()),
  records: z.array(
    z.strictObject({
      id: z.string(),
      district: z.string(),
      status: z.enum(['placed', 'settled', 'declined', 'name-only', 'unmatched', 'kept']),
      before: PrecisionSchema,
      after: PrecisionSchema,
      place: z.string().optional(),
      reason: z.string().optional(),
      matches: z.array(z.strictObject({ place: z.string(), form: z.string(), field: z.string(), start: z.number() })),
      candidates: z.array(GeocodePlaceRefSchema),
      basis: z.string().optional(),
      basis_zh: z.string().optional(),
    }),
  ),
});
export type GeocodeReport = z.infer<typeof GeocodeReportSchema>;
