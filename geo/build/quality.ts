/**
 * CLI: `npm run quality`. Prints the data-quality report of the built data (`public/data/`, built
 * first by the npm script): counts by document, kind, district and precision, records not drawn as
 * points, schematic extents, facts without a year, and resolved ambiguities.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatQualityReport, qualityReport } from '../../src/analysis/quality';
import { CarrierPropsSchema, ManifestSchema } from '../../src/domain/built';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fc = JSON.parse(readFileSync(resolve(root, 'public', 'data', 'carriers.geojson'), 'utf8')) as {
  features: Array<{ properties: unknown }>;
};
const manifest = ManifestSchema.parse(
  JSON.parse(readFileSync(resolve(root, 'public', 'data', 'manifest.json'), 'utf8')),
);
const carriers = fc.features.map((f) => CarrierPropsSchema.parse(f.properties));
console.log(formatQualityReport(qualityReport(carriers, manifest.facts)));
