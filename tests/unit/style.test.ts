/**
 * Invariants of the map style (not pixels): valid against the MapLibre style spec, every layer's
 * source declared, lower-case hex colours, nothing loaded from outside the app's origin.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TaxonomySchema } from '../../src/domain/schema';
import { layerCatalogue } from '../../src/map/catalogue';
import { DISTRICT_HIT_LAYER, PARK_MARKER_LAYERS, SOURCE } from '../../src/map/layers';
import { buildStyle, type SourceData } from '../../src/map/style';
import { LIGHT } from '../../src/map/theme';
import { LAYER_GROUPS } from '../../src/state/store';
import { ROOT } from './records';

const taxonomy = TaxonomySchema.parse(parse(readFileSync(join(ROOT, 'geo', 'directions.yaml'), 'utf8')));
const data = Object.fromEntries(Object.values(SOURCE).map((s) => [s, `data/${s}.geojson`])) as SourceData;
const style = buildStyle(data, taxonomy.directions, LIGHT, 'attribution');

describe('map style', () => {
  it('is valid against the style spec', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });
  it('declares the source of every layer', () => {
    for (const layer of style.layers) {
      if ('source' in layer) expect(Object.keys(style.sources), layer.id).toContain(layer.source);
    }
  });
  it('uses lower-case hex colours in the theme', () => {
    const colours = Object.values(LIGHT).flatMap((v) =>
      typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v,
    );
    expect(colours.length).toBeGreaterThan(20);
    for (const v of colours) expect(v).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('references no remote glyphs, sprites or tiles', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });
  it('hides filtered carriers and parks through feature-state, not by rebuilding sources', () => {
    for (const id of [
      'carriers-circle',
      'parks-symbol',
      'parks-symbol-beside',
      'carrier-areas-fill',
      'parks-label',
      'parks-label-city',
    ]) {
      const layer = style.layers.find((l) => l.id === id);
      expect(JSON.stringify(layer && 'paint' in layer ? layer.paint : null), id).toContain('"feature-state","match"');
    }
  });
});

describe('layer catalogue', () => {
  const catalogue = layerCatalogue(style.layers);
  const layerIds = new Set(style.layers.map((l) => l.id));
  it('names only layers that exist, in the toggles, the clickable list and the legend', () => {
    for (const g of LAYER_GROUPS) {
      expect(catalogue.groups[g].length, g).toBeGreaterThan(0);
      for (const id of catalogue.groups[g]) expect(layerIds, `${g}: ${id}`).toContain(id);
    }
    for (const id of catalogue.interactive) expect(layerIds, id).toContain(id);
    for (const e of catalogue.legend) expect(layerIds, e.en).toContain(e.layer);
    for (const id of [...PARK_MARKER_LAYERS, DISTRICT_HIT_LAYER]) expect(catalogue.interactive).toContain(id);
  });
  it('ranks clickable layers topmost first', () => {
    const order = (id: string) => style.layers.findIndex((l) => l.id === id);
    const ranks = catalogue.interactive.map(order);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(catalogue.interactive.at(-1)).toBe(DISTRICT_HIT_LAYER);
  });
  it('gives every legend entry both languages and a swatch', () => {
    expect(catalogue.legend.length).toBeGreaterThanOrEqual(8);
    for (const e of catalogue.legend) {
      expect(e.zh.length * e.en.length, e.en).toBeGreaterThan(0);
      expect(e.swatch.shape).toBeTruthy();
    }
  });
  it('rejects a layer in an unknown group', () => {
    const bad = [{ id: 'x', type: 'background', metadata: { group: 'nope' } }] as never;
    expect(() => layerCatalogue(bad)).toThrow(/unknown group nope/);
  });
  it('places the city park labels above every other label, so none is dropped for a district name', () => {
    const symbols = style.layers.filter((l) => l.type === 'symbol').map((l) => l.id);
    expect(symbols.at(-1)).toBe('parks-label-city');
  });
});

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
/** WCAG 2 contrast ratio of two colours. */
const contrast = (a: string, b: string) => {
  const [lo, hi] = [luminance(a), luminance(b)].sort((x, y) => x - y);
  return (hi + 0.05) / (lo + 0.05);
};

describe('focus highlight', () => {
  it('contrasts at least 3:1 with water and with unhighlighted land, every step', () => {
    for (const c of LIGHT.focusRamp) {
      expect(contrast(c, LIGHT.water), `${c} vs water`).toBeGreaterThanOrEqual(3);
      expect(contrast(c, LIGHT.districtFill), `${c} vs land`).toBeGreaterThanOrEqual(3);
      expect(contrast(c, LIGHT.districtFillUnmatched), `${c} vs unmatched land`).toBeGreaterThanOrEqual(3);
    }
  });
  it('is not a hue of water: green, not blue', () => {
    for (const c of LIGHT.focusRamp) {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
      expect(g, c).toBeGreaterThan(b);
      expect(g, c).toBeGreaterThan(r);
    }
  });
});
