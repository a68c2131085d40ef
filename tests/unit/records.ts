/** Test helper: the repository's paths, and one data build into a temporary folder per test file. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { buildData } from '../../geo/build/build';
import type { BuildInputs } from '../../geo/build/read';
import { type CarrierProps, CarrierPropsSchema } from '../../src/domain/built';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The real inputs: `geo/` and `../shared`. */
export function realInputs(overrides: Partial<BuildInputs> = {}): BuildInputs {
  return {
    rootDir: ROOT,
    geoDir: join(ROOT, 'geo'),
    sharedGeoDir: resolve(process.env.SUZHOU_SHARED_GEO ?? join(ROOT, '..', 'shared', 'geo')),
    seedsDir: resolve(process.env.SUZHOU_SEEDS ?? join(ROOT, '..', 'shared', 'seeds')),
    ...overrides,
  };
}

/** Builds the real data into a fresh temporary folder. */
export function buildReal() {
  const outDir = mkdtempSync(join(tmpdir(), 'sde-data-'));
  return { manifest: buildData(realInputs(), outDir), outDir };
}

/** Builds the real data and reads back the carriers layer: every feature, and the carriers' properties. */
export function buildRealCarriers() {
  const { manifest, outDir } = buildReal();
  const fc = JSON.parse(readFileSync(join(outDir, 'carriers.geojson'), 'utf8')) as FeatureCollection<Point | null>;
  const carriers: CarrierProps[] = fc.features.map((f) => CarrierPropsSchema.parse(f.properties));
  return { manifest, outDir, features: fc.features, carriers };
}
