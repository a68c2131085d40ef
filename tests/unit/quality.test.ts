import type { FeatureCollection, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatQualityReport, type QualityReport, qualityReport } from '../../src/analysis/quality';
import type { CarrierProps, Manifest } from '../../src/domain/built';
import { buildRealCarriers } from './records';

let manifest: Manifest;
let carriers: CarrierProps[];
let features: FeatureCollection<Point | null>['features'];
let r: QualityReport;
beforeAll(() => {
  ({ manifest, carriers, features } = buildRealCarriers());
  r = qualityReport(carriers, manifest.facts);
});

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

describe('the data-quality report', () => {
  it('counts every record once by kind and by precision, and agrees with the build', () => {
    expect(sum(r.byKind)).toBe(carriers.length);
    expect(sum(r.byPrecision)).toBe(carriers.length);
    for (const [precision, n] of Object.entries(manifest.counts.carriers_by_precision))
      expect(r.byPrecision[precision] ?? 0, precision).toBe(n);
  });
  it('counts a record under every document it cites and every district it spans', () => {
    for (const doc of manifest.sources.map((s) => s.id))
      expect(r.byDocument[doc] ?? 0, doc).toBe(carriers.filter((c) => c.sources.some((s) => s.doc === doc)).length);
    const rows = Object.values(r.byDistrict);
    expect(rows.reduce((n, d) => n + d.records, 0)).toBe(carriers.reduce((n, c) => n + c.districts.length, 0));
    // The table adds up: single-district rows plus the spanning records (once each) are every record.
    expect(rows.reduce((n, d) => n + d.records - d.spanning, 0) + r.spanningTotal).toBe(r.total);
  });
  it('lists exactly the records not drawn as points, and the schematic extents among them', () => {
    const unlocated = features.filter((f) => f.geometry === null).map((f) => String(f.id));
    expect(r.notPoints.map((i) => i.id).sort()).toEqual(unlocated.sort());
    const schematic = carriers.filter((c) => c.extent === 'from-name');
    expect(schematic.length).toBeGreaterThan(0);
    expect(r.schematic.map((i) => i.id).sort()).toEqual(schematic.map((c) => c.id).sort());
    for (const c of schematic) expect(unlocated, c.id).toContain(c.id);
  });
  it('lists every fact without a year with the period it describes', () => {
    const undated = manifest.facts.filter((f) => f.year === undefined);
    expect(r.undatedFacts.map((f) => f.id)).toEqual(undated.map((f) => f.id));
    for (const f of r.undatedFacts) expect(f.detail.length, f.id).toBeGreaterThan(10);
  });
  it('prints every listed record on the command line', () => {
    const text = formatQualityReport(r);
    for (const i of [...r.notPoints, ...r.schematic, ...r.ambiguities]) expect(text).toContain(i.id);
  });
});
