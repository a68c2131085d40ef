/**
 * Losing data fails the build. Two checked-in lists guard the records:
 *
 * - the record lock (`geo/records.lock.yaml`): every record file and the ids it holds. A locked file
 *   or id that is gone fails the build (a deleted or renamed file, a deleted record or a changed
 *   id); a file or id not in the lock fails too, until `npm run data -- --fix` adds it. `--fix`
 *   never removes an entry: removing one is a deliberate hand edit.
 * - the inventory (`geo/inventory.yaml`): names per document that must keep a record citing that
 *   document (by `name_zh` or an alias), so that a record cannot lose its name silently either.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Document, type Node } from 'yaml';
import { z } from 'zod';
import { type CarrierRecord, DocIdSchema, type SourceDoc } from '../../src/domain/schema';
import { recordList, TO_STRING_OPTIONS } from './canonical';
import type { RecordFile } from './files';
import { type BuildIssue, fileAt, issueAt, type RecordAt, zodIssues } from './issues';
import { pathLine, readYamlFile, recordAt, recordId, type YamlFile, yamlIssues } from './yamlFile';

/** The lock's file name in `geo/`. */
export const LOCK_FILE = 'records.lock.yaml';

/** The lock: record file (relative to `geo/`) → ids of its records. */
const LockSchema = z.strictObject({ files: z.record(z.string(), z.array(z.string())) });

/** Record file (relative to `geo/`) → ids. */
export type RecordLock = Map<string, string[]>;

/** A record file as found on disk, with the ids of its records. */
export interface PresentFile {
  /** Path relative to `geo/`, the lock's key. */
  geoRel: string;
  /** Path relative to the repository root, as issues print it. */
  rel: string;
  ids: Array<{ id: string; at: RecordAt }>;
}

/** The ids of the records of a parsed record file (records without a string id are left out). */
export function presentFile(file: RecordFile, yaml: YamlFile): PresentFile {
  const ids = (recordList(yaml, file.kind)?.items ?? []).flatMap((node, index) => {
    const id = recordId(node, index);
    return id.startsWith('#') ? [] : [{ id, at: recordAt(yaml, node as Node, id) }];
  });
  return { geoRel: file.geoRel, rel: yaml.rel, ids };
}

const LOCK_HEADER = [
  ' Record lock: every record file under geo/ and the ids of its records. Written by `npm run data -- --fix`.',
  ' The build fails when a file or an id listed here is gone (deleted, renamed or moved) and when a record is',
  ' not listed. --fix adds new files and ids but never removes one: remove an entry by hand when a record or',
  ' file is deleted, renamed or moved on purpose (see geo/README.md).',
].join('\n');

/**
 * Reads the lock.
 * @returns the lock (undefined when missing or malformed), its parsed file, and issues (a missing
 *   lock, YAML or schema errors) located in it.
 */
export function readLock(
  geoDir: string,
  rootDir: string,
): { lock?: RecordLock; yaml?: YamlFile; issues: BuildIssue[] } {
  const path = join(geoDir, LOCK_FILE);
  const rel = relative(rootDir, path) || path;
  if (!existsSync(path)) {
    return {
      issues: [
        issueAt(fileAt(rel), '(lock)', 'not found: run `npm run data -- --fix` to write it from the record files'),
      ],
    };
  }
  const yaml = readYamlFile(path, rel);
  if (yaml.doc.errors.length > 0) return { yaml, issues: yamlIssues(yaml) };
  const parsed = LockSchema.safeParse(yaml.doc.toJS());
  if (!parsed.success) return { yaml, issues: zodIssues(recordAt(yaml, yaml.doc.contents, '(lock)'), parsed.error) };
  return { yaml, lock: new Map(Object.entries(parsed.data.files)), issues: [] };
}

/**
 * Compares the record files on disk with the lock.
 * @returns an issue for each locked file or id that is gone (located in the lock) and for each file
 *   or id that is not locked (located at the file or record), each saying what to do.
 */
export function checkLock(geoDir: string, rootDir: string, present: readonly PresentFile[]): BuildIssue[] {
  const { lock, yaml, issues } = readLock(geoDir, rootDir);
  if (!lock || !yaml) return issues;
  const lockRel = yaml.rel;
  const lockLine = (...path: string[]) => pathLine(yaml, yaml.doc.contents, ['files', ...path]);
  const byFile = new Map(present.map((f) => [f.geoRel, f]));
  const fileOfId = new Map(present.flatMap((f) => f.ids.map(({ id }) => [id, f.geoRel] as const)));
  const out: BuildIssue[] = [];

  for (const [geoRel, ids] of lock) {
    const file = byFile.get(geoRel);
    if (!file) {
      out.push({
        file: lockRel,
        line: lockLine(geoRel),
        record: '(file)',
        field: geoRel,
        message:
          `record file geo/${geoRel} is gone (deleted or renamed) with its ${ids.length} locked record(s). ` +
          'Restore it; if it was deleted or renamed on purpose, remove its entry here by hand ' +
          '(then `npm run data -- --fix` adds a renamed file under its new name).',
      });
      continue;
    }
    const here = new Set(file.ids.map(({ id }) => id));
    ids.forEach((id, i) => {
      if (here.has(id)) return;
      const movedTo = fileOfId.get(id);
      out.push({
        file: lockRel,
        line: lockLine(geoRel, String(i)),
        record: id,
        field: geoRel,
        message:
          `record ${id} is gone from geo/${geoRel}` +
          (movedTo ? ` (it is now in geo/${movedTo})` : ' (deleted, or its id changed)') +
          '. Restore it; if that was on purpose, remove the id from this entry by hand ' +
          '(then `npm run data -- --fix` adds its new id or file).',
      });
    });
  }

  for (const file of present) {
    const locked = lock.get(file.geoRel);
    if (!locked) {
      out.push(
        issueAt(
          fileAt(file.rel),
          '(lock)',
          `record file is not in geo/${LOCK_FILE}: run \`npm run data -- --fix\` to add it with its records`,
        ),
      );
      continue;
    }
    const known = new Set(locked);
    for (const { id, at } of file.ids) {
      if (!known.has(id)) {
        out.push(issueAt(at, 'id', `record ${id} is not in geo/${LOCK_FILE}: run \`npm run data -- --fix\` to add it`));
      }
    }
  }
  return out;
}

/** The lock with every present file and id added (nothing removed), files and ids sorted. */
export function extendLock(lock: RecordLock | undefined, present: readonly PresentFile[]): RecordLock {
  const next = new Map<string, Set<string>>();
  for (const [file, ids] of lock ?? []) next.set(file, new Set(ids));
  for (const file of present) {
    const ids = next.get(file.geoRel) ?? new Set<string>();
    for (const { id } of file.ids) ids.add(id);
    next.set(file.geoRel, ids);
  }
  return new Map(
    [...next.keys()].sort().map((file) => [file, [...(next.get(file) ?? [])].sort()] as [string, string[]]),
  );
}

/** The lock's text: header comment, then `files:` with one block list of ids per file. */
export function lockText(lock: RecordLock): string {
  const doc = new Document({ files: Object.fromEntries(lock) });
  doc.commentBefore = LOCK_HEADER;
  return doc.toString(TO_STRING_OPTIONS);
}

/**
 * Writes the lock extended with the present files and ids (`--fix`).
 * @returns whether the file changed.
 * @throws Error when the existing lock is malformed (it must be repaired by hand, not rewritten).
 */
export function writeLock(geoDir: string, rootDir: string, present: readonly PresentFile[]): boolean {
  const { lock, yaml, issues } = readLock(geoDir, rootDir);
  if (yaml && !lock) throw new Error(`cannot update ${yaml.rel}: ${issues.map((i) => i.message).join('; ')}`);
  const text = lockText(extendLock(lock, present));
  if (yaml?.text === text) return false;
  writeFileSync(join(geoDir, LOCK_FILE), text);
  return true;
}

/** The inventory file's name in `geo/`. */
export const INVENTORY_FILE = 'inventory.yaml';

/** `geo/inventory.yaml`: per document, names (as written) that must keep a record citing the document. */
const InventorySchema = z.strictObject({ documents: z.partialRecord(DocIdSchema, z.array(z.string().min(1))) });

/**
 * Checks the inventory: every name it lists for a document has a record (`name_zh` or an alias)
 * citing that document.
 * @returns issues located at the name in the inventory (or its YAML / schema problems).
 */
export function checkInventory(
  geoDir: string,
  rootDir: string,
  carriers: readonly CarrierRecord[],
  sources: readonly SourceDoc[],
): BuildIssue[] {
  const path = join(geoDir, INVENTORY_FILE);
  const rel = relative(rootDir, path) || path;
  if (!existsSync(path)) return [issueAt(fileAt(rel), '(inventory)', 'not found')];
  const yaml = readYamlFile(path, rel);
  if (yaml.doc.errors.length > 0) return yamlIssues(yaml);
  const parsed = InventorySchema.safeParse(yaml.doc.toJS());
  if (!parsed.success) return zodIssues(recordAt(yaml, yaml.doc.contents, '(inventory)'), parsed.error);
  const issues: BuildIssue[] = [];
  for (const [doc, names] of Object.entries(parsed.data.documents)) {
    const title = sources.find((s) => s.id === doc)?.short_en ?? doc;
    (names ?? []).forEach((name, i) => {
      const kept = carriers.some(
        (c) => (c.name_zh === name || c.aliases.includes(name)) && c.sources.some((s) => s.doc === doc),
      );
      if (kept) return;
      issues.push({
        file: rel,
        line: pathLine(yaml, yaml.doc.contents, ['documents', doc, String(i)]),
        record: name,
        field: `documents.${doc}.${i}`,
        message:
          `no record named ${name} (name_zh or alias) cites document ${doc} (${title}): a record was lost or ` +
          'renamed. Restore it; if the name was dropped on purpose, remove it here by hand.',
      });
    });
  }
  return issues;
}
