import type { Kind } from '../domain/schema';

/**
 * Every colour and size of the map in one typed object (lower-case hex). Direction colours are
 * data (`geo/directions.yaml`) and come from the manifest, not from here.
 */
export interface MapTheme {
  /** Land we hold no polygon for (inside the view bounds: 泰州 north of the river, 杭州): the neighbours' colour. */
  background: string;
  neighbourFill: string;
  neighbourLine: string;
  neighbourLabel: string;
  water: string;
  river: string;
  districtFill: string;
  /** Land of a district whose focus has none of the chosen directions. */
  districtFillUnmatched: string;
  districtLine: string;
  districtLineSelected: string;
  /** Outline of a district set read from a record's name (schematic, dashed). */
  districtLineSchematic: string;
  /**
   * Highlight of districts whose focus includes 1, 2, 3+ chosen directions: a green, so it is never
   * read as water, and dark enough for ≥ 3:1 contrast against water and both land colours (tested).
   */
  focusRamp: [string, string, string];
  districtLabel: string;
  labelHalo: string;
  carrierDefault: string;
  areaFill: string;
  areaLine: string;
  park: string;
  parkStroke: string;
  parkLabel: string;
  /** Seed 003's "AI+" parks: ring colour. */
  aiPlus: string;
  /** Rail stations and airports: marker and label colour. */
  transport: string;
  /** Fill of a station marker (and ring of an airport marker). */
  stationFill: string;
  townLabel: string;
  placeLabel: string;
  lakeLabel: string;
  /** Outline colour of a carrier point by record kind (fill = direction). */
  kindStroke: Record<Kind, string>;
  /** Ring around what a chart or the table highlights. */
  highlight: string;
  /** Density ramp: 1, 2, 3–4, 5+ placed records per hexagon. */
  densityRamp: readonly [string, string, string, string];
  /** Proximity circle and lines, and the site finder's ranks. */
  analysis: string;
}

/** The default light theme. */
export const LIGHT: MapTheme = {
  background: '#f1f1ec',
  neighbourFill: '#f1f1ec',
  neighbourLine: '#c8c8bf',
  neighbourLabel: '#9a9a90',
  water: '#bfd9ee',
  river: '#9cc3e3',
  districtFill: '#fbfaf6',
  districtFillUnmatched: '#ecebe4',
  districtLine: '#7d8593',
  districtLineSelected: '#1d2733',
  districtLineSchematic: '#b4541b',
  focusRamp: ['#4f7d2b', '#2f6a2a', '#1f5220'],
  districtLabel: '#3b4350',
  labelHalo: '#ffffff',
  carrierDefault: '#6b7380',
  areaFill: '#4a78b5',
  areaLine: '#4a78b5',
  park: '#c2311f',
  parkStroke: '#ffffff',
  parkLabel: '#7a1d12',
  aiPlus: '#7b3fa0',
  transport: '#1d3557',
  stationFill: '#ffffff',
  townLabel: '#5f6673',
  placeLabel: '#4a5563',
  lakeLabel: '#2f6690',
  kindStroke: {
    carrier: '#ffffff',
    institute: '#1d2733',
    lab: '#b8860b',
    'computing-centre': '#0f6e8c',
    platform: '#5a6b2a',
    zone: '#8a5a44',
    corridor: '#8a5a44',
  },
  highlight: '#c98a00',
  densityRamp: ['#fde0c5', '#f8b88b', '#f08a4b', '#c8501a'],
  analysis: '#1f5fbf',
};

/** Font stack names used in `text-font`; resolved through the style's `font-faces`. */
export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';

/** CSS font families for CJK glyphs, rasterized locally by MapLibre (`localIdeographFontFamily`). */
export const LOCAL_CJK_FONTS =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
