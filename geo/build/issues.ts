/**
 * Build problems, each located by file, line, record and field, so that an editor can find and fix them.
 */
import type { z } from 'zod';

/** One problem with one record: `file:line › record › field: message`. */
export interface BuildIssue {
  /** Path relative to the repository root (or absolute for files outside it). */
  file: string;
  /** 1-based line in `file`: of the field when it is present, otherwise of the record (or 1 for the whole file). */
  line: number;
  /** Record id, or `#<index>` when the record has no valid id, or `(file)` for a problem with the whole file. */
  record: string;
  /** Dotted field path within the record, e.g. `sources.0.quote`. */
  field: string;
  message: string;
}

/**
 * Where a record is: its file, its id, and the line of any of its fields. Every record the build
 * reads carries one, so that every check can report the line of what it rejects.
 */
export interface RecordAt {
  /** Path relative to the repository root. */
  file: string;
  /** Record id, `#<index>` when it has no valid id, or `(file)`. */
  record: string;
  /**
   * The 1-based line of the dotted `field` (e.g. `sources.0.quote`) in `file`; the line of the
   * deepest part of the path that exists when the field is absent, so a missing field points at
   * its record (or its parent object).
   */
  lineOf(field?: string): number;
}

/** A problem with a record, located by `at` and `field`. */
export function issueAt(at: RecordAt, field: string, message: string): BuildIssue {
  return { file: at.file, line: at.lineOf(field), record: at.record, field, message };
}

/** A `RecordAt` for a whole file (or a file with no positions to offer): every field is at `line`. */
export function fileAt(file: string, line = 1, record = '(file)'): RecordAt {
  return { file, record, lineOf: () => line };
}

/** Renders an issue as one line: `geo/records/carriers/sip.yaml:12 › sip-x › sources.0.line: …`. */
export function formatIssue(issue: BuildIssue): string {
  return `${issue.file}:${issue.line} › ${issue.record} › ${issue.field}: ${issue.message}`;
}

/** Thrown by the build when any record is wrong; `issues` lists every problem found. */
export class DataBuildError extends Error {
  readonly issues: BuildIssue[];
  constructor(issues: BuildIssue[]) {
    super(`data build failed with ${issues.length} problem(s):\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'DataBuildError';
    this.issues = issues;
  }
}

/** Converts a zod error on one record into issues located at the failing field's line. */
export function zodIssues(at: RecordAt, error: z.ZodError): BuildIssue[] {
  return error.issues.map((i) => issueAt(at, i.path.length > 0 ? i.path.map(String).join('.') : '(record)', i.message));
}
