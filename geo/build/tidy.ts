/**
 * `npm run data -- --check` and `--fix`: compares every record file (and the record lock) with its
 * canonical form (./canonical.ts), and rewrites the ones that differ.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { canonicalContext, canonicalText, firstDifference, seedLinesOf } from './canonical';
import { listRecordFiles, type RecordFile } from './files';
import { LOCK_FILE, lockText, presentFile, readLock, writeLock } from './lock';
import type { BuildInputs } from './read';
import { readYamlFile, type YamlFile } from './yamlFile';

/** A file that is not in canonical form. */
export interface NotCanonical {
  /** Path relative to the repository root. */
  file: string;
  /** First line that differs (1-based), the canonical version of it and the one in the file. */
  line: number;
  expected: string;
  actual: string;
}

/** A record file read for tidying, with its canonical text (absent when it has YAML errors). */
interface Tidied {
  file: RecordFile;
  yaml: YamlFile;
  canonical?: string;
}

function readAll(inputs: BuildInputs): Tidied[] {
  const read = listRecordFiles(inputs.geoDir)
    .filter((file) => existsSync(file.path))
    .map((file) => ({ file, yaml: readYamlFile(file.path, relative(inputs.rootDir, file.path) || file.path) }));
  const sources = read.find((r) => r.file.kind.listKey === 'documents')?.yaml;
  const ctx = canonicalContext(read, seedLinesOf(sources, inputs.seedsDir));
  return read.map((r) => ({ ...r, canonical: canonicalText(r.yaml, r.file.kind, ctx) }));
}

/**
 * Lists the record files, and the record lock, that are not in canonical form. Files with YAML
 * errors are skipped (the build reports them).
 * @returns one entry per file, with its first differing line.
 */
export function checkCanonical(inputs: BuildInputs): NotCanonical[] {
  const out: NotCanonical[] = [];
  for (const { yaml, canonical } of readAll(inputs)) {
    const d = canonical === undefined ? undefined : firstDifference(canonical, yaml.text);
    if (d) out.push({ file: yaml.rel, ...d });
  }
  const { lock, yaml } = readLock(inputs.geoDir, inputs.rootDir);
  if (lock && yaml) {
    const d = firstDifference(lockText(lock), yaml.text);
    if (d) out.push({ file: yaml.rel, ...d });
  }
  return out;
}

/** Record lists sorted and object keys sorted, so that two readings of the same data compare equal. */
function comparable(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => comparable(v, depth + 1));
    return depth === 1 ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, comparable((value as Record<string, unknown>)[k], depth + 1)]),
    );
  }
  return value;
}

/**
 * Rewrites every record file that is not in canonical form, and adds new record files and ids to
 * the record lock (never removing any).
 * @returns the files written, relative to the repository root.
 * @throws Error when a rewrite would change the data (a bug in the canonical form: nothing is
 *   written then), or when the lock is malformed.
 */
export function fixCanonical(inputs: BuildInputs): string[] {
  const all = readAll(inputs);
  const changed = all.filter((t) => t.canonical !== undefined && t.canonical !== t.yaml.text);
  for (const t of changed) {
    const before = JSON.stringify(comparable(parse(t.yaml.text)));
    const after = JSON.stringify(comparable(parse(t.canonical as string)));
    if (before !== after) throw new Error(`canonical form of ${t.yaml.rel} would change its data; nothing written`);
  }
  for (const t of changed) writeFileSync(t.yaml.path, t.canonical as string);
  const written = changed.map((t) => t.yaml.rel);
  const present = all
    .filter((t) => t.file.kind.locked && t.yaml.doc.errors.length === 0)
    .map((t) => presentFile(t.file, t.yaml));
  if (writeLock(inputs.geoDir, inputs.rootDir, present)) {
    written.push(relative(inputs.rootDir, join(inputs.geoDir, LOCK_FILE)));
  }
  return written;
}
