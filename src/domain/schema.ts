/**
 * Record schemas shared by the data build (`geo/build`) and the app (`src/data`).
 *
 * Every type used elsewhere is `z.infer` of a schema here, so the shapes are declared once.
 * The human-edited YAML in `geo/` is validated against the `*RecordSchema`s; the built GeoJSON
 * properties the app reads are validated against the `*PropsSchema`s.
 */
import { z } from 'zod';
import {
  atMostSixDecimals,
  DIRECTION_BASES,
  DIRECTION_FAMILY_KEYS,
  DOC_IDS,
  EXTENTS,
  FACT_KINDS,
  ISO_DATE,
  KINDS,
  NAME_EN_STATUSES,
  PRECISIONS,
  ROLES,
  SITE_DATUMS,
  SITE_LIMITS,
  SITE_PRECISIONS,
  SITE_SOURCE_KINDS,
  WEB_REF,
} from './constants';

// The value lists live in the zod-free `constants.ts` (the browser imports them from there); they
// are re-exported here so that the build's imports keep working.
export { DIRECTION_FAMILIES, type DirectionFamily } from './constants';

/** Lower-case kebab-case identifier, e.g. `zjg-shazhouhu-park`. */
export const IdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case kebab-case (a-z, 0-9, -)');

/** Lower-case 6-digit hex colour, e.g. `#1f77b4`. */
export const HexColourSchema = z.string().regex(/^#[0-9a-f]{6}$/, 'must be a lower-case #rrggbb colour');

/** Document ids of the five seeds: the three-digit prefix of their file names. */
export const DocIdSchema = z.enum(DOC_IDS);
export type DocId = z.infer<typeof DocIdSchema>;

/**
 * A citation: document, 1-based line number in the seed text file, and a short quote that must
 * occur verbatim on that line (the build checks it against `../shared/seeds/`).
 */
export const SourceRefSchema = z.strictObject({
  doc: DocIdSchema,
  line: z.number().int().positive(),
  quote: z.string().min(1).max(200),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A record with an English `reading_note` must carry its Chinese form too (the app is bilingual). */
const readingNoteInBothLanguages = {
  check: (r: { reading_note?: string; reading_note_zh?: string }) =>
    r.reading_note === undefined || r.reading_note_zh !== undefined,
  params: { message: 'a reading_note needs its Chinese form in reading_note_zh', path: ['reading_note_zh'] },
};

/** Whether an English name is an established official one or our own translation. */
export const NameEnStatusSchema = z.enum(NAME_EN_STATUSES);

/**
 * One of the five source documents (`geo/sources.yaml`). `short_zh` / `short_en` are the short
 * titles that notes shown to users name the document by (e.g. 《数字经济“十四五”规划》, "the Digital
 * Economy Plan"), never its seed number or file name.
 */
export const SourceDocSchema = z.strictObject({
  id: DocIdSchema,
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  short_zh: z.string().min(1),
  short_en: z.string().min(1),
  issuer_zh: z.string().min(1),
  reference: z.string().optional(),
  date: z.string().optional(),
});
export type SourceDoc = z.infer<typeof SourceDocSchema>;

/** The family a direction belongs to (`DIRECTION_FAMILIES` in `constants.ts`). */
export const DirectionFamilySchema = z.enum(DIRECTION_FAMILY_KEYS);

/**
 * A normalised industry direction (重点发展方向) of the taxonomy (`geo/directions.yaml`).
 * `terms` are the seed's own wordings that map to it; `name_terms` are extra substrings that,
 * found in a carrier's own name, justify a `from_name` assignment. `synonyms` are search aids only
 * (common words in either language a user may type, e.g. 芯片 / chip for integrated circuits): they
 * are not document wording and never justify a direction. `family` groups it (`DIRECTION_FAMILIES`).
 */
export const DirectionSchema = z.strictObject({
  key: IdSchema,
  zh: z.string().min(1),
  en: z.string().min(1),
  family: DirectionFamilySchema,
  colour: HexColourSchema,
  terms: z.array(z.string().min(1)),
  name_terms: z.array(z.string().min(1)).default([]),
  synonyms: z.array(z.string().min(1)).default([]),
});
export type Direction = z.infer<typeof DirectionSchema>;

/** A 类别 (category) value of the 一览表 table, with its translation. */
export const CategorySchema = z.strictObject({
  key: IdSchema,
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type Category = z.infer<typeof CategorySchema>;

/** The taxonomy file: directions and table categories. */
export const TaxonomySchema = z.strictObject({
  directions: z.array(DirectionSchema).min(1),
  categories: z.array(CategorySchema).min(1),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/**
 * One district (区/县级市, incl. SIP and 苏州高新区) and its row of the 一览表 table
 * (`geo/districts.yaml`). `category_terms` and `direction_terms` are the cell contents split on
 * 、 exactly as written (duplicates kept); `adcode` joins the record to the base-geography polygon.
 */
export const DistrictRecordSchema = z
  .strictObject({
    id: IdSchema,
    adcode: z.string().regex(/^\d{6}$/),
    name_zh: z.string().min(1),
    table_name: z.string().min(1),
    name_en: z.string().min(1),
    name_en_status: NameEnStatusSchema,
    category_terms: z.array(z.string().min(1)).min(1),
    direction_terms: z.array(z.string().min(1)).min(1),
    reading_note: z.string().optional(),
    /** The reading note in Chinese; required wherever `reading_note` is given (checked by the build). */
    reading_note_zh: z.string().optional(),
    sources: z.array(SourceRefSchema).min(1),
  })
  .refine(readingNoteInBothLanguages.check, readingNoteInBothLanguages.params);
export type DistrictRecord = z.infer<typeof DistrictRecordSchema>;

/**
 * A named area of the gazetteer (`geo/places.yaml`): a town, planning zone or landmark whose
 * approximate centre is known from a cited reference. Carriers whose name or text ties them to
 * the area inherit its position with precision `area`.
 * `lon`/`lat` in WGS-84 degrees (the build checks that the point is in Suzhou, in the district, not
 * swapped and not a GCJ-02/BD-09 coordinate: geo/build/points.ts); `uncertainty_km` is the radius
 * within which the carrier is expected to lie (km), shown on the map as a halo.
 */
export const PlaceRecordSchema = z.strictObject({
  id: IdSchema,
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  district: IdSchema,
  lon: z.number(),
  lat: z.number(),
  uncertainty_km: z.number().positive().max(15),
  basis: z.string().min(10),
  /** Why a point with a web map datum's signature is right all the same (geo/build/points.ts). */
  datum_checked: z.string().min(10).optional(),
});
export type PlaceRecord = z.infer<typeof PlaceRecordSchema>;

/** How a direction was assigned to a carrier: stated by a document, or read from its own name. */
export const DirectionBasisSchema = z.enum(DIRECTION_BASES);

/**
 * A direction a carrier has in its own right. `term` is the wording that justifies it: for
 * `from_name` a substring of the carrier's `name_zh`; for `stated` a substring of `source`'s quote.
 */
export const OwnDirectionSchema = z.strictObject({
  key: IdSchema,
  basis: DirectionBasisSchema,
  term: z.string().min(1),
  source: SourceRefSchema.optional(),
});
export type OwnDirection = z.infer<typeof OwnDirectionSchema>;

/**
 * How a district set was determined: `stated` — the text lists the districts (or says the whole
 * city); `from-name` — our reading of the record's name (a lake, river, road or neighbour it runs
 * along), shown on the map as schematic.
 */
export const ExtentSchema = z.enum(EXTENTS);
export type Extent = z.infer<typeof ExtentSchema>;

/**
 * How a `district` record settles what the build's geocoder (geo/build/geocode.ts) found in its own
 * words: `place` is the id of the matched place the record is in (a gazetteer id such as
 * `town-wuzhong-dongshan`, or a project place id), or `none` to keep the record at district
 * precision. Needed when the words name several places, or a place outside the record's district;
 * `reason` (English, at least 10 characters) says why, and goes into the geocode report.
 */
export const GeocodeChoiceSchema = z.strictObject({
  place: z.union([z.literal('none'), IdSchema]),
  reason: z.string().min(10),
});
export type GeocodeChoice = z.infer<typeof GeocodeChoiceSchema>;

/**
 * Where a record is. `place` → the gazetteer area's centre (precision `area`); `district` → only
 * the district is written here; the build then looks for a town or named place in the record's own
 * words (geo/build/geocode.ts) and may draw it at `town` or `area` precision, which `geocode`
 * settles when the words are ambiguous; `site` → a surveyed or addressed site with its own basis
 * (WGS-84 degrees).
 */
export const LocationSpecSchema = z.discriminatedUnion('precision', [
  z.strictObject({ precision: z.literal('area'), place: IdSchema, note: z.string().optional() }),
  z.strictObject({ precision: z.literal('district'), geocode: GeocodeChoiceSchema.optional() }),
  z.strictObject({
    precision: z.literal('district-set'),
    districts: z.array(IdSchema).min(2),
    extent: ExtentSchema,
    /**
     * For a `from-name` extent: the base-geography features its name refers to (a lake or river
     * `name` in the water layer, or a neighbouring city `name`, e.g. 太湖, 长江, 上海市). The build then
     * requires `districts` to be exactly the districts whose polygons meet those features.
     */
    along: z.array(z.string().min(1)).min(1).optional(),
    note: z.string().min(5),
  }),
  z.strictObject({
    precision: z.literal('site'),
    lon: z.number(),
    lat: z.number(),
    basis: z.string().min(10),
    /** Why a point with a web map datum's signature is right all the same (geo/build/points.ts). */
    datum_checked: z.string().min(10).optional(),
  }),
]);
export type LocationSpec = z.infer<typeof LocationSpecSchema>;
/**
 * Precision of a built record's location, most precise first: `site` (a surveyed or addressed
 * site, or the campus or station itself), `area` (in or near a named area: the place's centre
 * with its `uncertainty_km`), `town` (in or near a town or subdistrict: its seat point, with the
 * radius of geo/build/geocode.ts `TOWN_RADIUS_KM`), `district` (only the district is known),
 * `district-set` (spans several districts). `town` is never written in YAML: the build derives it.
 */
export const PrecisionSchema = z.enum(PRECISIONS);
export type Precision = z.infer<typeof PrecisionSchema>;

/**
 * Roles a record may play: `city-park` — one of seed 001's 十大数字经济产业园; `ai-plus-park` —
 * one of seed 003's 十全十美 "AI+" parks; `key-carrier` — listed as a 主要产业载体 in seed 001's table.
 */
export const RoleSchema = z.enum(ROLES);

/**
 * What a record is. `carrier` is a generic 产业载体 (an industrial park, base or building);
 * `institute` a research institute or university branch; `lab` a laboratory; `computing-centre` a
 * data, computing or supercomputing centre; `platform` an innovation centre or platform with a
 * site; `zone` a demonstration, pilot or planning zone (area, often multi-site); `corridor` a belt,
 * ring or corridor across districts.
 */
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;

/**
 * A key carrier (主要产业载体). `seed_text` is the table segment exactly as written (split on
 * 、); `name_zh` is our reading of it (equal unless a typo or a merged cell is resolved, which
 * `reading_note` then explains). Several records may share one `seed_text` when a cell runs two
 * names together. Directions inherited from the district are derived by the build, not stored.
 */
export const CarrierRecordSchema = z
  .strictObject({
    id: IdSchema,
    kind: KindSchema,
    seed_text: z.string().min(1).optional(),
    name_zh: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    reading_note: z.string().optional(),
    /** The reading note in Chinese; required wherever `reading_note` is given (checked by the build). */
    reading_note_zh: z.string().optional(),
    name_en: z.string().min(1),
    name_en_status: NameEnStatusSchema,
    /** The district; for a `district-set` location, the first of its districts. */
    district: IdSchema,
    roles: z.array(RoleSchema).default([]),
    directions: z.array(OwnDirectionSchema).default([]),
    location: LocationSpecSchema,
    sources: z.array(SourceRefSchema).min(1),
  })
  .refine(readingNoteInBothLanguages.check, readingNoteInBothLanguages.params);
export type CarrierRecord = z.infer<typeof CarrierRecordSchema>;

/**
 * A headline figure presenters quote (target or baseline), with the year it refers to and its
 * source (`geo/facts/*.yaml`). `scope` is `city` or a district id. `value` in `unit_*`.
 * `year` is left out when the text gives none (e.g. seed 001's 专栏3 district figures); then
 * `period_note` must say what period the figure describes, so that no year is invented.
 * `directions` (optional; at least one when given) are the keys of `geo/directions.yaml` that the
 * figure's metric or quote names, by the direction's name, terms, name terms or synonyms (区块链 →
 * `blockchain`, 集成电路 → `integrated-circuits`, 5G → `new-infrastructure`, 数据中心 → both
 * `big-data-cloud` and `new-infrastructure`, …). A figure is tagged only when its own sentence names
 * the industry, never because of the section or document it stands in; figures of the whole digital
 * economy stay untagged. The city overview shows the figures tagged with the chosen directions; the
 * build rejects an unknown key (geo/build/check.ts).
 */
export const FactRecordSchema = z
  .strictObject({
    id: IdSchema,
    scope: z.string().min(1),
    kind: z.enum(FACT_KINDS),
    metric_zh: z.string().min(1),
    metric_en: z.string().min(1),
    value: z.number(),
    unit_zh: z.string(),
    unit_en: z.string(),
    year: z.number().int().min(2000).max(2035).optional(),
    period_note: z.string().min(10).optional(),
    directions: z.array(IdSchema).min(1).optional(),
    source: SourceRefSchema,
  })
  .refine((f) => f.year !== undefined || f.period_note !== undefined, {
    message: 'a fact without a year needs a period_note saying what period it describes',
    path: ['period_note'],
  });
export type FactRecord = z.infer<typeof FactRecordSchema>;

/**
 * Datum of a coordinate proposed for a record's site, as it was given: `wgs84` (GPS, OpenStreetMap,
 * 天地图), `gcj02` (AMap/高德, Tencent/腾讯) or `bd09` (Baidu/百度). Stored coordinates are always WGS-84.
 */
export const SiteDatumSchema = z.enum(SITE_DATUMS);
export type SiteDatum = z.infer<typeof SiteDatumSchema>;

/**
 * Where a proposed site comes from: a postal `address`, a `web` page (`ref` is its http(s) URL, `date`
 * when it was read), a `document` (title, number), or a site `visit` (`date` required; `ref` says who
 * or what was seen). `date` is YYYY-MM-DD.
 */
export const SiteSourceSchema = z
  .strictObject({
    kind: z.enum(SITE_SOURCE_KINDS),
    ref: z.string().trim().min(3),
    date: z.string().regex(ISO_DATE, 'must be a date YYYY-MM-DD').optional(),
  })
  .refine((s) => s.kind !== 'visit' || s.date !== undefined, {
    message: 'a site visit needs its date',
    path: ['date'],
  })
  .refine((s) => s.kind !== 'web' || WEB_REF.test(s.ref), {
    message: 'a web source needs the page URL (http:// or https://)',
    path: ['ref'],
  });
export type SiteSource = z.infer<typeof SiteSourceSchema>;

/**
 * One record placed at its site (`geo/sites/*.yaml`, written by the app's "place at its site" tool):
 * the WGS-84 point (`lon`/`lat`, degrees, at most 6 decimals), `precision` `site` or `area` (an area
 * needs `uncertainty_m`, the radius in metres within which the site lies), the coordinate as it was
 * given (`input`, in `datum_input`; `text` as pasted, when it was pasted), its `source`, and the
 * location basis shown in cards in English and Chinese (naming the source and any datum conversion).
 * The build checks that `lon`/`lat` is `input` converted to WGS-84 and lies in the record's district.
 */
export const SiteSnippetSchema = z
  .strictObject({
    record: IdSchema,
    lon: z.number().min(SITE_LIMITS.lon[0]).max(SITE_LIMITS.lon[1]).refine(atMostSixDecimals, 'at most 6 decimals'),
    lat: z.number().min(SITE_LIMITS.lat[0]).max(SITE_LIMITS.lat[1]).refine(atMostSixDecimals, 'at most 6 decimals'),
    precision: z.enum(SITE_PRECISIONS),
    uncertainty_m: z.number().int().positive().max(SITE_LIMITS.maxUncertaintyM).optional(),
    datum_input: SiteDatumSchema,
    input: z.strictObject({
      lon: z.number().min(SITE_LIMITS.inputLon[0]).max(SITE_LIMITS.inputLon[1]),
      lat: z.number().min(SITE_LIMITS.inputLat[0]).max(SITE_LIMITS.inputLat[1]),
      text: z.string().optional(),
    }),
    source: SiteSourceSchema,
    basis: z.string().min(10),
    basis_zh: z.string().min(5),
    /** Why a WGS-84 input with a web map datum's signature is right all the same (geo/build/points.ts). */
    datum_checked: z.string().min(10).optional(),
  })
  .refine((s) => s.precision !== 'area' || s.uncertainty_m !== undefined, {
    message: 'an area needs uncertainty_m (metres)',
    path: ['uncertainty_m'],
  })
  .refine((s) => s.precision !== 'site' || s.uncertainty_m === undefined, {
    message: 'a site has no uncertainty_m (use precision: area)',
    path: ['uncertainty_m'],
  });
export type SiteSnippet = z.infer<typeof SiteSnippetSchema>;
