/**
 * Shapes of the built data the app loads from `public/data/` (written by `geo/build`).
 * The app validates `manifest.json` against `ManifestSchema` before drawing anything.
 */
import { z } from 'zod';
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
 * Properties of a carrier Feature in `carriers.geojson`. Geometry is a Point for `site`/`area`
 * precision and `null` (RFC 7946 unlocated feature) for `district` precision.
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
});
export type Manifest = z.infer<typeof ManifestSchema>;
