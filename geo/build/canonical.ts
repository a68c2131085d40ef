/**
 * The canonical form of the record files (`npm run data -- --check` / `--fix`), written through the
 * `yaml` package's Document API so that comments survive and no YAML is written by hand:
 *
 * - keys of every map in the order the zod schema declares them (read from the schema's shape);
 * - records in table order (see `OrderRule` in ./files.ts). A comment before a record starts a
 *   section: sections keep the order written and their comment, records are ordered within each;
 * - scalars in the `yaml` package's default style (plain where YAML allows, else double-quoted),
 *   never folded, so a quote stays one greppable line;
 * - below the record level, a map or a list of scalars is written on one line (flow style) when that
 *   line fits in `LINE_WIDTH` characters, and as a block otherwise; lists of maps and records are
 *   always blocks, empty lists always `[]`;
 * - one blank line before each comment that is not the first thing in its list or map, none elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Document,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Scalar,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { z } from 'zod';
import { fileSchema, type RecordFile, type RecordFileKind } from './files';
import type { YamlFile } from './yamlFile';

/**
 * Maximum line width of the canonical form, in characters (UTF-16 code units, so a CJK character
 * counts as one): a flow map or list longer than this is written as a block. A single scalar longer
 * than this is not folded and stays on its line.
 */
export const LINE_WIDTH = 120;

/** `Document.toString` options of the canonical form (folding is off: `LINE_WIDTH` is applied per collection). */
export const TO_STRING_OPTIONS = { lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: true } as const;

/** What ordering records needs besides the file itself. */
export interface CanonicalContext {
  /** Seed texts split into lines, by document id. */
  seedLines: Map<string, string[]>;
  /** Place id → rank of the first record (carriers, then entities, each in canonical order) placed there. */
  placeUse: Map<string, number>;
}

const LAST = Number.MAX_SAFE_INTEGER;

/** Strips optional / nullable / default wrappers. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

/** The declared keys of the object schema that describes `node` (the matching option of a discriminated union). */
function shapeOf(schema: z.ZodType | undefined, node: YAMLMap): Record<string, z.ZodType> | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return s.shape;
  if (s instanceof z.ZodDiscriminatedUnion) {
    const discriminator = s.def.discriminator;
    const value = node.get(discriminator);
    for (const option of s.options) {
      if (!(option instanceof z.ZodObject)) continue;
      const literal = option.shape[discriminator];
      if (literal instanceof z.ZodLiteral && literal.values.has(value as never))
        return option.shape as Record<string, z.ZodType>;
    }
  }
  return undefined;
}

/** Puts the keys of every map below `node` in schema order; keys the schema lacks go last, as written. */
function orderKeys(node: unknown, schema: z.ZodType | undefined): void {
  if (isSeq(node)) {
    const s = unwrap(schema);
    const element = s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
    for (const item of node.items) orderKeys(item, element);
  } else if (isMap(node)) {
    const shape = shapeOf(schema, node);
    if (shape) {
      const keys = Object.keys(shape);
      const rank = (k: unknown) => {
        const i = keys.indexOf(String(isScalar(k) ? k.value : k));
        return i < 0 ? keys.length : i;
      };
      node.items = node.items
        .map((pair, i) => ({ pair, i }))
        .sort((a, b) => rank(a.pair.key) - rank(b.pair.key) || a.i - b.i)
        .map(({ pair }) => pair);
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      orderKeys(pair.value, key && shape ? shape[key] : undefined);
    }
  }
}

/** Position of a citation in the seeds: doc, line, start and end column of its quote (`LAST` when unknown). */
function refPosition(ref: unknown, ctx: CanonicalContext): number[] {
  const r = (ref ?? {}) as { doc?: unknown; line?: unknown; quote?: unknown };
  const doc = typeof r.doc === 'string' && /^\d+$/.test(r.doc) ? Number(r.doc) : LAST;
  const line = typeof r.line === 'number' && Number.isInteger(r.line) ? r.line : LAST;
  const text = typeof r.doc === 'string' ? ctx.seedLines.get(r.doc)?.[line - 1] : undefined;
  const start = text !== undefined && typeof r.quote === 'string' ? text.indexOf(r.quote) : -1;
  if (start < 0) return [doc, line, LAST, LAST];
  return [doc, line, start, start + (r.quote as string).length];
}

/** The sort key of one record under `rule`: numbers compared in turn (a shorter key first), then the id. */
function recordKey(rule: RecordFileKind['order'], record: unknown, ctx: CanonicalContext) {
  const r = (record ?? {}) as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : '';
  if (rule === 'source') return { key: refPosition(r.source, ctx), id };
  if (rule === 'place-use') return { key: [ctx.placeUse.get(id) ?? LAST], id };
  if (rule !== 'sources') return { key: [], id };
  const sources = Array.isArray(r.sources) ? r.sources : [];
  if (sources.length === 0) return { key: [LAST], id };
  const first = refPosition(sources[0], ctx);
  // Records citing the same quote (two names in one table cell or one sentence) follow the order
  // their names stand on the line.
  const lineText = ctx.seedLines.get(String((sources[0] as { doc?: unknown }).doc))?.[first[1] - 1];
  const at = typeof r.name_zh === 'string' && lineText ? lineText.indexOf(r.name_zh) : -1;
  return { key: [...first, at < 0 ? LAST : at, ...sources.slice(1).flatMap((s) => refPosition(s, ctx))], id };
}

function compareKeys(a: { key: number[]; id: string }, b: { key: number[]; id: string }): number {
  for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
  if (a.key.length !== b.key.length) return a.key.length - b.key.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Section number of each item: a comment before an item (other than the first) starts a new section. */
function sections(seq: YAMLSeq): number[] {
  let section = 0;
  return seq.items.map((item, i) => {
    if (i > 0 && isNode(item) && item.commentBefore) section += 1;
    return section;
  });
}

/**
 * The canonical order of the records of a list: indices into `seq.items`, section by section.
 * @returns the identity for `as-written` lists.
 */
export function canonicalOrder(kind: RecordFileKind, seq: YAMLSeq, ctx: CanonicalContext): number[] {
  const indices = seq.items.map((_, i) => i);
  if (kind.order === 'as-written') return indices;
  const section = sections(seq);
  const keys = seq.items.map((item) => recordKey(kind.order, isNode(item) ? item.toJSON() : item, ctx));
  return indices.sort((a, b) => section[a] - section[b] || compareKeys(keys[a], keys[b]) || a - b);
}

/** The record list of a file (`undefined` when the file has none or is the taxonomy). */
export function recordList(file: YamlFile, kind: RecordFileKind): YAMLSeq | undefined {
  if (kind.listKey === null) return undefined;
  const list = file.doc.get(kind.listKey, true);
  return isSeq(list) ? list : undefined;
}

/**
 * Builds the ordering context: the place ranks come from the record files (carriers, then
 * entities, as `files` lists them), each in canonical order.
 */
export function canonicalContext(
  files: ReadonlyArray<{ file: RecordFile; yaml: YamlFile }>,
  seedLines: Map<string, string[]>,
): CanonicalContext {
  const ctx: CanonicalContext = { seedLines, placeUse: new Map() };
  for (const { file, yaml } of files) {
    if (file.kind.listKey !== 'carriers' && file.kind.listKey !== 'entities') continue;
    const seq = recordList(yaml, file.kind);
    if (!seq) continue;
    for (const i of canonicalOrder(file.kind, seq, ctx)) {
      const place = (seq.items[i] as Node).toJSON()?.location?.place;
      if (typeof place === 'string' && !ctx.placeUse.has(place)) ctx.placeUse.set(place, ctx.placeUse.size);
    }
  }
  return ctx;
}

/** Reorders the records of `seq` canonically; each section's comment moves to its new first record. */
function orderRecords(kind: RecordFileKind, seq: YAMLSeq, ctx: CanonicalContext): void {
  const section = sections(seq);
  const order = canonicalOrder(kind, seq, ctx);
  const headings = new Map<number, string | undefined>();
  seq.items.forEach((item, i) => {
    if (isNode(item) && (i === 0 || section[i] !== section[i - 1])) {
      headings.set(section[i], item.commentBefore ?? undefined);
      item.commentBefore = undefined;
    }
  });
  seq.items = order.map((i) => seq.items[i]);
  seq.items.forEach((item, i) => {
    if (isNode(item) && (i === 0 || section[order[i]] !== section[order[i - 1]])) {
      item.commentBefore = headings.get(section[order[i]]);
    }
  });
}

/** Scalars in the default style: strings plain where possible, numbers without kept formatting. */
function normaliseScalars(doc: Document): void {
  visit(doc, {
    Scalar(_, node: Scalar) {
      node.type = undefined;
      node.format = undefined;
      node.minFractionDigits = undefined;
    },
  });
}

/** One blank line before every comment that is not first in its collection; no other blank lines. */
function normaliseBlankLines(doc: Document): void {
  visit(doc, {
    Collection(_, node) {
      node.items.forEach((item, i) => {
        const n = isPair(item) ? item.key : item;
        if (isNode(n)) n.spaceBefore = i > 0 && Boolean(n.commentBefore);
        if (isPair(item) && isNode(item.value)) item.value.spaceBefore = false;
      });
    },
  });
}

/**
 * The length of `node` written on one line in flow style (`Infinity` when it cannot be one line,
 * e.g. it carries a comment). Flow flags are set in place and restored, which is much cheaper than
 * cloning the node.
 */
function flowLength(node: Node): number {
  const saved: Array<[{ flow?: boolean }, boolean | undefined]> = [];
  visit(node, {
    Collection(_, n) {
      saved.push([n, n.flow]);
      n.flow = true;
    },
  });
  const text = new Document(node).toString(TO_STRING_OPTIONS).trimEnd();
  for (const [n, flow] of saved) n.flow = flow;
  return text.includes('\n') ? Number.POSITIVE_INFINITY : text.length;
}

/**
 * Chooses flow or block for `node`, which starts at column `start` when on one line and whose
 * block content starts at column `blockColumn`; `depth` 0 is the file, 1 its lists, 2 the records.
 */
function layout(node: unknown, start: number, blockColumn: number, depth: number): void {
  if (!isCollection(node)) return;
  if (node.items.length === 0) {
    node.flow = true;
    return;
  }
  const listOfMaps = isSeq(node) && node.items.some((item) => isMap(item));
  node.flow = depth > 2 && !listOfMaps && start + flowLength(node as Node) <= LINE_WIDTH;
  if (node.flow) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      layout(pair.value, blockColumn + key.length + 2, blockColumn + 2, depth + 1);
    }
  } else {
    // A block list item starts after "- " at `blockColumn`; a map item's keys align with it.
    for (const item of node.items) layout(item, blockColumn + 2, blockColumn + 2, depth + 1);
  }
}

/**
 * The canonical text of a record file.
 * @returns `undefined` when the file has YAML syntax errors (it cannot be rewritten safely).
 */
export function canonicalText(yaml: YamlFile, kind: RecordFileKind, ctx: CanonicalContext): string | undefined {
  if (yaml.doc.errors.length > 0) return undefined;
  const doc = yaml.doc.clone();
  normaliseScalars(doc);
  orderKeys(doc.contents, fileSchema(kind));
  const list = kind.listKey === null ? undefined : doc.get(kind.listKey, true);
  if (isSeq(list)) orderRecords(kind, list, ctx);
  normaliseBlankLines(doc);
  layout(doc.contents, 0, 0, 0);
  return doc.toString(TO_STRING_OPTIONS);
}

/**
 * The first line where `actual` differs from `expected`.
 * @returns its 1-based number and both versions of it, or `undefined` when the texts are equal.
 */
export function firstDifference(
  expected: string,
  actual: string,
): { line: number; expected: string; actual: string } | undefined {
  if (expected === actual) return undefined;
  const e = expected.split('\n');
  const a = actual.split('\n');
  let i = 0;
  while (i < Math.max(e.length, a.length) && e[i] === a[i]) i++;
  return { line: i + 1, expected: e[i] ?? '(end of file)', actual: a[i] ?? '(end of file)' };
}

/**
 * Reads the seed texts named by a `sources.yaml` (any parsable one): lines by document id. Documents
 * whose file is missing are left out (the build reports them).
 */
export function seedLinesOf(sources: YamlFile | undefined, seedsDir: string): Map<string, string[]> {
  const seedLines = new Map<string, string[]>();
  const docs = sources?.doc.errors.length === 0 ? (sources.doc.toJS() as { documents?: unknown })?.documents : [];
  for (const d of Array.isArray(docs) ? docs : []) {
    if (typeof d?.id !== 'string' || typeof d?.file !== 'string') continue;
    const path = join(seedsDir, d.file);
    if (existsSync(path)) seedLines.set(d.id, readFileSync(path, 'utf8').split('\n'));
  }
  return seedLines;
}
