/**
 * CLI: `npm run data [-- --check | --fix]`. Builds `public/data/` from `geo/` and `../shared`,
 * prints the counts, and exits 1 with one line per problem (`file:line › record › field: message`).
 *
 * - no flag: builds; record files not in canonical form are listed as a warning on stderr;
 * - `--check`: the strict gate: also exits 1 when any record file (or the record lock) is not in
 *   canonical form, naming each file and its first differing line;
 * - `--fix`: rewrites record files into canonical form and adds new record files and ids to
 *   `geo/records.lock.yaml` (never removes one), then builds.
 *
 * - `--geo DIR` and `--out DIR` build another record folder into another output folder (the bad-data
 *   corpus of tests/fixtures/bad-data builds edited copies of `geo/` this way).
 *
 * Environment: SUZHOU_SHARED_GEO, SUZHOU_SEEDS override `../shared/geo` and `../shared/seeds`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildData } from './build';
import { DataBuildError, formatIssue } from './issues';
import { checkCanonical, fixCanonical, type NotCanonical } from './tidy';
import { TILED_ABOVE, tileIfLarge } from './tiles';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: flags } = parseArgs({
  options: {
    check: { type: 'boolean' },
    fix: { type: 'boolean' },
    geo: { type: 'string' },
    out: { type: 'string' },
  },
});
const geoDir = resolve(flags.geo ?? resolve(root, 'geo'));
const outDir = resolve(flags.out ?? resolve(root, 'public', 'data'));
const inputs = {
  // Files are named relative to the folder holding the records' `geo/` (the repository's root by default).
  rootDir: flags.geo ? dirname(geoDir) : root,
  geoDir,
  sharedGeoDir: resolve(process.env.SUZHOU_SHARED_GEO ?? resolve(root, '..', 'shared', 'geo')),
  seedsDir: resolve(process.env.SUZHOU_SEEDS ?? resolve(root, '..', 'shared', 'seeds')),
};

if (flags.check && flags.fix) {
  console.error('data: use either --check or --fix, not both');
  process.exit(2);
}

const describe = (n: NotCanonical) =>
  `  ${n.file}:${n.line}: not in canonical form\n      expected: ${n.expected}\n      found:    ${n.actual}`;

let failed = false;
try {
  if (flags.fix) {
    const written = fixCanonical(inputs);
    console.log(written.length > 0 ? `data --fix: rewrote ${written.join(', ')}` : 'data --fix: nothing to rewrite');
  } else {
    const notCanonical = checkCanonical(inputs);
    if (notCanonical.length > 0) {
      const what = `${notCanonical.length} file(s) not in canonical form (run \`npm run data -- --fix\`)`;
      console.error(flags.check ? `data --check failed: ${what}:` : `data: warning: ${what}:`);
      for (const n of notCanonical) console.error(describe(n));
      failed = Boolean(flags.check);
    }
  }

  const { manifest: m, geocode } = buildData(inputs, outDir);
  // Above TILED_ABOVE carriers the map draws vector tiles and the app holds an index (geo/build/tiles.ts).
  if (tileIfLarge(outDir))
    console.log(`data: more than ${TILED_ABOVE} carriers: written as vector tiles, index and record shards`);
  const c = m.counts;
  console.log(
    `data: ${c.districts} districts, ${c.parks} parks, ${c.carriers} carriers, ${c.places} places → ${flags.out ?? 'public/data/'}`,
  );
  console.log(
    `  by precision: ${Object.entries(c.carriers_by_precision)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const arrow = (Object.keys(geocode.before) as Array<keyof typeof geocode.before>)
    .map((k) => `${k} ${geocode.before[k]} → ${geocode.after[k]}`)
    .join(', ');
  const statuses = Object.entries(geocode.by_status)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`  geocoding: ${arrow} (${statuses}; public/data/geocode-report.json)`);
  console.log(
    `  by district: ${Object.entries(c.carriers_by_district)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
} catch (e) {
  failed = true;
  if (e instanceof DataBuildError) {
    console.error(`data build failed: ${e.issues.length} problem(s)`);
    for (const issue of e.issues) console.error(`  ${formatIssue(issue)}`);
  } else {
    console.error(`data build failed: ${(e as Error).message}`);
  }
}
if (failed) process.exit(1);
