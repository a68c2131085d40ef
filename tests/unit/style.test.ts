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
import { SOURCE } from '../../src/map/layers';
import { buildStyle, type SourceData } from '../../src/map/style';
import { LIGHT } from '../../src/map/theme';
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
    for (const id of ['carriers-circle', 'parks-symbol', 'parks-symbol-beside', 'carrier-areas-fill', 'parks-label']) {
      const layer = style.layers.find((l) => l.id === id);
      expect(JSON.stringify(layer && 'paint' in layer ? layer.paint : null), id).toContain('"feature-state","match"');
    }
  });
});
