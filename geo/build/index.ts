/**
 * CLI: `npm run data`. Builds `public/data/` from `geo/` and `../shared`, prints the counts, and
 * exits 1 with one line per bad record (`file › record › field: message`).
 * Environment: SUZHOU_SHARED_GEO, SUZHOU_SEEDS override `../shared/geo` and `../shared/seeds`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildData } from './build';
import { DataBuildError, formatIssue } from './issues';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const inputs = {
  rootDir: root,
  geoDir: resolve(root, 'geo'),
  sharedGeoDir: resolve(process.env.SUZHOU_SHARED_GEO ?? resolve(root, '..', 'shared', 'geo')),
  seedsDir: resolve(process.env.SUZHOU_SEEDS ?? resolve(root, '..', 'shared', 'seeds')),
};

try {
  const m = buildData(inputs, resolve(root, 'public', 'data'));
  const c = m.counts;
  console.log(
    `data: ${c.districts} districts, ${c.parks} parks, ${c.carriers} carriers, ${c.places} places → public/data/`,
  );
  console.log(
    `  by precision: ${Object.entries(c.carriers_by_precision)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `  by district: ${Object.entries(c.carriers_by_district)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
} catch (e) {
  if (e instanceof DataBuildError) {
    console.error(`data build failed: ${e.issues.length} problem(s)`);
    for (const issue of e.issues) console.error(`  ${formatIssue(issue)}`);
  } else {
    console.error(`data build failed: ${(e as Error).message}`);
  }
  process.exit(1);
}
