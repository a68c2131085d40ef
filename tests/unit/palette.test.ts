/**
 * The direction palette stays distinguishable with 25+ directions: every pair of colours differs by
 * at least MIN_DELTA_E in CIELAB (ΔE*ab, CIE 1976) under normal vision and under simulated
 * protanopia and deuteranopia; colours are lower-case hex and related directions share a hue family.
 *
 * Colour-vision deficiency is simulated with the matrices of Machado, Oliveira & Fernandes (2009),
 * "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
 * 1291–1298 (severity 1.0), applied to linear-light sRGB; CIELAB conversion is d3-color's `lab`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hcl, lab, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TaxonomySchema } from '../../src/domain/schema';
import { ROOT } from './records';

/** Smallest ΔE*ab allowed between any two direction colours, in each of the three views. */
const MIN_DELTA_E = 10;

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
/** Machado et al. (2009), severity 1.0. */
const PROTANOPIA: Matrix = [
  [0.152286, 1.052583, -0.204868],
  [0.114503, 0.786281, 0.099216],
  [-0.003882, -0.048116, 1.051998],
];
const DEUTERANOPIA: Matrix = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881],
];

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const toGamma = (v: number) => {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return Math.min(255, Math.max(0, c * 255));
};

/** The colour as seen with the deficiency `m` (or as is, for normal vision). */
function simulate(hex: string, m?: Matrix): string {
  if (!m) return hex;
  const c = rgb(hex);
  const lin = [toLinear(c.r), toLinear(c.g), toLinear(c.b)];
  const [r, g, b] = m.map((row) => row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]);
  return rgb(toGamma(r), toGamma(g), toGamma(b)).formatHex();
}

function deltaE(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

const taxonomy = TaxonomySchema.parse(parse(readFileSync(join(ROOT, 'geo', 'directions.yaml'), 'utf8')));
const directions = taxonomy.directions;

describe('direction palette', () => {
  it('has 25+ directions, each a lower-case #rrggbb colour, all different', () => {
    expect(directions.length).toBeGreaterThanOrEqual(25);
    for (const d of directions) expect(d.colour, d.key).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(directions.map((d) => d.colour)).size).toBe(directions.length);
  });

  for (const [view, m] of [
    ['normal vision', undefined],
    ['protanopia (Machado 2009)', PROTANOPIA],
    ['deuteranopia (Machado 2009)', DEUTERANOPIA],
  ] as const) {
    it(`keeps every pair at least ΔE*ab ${MIN_DELTA_E} apart under ${view}`, () => {
      const seen = directions.map((d) => ({ key: d.key, c: simulate(d.colour, m) }));
      const close: string[] = [];
      for (let i = 0; i < seen.length; i++)
        for (let j = i + 1; j < seen.length; j++) {
          const d = deltaE(seen[i].c, seen[j].c);
          if (d < MIN_DELTA_E) close.push(`${seen[i].key} / ${seen[j].key}: ${d.toFixed(1)}`);
        }
      expect(close).toEqual([]);
    });
  }

  it('gives related directions one hue family (vehicles, chips, manufacturing)', () => {
    const hueOf = (k: string) => hcl(directions.find((d) => d.key === k)?.colour ?? '#000000').h;
    const spread = (keys: string[]) => {
      const hs = keys.map(hueOf);
      return Math.max(...hs) - Math.min(...hs);
    };
    expect(spread(['connected-vehicles', 'autonomous-driving', 'smart-transport'])).toBeLessThanOrEqual(40);
    expect(spread(['integrated-circuits', 'electronic-information-manufacturing'])).toBeLessThanOrEqual(40);
    expect(spread(['intelligent-manufacturing', 'digital-transformation', 'industrial-internet'])).toBeLessThanOrEqual(
      40,
    );
  });
});
