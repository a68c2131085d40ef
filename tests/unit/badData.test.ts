/**
 * The bad-data corpus (tests/fixtures/bad-data/cases.yaml): every case edits a fresh copy of `geo/`
 * and runs the data build's command line on it exactly as a user would (`npm run data -- --geo
 * <copy> --out <folder>`). A bad case must exit 1 and print exactly its expected problems, each
 * `file:line › record › field: message`; an odd-but-right case must build. The cases run two at a
 * time (each is a separate Node process) before the assertions. `BAD_CASES=id,id` runs only those.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './records';

interface Edit {
  file: string;
  find?: string;
  with?: string;
  write?: string;
  delete?: boolean;
}
interface Expected {
  file: string;
  /** A line is named by its start (after indentation), or given as a number. */
  at?: string;
  occurrence?: number;
  line?: number;
  record: string;
  field: string;
  message: string;
}
interface Case {
  id: string;
  what: string;
  edits: Edit[];
  expect?: Expected[];
  builds?: boolean;
}

const only = process.env.BAD_CASES?.split(',');
const CASES = (
  parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'bad-data', 'cases.yaml'), 'utf8')) as { cases: Case[] }
).cases.filter((c) => !only || only.includes(c.id));

/** `with`/`write` text as bytes: `{{bytes:ff fe}}` raw bytes, `{{repeat:x:3}}` → `xxx`. */
function expand(text: string): Buffer {
  const parts = text.split(/(\{\{(?:bytes|repeat):[^}]*\}\})/);
  return Buffer.concat(
    parts.map((part) => {
      const bytes = /^\{\{bytes:([^}]*)\}\}$/.exec(part);
      if (bytes) return Buffer.from(bytes[1].replace(/\s+/g, ''), 'hex');
      const repeat = /^\{\{repeat:(.*):(\d+)\}\}$/.exec(part);
      if (repeat) return Buffer.from(repeat[1].repeat(Number(repeat[2])), 'utf8');
      return Buffer.from(part, 'utf8');
    }),
  );
}

/** Applies a case's edits to the copy of `geo/` at `geo`. @throws when a `find` text is not in its file. */
function applyEdits(geo: string, edits: Edit[]): void {
  for (const e of edits) {
    const path = join(geo, e.file);
    if (e.delete) rmSync(path);
    else if (e.write !== undefined) writeFileSync(path, expand(e.write));
    else {
      const bytes = readFileSync(path);
      const at = bytes.indexOf(Buffer.from(e.find ?? '', 'utf8'));
      if (!e.find || at < 0) throw new Error(`${e.file}: "${e.find}" not found`);
      const end = at + Buffer.byteLength(e.find, 'utf8');
      writeFileSync(path, Buffer.concat([bytes.subarray(0, at), expand(e.with ?? ''), bytes.subarray(end)]));
    }
  }
}

/** One printed problem. */
interface Printed {
  file: string;
  line: number;
  record: string;
  field: string;
  message: string;
}
const PRINTED = /^ {2}(.+?):(\d+) › (.+?) › (.+?): (.*)$/;

interface Run {
  code: number | null;
  problems: Printed[];
  stderr: string;
  dir: string;
}

/** Runs `npm run data -- --geo <dir>/geo --out <dir>/out`. */
function runBuild(dir: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(
      'npm',
      ['run', '--silent', 'data', '--', '--geo', join(dir, 'geo'), '--out', join(dir, 'out')],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => {
      const problems = stderr
        .split('\n')
        .map((l) => PRINTED.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map(([, file, line, record, field, message]) => ({ file, line: Number(line), record, field, message }));
      done({ code, problems, stderr, dir });
    });
  });
}

const dirs: string[] = [];
const runs = new Map<string, Run>();

beforeAll(async () => {
  const queue = [...CASES];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const dir = mkdtempSync(join(tmpdir(), `sde-bad-${c.id}-`));
      dirs.push(dir);
      cpSync(join(ROOT, 'geo'), join(dir, 'geo'), { recursive: true });
      applyEdits(join(dir, 'geo'), c.edits);
      runs.set(c.id, await runBuild(dir));
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The line an expectation names, in the edited copy. */
function expectedLine(dir: string, e: Expected): number {
  if (e.line !== undefined) return e.line;
  const lines = new TextDecoder().decode(readFileSync(join(dir, e.file))).split('\n');
  let seen = 0;
  const index = lines.findIndex((l) => l.trimStart().startsWith(e.at ?? '') && ++seen === (e.occurrence ?? 1));
  if (index < 0) throw new Error(`${e.file}: no line starting with "${e.at}"`);
  return index + 1;
}

describe('the bad-data corpus fails `npm run data` naming file, line, record and field', () => {
  for (const c of CASES.filter((c) => c.expect)) {
    it(`${c.id}: ${c.what}`, () => {
      const run = runs.get(c.id) as Run;
      expect(run.code, run.stderr).toBe(1);
      const key = (p: Omit<Printed, 'message'>) => `${p.file}:${p.line} › ${p.record} › ${p.field}`;
      const wanted = (c.expect ?? []).map((e) => ({ ...e, line: expectedLine(run.dir, e) }));
      expect(run.problems.map(key).sort(), run.stderr).toEqual(wanted.map(key).sort());
      for (const w of wanted) {
        const printed = run.problems.find((p) => key(p) === key(w));
        expect(printed?.message, key(w)).toContain(w.message);
      }
    });
  }
});

describe('odd but right inputs build', () => {
  for (const c of CASES.filter((c) => c.builds)) {
    it(`${c.id}: ${c.what}`, () => {
      const run = runs.get(c.id) as Run;
      expect(run.stderr).not.toContain('data build failed');
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(join(run.dir, 'out', 'manifest.json'), 'utf8')).toContain('"carriers"');
    });
  }
});
