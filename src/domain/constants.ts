/**
 * The closed value lists of the data model, as plain `as const` arrays.
 *
 * One source of truth without zod: `schema.ts` builds its `z.enum`s from these lists for the data
 * build, and the browser imports them from here so that no zod code is shipped to it (the app only
 * reads data the build has already validated; see `check.ts` for its light structural check).
 */

/** Document ids of the five seeds: the three-digit prefix of their file names. */
export const DOC_IDS = ['000', '001', '002', '003', '004'] as const;
export type DocId = (typeof DOC_IDS)[number];

/** Whether an English name is an established official one or our own translation. */
export const NAME_EN_STATUSES = ['official', 'translation'] as const;
export type NameEnStatus = (typeof NAME_EN_STATUSES)[number];

/**
 * The family a direction belongs to: the filter panel groups direction chips under these headings
 * and related directions share a hue family in the palette. Labels in both languages, in legend order.
 */
export const DIRECTION_FAMILIES = [
  { key: 'digital-industry', zh: '数字产业', en: 'Digital industries' },
  { key: 'frontier', zh: '前沿与融合领域', en: 'Frontier & converging fields' },
  { key: 'industrial-digitalisation', zh: '产业数字化', en: 'Industrial digitalisation' },
  { key: 'infrastructure', zh: '基础设施与交通', en: 'Infrastructure & mobility' },
  { key: 'application', zh: '数字化应用', en: 'Digital applications' },
] as const;
export type DirectionFamily = (typeof DIRECTION_FAMILIES)[number]['key'];
/** The family keys of `DIRECTION_FAMILIES`, in legend order. */
export const DIRECTION_FAMILY_KEYS = DIRECTION_FAMILIES.map((f) => f.key) as [DirectionFamily, ...DirectionFamily[]];

/** How a direction was assigned to a carrier: stated by a document, or read from its own name. */
export const DIRECTION_BASES = ['stated', 'from_name'] as const;
export type DirectionBasis = (typeof DIRECTION_BASES)[number];

/** How a district set was determined (see `ExtentSchema`). */
export const EXTENTS = ['stated', 'from-name'] as const;
export type Extent = (typeof EXTENTS)[number];

/** Precision of a built record's location, most precise first (see `PrecisionSchema`). */
export const PRECISIONS = ['site', 'area', 'town', 'district', 'district-set'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Roles a record may play (see `RoleSchema`). */
export const ROLES = ['city-park', 'ai-plus-park', 'key-carrier'] as const;
export type Role = (typeof ROLES)[number];

/** What a record is, in the legend's and the filter's order (see `KindSchema`). */
export const KINDS = ['carrier', 'institute', 'lab', 'computing-centre', 'platform', 'zone', 'corridor'] as const;
export type Kind = (typeof KINDS)[number];

/** Whether a headline figure is a target or a baseline. */
export const FACT_KINDS = ['target', 'baseline'] as const;

/** Datum a proposed site's coordinate was given in (see `SiteDatumSchema`). */
export const SITE_DATUMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type SiteDatum = (typeof SITE_DATUMS)[number];

/** Where a proposed site comes from (see `SiteSourceSchema`). */
export const SITE_SOURCE_KINDS = ['address', 'web', 'document', 'visit'] as const;

/** Precisions a site file may give (see `SiteSnippetSchema`). */
export const SITE_PRECISIONS = ['site', 'area'] as const;

/** Layers of the gazetteer's points (see `GazetteerPropsSchema`). */
export const GAZETTEER_LAYERS = ['town', 'place', 'station', 'airport'] as const;

/** Bounds of a proposed site, shared by the schema and the browser's check. */
export const SITE_LIMITS = {
  /** WGS-84 point, degrees: Suzhou with a margin. */
  lon: [119.8, 121.5],
  lat: [30.7, 32.1],
  /** The coordinate as given, degrees (any datum). */
  inputLon: [119, 122.5],
  inputLat: [30, 33],
  /** Largest uncertainty radius of an area, metres. */
  maxUncertaintyM: 15000,
} as const;

/** Whether a number of degrees has at most six decimals (about 0.1 m): the precision site files keep. */
export const atMostSixDecimals = (v: number) => Math.abs(v * 1e6 - Math.round(v * 1e6)) < 1e-6;

/** A web source's `ref` must be its page URL. */
export const WEB_REF = /^https?:\/\/\S+$/;

/** A date as site files write it. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Above this many records, the search matches record names as written only (exact, prefix,
 * substring), without pinyin or typo matching (src/analysis/search.ts): pinyin for 100,000 names
 * took 4.2 s and 189 MB of heap. Here, not in the search module, so the search box can say so
 * without loading the search.
 */
export const SEARCH_FULL_MAX = 20_000;
