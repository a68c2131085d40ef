/**
 * Build problems, each located by file, record and field, so that an editor can find and fix them.
 */
import type { z } from 'zod';

/** One problem with one record: `file › record › field: message`. */
export interface BuildIssue {
  /** Path relative to the repository root (or absolute for files outside it). */
  file: string;
  /** Record id, or `#<index>` when the record has no valid id. */
  record: string;
  /** Dotted field path within the record, e.g. `sources.0.quote`. */
  field: string;
  message: string;
}

/** Renders an issue as one line: `geo/records/carriers/sip.yaml › sip-x › sources.0.line: …`. */
export function formatIssue(issue: BuildIssue): string {
  return `${issue.file} › ${issue.record} › ${issue.field}: ${issue.message}`;
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

/** Converts a zod error on one record into located issues. */
export function zodIssues(file: string, record: string, error: z.ZodError): BuildIssue[] {
  return error.issues.map((i) => ({
    file,
    record,
    field: i.path.length > 0 ? i.path.map(String).join('.') : '(record)',
    message: i.message,
  }));
}
