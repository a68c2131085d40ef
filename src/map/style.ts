/**
 * The whole map style as data: a pure function of the built data's URLs, the taxonomy and the theme.
 * Nothing in it is fetched from outside the app's origin: GeoJSON from `data/`, Latin glyphs from a
 * bundled font file (`font-faces`), CJK glyphs from local fonts (`localIdeographFontFamily`).
 */

import notoSansRegular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import notoSansBold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import type { GeoJSONSourceSpecification, StyleSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { Direction } from '../domain/schema';
import { GLOBAL_STATE_DEFAULTS } from './expressions';
import {
  analysisLayers,
  baseLayers,
  carrierLayers,
  cityParkLabels,
  densityLayers,
  districtLayers,
  highlightLayers,
  labelLayers,
  orientationLayers,
  parkLayers,
  SOURCE,
  type TiledLayers,
} from './layers';
import { FONT_BOLD, FONT_REGULAR, type MapTheme } from './theme';

type SourceId = (typeof SOURCE)[keyof typeof SOURCE];
/**
 * Where each source's data comes from: a URL (loaded by MapLibre's worker) or an in-memory object.
 * The gazetteer is optional: a build without it draws the map without orientation layers.
 */
export type SourceData = Record<
  Exclude<SourceId, 'gazetteer' | 'density' | 'analysis'>,
  GeoJSONSourceSpecification['data']
> & {
  gazetteer?: GeoJSONSourceSpecification['data'];
};

/** An empty FeatureCollection: the start of a source filled on demand. */
const EMPTY: GeoJSONSourceSpecification['data'] = { type: 'FeatureCollection', features: [] };

/** Unicode ranges the bundled Latin font files cover (Basic Latin, Latin-1, general punctuation). */
const LATIN_RANGES = ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+2000-206F', 'U+2212'];

/**
 * Builds the style.
 * @param data the data of every source in `SOURCE` (`carriers` is ignored with `tiled`).
 * @param attribution HTML attribution of the base geography (shown by the attribution control).
 * @param tiled on the tiled data path: the `carriers` source is the vector tiles
 *   (`{ type: 'vector', tiles: [absolute URL template], minzoom, maxzoom, promoteId: { carriers: 'id' } }`)
 *   and the carrier layers read them (`carrierLayers`, `highlightLayers`).
 */
export function buildStyle(
  data: SourceData,
  directions: readonly Direction[],
  theme: MapTheme,
  attribution: string,
  tiled?: TiledLayers,
): StyleSpecification {
  const geojson = (d: GeoJSONSourceSpecification['data'], extra: Partial<GeoJSONSourceSpecification> = {}) =>
    ({ type: 'geojson', data: d, ...extra }) as GeoJSONSourceSpecification;
  return {
    version: 8,
    name: 'suzhou-digital-economy',
    // Filter changes apply at once rather than over the default 300 ms paint transition.
    transition: { duration: 0, delay: 0 },
    state: Object.fromEntries(Object.entries(GLOBAL_STATE_DEFAULTS).map(([k, v]) => [k, { default: v }])),
    'font-faces': {
      [FONT_REGULAR]: [{ url: notoSansRegular, 'unicode-range': LATIN_RANGES }],
      [FONT_BOLD]: [{ url: notoSansBold, 'unicode-range': LATIN_RANGES }],
    },
    sources: {
      [SOURCE.neighbours]: geojson(data.neighbours),
      [SOURCE.neighbourLabels]: geojson(data['neighbour-labels']),
      [SOURCE.water]: geojson(data.water),
      [SOURCE.rivers]: geojson(data.rivers),
      [SOURCE.districts]: geojson(data.districts, { attribution, promoteId: 'id' }),
      [SOURCE.districtAnchors]: geojson(data['district-anchors']),
      [SOURCE.carrierAreas]: geojson(data['carrier-areas'], { promoteId: 'id' }),
      [SOURCE.carriers]: tiled
        ? ({
            type: 'vector',
            tiles: [tiled.source.url],
            minzoom: tiled.source.minzoom,
            maxzoom: tiled.source.maxzoom,
            promoteId: { [tiled.source.layer]: 'id' },
          } satisfies VectorSourceSpecification)
        : geojson(data.carriers, { promoteId: 'id' }),
      [SOURCE.parks]: geojson(data.parks, { promoteId: 'id' }),
      ...(data.gazetteer ? { [SOURCE.gazetteer]: geojson(data.gazetteer) } : {}),
      // Filled on demand: the density grid when first shown, the analysis when a query is made.
      [SOURCE.density]: geojson(EMPTY),
      [SOURCE.analysis]: geojson(EMPTY),
    },
    layers: [
      ...baseLayers(theme),
      ...districtLayers(theme),
      ...densityLayers(theme),
      ...highlightLayers(theme, tiled),
      ...carrierLayers(theme, directions, tiled),
      // Orientation under the parks; its labels are placed after the parks' and districts' names.
      ...(data.gazetteer ? orientationLayers(theme) : []),
      ...parkLayers(theme),
      // Ranks and the proximity circle over the parks; they never collide with names (overlap allowed).
      ...analysisLayers(theme),
      // Labels last: the later a symbol layer, the earlier it is placed. City park names first,
      // then district names, then the rest make room for them.
      ...labelLayers(theme),
      ...cityParkLabels(theme),
    ],
  };
}
