/**
 * Reading the inputs of the data build: the YAML records in `geo/`, the seed texts and the shared
 * base geography. Every record is validated against its zod schema and carries where it is (file
 * and line); problems are collected with their location rather than thrown one at a time. Records
 * come out in canonical order (./canonical.ts), so the built data does not depend on the order an
 * editor left them in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import type {
  CarrierRecord,
  DistrictRecord,
  FactRecord,
  PlaceRecord,
  SourceDoc,
  Taxonomy,
} from '../../src/domain/schema';
import { type CanonicalContext, canonicalContext, canonicalOrder, recordList } from './canonical';
import { listRecordFiles, type RecordFile } from './files';
import type { RawGazetteer, RawGeoFile } from './gazetteer';
import { type BuildIssue, DataBuildError, fileAt, issueAt, type RecordAt, zodIssues } from './issues';
import { checkLock, presentFile } from './lock';
import { docMentionIssues, rawTextIssues, unsafeTextIssues } from './text';
import { readYamlFile, recordAt, recordId, type YamlFile, yamlIssues } from './yamlFile';

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

/** A record with where it was read (`at.file`, `at.lineOf(field)`). */
export type Located<T> = T & { at: RecordAt };

/** Everything the build has read and schema-validated, each list in canonical order. */
export interface BuildRecords {
  sources: Array<Located<SourceDoc>>;
  taxonomy: Taxonomy;
  /** Where the taxonomy is (`geo/directions.yaml`), for problems with its terms. */
  taxonomyAt: RecordAt;
  districts: Array<Located<DistrictRecord>>;
  places: Array<Located<PlaceRecord>>;
  /** Every record: the table's carriers (`records/carriers`) and entities from all documents (`records/entities`). */
  carriers: Array<Located<CarrierRecord>>;
  facts: Array<Located<FactRecord>>;
  /** Seed texts split into lines, by document id (index 0 = line 1). */
  seedLines: Map<string, string[]>;
  /**
   * Problems found while reading that leave the records usable (a record file or id lost against
   * the lock, a document named by number in user-visible text): the build reports them together
   * with the cross-record checks instead of stopping here.
   */
  issues: BuildIssue[];
}

/**
 * The shared base geography files this build needs (see ../shared/geo/README.md): district
 * polygons, neighbours, water and rivers, and the three point files of the gazetteer (towns, named
 * places, transport; validated by ./gazetteer.ts).
 */
export const BASE_FILES = {
  divisions: 'suzhou_divisions_gaode2020_wgs84.geojson',
  neighbours: 'neighbours_gaode2020_wgs84.geojson',
  water: 'suzhou_water_gshhg_wgs84.geojson',
  rivers: 'suzhou_rivers_wdbii_wgs84.geojson',
  townships: 'suzhou_townships_wgs84.geojson',
  named: 'suzhou_named_places_wgs84.geojson',
  transport: 'suzhou_transport_wgs84.geojson',
} as const;

/** Base geography as read from `../shared/geo`. */
export interface BaseGeography {
  divisions: FeatureCollection<Polygon | MultiPolygon>;
  neighbours: FeatureCollection<Polygon | MultiPolygon>;
  water: FeatureCollection<Polygon | MultiPolygon>;
  rivers: FeatureCollection;
  /** The gazetteer files as read, not yet validated (see `readGazetteer`). */
  gazetteer: RawGazetteer;
}

/**
 * Reads the base geography.
 * @param rootDir when given, gazetteer files are named relative to it in issues (`../shared/geo/…`).
 * @throws Error naming the missing folder or file and the environment variable that overrides it.
 */
export function readBaseGeography(sharedGeoDir: string, rootDir?: string): BaseGeography {
  if (!existsSync(sharedGeoDir)) {
    throw new Error(
      `base geography folder not found: ${sharedGeoDir}\n` +
        'Clone the repository with ../shared beside it, or set SUZHOU_SHARED_GEO to the folder holding ' +
        `${Object.values(BASE_FILES).join(', ')}.`,
    );
  }
  const text = (name: string) => {
    const path = join(sharedGeoDir, name);
    if (!existsSync(path)) throw new Error(`base geography file missing: ${path} (see ../shared/geo/README.md)`);
    return readFileSync(path, 'utf8');
  };
  const read = (name: string) => JSON.parse(text(name));
  const raw = (name: string): RawGeoFile => {
    const t = text(name);
    const path = join(sharedGeoDir, name);
    return { rel: rootDir ? relative(rootDir, path) : path, text: t, data: JSON.parse(t) };
  };
  return {
    divisions: read(BASE_FILES.divisions),
    neighbours: read(BASE_FILES.neighbours),
    water: read(BASE_FILES.water),
    rivers: read(BASE_FILES.rivers),
    gazetteer: {
      townships: raw(BASE_FILES.townships),
      named: raw(BASE_FILES.named),
      transport: raw(BASE_FILES.transport),
    },
  };
}

/** One record file as read: its kind and place, and the parsed YAML (absent when unreadable). */
interface ReadFile {
  file: RecordFile;
  rel: string;
  yaml?: YamlFile;
}

/**
 * Reads and schema-validates every record under `geoDir`, and the seed texts; checks the record
 * files against the record lock and user-visible text for documents named by number (those
 * problems are returned in `issues`, see `BuildRecords`).
 * @throws DataBuildError listing every problem with file, line, record and field when a file cannot
 *   be read or a record fails its schema; Error when the seeds folder is missing.
 */
export function readRecords(inputs: BuildInputs): BuildRecords {
  /** Problems that make records unusable (unreadable files, schema errors). */
  const issues: BuildIssue[] = [];
  /** Problems that leave the records usable (see `BuildRecords.issues`). */
  const later: BuildIssue[] = [];
  const rel = (p: string) => relative(inputs.rootDir, p) || p;

  const files: ReadFile[] = listRecordFiles(inputs.geoDir).map((file) => {
    const r = rel(file.path);
    if (!existsSync(file.path)) {
      issues.push(issueAt(fileAt(r), '(file)', 'file not found'));
      return { file, rel: r };
    }
    const yaml = readYamlFile(file.path, r);
    issues.push(...yamlIssues(yaml));
    return { file, rel: r, yaml: yaml.doc.errors.length > 0 ? undefined : yaml };
  });
  const readable = files.filter((f): f is ReadFile & { yaml: YamlFile } => f.yaml !== undefined);

  /** Files with no record list: their problem is reported once, not again as every locked id lost. */
  const listless = new Set<string>();

  /** The records of one file, validated, in the canonical order `context` gives. */
  const validated = <S extends z.ZodType>(
    f: ReadFile & { yaml: YamlFile },
    schema: S,
    context: CanonicalContext,
  ): Array<Located<z.infer<S>>> => {
    const key = f.file.kind.listKey as string;
    const list = recordList(f.yaml, f.file.kind);
    if (!list) {
      const empty = f.yaml.doc.contents === null ? 'the file is empty: ' : '';
      issues.push(
        issueAt(recordAt(f.yaml, f.yaml.doc.contents, '(file)'), key, `${empty}expected a top-level "${key}:" list`),
      );
      listless.add(f.file.geoRel);
      return [];
    }
    const out: Array<Located<z.infer<S>>> = [];
    for (const index of canonicalOrder(f.file.kind, list, context)) {
      const node = list.items[index] as Node;
      const at = recordAt(f.yaml, node, recordId(node, index));
      later.push(...docMentionIssues(f.yaml, node, at), ...unsafeTextIssues(f.yaml, node, at));
      const parsed = schema.safeParse(node?.toJSON?.());
      if (parsed.success) out.push({ ...(parsed.data as object), at } as Located<z.infer<S>>);
      else issues.push(...zodIssues(at, parsed.error));
    }
    return out;
  };
  const ofKind = (listKey: string | null) => readable.filter((f) => f.file.kind.listKey === listKey);

  // Sources first (ordered by id, which needs no seeds): the seeds they name order every other list.
  const sources = ofKind('documents').flatMap(
    (f) => validated(f, f.file.kind.schema, canonicalContext([], new Map())) as Array<Located<SourceDoc>>,
  );
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
      issues.push(issueAt(doc.at, 'file', `seed not found: ${path}`));
      continue;
    }
    seedLines.set(doc.id, readFileSync(path, 'utf8').split('\n'));
  }
  const context = canonicalContext(readable, seedLines);

  let taxonomy: Taxonomy | undefined;
  const taxonomyFile = files.find((f) => f.file.kind.listKey === null);
  const taxonomyAt = taxonomyFile?.yaml
    ? recordAt(taxonomyFile.yaml, taxonomyFile.yaml.doc.contents, '(taxonomy)')
    : fileAt(taxonomyFile?.rel ?? 'geo/directions.yaml', 1, '(taxonomy)');
  if (taxonomyFile?.yaml) {
    const parsed = taxonomyFile.file.kind.schema.safeParse(taxonomyFile.yaml.doc.toJS());
    if (parsed.success) taxonomy = parsed.data as Taxonomy;
    else issues.push(...zodIssues(taxonomyAt, parsed.error));
    const yaml = taxonomyFile.yaml;
    for (const listKey of ['directions', 'categories']) {
      const list = yaml.doc.get(listKey, true);
      if (!isSeq(list)) continue;
      list.items.forEach((node, i) => {
        const key = isMap(node) ? node.get('key') : undefined;
        const at = recordAt(yaml, node as Node, typeof key === 'string' ? key : `#${i}`);
        later.push(...docMentionIssues(yaml, node as Node, at), ...unsafeTextIssues(yaml, node as Node, at));
      });
    }
  }

  const districts = ofKind('districts').flatMap(
    (f) => validated(f, f.file.kind.schema, context) as Array<Located<DistrictRecord>>,
  );
  const places = ofKind('places').flatMap(
    (f) => validated(f, f.file.kind.schema, context) as Array<Located<PlaceRecord>>,
  );
  const carriers = [...ofKind('carriers'), ...ofKind('entities')].flatMap(
    (f) => validated(f, f.file.kind.schema, context) as Array<Located<CarrierRecord>>,
  );
  const facts = ofKind('facts').flatMap((f) => validated(f, f.file.kind.schema, context) as Array<Located<FactRecord>>);

  for (const f of readable) {
    const reported = new Set([...issues, ...later].filter((i) => i.file === f.rel).map((i) => i.line));
    later.push(...rawTextIssues(f.yaml, reported));
  }

  const present = readable.filter((f) => f.file.kind.locked).map((f) => presentFile(f.file, f.yaml));
  // A file that could not be parsed is still present: its ids are unknown, not lost. A file that is
  // missing, unparsable or without its list is reported above, once: the lock does not repeat it.
  const unreadable = new Set([...files.filter((f) => !f.yaml).map((f) => f.file.geoRel), ...listless]);
  later.push(...checkLock(inputs.geoDir, inputs.rootDir, present).filter((i) => !unreadable.has(i.field)));

  if (issues.length > 0 || !taxonomy) throw new DataBuildError([...issues, ...later]);
  return { sources, taxonomy, taxonomyAt, districts, places, carriers, facts, seedLines, issues: later };
}
