/**
 * Architecture: imports between the layers of `src/` run one way
 * (domain → data → analysis → state → map → ui); an arrow against that order fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
/** Layers, lowest first: a file may import from its own layer and those before it. */
const LAYERS = ['domain', 'data', 'analysis', 'state', 'map', 'ui'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const layerOf = (path: string) => LAYERS.indexOf(relative(SRC, path).split('/')[0]);

describe('imports run one way', () => {
  const all = files(SRC).filter((f) => layerOf(f) >= 0);
  it('covers every layer', () => {
    for (const l of LAYERS)
      expect(
        all.some((f) => layerOf(f) === LAYERS.indexOf(l)),
        l,
      ).toBe(true);
  });
  it('has no import from a later layer', () => {
    const wrong: string[] = [];
    for (const f of all) {
      for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
        const target = resolve(f, '..', m[1]);
        const to = layerOf(target);
        if (to > layerOf(f)) wrong.push(`${relative(SRC, f)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
