/**
 * The record files under `geo/`: which files there are, the list of records each holds, the zod
 * schema of a record, and the rule that orders its records in canonical form. The reader, the
 * canonical form (`--check`, `--fix`) and the record lock all list files through here, so a new
 * kind of record file is declared once.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import {
  CarrierRecordSchema,
  DistrictRecordSchema,
  FactRecordSchema,
  PlaceRecordSchema,
  SourceDocSchema,
  TaxonomySchema,
} from '../../src/domain/schema';

/**
 * How the records of a list are ordered in canonical form (see geo/README.md):
 * - `sources`: by their first source's position in the seeds (doc, line, start and end column of
 *   the quote), then where the record's `name_zh` stands on that line, then their other sources;
 * - `source`: by their one `source`, the same way;
 * - `id`: by id;
 * - `place-use`: by the first record (in canonical order, carriers before entities) placed there;
 * - `as-written`: not reordered (the taxonomy, whose order is the legend's).
 */
export type OrderRule = 'sources' | 'source' | 'id' | 'place-use' | 'as-written';

/** One kind of record file. */
export interface RecordFileKind {
  /** A file (`sources.yaml`) or a folder of `*.yaml` files (`records/carriers`), relative to `geo/`. */
  location: { file: string } | { folder: string };
  /** Top-level key of the record list; `null` when the file is one record (the taxonomy). */
  listKey: string | null;
  /** Schema of one record (or of the whole file when `listKey` is null). */
  schema: z.ZodType;
  order: OrderRule;
  /** Whether the record ids are kept in the record lock (`geo/records.lock.yaml`). */
  locked: boolean;
}

/** Every kind of record file, in the order the build reads them. */
export const RECORD_FILE_KINDS: readonly RecordFileKind[] = [
  { location: { file: 'sources.yaml' }, listKey: 'documents', schema: SourceDocSchema, order: 'id', locked: true },
  { location: { file: 'directions.yaml' }, listKey: null, schema: TaxonomySchema, order: 'as-written', locked: false },
  {
    location: { file: 'districts.yaml' },
    listKey: 'districts',
    schema: DistrictRecordSchema,
    order: 'sources',
    locked: true,
  },
  { location: { folder: 'places' }, listKey: 'places', schema: PlaceRecordSchema, order: 'place-use', locked: true },
  {
    location: { folder: 'records/carriers' },
    listKey: 'carriers',
    schema: CarrierRecordSchema,
    order: 'sources',
    locked: true,
  },
  {
    location: { folder: 'records/entities' },
    listKey: 'entities',
    schema: CarrierRecordSchema,
    order: 'sources',
    locked: true,
  },
  { location: { folder: 'facts' }, listKey: 'facts', schema: FactRecordSchema, order: 'source', locked: true },
];

/** The schema of a whole file of this kind: `{ <listKey>: [record, …] }`, or the record itself. */
export function fileSchema(kind: RecordFileKind): z.ZodType {
  return kind.listKey === null ? kind.schema : z.object({ [kind.listKey]: z.array(kind.schema) });
}

/** One record file found on disk. */
export interface RecordFile {
  kind: RecordFileKind;
  /** Absolute path. */
  path: string;
  /** Path relative to `geo/` (the key of the record lock), e.g. `records/carriers/sip.yaml`. */
  geoRel: string;
}

/**
 * Lists the record files under `geoDir`, kind by kind, files of a folder by name. A single-file
 * kind is listed even when the file is missing (reading it then reports the problem).
 */
export function listRecordFiles(geoDir: string): RecordFile[] {
  const out: RecordFile[] = [];
  for (const kind of RECORD_FILE_KINDS) {
    if ('file' in kind.location) {
      out.push({ kind, path: join(geoDir, kind.location.file), geoRel: kind.location.file });
      continue;
    }
    const dir = join(geoDir, kind.location.folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const path = join(dir, name);
      out.push({ kind, path, geoRel: relative(geoDir, path).split('\\').join('/') });
    }
  }
  return out;
}
