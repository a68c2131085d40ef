/**
 * The data build as a function: read → validate → check → build layers → write.
 * Used by the CLI (`geo/build/index.ts`) and by the tests, which run it on fixtures.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Manifest } from '../../src/domain/built';
import { checkRecords, joinDistrictPolygons } from './check';
import { checkExtents } from './extent';
import { DataBuildError } from './issues';
import { buildLayers } from './layers';
import { type BuildInputs, readBaseGeography, readRecords } from './read';

/**
 * Builds the data and writes it to `outDir` (replaced whole).
 * @returns the manifest written to `outDir/manifest.json`.
 * @throws DataBuildError listing every bad record with file, record and field; Error when an input
 *   folder or base-geography file is missing.
 */
export function buildData(inputs: BuildInputs, outDir: string): Manifest {
  const base = readBaseGeography(inputs.sharedGeoDir);
  const records = readRecords(inputs);
  const districtsFile = relative(inputs.rootDir, join(inputs.geoDir, 'districts.yaml'));
  const { polygons, issues: joinIssues } = joinDistrictPolygons(records, base, districtsFile);
  const issues = [
    ...joinIssues,
    ...checkRecords(records, polygons, districtsFile),
    ...checkExtents(records, base, polygons),
  ];
  if (issues.length > 0) throw new DataBuildError(issues);

  const { layers, manifest } = buildLayers(records, base, polygons);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const layer of Object.values(layers)) {
    writeFileSync(join(outDir, layer.file), JSON.stringify(layer.data));
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}
