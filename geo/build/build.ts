/**
 * The data build as a function: read → validate (zod, record lock) → check → build layers → write.
 * Used by the CLI (`geo/build/index.ts`) and by the tests, which run it on fixtures.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../../src/domain/built';
import { checkRecords, joinDistrictPolygons } from './check';
import { checkExtents } from './extent';
import { DataBuildError } from './issues';
import { buildLayers } from './layers';
import { checkInventory } from './lock';
import { type BuildInputs, readBaseGeography, readRecords } from './read';
import { generatedTextIssues } from './text';

/**
 * Builds the data and writes it to `outDir` (replaced whole).
 * @returns the manifest written to `outDir/manifest.json`.
 * @throws DataBuildError listing every problem with file, line, record and field (bad records, a
 *   record file or record lost against the lock or the inventory, a document named by number in
 *   text users see); Error when an input folder or base-geography file is missing.
 */
export function buildData(inputs: BuildInputs, outDir: string): Manifest {
  const base = readBaseGeography(inputs.sharedGeoDir);
  const records = readRecords(inputs);
  const { polygons, issues: joinIssues } = joinDistrictPolygons(records, base);
  const issues = [
    ...records.issues,
    ...joinIssues,
    ...checkRecords(records, polygons),
    ...checkExtents(records, base, polygons),
    ...checkInventory(inputs.geoDir, inputs.rootDir, records.carriers, records.sources),
  ];
  if (issues.length > 0) throw new DataBuildError(issues);

  const { layers, manifest } = buildLayers(records, base, polygons);
  const at = new Map(records.carriers.map((c) => [c.id, c.at]));
  const generated = layers.carriers.data.features.flatMap((f) => {
    const p = f.properties as { id: string; basis: string; basis_zh: string };
    const where = at.get(p.id);
    return where ? generatedTextIssues({ basis: p.basis, basis_zh: p.basis_zh }, where) : [];
  });
  if (generated.length > 0) throw new DataBuildError(generated);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const layer of Object.values(layers)) {
    writeFileSync(join(outDir, layer.file), JSON.stringify(layer.data));
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}
