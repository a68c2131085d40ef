/**
 * Loading the built data in the browser without zod (`src/data/load.ts`, `src/domain/check.ts`):
 * the real data loads; a missing or malformed file is reported with its name and the first field
 * that is wrong; the light checks give the zod schemas' verdicts on the real data and on broken
 * variants of it; and no browser module imports zod's code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { DataLoadError, gazetteerOnce, loadAppData, loadGazetteer } from '../../src/data/load';
import { CarrierPropsSchema, GazetteerPropsSchema, ManifestSchema } from '../../src/domain/built';
import { checkCarrierProps, checkGazetteerProps, checkManifest } from '../../src/domain/check';
import { checkSiteSnippet } from '../../src/domain/checkSite';
import { SiteSnippetSchema } from '../../src/domain/schema';
import { buildReal, ROOT } from './records';

const BASE = new URL('http://test.invalid/maps/suzhou/data/');

/** The real built files, by name; a test replaces one with its own (a string is served as is). */
function realFiles(): Map<string, unknown> {
  const { outDir } = buildReal();
  const files = new Map<string, unknown>();
  for (const f of readdirSync(outDir)) if (/\.(geo)?json$/.test(f)) files.set(f, readFileSync(join(outDir, f), 'utf8'));
  return files;
}

/** Serves `files` as `fetch` would from `BASE` (404 for anything else). */
function serve(files: Map<string, unknown>) {
  vi.stubGlobal('fetch', async (url: string) => {
    const name = url.startsWith(BASE.href) ? url.slice(BASE.href.length) : '';
    const body = files.get(name);
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
  });
}

const json = (files: Map<string, unknown>, name: string) => JSON.parse(files.get(name) as string);

/** The error `promise` rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<DataLoadError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DataLoadError);
    return e as DataLoadError;
  }
  throw new Error('expected the load to fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadAppData', () => {
  it('loads the real data: every carrier, the points and the park markers', async () => {
    const files = realFiles();
    serve(files);
    const data = await loadAppData(BASE);
    expect(data.carriers).toHaveLength(data.manifest.counts.carriers);
    expect(data.carrierPoints.features.length).toBeGreaterThan(0);
    expect(data.parkMarkers.features.length).toBeGreaterThanOrEqual(data.manifest.counts.parks);
    expect(data.url('carriers.geojson')).toBe(`${BASE.href}carriers.geojson`);
    const places = await loadGazetteer(data);
    expect(places).toHaveLength(data.manifest.layers.gazetteer.features);
  });

  it('reports a bad manifest with its file and the field', async () => {
    const files = realFiles();
    const manifest = json(files, 'manifest.json');
    serve(new Map([...files, ['manifest.json', { ...manifest, version: 2 }]]));
    const e = await rejection(loadAppData(BASE));
    expect(e.file).toBe('manifest.json');
    expect(e.message).toMatch(/^manifest\.json: unexpected shape \(version must be one of 1\)$/);

    const { districts, ...noDistricts } = manifest;
    expect(districts.length).toBeGreaterThan(0);
    serve(new Map([...files, ['manifest.json', noDistricts]]));
    expect((await rejection(loadAppData(BASE))).message).toContain('districts must be an array');

    manifest.districts[2].anchor = [120.6];
    serve(new Map([...files, ['manifest.json', manifest]]));
    expect((await rejection(loadAppData(BASE))).message).toContain('districts[2].anchor must be 2 numbers');
  });

  it('reports a file that is missing or not JSON', async () => {
    const files = realFiles();
    serve(new Map([...files].filter(([name]) => name !== 'manifest.json')));
    const missing = await rejection(loadAppData(BASE));
    expect(missing.file).toBe('manifest.json');
    expect(missing.message).toContain('HTTP 404');
    serve(new Map([...files, ['carriers.geojson', '{"type": "FeatureCollection", ']]));
    const broken = await rejection(loadAppData(BASE));
    expect(broken.file).toBe('carriers.geojson');
    expect(broken.message).toContain('is not valid JSON');
  });

  it('reports a malformed carriers layer with the feature and the field', async () => {
    const files = realFiles();
    serve(new Map([...files, ['carriers.geojson', { type: 'Feature' }]]));
    expect((await rejection(loadAppData(BASE))).message).toBe('carriers.geojson: is not a GeoJSON FeatureCollection');

    const fc = json(files, 'carriers.geojson');
    const f = fc.features[3];
    f.properties.kind = 'factory';
    serve(new Map([...files, ['carriers.geojson', fc]]));
    const e = await rejection(loadAppData(BASE));
    expect(e.file).toBe('carriers.geojson');
    expect(e.message).toBe(`carriers.geojson: feature ${f.id}: properties.kind must be one of ${kindsList()}`);

    f.properties.kind = fc.features[4].properties.kind;
    f.geometry = { type: 'Point', coordinates: ['120.6', 31.3] };
    serve(new Map([...files, ['carriers.geojson', fc]]));
    expect((await rejection(loadAppData(BASE))).message).toContain('geometry.coordinates must be');
  });

  it('reports a malformed gazetteer feature (the search then runs without places)', async () => {
    const files = realFiles();
    const fc = json(files, 'gazetteer.geojson');
    fc.features[0].properties.rank = 4;
    serve(new Map([...files, ['gazetteer.geojson', fc]]));
    const data = await loadAppData(BASE);
    const e = await rejection(gazetteerOnce(data));
    expect(e.file).toBe('gazetteer.geojson');
    expect(e.message).toContain('properties.rank must be one of 1, 2, 3');
  });
});

const kindsList = () => CarrierPropsSchema.shape.kind.options.join(', ');

/** Copies `value` and sets the property at `path` (dot-separated, numeric parts index arrays); `undefined` deletes it. */
function withField<T>(value: T, path: string, to: unknown): T {
  const copy = structuredClone(value);
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (to === undefined) delete at[last];
  else at[last] = to;
  return copy;
}

describe('the light checks give the schemas’ verdicts', () => {
  it('on the real data: all accepted', () => {
    const files = realFiles();
    const manifest = json(files, 'manifest.json');
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    expect(checkManifest(manifest)).toBeNull();
    for (const f of json(files, 'carriers.geojson').features) {
      expect(CarrierPropsSchema.safeParse(f.properties).success).toBe(true);
      expect(checkCarrierProps(f.properties), f.id).toBeNull();
    }
    for (const f of json(files, 'gazetteer.geojson').features) {
      expect(GazetteerPropsSchema.safeParse(f.properties).success).toBe(true);
      expect(checkGazetteerProps(f.properties), f.id).toBeNull();
    }
  });

  it('on broken variants of the real data: both reject', () => {
    const files = realFiles();
    const manifest = json(files, 'manifest.json');
    const carrier = json(files, 'carriers.geojson').features.find(
      (f: { properties: { place?: unknown; directions_own: unknown[] } }) =>
        f.properties.place !== undefined && f.properties.directions_own.length > 0,
    ).properties;
    const cases: Array<[unknown, (v: unknown) => string | null, { safeParse: (v: unknown) => { success: boolean } }]> =
      [];
    for (const [path, to] of [
      ['version', 2],
      ['layers.carriers.features', 'many'],
      ['counts.carriers_by_kind.lab', 1.5],
      ['directions.0.family', 'other'],
      ['directions.0.colour', 5],
      ['districts.0.bbox', [1, 2, 3]],
      ['districts.0.name_en_status', 'unofficial'],
      ['facts.0.kind', 'estimate'],
      ['facts.0.source.line', '12'],
      ['sources.0.title_en', undefined],
      ['max_bounds', null],
    ] as const)
      cases.push([withField(manifest, path, to), checkManifest, ManifestSchema]);
    for (const [path, to] of [
      ['kind', 'factory'],
      ['precision', 'street'],
      ['name_zh', undefined],
      ['roles', ['mayor']],
      ['park', 'yes'],
      ['districts', 'sip'],
      ['directions_own.0.basis', 'guess'],
      ['place.uncertainty_km', '3'],
      ['sources.0.line', null],
      ['extent', 'rough'],
    ] as const)
      cases.push([withField(carrier, path, to), checkCarrierProps, CarrierPropsSchema]);
    for (const [value, light, schema] of cases) {
      expect(schema.safeParse(value).success, JSON.stringify(value).slice(0, 300)).toBe(false);
      expect(light(value)).not.toBeNull();
    }
  });

  it('on site entries: the site tool’s check agrees with SiteSnippetSchema', () => {
    const good = readdirSync(join(ROOT, 'tests', 'fixtures', 'sites', 'good')).map(
      (f) =>
        (parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'sites', 'good', f), 'utf8')) as { sites: unknown[] })
          .sites[0],
    );
    const area = good.find((s) => (s as { precision: string }).precision === 'area');
    const site = good.find((s) => (s as { precision: string }).precision === 'site');
    const variants: unknown[] = [...good];
    for (const [base, path, to] of [
      [area, 'lon', 125],
      [area, 'lat', 31.1234567],
      [area, 'uncertainty_m', undefined],
      [area, 'uncertainty_m', 15001],
      [area, 'uncertainty_m', 0],
      [area, 'uncertainty_m', 15000],
      [site, 'uncertainty_m', 50],
      [area, 'datum_input', 'cgcs2000'],
      [area, 'input.lon', 118],
      [area, 'input.text', undefined],
      [area, 'input.extra', 1],
      [area, 'source.kind', 'rumour'],
      [area, 'source.ref', 'not a url'],
      [area, 'source.ref', '  ab '],
      [area, 'source.date', '21 Nov 2026'],
      [site, 'source.date', undefined],
      [site, 'source.kind', 'address'],
      [area, 'basis', 'short'],
      [area, 'basis_zh', '短'],
      [area, 'record', undefined],
      [area, 'surveyor', 'me'],
    ] as const)
      variants.push(withField(base, path, to));
    let rejected = 0;
    for (const v of variants) {
      const zod = SiteSnippetSchema.safeParse(v).success;
      expect(checkSiteSnippet(v) === null, JSON.stringify(v)).toBe(zod);
      if (!zod) rejected++;
    }
    expect(rejected).toBeGreaterThan(15);
  });
});

describe('the browser code has no zod', () => {
  const SRC = resolve(ROOT, 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  // Only the schema modules import zod, and only the build (and tests) import their values; the
  // browser imports their types (`import type`, erased) and the lists of `domain/constants.ts`.
  const schemaModules = new Set(['domain/schema.ts', 'domain/built.ts']);

  it('imports only types from the schema modules, and zod nowhere else', () => {
    const wrong: string[] = [];
    for (const f of files(SRC)) {
      const name = relative(SRC, f);
      if (schemaModules.has(name)) continue;
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^(import|export)\s+(type\s+)?(\{[^}]*\}|[\w*\s]+?)\s*from\s+['"]([^'"]+)['"]/gm)) {
        const [, , typeOnly, names, from] = m;
        if (from === 'zod' || /^zod\//.test(from)) wrong.push(`${name}: imports ${from}`);
        if (!/domain\/(schema|built)$|^\.\/(schema|built)$/.test(from) || typeOnly) continue;
        const values = names
          .replace(/[{}]/g, '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s && !s.startsWith('type '));
        if (values.length > 0) wrong.push(`${name}: ${values.join(', ')} from ${from}`);
      }
      if (/import\(\s*['"][^'"]*domain\/(schema|built)['"]\s*\)/.test(text)) wrong.push(`${name}: dynamic import`);
    }
    expect(wrong).toEqual([]);
  });
});
