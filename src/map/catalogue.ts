/**
 * The layer catalogue: each style layer declares, once, in the style spec's `metadata` field, its
 * toggle group, whether it answers clicks, and its legend entries. The legend, the layer toggles,
 * the clickable-layer list (and later the PNG-export legend and the list twin) are derived from it.
 */
import type { LayerSpecification } from 'maplibre-gl';
import { LAYER_GROUPS, type LayerGroup } from '../state/store';

/** How a legend entry's symbol is drawn (CSS colours, lower-case hex). */
export interface Swatch {
  shape: 'dot' | 'ring' | 'halo' | 'line' | 'ramp' | 'text';
  fill?: string;
  stroke?: string;
  /** A second ring around the dot (AI+ parks). */
  ring?: string;
  dashed?: boolean;
  /** For `ramp`: the colours of its steps, with their labels. */
  steps?: Array<{ colour: string; label: string }>;
}

/** One line of the legend, in both languages. */
export interface LegendEntry {
  zh: string;
  en: string;
  swatch: Swatch;
  /** Shown only while industry directions are chosen (the focus highlight). */
  whenDirections?: boolean;
  /** Shown only while the density view is on. */
  whenDensity?: boolean;
}

/** What the catalogue records about a layer (`layer.metadata`). */
export interface LayerMeta {
  group?: LayerGroup;
  interactive?: boolean;
  legend?: LegendEntry[];
  /** Part of the embedded basemap: hidden while an online basemap is shown. */
  embedded?: boolean;
}

/** The catalogue derived from a style's layers. */
export interface LayerCatalogue {
  /** Layer ids per toggle group, in style order. */
  groups: Record<LayerGroup, string[]>;
  /** Clickable layer ids, topmost first (the order hits are ranked in). */
  interactive: string[];
  /** Legend entries, topmost layer first, with the layer and group they describe. */
  legend: Array<LegendEntry & { layer: string; group?: LayerGroup }>;
  /** Layers of the embedded basemap, in style order. */
  embedded: string[];
}

/** The catalogue metadata of a layer (empty when it declares none). */
export function metaOf(layer: LayerSpecification): LayerMeta {
  return (layer.metadata ?? {}) as LayerMeta;
}

/**
 * Derives the catalogue from the style's layers (pure).
 * @throws Error if a layer names a group that is not one of `LAYER_GROUPS` (a typo would hide a toggle).
 */
export function layerCatalogue(layers: readonly LayerSpecification[]): LayerCatalogue {
  const groups = Object.fromEntries(LAYER_GROUPS.map((g) => [g, [] as string[]])) as Record<LayerGroup, string[]>;
  const interactive: string[] = [];
  const legend: LayerCatalogue['legend'] = [];
  const embedded: string[] = [];
  for (const layer of [...layers].reverse()) {
    const m = metaOf(layer);
    if (m.embedded) embedded.unshift(layer.id);
    if (m.group !== undefined) {
      if (!groups[m.group]) throw new Error(`layer ${layer.id}: unknown group ${m.group}`);
      groups[m.group].unshift(layer.id);
    }
    if (m.interactive) interactive.push(layer.id);
    for (const entry of m.legend ?? []) legend.push({ ...entry, layer: layer.id, group: m.group });
  }
  return { groups, interactive, legend, embedded };
}
