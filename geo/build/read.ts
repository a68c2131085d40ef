/**
 * Reading the inputs of the data build: the YAML records in `geo/`, the seed texts and the shared
 * base geography. Every record is validated against its zod schema; problems are collected with
 * their file and record rather than thrown one at a time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  type CarrierRecord,
  CarrierRecordSchema,
  type DistrictRecord,
  DistrictRecordSchema,
  type FactRecord,
  FactRecordSchema,
  type PlaceRecord,
  PlaceRecordSchema,
  type SourceDoc,
  SourceDocSchema,
  type Taxonomy,
  TaxonomySchema,
} from '../../src/domain/schema';
import { type BuildIssue, DataBuildError, zodIssues } from './issues';

/** Where the build reads from. All paths absolute. */
export interface BuildInputs {
  /** The `geo/` folder holding the YAML records. */
  geoDir: string;
  /** `../shared/geo`: base geography (district polygons, water, neighbours). */
  sharedGeoDir: string;
  /** `../shared/seeds`: the five document texts. */
  seedsDir: string;
  /** Repository root, used only to print short file paths. */
  rootDir: string;
}

/** Everything the build has read and schema-validated. */
export interface BuildRecords {
  sources: SourceDoc[];
  taxonomy: Taxonomy;
  districts: DistrictRecord[];
  places: Array<PlaceRecord & { file: string }>;
  /** Every record: the table's carriers (`records/carriers`) and entities from all documents (`records/entities`). */
  carriers: Array<CarrierRecord & { file: string }>;
  facts: Array<FactRecord & { file: string }>;
  /** Seed texts split into lines, by document id (index 0 = line 1). */
  seedLines: Map<string, string[]>;
}

/** The shared base geography files this build needs (see ../shared/geo/README.md). */
export const BASE_FILES = {
  divisions: 'suzhou_divisions_gaode2020_wgs84.geojson',
  neighbours: 'neighbours_gaode2020_wgs84.geojson',
  water: 'suzhou_water_gshhg_wgs84.geojson',
  rivers: 'suzhou_rivers_wdbii_wgs84.geojson',
} as const;

/** Base geography as read from `../shared/geo`. */
export interface BaseGeography {
  divisions: FeatureCollection<Polygon | MultiPolygon>;
  neighbours: FeatureCollection<Polygon | MultiPolygon>;
  water: FeatureCollection<Polygon | MultiPolygon>;
  rivers: FeatureCollection;
}

/**
 * Reads the base geography.
 * @throws Error naming the missing folder or file and the environment variable that overrides it.
 */
export function readBaseGeography(sharedGeoDir: string): BaseGeography {
  if (!existsSync(sharedGeoDir)) {
    throw new Error(
      `base geography folder not found: ${sharedGeoDir}\n` +
        'Clone the repository with ../shared beside it, or set SUZHOU_SHARED_GEO to the folder holding ' +
        `${Object.values(BASE_FILES).join(', ')}.`,
    );
  }
  const read = (name: string) => {
    const path = join(sharedGeoDir, name);
    if (!existsSync(path)) throw new Error(`base geography file missing: ${path} (see ../shared/geo/README.md)`);
    return JSON.parse(readFileSync(path, 'utf8'));
  };
  return {
    divisions: read(BASE_FILES.divisions),
    neighbours: read(BASE_FILES.neighbours),
    water: read(BASE_FILES.water),
    rivers: read(BASE_FILES.rivers),
  };
}

function readYaml(path: string, rel: string, issues: BuildIssue[]): unknown {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (e) {
    issues.push({ file: rel, record: '(file)', field: '(yaml)', message: (e as Error).message.split('\n')[0] });
    return undefined;
  }
}

/** Validates each element of `list` with `schema`, collecting located issues. */
function validateList<S extends z.ZodType>(
  list: unknown,
  key: string,
  schema: S,
  rel: string,
  issues: BuildIssue[],
): Array<z.infer<S>> {
  if (!Array.isArray(list)) {
    issues.push({ file: rel, record: '(file)', field: key, message: `expected a top-level "${key}:" list` });
    return [];
  }
  const out: Array<z.infer<S>> = [];
  list.forEach((raw, index) => {
    const id =
      raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : `#${index}`;
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
    else issues.push(...zodIssues(rel, id, parsed.error));
  });
  return out;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and schema-validates every record under `geoDir`, and the seed texts.
 * @throws DataBuildError listing every schema problem with file, record and field.
 */
export function readRecords(inputs: BuildInputs): BuildRecords {
  const issues: BuildIssue[] = [];
  const rel = (p: string) => relative(inputs.rootDir, p) || p;
  const fileOf = (name: string) => join(inputs.geoDir, name);

  const sourcesDoc = readYaml(fileOf('sources.yaml'), rel(fileOf('sources.yaml')), issues) as
    | { documents?: unknown }
    | undefined;
  const sources = validateList(
    sourcesDoc?.documents,
    'documents',
    SourceDocSchema,
    rel(fileOf('sources.yaml')),
    issues,
  );

  const taxonomyRaw = readYaml(fileOf('directions.yaml'), rel(fileOf('directions.yaml')), issues);
  const taxonomyParsed = TaxonomySchema.safeParse(taxonomyRaw);
  if (!taxonomyParsed.success)
    issues.push(...zodIssues(rel(fileOf('directions.yaml')), '(taxonomy)', taxonomyParsed.error));

  const districtsDoc = readYaml(fileOf('districts.yaml'), rel(fileOf('districts.yaml')), issues) as
    | { districts?: unknown }
    | undefined;
  const districts = validateList(
    districtsDoc?.districts,
    'districts',
    DistrictRecordSchema,
    rel(fileOf('districts.yaml')),
    issues,
  );

  const places: BuildRecords['places'] = [];
  for (const path of yamlFiles(join(inputs.geoDir, 'places'))) {
    const doc = readYaml(path, rel(path), issues) as { places?: unknown } | undefined;
    for (const p of validateList(doc?.places, 'places', PlaceRecordSchema, rel(path), issues)) {
      places.push({ ...p, file: rel(path) });
    }
  }
  const carriers: BuildRecords['carriers'] = [];
  for (const [folder, key] of [
    ['carriers', 'carriers'],
    ['entities', 'entities'],
  ] as const) {
    for (const path of yamlFiles(join(inputs.geoDir, 'records', folder))) {
      const doc = readYaml(path, rel(path), issues) as Record<string, unknown> | undefined;
      for (const c of validateList(doc?.[key], key, CarrierRecordSchema, rel(path), issues)) {
        carriers.push({ ...c, file: rel(path) });
      }
    }
  }
  const facts: BuildRecords['facts'] = [];
  for (const path of yamlFiles(join(inputs.geoDir, 'facts'))) {
    const doc = readYaml(path, rel(path), issues) as { facts?: unknown } | undefined;
    for (const f of validateList(doc?.facts, 'facts', FactRecordSchema, rel(path), issues)) {
      facts.push({ ...f, file: rel(path) });
    }
  }

  const seedLines = new Map<string, string[]>();
  if (!existsSync(inputs.seedsDir)) {
    throw new Error(
      `seed documents folder not found: ${inputs.seedsDir}\n` +
        'Clone the repository with ../shared beside it, or set SUZHOU_SEEDS to the folder holding the five seed texts.',
    );
  }
  for (const doc of sources) {
    const path = join(inputs.seedsDir, doc.file);
    if (!existsSync(path)) {
      issues.push({
        file: rel(fileOf('sources.yaml')),
        record: doc.id,
        field: 'file',
        message: `seed not found: ${path}`,
      });
      continue;
    }
    seedLines.set(doc.id, readFileSync(path, 'utf8').split('\n'));
  }

  if (issues.length > 0 || !taxonomyParsed.success) throw new DataBuildError(issues);
  return { sources, taxonomy: taxonomyParsed.data, districts, places, carriers, facts, seedLines };
}
