/**
 * A YAML file read with source positions (the `yaml` package's Document API and LineCounter), so
 * that every problem the build finds can name the line of the record or field it concerns, and so
 * that the canonical form can be written back through the same Document.
 */
import { readFileSync } from 'node:fs';
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { BuildIssue, RecordAt } from './issues';

/** One parsed YAML file. */
export interface YamlFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the repository root, as issues print it. */
  rel: string;
  /** The text as read. */
  text: string;
  /** The parsed document, with node ranges (character offsets into `text`). */
  doc: Document.Parsed;
  /** Maps offsets to 1-based lines. */
  lines: LineCounter;
}

/**
 * Reads and parses a YAML file, keeping positions. Syntax errors do not throw: they are in
 * `doc.errors` (see `yamlIssues`).
 * @throws Error from `readFileSync` when the file cannot be read.
 */
export function readYamlFile(path: string, rel: string): YamlFile {
  return parseYamlText(readFileSync(path, 'utf8'), path, rel);
}

/** Parses YAML text as `readYamlFile` does (for text not read from disk). */
export function parseYamlText(text: string, path: string, rel: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return { path, rel, text, doc, lines };
}

/** The syntax errors of a file as located issues (record `(file)`, field `(yaml)`). */
export function yamlIssues(file: YamlFile): BuildIssue[] {
  return file.doc.errors.map((e) => ({
    file: file.rel,
    line: e.linePos?.[0].line ?? file.lines.linePos(e.pos[0]).line,
    record: '(file)',
    field: '(yaml)',
    message: e.message.split('\n')[0],
  }));
}

/** The 1-based line of a node's first character (1 when the node has no range). */
export function nodeLine(file: YamlFile, node: Node | null | undefined): number {
  const start = node?.range?.[0];
  return start === undefined ? 1 : file.lines.linePos(start).line;
}

/**
 * The line of the dotted `field` below `node` (see `pathLine`); an absent field gives the line of
 * the deepest part of its path that exists.
 */
export function fieldLine(file: YamlFile, node: Node | null | undefined, field?: string): number {
  return pathLine(file, node, field ? field.split('.') : []);
}

/**
 * The line of the node at `path` below `node`: map keys by name, sequence items by index. Stops at
 * the deepest part of the path that exists; a map entry is located by its key, so a block value
 * (`location:` followed by an indented map) reports the line of `location:`.
 */
export function pathLine(file: YamlFile, node: Node | null | undefined, path: readonly string[]): number {
  let line = nodeLine(file, node);
  let current: unknown = node;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      line = nodeLine(file, pair.key as Node);
      current = pair.value;
    } else if (isSeq(current) && /^\d+$/.test(segment)) {
      const item = current.items[Number(segment)];
      if (!item) break;
      line = nodeLine(file, item as Node);
      current = item;
    } else break;
  }
  return line;
}

/** A `RecordAt` for the record held by `node` in `file`. */
export function recordAt(file: YamlFile, node: Node | null | undefined, record: string): RecordAt {
  return { file: file.rel, record, lineOf: (field) => fieldLine(file, node, field) };
}

/** The `id` of a record node, or `#<index>` when it has no string id. */
export function recordId(node: unknown, index: number): string {
  const id = isMap(node) ? node.get('id') : undefined;
  return typeof id === 'string' ? id : `#${index}`;
}
