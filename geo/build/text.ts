/**
 * Text shown to users names a document by its short title (`short_en` / `short_zh` in
 * geo/sources.yaml), never by the seed's number or file name, which mean nothing to a reader.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
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
  const issues: BuildIssue[] = [];
  const walk = (n: unknown, path: string[]) => {
    if (isMap(n)) {
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!VERBATIM_FIELDS.has(key)) walk(pair.value, [...path, key]);
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => {
        walk(item, [...path, String(i)]);
      });
    } else if (isScalar(n) && typeof n.value === 'string') {
      const found = n.value.match(DOC_ID_MENTION);
      if (found) {
        issues.push({ ...issueAt(at, path.join('.'), MESSAGE(found[0])), line: nodeLine(yaml, n) });
      }
    }
  };
  walk(node, []);
  return issues;
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
