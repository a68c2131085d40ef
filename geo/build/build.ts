/**
 * The data build as a function: read → validate (zod, record lock, gazetteer) → check → geocode →
 * build layers → write. Used by the CLI (`geo/build/index.ts`) and by the tests, which run it on fixtures.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeocodeReport, Manifest } from '../../src/domain/built';
import { checkRecords, joinDistrictPolygons } from './check';
import { checkExtents } from './extent';
import { districtJoin, readGazetteer } from './gazetteer';
import { geocodePlaces, geocodeRecords, geocodeReport } from './geocode';
import { DataBuildError } from './issues';
import { buildLayers } from './layers';
import { checkInventory } from './lock';
import { datumIssues, type RecordPoint } from './points';
import { type BuildInputs, type BuildRecords, readBaseGeography, readRecords } from './read';
import { readSites, type Sites, settleBySites } from './sites';
import { generatedTextIssues } from './text';

/** File name of the geocode report in the output folder. */
export const GEOCODE_REPORT_FILE = 'geocode-report.json';

/** What a build wrote: the manifest (`manifest.json`) and the geocode report (`geocode-report.json`). */
export interface BuildResult {
  manifest: Manifest;
  geocode: GeocodeReport;
}

/**
 * The WGS-84 points records write themselves, for the datum check: places' centres, records' own
 * sites, and site entries whose input was given in WGS-84 (a converted one is checked against its
 * input by ./sites.ts instead).
 */
function writtenPoints(records: BuildRecords, entries: Sites['entries']): RecordPoint[] {
  const points: RecordPoint[] = records.places.map((p) => ({
    lon: p.lon,
    lat: p.lat,
    district: p.district,
    at: p.at,
    lonField: 'lon',
    datumChecked: p.datum_checked,
  }));
  for (const c of records.carriers) {
    const loc = c.location;
    if (loc.precision !== 'site') continue;
    points.push({ ...loc, district: c.district, at: c.at, lonField: 'location.lon', datumChecked: loc.datum_checked });
  }
  for (const e of entries) {
    if (e.datum_input !== 'wgs84') continue;
    points.push({ lon: e.lon, lat: e.lat, district: '', at: e.at, lonField: 'lon', datumChecked: e.datum_checked });
  }
  return points;
}

/**
 * Builds the data and writes it to `outDir` (replaced whole): the layers, `manifest.json` and
 * `geocode-report.json`.
 * @returns the manifest and the geocode report written.
 * @throws DataBuildError listing every problem with file, line, record and field (bad records, a
 *   record file or record lost against the lock or the inventory, a document named by number in
 *   text users see, a gazetteer feature failing its schema, a record whose words name a place
 *   outside its district or several places and that does not settle it); Error when an input
 *   folder or base-geography file is missing.
 */
export function buildData(inputs: BuildInputs, outDir: string): BuildResult {
  const base = readBaseGeography(inputs.sharedGeoDir, inputs.rootDir);
  const records = readRecords(inputs);
  const { polygons, issues: joinIssues } = joinDistrictPolygons(records, base);
  const { gazetteer, issues: gazetteerIssues } = readGazetteer(
    base.gazetteer,
    districtJoin(records.districts, base.divisions, polygons),
  );
  const titles = new Map(records.sources.map((s) => [s.id, { short_en: s.short_en, short_zh: s.short_zh }]));
  const places = geocodePlaces(gazetteer.entries, records.places);
  const sites = readSites(inputs.geoDir, inputs.rootDir, records, polygons);
  const { resolutions, issues: geocodeIssues } = settleBySites(geocodeRecords(records.carriers, places, titles), sites);
  const issues = [
    ...records.issues,
    ...joinIssues,
    ...gazetteerIssues,
    ...checkRecords(records, polygons),
    ...checkExtents(records, base, polygons),
    ...checkInventory(inputs.geoDir, inputs.rootDir, records.carriers, records.sources),
    ...geocodeIssues,
    ...sites.issues,
    ...writtenPoints(records, sites.entries).flatMap((p) => datumIssues(p, gazetteer.entries)),
  ];
  if (issues.length > 0) throw new DataBuildError(issues);

  const { layers, manifest } = buildLayers(records, base, polygons, { gazetteer, resolutions }, sites.locations);
  const at = new Map(records.carriers.map((c) => [c.id, c.at]));
  const generated = layers.carriers.data.features.flatMap((f) => {
    const p = f.properties as { id: string; basis: string; basis_zh: string };
    const where = at.get(p.id);
    return where ? generatedTextIssues({ basis: p.basis, basis_zh: p.basis_zh }, where) : [];
  });
  if (generated.length > 0) throw new DataBuildError(generated);
  const geocode = geocodeReport(resolutions);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const layer of Object.values(layers)) {
    writeFileSync(join(outDir, layer.file), JSON.stringify(layer.data));
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  writeFileSync(join(outDir, GEOCODE_REPORT_FILE), JSON.stringify(geocode, null, 1));
  return { manifest, geocode };
}
