/**
 * Vitest global setup of the `unit` project: builds the real data once per run into a temporary
 * folder, provides its path to the test files (`inject('realDataDir')`, read by
 * `buildRealCarriers()` in tests/unit/records.ts) and removes the folder when the run ends.
 *
 * A build failure does not abort the run: its message is provided as `realDataError`, so that the
 * tests needing the real data fail with it while the others (e.g. the build's own tests) still run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildData } from '../../geo/build/build';
import { realInputs } from './inputs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the real data built for this run (`manifest.json`, `carriers.geojson`, …). */
    realDataDir: string;
    /** The build's error message when the real data did not build, else an empty string. */
    realDataError: string;
  }
}

/**
 * Builds the real data and provides where it is.
 * @returns the teardown, which removes the folder.
 */
export default function setup(project: TestProject): () => void {
  const outDir = mkdtempSync(join(tmpdir(), 'sde-data-'));
  let error = '';
  try {
    buildData(realInputs(), outDir);
  } catch (e) {
    error = (e as Error).message;
  }
  project.provide('realDataDir', outDir);
  project.provide('realDataError', error);
  return () => rmSync(outDir, { recursive: true, force: true });
}
