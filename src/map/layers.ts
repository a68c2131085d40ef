/**
 * Layer factories: pure functions (theme, taxonomy) → typed MapLibre layer specifications.
 * Layer ids read `<layer>-<role>`; sources are declared in `style.ts` under the ids in `SOURCE`.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Direction } from '../domain/schema';
import { focusFill, localName, matchOpacity, stateColour } from './expressions';
import { FONT_BOLD, FONT_REGULAR, type MapTheme } from './theme';

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
} as const;

/** Layer ids that respond to clicks, topmost first. */
export const INTERACTIVE_LAYERS = ['parks-symbol', 'carriers-circle', 'districts-fill'] as const;

/** Toggleable layer groups and the layer ids each controls. */
export const LAYER_GROUPS = {
  focus: ['districts-fill'],
  parks: ['parks-aiplus-ring', 'parks-symbol', 'parks-label'],
  carriers: ['carriers-circle', 'carriers-label', 'carrier-areas-fill', 'carrier-areas-line'],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

/** Basemap: background, neighbouring cities, water, rivers. */
export function baseLayers(t: MapTheme): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': t.background } },
    {
      id: 'neighbours-fill',
      type: 'fill',
      source: SOURCE.neighbours,
      // Outlines are drawn by their own line layer: skipping fill antialiasing saves a pass per frame.
      paint: { 'fill-color': t.neighbourFill, 'fill-antialias': false },
    },
    {
      id: 'neighbours-line',
      type: 'line',
      source: SOURCE.neighbours,
      paint: { 'line-color': t.neighbourLine, 'line-width': 0.8 },
    },
  ];
}

/** District polygons: focus choropleth under the direction filter, outlines, selection. */
export function districtLayers(t: MapTheme): LayerSpecification[] {
  return [
    {
      id: 'districts-fill',
      type: 'fill',
      source: SOURCE.districts,
      paint: {
        'fill-color': focusFill(t.districtFill, t.focusRamp),
        // Opaque unless dimmed: opaque fills draw in MapLibre's cheaper opaque pass.
        'fill-opacity': ['case', ['boolean', ['feature-state', 'chosen'], true], 1, 0.35],
        'fill-antialias': false,
      },
    },
    { id: 'water-fill', type: 'fill', source: SOURCE.water, paint: { 'fill-color': t.water, 'fill-antialias': false } },
    {
      id: 'rivers-line',
      type: 'line',
      source: SOURCE.rivers,
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
      paint: {
        'line-color': t.districtLineSelected,
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0],
      },
    },
  ];
}

/** Carriers: uncertainty halos of area-precision records, points coloured by direction, labels. */
export function carrierLayers(t: MapTheme, directions: readonly Direction[]): LayerSpecification[] {
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
      minzoom: 9,
      paint: { 'fill-color': t.areaFill, 'fill-opacity': matchOpacity(0.06) },
    },
    {
      id: 'carrier-areas-line',
      type: 'line',
      source: SOURCE.carrierAreas,
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
      filter: ['!', ['get', 'park']],
      minzoom: 10.5,
      layout: {
        'text-field': localName(),
        'text-font': [FONT_REGULAR],
        'text-size': 11,
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
  return [
    {
      id: 'parks-aiplus-ring',
      type: 'circle',
      source: SOURCE.parks,
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
    },
    {
      id: 'parks-label',
      type: 'symbol',
      source: SOURCE.parks,
      layout: {
        'text-field': localName(),
        'text-font': [FONT_BOLD],
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 12, 12, 15],
        'text-offset': [0, 1.2],
        'text-anchor': 'top',
        'text-max-width': 10,
        'text-allow-overlap': true,
      },
      paint: {
        'text-color': ['case', ['get', 'city'], t.parkLabel, t.aiPlus],
        'text-halo-color': t.labelHalo,
        'text-halo-width': 1.6,
        'text-opacity': matchOpacity(),
      },
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
      layout: { 'text-field': localName(), 'text-font': [FONT_REGULAR], 'text-size': 13 },
      paint: { 'text-color': t.neighbourLabel, 'text-halo-color': t.labelHalo, 'text-halo-width': 1 },
    },
    {
      id: 'districts-label',
      type: 'symbol',
      source: SOURCE.districtAnchors,
      layout: {
        'text-field': localName(),
        'text-font': [FONT_REGULAR],
        'text-size': 13,
        'text-anchor': 'bottom',
        'text-offset': [0, -1.2],
        'text-max-width': 12,
      },
      paint: { 'text-color': t.districtLabel, 'text-halo-color': t.labelHalo, 'text-halo-width': 1.5 },
    },
  ];
}
