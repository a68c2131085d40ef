/**
 * CLI: `npm run quality`. Prints the data-quality report of the built data (`public/data/`, built
 * first by the npm script): counts by document, kind, district and precision, records not drawn as
 * points, and resolved ambiguities.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatQualityReport, qualityReport } from '../../src/analysis/quality';
import { CarrierPropsSchema } from '../../src/domain/built';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fc = JSON.parse(readFileSync(resolve(root, 'public', 'data', 'carriers.geojson'), 'utf8')) as {
  features: Array<{ properties: unknown }>;
};
console.log(formatQualityReport(qualityReport(fc.features.map((f) => CarrierPropsSchema.parse(f.properties)))));
