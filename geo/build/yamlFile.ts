/**
 * A YAML file read with source positions (the `yaml` package's Document API and LineCounter), so
 * that every problem the build finds can name the line of the record or field it concerns, and so
 * that the canonical form can be written back through the same Document.
 */
import { readFileSync } from 'node:fs';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLError,
  YAMLParseError,
} from 'yaml';
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

/** Errors that are about the file's bytes rather than its YAML (reported with field `(encoding)`). */
const ENCODING_ERRORS = new WeakSet<YAMLError>();

/**
 * The byte offset of the first byte of `bytes` that is not valid UTF-8, or -1 when all of it is.
 * A streaming decoder accepts a prefix cut inside a character but throws on an invalid sequence
 * within it, so "the prefix of length k decodes" is monotone in k and a binary search finds it.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (k: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, k), { stream });
      return true;
    } catch {
      return false;
    }
  };
  if (decodes(bytes.length, false)) return -1;
  if (decodes(bytes.length, true)) {
    // Only the end is wrong: a character cut short. Its lead byte is the last one not 0b10xxxxxx.
    let i = bytes.length - 1;
    while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
    return i;
  }
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (decodes(mid, true)) good = mid;
    else bad = mid;
  }
  // The decoder fails at the byte that breaks a sequence; name the sequence's lead byte instead
  // when an unfinished character comes before it.
  let i = bad - 1;
  if (!decodes(i, false)) {
    i--;
    while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
  }
  return i;
}

/**
 * Reads and parses a YAML file, keeping positions. Syntax errors do not throw: they are in
 * `doc.errors` (see `yamlIssues`). A file that is not valid UTF-8 gets one error there at the first
 * invalid byte (reported with field `(encoding)`), so that every reader treats it as unreadable
 * instead of silently reading U+FFFD in place of the bytes.
 * @throws Error from `readFileSync` when the file cannot be read.
 */
export function readYamlFile(path: string, rel: string): YamlFile {
  const bytes = readFileSync(path);
  const text = new TextDecoder('utf-8').decode(bytes);
  const file = parseYamlText(text, path, rel);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const offset = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).length;
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    const error = new YAMLParseError(
      [offset, offset + 1],
      'IMPOSSIBLE',
      `not valid UTF-8: byte 0x${byte} at column ${file.lines.linePos(offset).col} (save the file as UTF-8)`,
    );
    ENCODING_ERRORS.add(error);
    file.doc.errors.unshift(error);
  }
  return file;
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
    field: ENCODING_ERRORS.has(e) ? '(encoding)' : '(yaml)',
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
