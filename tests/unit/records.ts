/**
 * Test helper: the repository's paths, and the real data as built once per run by the unit
 * project's global setup (tests/setup/realData.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { inject } from 'vitest';
import { type CarrierProps, CarrierPropsSchema, type Manifest, ManifestSchema } from '../../src/domain/built';

import { realInputs } from '../setup/inputs';

export { ROOT, realInputs } from '../setup/inputs';

/**
 * The real data built for this run: its manifest and the folder holding every layer (shared by
 * all test files: read it, never write to it).
 * @throws Error with the build's message when the real data did not build.
 */
export function buildReal(): { manifest: Manifest; outDir: string } {
  const error = inject('realDataError');
  if (error) throw new Error(`the real data did not build:\n${error}`);
  const outDir = inject('realDataDir');
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')));
  return { manifest, outDir };
}

/** The real data with its carriers layer read back: every feature, and the carriers' properties. */
export function buildRealCarriers() {
  const { manifest, outDir } = buildReal();
  const fc = JSON.parse(readFileSync(join(outDir, 'carriers.geojson'), 'utf8')) as FeatureCollection<Point | null>;
  const carriers: CarrierProps[] = fc.features.map((f) => CarrierPropsSchema.parse(f.properties));
  return { manifest, outDir, features: fc.features, carriers };
}

/** The lines of a seed document (index 0 = line 1), found through the manifest's sources. */
export function seedLinesOf(manifest: Manifest, doc: string): string[] {
  const file = manifest.sources.find((s) => s.id === doc)?.file ?? '';
  return readFileSync(join(realInputs().seedsDir, file), 'utf8').split('\n');
}
