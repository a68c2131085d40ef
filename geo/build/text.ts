/**
 * Text shown to users names a document by its short title (`short_en` / `short_zh` in
 * geo/sources.yaml), never by the seed's number or file name, which mean nothing to a reader.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { type BuildIssue, issueAt, type RecordAt } from './issues';
import { nodeLine, type YamlFile } from './yamlFile';

/** A document named by its seed number (`seed 003`, `文件 003`) or its file name (`003_1b585a9e80e6dd9e.txt`). */
export const DOC_ID_MENTION = /seed\s*0\d\d|文件\s*0\d\d|\d{3}_[0-9a-f]{16}\.txt/i;

/** Fields holding text that is not ours to word: verbatim seed text, and the seed's file name itself. */
const VERBATIM_FIELDS = new Set(['quote', 'seed_text', 'term', 'file']);

const MESSAGE = (found: string) =>
  `names a document as "${found}": use its short title from geo/sources.yaml instead ` +
  '(e.g. "the AI Plan (lines 45, 47)", "《人工智能试验区实施方案》第 45、47 行")';

/**
 * Every user-visible string below `node` (a record in `yaml`) that names a document by number or
 * file name, located at the string's own line.
 * @returns issues with `field` the dotted path of the string within the record.
 */
export function docMentionIssues(yaml: YamlFile, node: Node | null | undefined, at: RecordAt): BuildIssue[] {
  return stringsBelow(node, { skip: VERBATIM_FIELDS }).flatMap(({ scalar, value, path }) => {
    const found = value.match(DOC_ID_MENTION);
    return found ? [{ ...issueAt(at, path.join('.'), MESSAGE(found[0])), line: nodeLine(yaml, scalar) }] : [];
  });
}

/** One string value below a record node, with its dotted path (map keys by name, list items by index). */
interface StringAt {
  scalar: Scalar;
  value: string;
  path: string[];
}

/**
 * Every string scalar below `node`: values, and with `keys` the map keys too (at the path they
 * name); the values under a key in `skip` are left out.
 */
function stringsBelow(
  node: unknown,
  options: { skip?: ReadonlySet<string>; keys?: boolean } = {},
  path: string[] = [],
): StringAt[] {
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const below = [...path, key];
      return [
        ...(options.keys ? stringsBelow(pair.key, options, below) : []),
        ...(options.skip?.has(key) ? [] : stringsBelow(pair.value, options, below)),
      ];
    });
  }
  if (isSeq(node)) return node.items.flatMap((item, i) => stringsBelow(item, options, [...path, String(i)]));
  return isScalar(node) && typeof node.value === 'string' ? [{ scalar: node, value: node.value, path }] : [];
}

/**
 * The same check on text the build generates (a carrier's location basis in either language),
 * located at the record's `location`, which the text is generated from.
 * @returns one issue per field of `texts` that names a document by number or file name.
 */
export function generatedTextIssues(texts: Record<string, string | undefined>, at: RecordAt): BuildIssue[] {
  return Object.entries(texts).flatMap(([field, text]) => {
    const found = text?.match(DOC_ID_MENTION);
    if (!found) return [];
    return [{ ...issueAt(at, field, `generated text ${MESSAGE(found[0])}`), line: at.lineOf('location') }];
  });
}

/**
 * Longest text a field may hold, in characters (Unicode code points), by field name; other fields
 * `default`. Stated in geo/README.md. Chosen well above the longest text of the documents' records
 * (a Chinese name of 27 characters, an English one of 124, a basis of 690) so that only runaway or
 * pasted text fails: a label, a chip or a table cell must stay readable.
 */
export const TEXT_LIMITS = {
  /** Chinese names and the documents' own wordings: names, terms, table cells. */
  name: 80,
  /** English names and titles. */
  name_en: 200,
  /** Notes and bases that explain a record. */
  note: 1000,
  default: 200,
} as const;

const NAME_FIELDS = new Set([
  'name_zh',
  'seed_text',
  'aliases',
  'table_name',
  'zh',
  'short_zh',
  'title_zh',
  'metric_zh',
  'term',
  'terms',
  'name_terms',
  'synonyms',
  'category_terms',
  'direction_terms',
  'along',
]);
const NAME_EN_FIELDS = new Set(['name_en', 'en', 'short_en', 'title_en', 'metric_en']);
const NOTE_FIELDS = new Set([
  'basis',
  'basis_zh',
  'reading_note',
  'reading_note_zh',
  'note',
  'period_note',
  'reason',
  'datum_checked',
  'text',
]);

/** The length limit of a field, by the name of its last non-index path segment. */
export function textLimit(path: readonly string[]): number {
  const key = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
  if (NAME_FIELDS.has(key)) return TEXT_LIMITS.name;
  if (NAME_EN_FIELDS.has(key)) return TEXT_LIMITS.name_en;
  if (NOTE_FIELDS.has(key)) return TEXT_LIMITS.note;
  return TEXT_LIMITS.default;
}

/**
 * Characters no record text may hold, with why: C0 and C1 controls (line feed aside, which a
 * folded note may carry, and tab, which the documents' tables hold and quotes keep), the bidirectional embeddings, overrides, isolates and marks (Unicode
 * UAX #9: U+202E makes "gnp.exe" display as "exe.png"; see CVE-2021-42574, "Trojan Source"), and
 * invisible characters that make two equal-looking names differ (zero-width space, word joiner,
 * byte-order mark inside text). The zero-width joiner (U+200D) is allowed: emoji sequences need it.
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/(?![\t\n])\p{Cc}/u, 'a control character'],
  [/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u, 'a bidirectional control character'],
  [/[\u200b\u2060\ufeff]/u, 'an invisible character'],
];

/** `U+202E` for a character. */
const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong with one text value, or null: a forbidden character (named by code point and
 * 1-based character position), an unpaired surrogate, or a length beyond `limit` characters.
 */
export function textProblem(value: string, limit: number): string | null {
  for (const [pattern, what] of FORBIDDEN) {
    const m = pattern.exec(value);
    if (m) {
      const at = [...value.slice(0, m.index)].length + 1;
      return `contains ${what} (${codePoint(m[0])}) at character ${at}: text must show as it is stored; remove it`;
    }
  }
  // A lone surrogate half (from a `\ud800` escape) is not a character; no font can show it.
  if (/\p{Surrogate}/u.test(value)) return 'contains an unpaired surrogate (not a character): remove it';
  const length = [...value].length;
  if (length > limit) return `is ${length} characters long: at most ${limit} here (see geo/README.md, text limits)`;
  return null;
}

/**
 * Every string below `node` (a record in `yaml`), keys included, that holds a forbidden character or
 * is too long (`textProblem`, `textLimit`), located at the string's own line. Comments are checked
 * by `rawTextIssues`.
 * @returns issues with `field` the dotted path of the string within the record.
 */
export function unsafeTextIssues(yaml: YamlFile, node: Node | null | undefined, at: RecordAt): BuildIssue[] {
  return stringsBelow(node, { keys: true }).flatMap(({ scalar, value, path }) => {
    const problem = textProblem(value, textLimit(path));
    return problem ? [{ ...issueAt(at, path.join('.') || '(record)', problem), line: nodeLine(yaml, scalar) }] : [];
  });
}

/**
 * Forbidden characters in a file's text outside the values the record checks see (comments, keys
 * of the file's top level), one issue per line, record `(file)`, field `(text)`; lines in
 * `reported` (already named by a record's check) are left out.
 */
export function rawTextIssues(yaml: YamlFile, reported: ReadonlySet<number>): BuildIssue[] {
  const issues: BuildIssue[] = [];
  yaml.text.split('\n').forEach((line, i) => {
    if (reported.has(i + 1)) return;
    const problem = textProblem(line.replace(/\r$/, ''), Number.POSITIVE_INFINITY);
    if (problem) issues.push({ file: yaml.rel, line: i + 1, record: '(file)', field: '(text)', message: problem });
  });
  return issues;
}
