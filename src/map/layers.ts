/**
 * Layer factories: pure functions (theme, taxonomy) → typed MapLibre layer specifications.
 * Layer ids read `<layer>-<role>`; sources are declared in `style.ts` under the ids in `SOURCE`.
 */
import type { CircleLayerSpecification, ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Direction } from '../domain/schema';
import { type LayerMeta, metaOf } from './catalogue';
import { focusFill, labelSize, localName, matchOpacity, stateColour } from './expressions';
import { FONT_BOLD, FONT_REGULAR, type MapTheme } from './theme';
import { type LayerSettings, MERGED_LEGEND, TILED_CIRCLE_RADIUS, type TiledSource } from './tiled';

/**
 * The carrier layers on the tiled path (src/map/tiled.ts): the tiles' source layer, the label zoom,
 * and the initial filter and paint values (`tiledLayerSettings` of the initial state).
 */
export interface TiledLayers {
  source: TiledSource;
  settings: LayerSettings;
}

/**
 * A carrier layer made for the tiled source: reads the tiles' layer, takes its filter and paint
 * values from `settings`, and draws every feature it keeps at full opacity (the filter, not a
 * feature-state, hides the others).
 */
function onTiles(layer: LayerSpecification, tiled: TiledLayers, opacity: Record<string, number>): LayerSpecification {
  const own = tiled.settings[layer.id] ?? {};
  return {
    ...layer,
    'source-layer': tiled.source.layer,
    ...(own.filter ? { filter: own.filter } : {}),
    paint: { ...(layer as { paint?: object }).paint, ...opacity, ...own.paint },
  } as LayerSpecification;
}

/** The catalogue entry of a layer, in the style spec's `metadata` field (see `catalogue.ts`). */
const meta = (m: LayerMeta) => ({ metadata: m });

/** Source ids of the style. */
export const SOURCE = {
  neighbours: 'neighbours',
  neighbourLabels: 'neighbour-labels',
  water: 'water',
  rivers: 'rivers',
  districts: 'districts',
  districtAnchors: 'district-anchors',
  carrierAreas: 'carrier-areas',
  carriers: 'carriers',
  parks: 'parks',
  gazetteer: 'gazetteer',
  density: 'density',
  analysis: 'analysis',
} as const;

/** The density layers: hidden unless the density view is on (`ViewState.density`). */
export const DENSITY_LAYERS = ['density-fill', 'density-line'];

/** Screen offset (CSS px) of a park marker drawn beside another at the same point. */
const BESIDE_PX = 26;
/** The same offset in ems of the 12 px label text at low zoom, for text offsets. */
const BESIDE_EM = BESIDE_PX / 12;

/** The park marker layers: at the point, and beside it for a second park at the same point. */
export const PARK_MARKER_LAYERS = ['parks-symbol', 'parks-symbol-beside'];

/** The layer of district polygons that answers clicks (a click on land selects its district). */
export const DISTRICT_HIT_LAYER = 'districts-fill';

/** Basemap: background, neighbouring cities, water, rivers. */
export function baseLayers(t: MapTheme): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': t.background } },
    {
      id: 'neighbours-fill',
      type: 'fill',
      source: SOURCE.neighbours,
      ...meta({ embedded: true }),
      // Outlines are drawn by their own line layer: skipping fill antialiasing saves a pass per frame.
      paint: { 'fill-color': t.neighbourFill, 'fill-antialias': false },
    },
    {
      id: 'neighbours-line',
      type: 'line',
      source: SOURCE.neighbours,
      ...meta({ embedded: true }),
      paint: { 'line-color': t.neighbourLine, 'line-width': 0.8 },
    },
  ];
}

/** District polygons: land, the focus highlight under the direction filter, outlines, selection. */
export function districtLayers(t: MapTheme): LayerSpecification[] {
  return [
    {
      id: 'districts-fill',
      type: 'fill',
      source: SOURCE.districts,
      ...meta({ interactive: true }),
      paint: {
        // Land; a little greyer where the district's focus lacks every chosen direction.
        'fill-color': [
          'case',
          ['==', ['number', ['feature-state', 'focus'], -1], 0],
          t.districtFillUnmatched,
          t.districtFill,
        ],
        // Opaque unless dimmed: opaque fills draw in MapLibre's cheaper opaque pass. Over an online
        // basemap the land is clear (still clickable), and districts outside the filter are veiled.
        'fill-opacity': [
          'case',
          ['boolean', ['feature-state', 'chosen'], true],
          ['case', ['global-state', 'online'], 0, 1],
          ['case', ['global-state', 'online'], 0.55, 0.35],
        ],
        'fill-antialias': false,
      },
    },
    {
      // Districts whose focus includes chosen directions: a green that no water or land colour is near.
      id: 'districts-focus',
      type: 'fill',
      source: SOURCE.districts,
      ...meta({
        group: 'focus',
        legend: [
          {
            zh: '板块重点方向含所选方向（个数）',
            en: 'District focus includes the chosen directions (how many)',
            whenDirections: true,
            swatch: {
              shape: 'ramp',
              steps: t.focusRamp.map((colour, i) => ({
                colour,
                label: i === t.focusRamp.length - 1 ? `${i + 1}+` : `${i + 1}`,
              })),
            },
          },
        ],
      }),
      paint: {
        'fill-color': focusFill(t.focusRamp),
        'fill-opacity': [
          'case',
          ['>=', ['number', ['feature-state', 'focus'], -1], 1],
          ['case', ['global-state', 'online'], 0.6, 1],
          0,
        ],
        'fill-antialias': false,
      },
    },
    {
      id: 'water-fill',
      type: 'fill',
      source: SOURCE.water,
      ...meta({ embedded: true }),
      paint: { 'fill-color': t.water, 'fill-antialias': false },
    },
    {
      id: 'rivers-line',
      type: 'line',
      source: SOURCE.rivers,
      ...meta({ embedded: true }),
      paint: { 'line-color': t.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 12, 1.6] },
    },
    {
      id: 'districts-line',
      type: 'line',
      source: SOURCE.districts,
      paint: { 'line-color': t.districtLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 12, 1.8] },
    },
    {
      id: 'districts-selected-line',
      type: 'line',
      source: SOURCE.districts,
      ...meta({
        legend: [
          {
            zh: '所选板块；或跨板块记录的板块（文件列明）',
            en: 'Selected district; or the districts a record spans (listed in the documents)',
            swatch: { shape: 'line', stroke: t.districtLineSelected },
          },
        ],
      }),
      paint: {
        'line-color': t.districtLineSelected,
        'line-width': ['case', selected(false), 3, 0],
      },
    },
    {
      // A district set read from a name, not stated: dashed, so it never passes for a surveyed extent.
      id: 'districts-schematic-line',
      type: 'line',
      source: SOURCE.districts,
      ...meta({
        legend: [
          {
            zh: '跨板块记录的板块，由名称推断（示意）',
            en: 'Districts a record spans, read from its name (schematic)',
            swatch: { shape: 'line', stroke: t.districtLineSchematic, dashed: true },
          },
        ],
      }),
      paint: {
        'line-color': t.districtLineSchematic,
        'line-width': ['case', selected(true), 2.5, 0],
        'line-dasharray': [2, 1.5],
      },
    },
  ];
}

/** Whether a district is outlined (feature-state `selected`) in the given manner (feature-state `schematic`). */
function selected(schematic: boolean): ExpressionSpecification {
  return [
    'all',
    ['boolean', ['feature-state', 'selected'], false],
    ['==', ['boolean', ['feature-state', 'schematic'], false], schematic],
  ];
}

/**
 * Carriers: uncertainty halos of area-precision records, points coloured by direction, labels.
 * With `tiled`, the points and labels come from the vector tiles (`onTiles`; labels from
 * `tiled.source.labelsFrom`) and the halos are one per place (feature-state still hides them).
 */
export function carrierLayers(
  t: MapTheme,
  directions: readonly Direction[],
  tiled?: TiledLayers,
): LayerSpecification[] {
  const layers = geojsonCarrierLayers(t, directions);
  if (!tiled) return layers;
  // No translucent fill in the halos on tiles: at 100,000 carriers about a hundred places of up to
  // 5 km blend over most of the view at zoom 11, a large share of each frame in software rendering;
  // their dashed outlines still show the uncertainty radius.
  return layers
    .filter((l) => l.id !== 'carrier-areas-fill')
    .map((l) => {
      if (l.id === 'carriers-circle') {
        // Merged dots (src/map/tiled.ts) are larger the more records they hold, and the legend says so.
        const layer = onTiles(l, tiled, { 'circle-opacity': 1, 'circle-stroke-opacity': 1 });
        const m = metaOf(layer);
        const merged = {
          ...MERGED_LEGEND,
          swatch: { shape: 'dot' as const, fill: t.carrierDefault, stroke: t.kindStroke.carrier },
        };
        return {
          ...layer,
          metadata: { ...m, legend: [...(m.legend ?? []), merged] },
          paint: { ...(layer as CircleLayerSpecification).paint, 'circle-radius': TILED_CIRCLE_RADIUS },
        } as LayerSpecification;
      }
      if (l.id === 'carriers-label')
        return { ...onTiles(l, tiled, { 'text-opacity': 1 }), minzoom: tiled.source.labelsFrom } as LayerSpecification;
      return l;
    });
}

function geojsonCarrierLayers(t: MapTheme, directions: readonly Direction[]): LayerSpecification[] {
  // Before any filter state is set, a carrier is drawn in the colour of its first own direction.
  const ownColour = [
    'case',
    ...directions.flatMap((d) => [['in', `|${d.key}|`, ['get', 'dirs']] as ExpressionSpecification, d.colour]),
    t.carrierDefault,
  ] as ExpressionSpecification;
  return [
    {
      id: 'carrier-areas-fill',
      type: 'fill',
      source: SOURCE.carrierAreas,
      ...meta({ group: 'carriers' }),
      minzoom: 9,
      paint: { 'fill-color': t.areaFill, 'fill-opacity': matchOpacity(0.06) },
    },
    {
      id: 'carrier-areas-line',
      type: 'line',
      source: SOURCE.carrierAreas,
      ...meta({
        group: 'carriers',
        legend: [
          {
            zh: '片区范围（位置不确定半径）',
            en: 'Area (uncertainty radius)',
            swatch: { shape: 'halo', stroke: t.areaLine },
          },
        ],
      }),
      minzoom: 9,
      paint: {
        'line-color': t.areaLine,
        'line-opacity': matchOpacity(0.35),
        'line-width': 0.8,
        'line-dasharray': [2, 2],
      },
    },
    {
      id: 'carriers-circle',
      type: 'circle',
      source: SOURCE.carriers,
      ...meta({
        group: 'carriers',
        interactive: true,
        legend: [
          {
            zh: '载体（片区中心，颜色=方向）',
            en: 'Carrier (area centre; colour = direction)',
            swatch: { shape: 'dot', fill: t.carrierDefault, stroke: t.kindStroke.carrier },
          },
        ],
      }),
      filter: ['!', ['get', 'park']],
      paint: {
        'circle-color': stateColour(ownColour),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 12, 7],
        'circle-stroke-color': [
          'match',
          ['get', 'kind'],
          'institute',
          t.kindStroke.institute,
          'lab',
          t.kindStroke.lab,
          'computing-centre',
          t.kindStroke['computing-centre'],
          'platform',
          t.kindStroke.platform,
          ['zone', 'corridor'],
          t.kindStroke.zone,
          t.kindStroke.carrier,
        ],
        'circle-stroke-width': ['match', ['get', 'kind'], 'carrier', 1.2, 2.2],
        'circle-opacity': matchOpacity(),
        'circle-stroke-opacity': matchOpacity(),
      },
    },
    {
      id: 'carriers-label',
      type: 'symbol',
      source: SOURCE.carriers,
      ...meta({ group: 'carriers' }),
      filter: ['!', ['get', 'park']],
      minzoom: 10.5,
      layout: {
        'text-field': localName(),
        'text-font': [FONT_REGULAR],
        'text-size': labelSize(11),
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 9,
        'text-optional': true,
      },
      paint: {
        'text-color': t.districtLabel,
        'text-halo-color': t.labelHalo,
        'text-halo-width': 1.2,
        'text-opacity': matchOpacity(),
      },
    },
  ];
}

/**
 * The ten city parks (red) and seed 003's AI+ parks (purple ring; purple marker where the AI+ park
 * is not a city park): prominent markers and labels; district-anchored ones drawn hollow.
 */
export function parkLayers(t: MapTheme): LayerSpecification[] {
  const fill: ExpressionSpecification = ['case', ['get', 'city'], t.park, t.aiPlus];
  const marker: Omit<CircleLayerSpecification, 'id'> = {
    type: 'circle',
    source: SOURCE.parks,
    paint: {
      'circle-opacity': matchOpacity(),
      'circle-stroke-opacity': matchOpacity(),
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 8, 12, 12],
      'circle-color': ['case', ['get', 'anchored'], t.parkStroke, fill],
      'circle-stroke-color': fill,
      'circle-stroke-width': ['case', ['get', 'anchored'], 3, 2],
    },
  };
  const beside: ExpressionSpecification = ['>', ['get', 'slot'], 0];
  return [
    {
      id: 'parks-aiplus-ring',
      type: 'circle',
      source: SOURCE.parks,
      ...meta({
        group: 'parks',
        legend: [
          {
            zh: '“AI+”特色产业园（十全十美）',
            en: '"AI+" application park (十全十美)',
            swatch: { shape: 'dot', fill: t.park, stroke: t.park, ring: t.aiPlus },
          },
        ],
      }),
      filter: ['all', ['get', 'aiplus'], ['get', 'city']],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 12, 12, 16],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': t.aiPlus,
        'circle-stroke-width': 2,
        'circle-stroke-opacity': matchOpacity(),
      },
    },
    {
      id: 'parks-symbol',
      ...marker,
      ...meta({
        group: 'parks',
        interactive: true,
        legend: [
          {
            zh: '十大数字经济产业园（片区位置）',
            en: 'City digital-economy park (area location)',
            swatch: { shape: 'dot', fill: t.park, stroke: t.park },
          },
          {
            zh: '十大数字经济产业园（仅知板块，画在板块标注处）',
            en: 'City park known only by district (drawn at the district label)',
            swatch: { shape: 'ring', fill: t.parkStroke, stroke: t.park },
          },
          {
            zh: '“AI+”产业园，非十大产业园（两份文件在此板块所列园区不同）',
            en: '"AI+" park that is not a city park (the two documents name different parks here)',
            swatch: { shape: 'ring', fill: t.parkStroke, stroke: t.aiPlus },
          },
        ],
      }),
      filter: ['!', beside],
    },
    {
      // A second park anchored at the same point (吴中, 相城: a city park and an AI+ park, both known
      // only by district) is drawn beside the first, in pixels, so neither hides the other.
      id: 'parks-symbol-beside',
      ...marker,
      ...meta({ group: 'parks', interactive: true }),
      filter: beside,
      paint: { ...marker.paint, 'circle-translate': [-BESIDE_PX, 0] },
    },
    parkLabel(t, 'parks-label', ['!', ['get', 'city']]),
  ];
}

/**
 * Park names: the AI+-only parks' layer sits under the city parks' (`cityParkLabels`), which is
 * placed above every other label so that no city park's name is dropped at the first view.
 * Text is the marker's short label (`label_zh` / `label_en`), wrapped to a few words a line.
 */
function parkLabel(t: MapTheme, id: string, filter: ExpressionSpecification): LayerSpecification {
  const beside: ExpressionSpecification = ['>', ['get', 'slot'], 0];
  return {
    id,
    type: 'symbol',
    source: SOURCE.parks,
    ...meta({ group: 'parks' }),
    filter,
    layout: {
      'text-field': ['case', ['==', ['global-state', 'lang'], 'en'], ['get', 'label_en'], ['get', 'label_zh']],
      'text-font': [FONT_BOLD],
      'text-size': labelSize([
        [8, 12],
        [12, 15],
      ]),
      // Below the marker if there is room, else another side; a marker drawn beside another labels
      // to its left.
      'text-variable-anchor-offset': [
        'case',
        beside,
        ['literal', ['right', [-BESIDE_EM - 1, 0], 'top-right', [-BESIDE_EM, 1], 'bottom-right', [-BESIDE_EM, -1]]],
        [
          'literal',
          [
            'top',
            [0, 1.1],
            'bottom',
            [0, -1.1],
            'left',
            [1.1, 0],
            'right',
            [-1.1, 0],
            'top-left',
            [0.8, 0.8],
            'top-right',
            [-0.8, 0.8],
            'bottom-left',
            [0.8, -0.8],
            'bottom-right',
            [-0.8, -0.8],
          ],
        ],
      ] as unknown as ExpressionSpecification,
      'text-justify': 'auto',
      'text-max-width': 8,
      'text-line-height': 1.1,
    },
    paint: {
      'text-color': ['case', ['get', 'city'], t.parkLabel, t.aiPlus],
      'text-halo-color': t.labelHalo,
      'text-halo-width': 1.6,
      'text-opacity': matchOpacity(),
    },
  };
}

/** The city parks' names: last in the style, so placed before every other label. */
export function cityParkLabels(t: MapTheme): LayerSpecification[] {
  return [parkLabel(t, 'parks-label-city', ['get', 'city'])];
}

/** A gazetteer feature of the given `layer` kind (`town`, `place`, `station`, `airport`). */
const gazetteerOf = (...kinds: string[]): ExpressionSpecification => ['in', ['get', 'layer'], ['literal', kinds]];

/**
 * Orientation from the gazetteer (`gazetteer.geojson`, built from ../shared/geo): rail stations and
 * airports with symbols from the city view on, lakes and campuses and landmarks from zoom 9.5,
 * township names from zoom 10. Placed after the parks' and districts' names, so they only fill
 * the room those leave; more prominent places (lower `rank`) are placed first.
 */
export function orientationLayers(t: MapTheme): LayerSpecification[] {
  const label = (size: number, colour: string) => ({
    layout: {
      'text-field': localName(),
      'text-font': [FONT_REGULAR],
      'text-size': labelSize(size),
      'text-max-width': 8,
      'symbol-sort-key': ['get', 'rank'] as ExpressionSpecification,
    },
    paint: { 'text-color': colour, 'text-halo-color': t.labelHalo, 'text-halo-width': 1.2 },
  });
  return [
    {
      id: 'gazetteer-transport-circle',
      type: 'circle',
      source: SOURCE.gazetteer,
      ...meta({
        group: 'places',
        legend: [
          {
            zh: '火车站（高铁、城际）',
            en: 'Railway station (high-speed, intercity)',
            swatch: { shape: 'dot', fill: t.stationFill, stroke: t.transport },
          },
          {
            zh: '机场',
            en: 'Airport',
            swatch: { shape: 'dot', fill: t.transport, stroke: t.stationFill },
          },
        ],
      }),
      filter: gazetteerOf('station', 'airport'),
      paint: {
        'circle-radius': ['case', ['==', ['get', 'layer'], 'airport'], 6, 4.5],
        'circle-color': ['case', ['==', ['get', 'layer'], 'airport'], t.transport, t.stationFill],
        'circle-stroke-color': ['case', ['==', ['get', 'layer'], 'airport'], t.stationFill, t.transport],
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'gazetteer-place-circle',
      type: 'circle',
      source: SOURCE.gazetteer,
      ...meta({
        group: 'places',
        legend: [
          {
            zh: '大学校区、地标、古镇',
            en: 'Campus, landmark, old town',
            swatch: { shape: 'dot', fill: t.placeLabel, stroke: t.labelHalo },
          },
        ],
      }),
      minzoom: 9.5,
      // Lakes are named on the water, with no marker.
      filter: ['all', gazetteerOf('place'), ['!=', ['get', 'category'], 'lake']],
      paint: {
        'circle-radius': 2.5,
        'circle-color': t.placeLabel,
        'circle-stroke-color': t.labelHalo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'gazetteer-town-label',
      type: 'symbol',
      source: SOURCE.gazetteer,
      ...meta({
        group: 'places',
        legend: [
          { zh: '镇、街道（驻地）', en: 'Town or subdistrict (seat)', swatch: { shape: 'text', fill: t.townLabel } },
        ],
      }),
      minzoom: 10,
      filter: gazetteerOf('town'),
      ...label(11, t.townLabel),
    },
    {
      id: 'gazetteer-place-label',
      type: 'symbol',
      source: SOURCE.gazetteer,
      ...meta({ group: 'places' }),
      minzoom: 9.5,
      filter: gazetteerOf('place'),
      layout: {
        ...label(11, t.placeLabel).layout,
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.6,
      },
      paint: {
        ...label(11, t.placeLabel).paint,
        'text-color': ['case', ['==', ['get', 'category'], 'lake'], t.lakeLabel, t.placeLabel],
      },
    },
    {
      id: 'gazetteer-transport-label',
      type: 'symbol',
      source: SOURCE.gazetteer,
      ...meta({ group: 'places' }),
      filter: gazetteerOf('station', 'airport'),
      layout: {
        ...label(12, t.transport).layout,
        'text-font': [FONT_BOLD],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.8,
        'text-optional': true,
      },
      paint: label(12, t.transport).paint,
    },
  ];
}

/** Labels of neighbouring cities and districts. */
export function labelLayers(t: MapTheme): LayerSpecification[] {
  return [
    {
      id: 'neighbours-label',
      type: 'symbol',
      source: SOURCE.neighbourLabels,
      layout: { 'text-field': localName(), 'text-font': [FONT_REGULAR], 'text-size': labelSize(13) },
      paint: { 'text-color': t.neighbourLabel, 'text-halo-color': t.labelHalo, 'text-halo-width': 1 },
    },
    {
      id: 'districts-label',
      type: 'symbol',
      source: SOURCE.districtAnchors,
      layout: {
        'text-field': localName(),
        'text-font': [FONT_REGULAR],
        'text-size': labelSize(13),
        // Above the district's markers by default; in the crowded centre (姑苏, SIP, 相城) the name
        // moves to a free side rather than disappearing behind a park label ("bottom" means the
        // text's bottom edge sits on the anchor; the district group is to the anchor's right).
        'text-variable-anchor': ['bottom', 'top', 'bottom-right', 'bottom-left', 'right', 'top-right', 'top-left'],
        'text-radial-offset': 1.2,
        'text-max-width': 12,
      },
      paint: { 'text-color': t.districtLabel, 'text-halo-color': t.labelHalo, 'text-halo-width': 1.5 },
    },
  ];
}

/** Whether a feature is highlighted by a chart or the table (feature-state `hl`). */
const highlighted: ExpressionSpecification = ['boolean', ['feature-state', 'hl'], false];

/**
 * Highlight rings (feature-state `hl`, set from a chart's or the table's hover): around carriers
 * and parks, and along district outlines. Drawn under the markers they ring.
 */
export function highlightLayers(t: MapTheme, tiled?: TiledLayers): LayerSpecification[] {
  const layers = geojsonHighlightLayers(t);
  if (!tiled) return layers;
  // On tiles the highlight is a filter (`tiledLayerSettings`): what it keeps is ringed.
  return layers.map((l) =>
    l.id === 'carriers-highlight' ? onTiles(l, tiled, { 'circle-opacity': 0.35, 'circle-stroke-opacity': 1 }) : l,
  );
}

function geojsonHighlightLayers(t: MapTheme): LayerSpecification[] {
  return [
    {
      id: 'districts-highlight-line',
      type: 'line',
      source: SOURCE.districts,
      paint: { 'line-color': t.highlight, 'line-width': ['case', highlighted, 4, 0] },
    },
    {
      id: 'carriers-highlight',
      type: 'circle',
      source: SOURCE.carriers,
      filter: ['!', ['get', 'park']],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 9, 12, 12],
        'circle-color': t.highlight,
        'circle-opacity': ['case', highlighted, 0.35, 0],
        'circle-stroke-color': t.highlight,
        'circle-stroke-width': 3,
        'circle-stroke-opacity': ['case', highlighted, 1, 0],
      },
    },
    {
      id: 'parks-highlight',
      type: 'circle',
      source: SOURCE.parks,
      paint: {
        'circle-radius': 16,
        'circle-color': t.highlight,
        'circle-opacity': ['case', highlighted, 0.35, 0],
        'circle-stroke-color': t.highlight,
        'circle-stroke-width': 3,
        'circle-stroke-opacity': ['case', highlighted, 1, 0],
      },
    },
  ];
}

/**
 * Density of placed records (`analysis/density.ts`): hexagons coloured by the number of matching
 * placed records in each (feature-state `n`); empty hexagons are not drawn.
 */
export function densityLayers(t: MapTheme): LayerSpecification[] {
  const n: ExpressionSpecification = ['number', ['feature-state', 'n'], 0];
  const r = t.densityRamp;
  return [
    {
      id: 'density-fill',
      type: 'fill',
      source: SOURCE.density,
      ...meta({
        legend: [
          {
            zh: '已定位记录的密度（每个约 3 公里的六边形内的数量；仅知板块的记录不计）',
            en: 'Density of placed records (count per ~3 km hexagon; records known only by district not counted)',
            whenDensity: true,
            swatch: {
              shape: 'ramp',
              steps: [
                { colour: r[0], label: '1' },
                { colour: r[1], label: '2' },
                { colour: r[2], label: '3–4' },
                { colour: r[3], label: '5+' },
              ],
            },
          },
        ],
      }),
      paint: {
        'fill-color': ['step', n, r[0], 2, r[1], 3, r[2], 5, r[3]],
        'fill-opacity': ['case', ['>', n, 0], 0.75, 0],
      },
    },
    {
      id: 'density-line',
      type: 'line',
      source: SOURCE.density,
      paint: { 'line-color': r[3], 'line-width': 0.6, 'line-opacity': ['case', ['>', n, 0], 0.8, 0] },
    },
  ];
}

/**
 * The planner's analysis drawn on the map (source `analysis`, replaced as a whole by the
 * controller when a query changes): the proximity circle, its origin and the lines to what it
 * found, and the site finder's ranks (`kind` property of each feature).
 */
export function analysisLayers(t: MapTheme): LayerSpecification[] {
  const kind = (k: string): ExpressionSpecification => ['==', ['get', 'kind'], k];
  return [
    {
      id: 'analysis-circle-fill',
      type: 'fill',
      source: SOURCE.analysis,
      filter: kind('near-circle'),
      paint: { 'fill-color': t.analysis, 'fill-opacity': 0.08 },
    },
    {
      id: 'analysis-circle-line',
      type: 'line',
      source: SOURCE.analysis,
      filter: kind('near-circle'),
      paint: { 'line-color': t.analysis, 'line-width': 2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'analysis-lines',
      type: 'line',
      source: SOURCE.analysis,
      filter: kind('near-line'),
      paint: { 'line-color': t.analysis, 'line-width': 1.2, 'line-opacity': 0.7 },
    },
    {
      id: 'analysis-origin',
      type: 'circle',
      source: SOURCE.analysis,
      filter: kind('near-origin'),
      paint: {
        'circle-radius': 6,
        'circle-color': '#ffffff',
        'circle-stroke-color': t.analysis,
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'analysis-rank',
      type: 'circle',
      source: SOURCE.analysis,
      filter: kind('rank'),
      paint: {
        'circle-radius': 11,
        'circle-color': t.analysis,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-translate': [0, -22],
      },
    },
    {
      id: 'analysis-rank-label',
      type: 'symbol',
      source: SOURCE.analysis,
      filter: kind('rank'),
      layout: {
        'text-field': ['to-string', ['get', 'rank']],
        'text-font': [FONT_BOLD],
        'text-size': labelSize(12),
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': [0, -22] },
    },
  ];
}
