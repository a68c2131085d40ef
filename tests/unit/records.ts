/** Test helper: the repository's paths, and one data build into a temporary folder per test file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildData } from '../../geo/build/build';
import type { BuildInputs } from '../../geo/build/read';

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
