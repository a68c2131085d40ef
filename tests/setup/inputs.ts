/** The repository's paths and the real inputs of the data build, shared by the unit tests and their global setup. */
import { join, resolve } from 'node:path';
import type { BuildInputs } from '../../geo/build/read';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The real inputs: `geo/` and `../shared` (or SUZHOU_SHARED_GEO / SUZHOU_SEEDS), with `overrides`. */
export function realInputs(overrides: Partial<BuildInputs> = {}): BuildInputs {
  return {
    rootDir: ROOT,
    geoDir: join(ROOT, 'geo'),
    sharedGeoDir: resolve(process.env.SUZHOU_SHARED_GEO ?? join(ROOT, '..', 'shared', 'geo')),
    seedsDir: resolve(process.env.SUZHOU_SEEDS ?? join(ROOT, '..', 'shared', 'seeds')),
    ...overrides,
  };
}
