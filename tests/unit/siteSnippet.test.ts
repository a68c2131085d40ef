/**
 * Placing a record at its site: a pasted coordinate is read in either order, a GCJ-02 and a BD-09
 * input become site entries whose WGS-84 point agrees within a metre with an independent conversion
 * written here, and the YAML the card offers parses back to the same, schema-valid entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  parseCoordinatePair,
  type SiteProposal,
  siteEntry,
  siteSnippetYaml,
  toWgs84,
} from '../../src/analysis/siteSnippet';
import { SiteSnippetSchema } from '../../src/domain/schema';

/*
 * The independent check: the GCJ-02 and BD-09 formulas as published in wandergis/coordtransform
 * (https://github.com/wandergis/coordtransform, index.js: wgs84togcj02, bd09togcj02; MIT), the
 * formulas every Chinese coordinate library reproduces. GCJ-02 → WGS-84 has no closed form: it is
 * inverted here by fixed-point iteration of the forward formula to 1e-10° (about 0.01 mm).
 */
// coordtransform writes π and ee to more digits than a double holds; these are the same doubles.
const PI = Math.PI;
const X_PI = (PI * 3000.0) / 180.0;
const A = 6378245.0;
const EE = 0.006693421622965943;

function transformLat(lng: number, lat: number): number {
  let ret = -100.0 + 2.0 * lng + 3.0 * lat + 0.2 * lat * lat + 0.1 * lng * lat + 0.2 * Math.sqrt(Math.abs(lng));
  ret += ((20.0 * Math.sin(6.0 * lng * PI) + 20.0 * Math.sin(2.0 * lng * PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(lat * PI) + 40.0 * Math.sin((lat / 3.0) * PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((lat / 12.0) * PI) + 320 * Math.sin((lat * PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(lng: number, lat: number): number {
  let ret = 300.0 + lng + 2.0 * lat + 0.1 * lng * lng + 0.1 * lng * lat + 0.1 * Math.sqrt(Math.abs(lng));
  ret += ((20.0 * Math.sin(6.0 * lng * PI) + 20.0 * Math.sin(2.0 * lng * PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(lng * PI) + 40.0 * Math.sin((lng / 3.0) * PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((lng / 12.0) * PI) + 300.0 * Math.sin((lng / 30.0) * PI)) * 2.0) / 3.0;
  return ret;
}

/** WGS-84 → GCJ-02 (coordtransform's wgs84togcj02), degrees. */
function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  let dlat = transformLat(lng - 105.0, lat - 35.0);
  let dlng = transformLng(lng - 105.0, lat - 35.0);
  const radlat = (lat / 180.0) * PI;
  let magic = Math.sin(radlat);
  magic = 1 - EE * magic * magic;
  const sqrtmagic = Math.sqrt(magic);
  dlat = (dlat * 180.0) / (((A * (1 - EE)) / (magic * sqrtmagic)) * PI);
  dlng = (dlng * 180.0) / ((A / sqrtmagic) * Math.cos(radlat) * PI);
  return [lng + dlng, lat + dlat];
}

/** GCJ-02 → WGS-84 by iterating the forward formula, degrees. */
function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  let w: [number, number] = [lng, lat];
  for (let i = 0; i < 50; i++) {
    const g = wgs84ToGcj02(w[0], w[1]);
    const d = [g[0] - lng, g[1] - lat];
    if (Math.abs(d[0]) < 1e-10 && Math.abs(d[1]) < 1e-10) break;
    w = [w[0] - d[0], w[1] - d[1]];
  }
  return w;
}

/** BD-09 → GCJ-02 (coordtransform's bd09togcj02), degrees. */
function bd09ToGcj02(lng: number, lat: number): [number, number] {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

const metres = (a: [number, number], b: [number, number]) =>
  distance(point(a), point(b), { units: 'kilometers' }) * 1000;

describe('a pasted coordinate', () => {
  it('is read longitude first when the first number is a longitude', () => {
    const r = parseCoordinatePair('120.6123, 31.4187');
    expect(r).toEqual({ ok: true, value: { lon: 120.6123, lat: 31.4187, order: 'lonlat', inSuzhou: true } });
  });
  it('is read latitude first when the first number is a latitude, whatever the separator', () => {
    for (const text of ['31.4187,120.6123', '31.4187，120.6123', ' 31.4187 120.6123 ', '31.4187°N, 120.6123°E']) {
      const r = parseCoordinatePair(text);
      expect(r.ok && r.value, text).toEqual({ lon: 120.6123, lat: 31.4187, order: 'latlon', inSuzhou: true });
    }
  });
  it('is refused when it is not two numbers or not a longitude and a latitude', () => {
    expect(parseCoordinatePair('120.6123')).toEqual({ ok: false, why: 'count' });
    expect(parseCoordinatePair('1, 2, 3')).toEqual({ ok: false, why: 'count' });
    expect(parseCoordinatePair('200, 31')).toEqual({ ok: false, why: 'range' });
  });
  it('is flagged when it lies outside Suzhou', () => {
    const r = parseCoordinatePair('116.397, 39.909');
    expect(r.ok && r.value.inSuzhou).toBe(false);
  });
});

const visit = { kind: 'visit', ref: 'test fixture, not a survey', date: '2026-11-20' } as const;

describe('a GCJ-02 and a BD-09 input become site entries at the right WGS-84 point', () => {
  const gcj: SiteProposal = {
    record: 'xc-hsr-new-town-digital-economy-park',
    input: [120.6168, 31.4165],
    origin: { via: 'paste', picker: 'amap', text: '120.6168, 31.4165' },
    precision: 'site',
    source: visit,
  };
  const bd: SiteProposal = {
    record: 'sip-international-science-park',
    input: [120.7352, 31.329],
    origin: { via: 'paste', picker: 'baidu', text: '31.3290,120.7352' },
    precision: 'area',
    uncertainty_m: 400,
    source: { kind: 'web', ref: 'https://example.org/test-fixture', date: '2026-11-21' },
  };

  it('GCJ-02 (AMap): within a metre of the independent inverse, about 470 m from the input', () => {
    const e = siteEntry(gcj);
    const independent = gcj02ToWgs84(...gcj.input);
    expect(metres([e.lon, e.lat], independent)).toBeLessThan(1);
    const shift = metres(gcj.input, [e.lon, e.lat]);
    expect(shift).toBeGreaterThan(400);
    expect(shift).toBeLessThan(550);
    expect(e.datum_input).toBe('gcj02');
    expect(e.basis).toBe(
      'GCJ-02 coordinate 120.6168, 31.4165 (lon, lat) from the AMap coordinate picker, converted to WGS-84 with ' +
        'gcoord; source: site visit 2026-11-20 (test fixture, not a survey)',
    );
    expect(e.basis_zh).toContain('高德地图坐标拾取器');
    expect(e.basis_zh).toContain('经 gcoord 转换为 WGS-84');
  });

  it('BD-09 (Baidu): within a metre of the independent BD-09 → GCJ-02 → WGS-84, about 1.1 km from the input', () => {
    const e = siteEntry(bd);
    const independent = gcj02ToWgs84(...bd09ToGcj02(...bd.input));
    expect(metres([e.lon, e.lat], independent)).toBeLessThan(1);
    const shift = metres(bd.input, [e.lon, e.lat]);
    expect(shift).toBeGreaterThan(900);
    expect(shift).toBeLessThan(1300);
    expect(e).toMatchObject({ precision: 'area', uncertainty_m: 400, datum_input: 'bd09' });
    expect(e.basis).toContain('BD-09 coordinate 120.7352, 31.329 (lon, lat) from the Baidu Maps coordinate picker');
    expect(e.basis).toContain('within about 400 m');
  });

  it('keeps six decimals, and WGS-84 input unconverted', () => {
    const e = siteEntry(gcj);
    expect(Math.round(e.lon * 1e6) / 1e6).toBe(e.lon);
    expect(toWgs84([120.61234567, 31.4], 'wgs84')).toEqual([120.612346, 31.4]);
  });

  it('writes the files the build test builds (tests/fixtures/sites/good), so each builds to this point', () => {
    const fixture = (id: string) =>
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sites', 'good', `${id}.yaml`), 'utf8');
    for (const [p, name] of [
      [gcj, '苏州高铁新城数字经济产业园'],
      [bd, '国际科技园'],
    ] as const) {
      expect(fixture(p.record)).toContain(siteSnippetYaml(siteEntry(p), name));
    }
  });

  it('writes YAML in the records’ format that parses back to the same, valid entry', () => {
    for (const p of [gcj, bd]) {
      const e = siteEntry(p);
      const text = siteSnippetYaml(e, '测试');
      expect(text).toMatch(/^# 测试: proposed site\. Save as geo\/sites\/[a-z0-9-]+\.yaml/);
      expect(text).toContain(`    lon: ${e.lon.toFixed(6)}\n`);
      const back = parse(text) as { sites: unknown[] };
      expect(back.sites).toHaveLength(1);
      expect(SiteSnippetSchema.parse(back.sites[0])).toEqual(e);
    }
  });
});
