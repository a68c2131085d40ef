/**
 * The planner's workbench (issue 11) in the built app: the results table follows the filter and the
 * map both ways; a proximity query lists what the served data put within the radius, with turf's
 * distances; the site finder ranks and explains; downloads parse and hold the visible count; the
 * density view counts the placed matching records.
 */
import { readFile } from 'node:fs/promises';
import { distance } from '@turf/turf';
import { csvParse } from 'd3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankSites } from '../../src/analysis/siteFinder';
import { gotoMap, type Harness, openPage, servedData, settledParam, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const idle = (page: Page) => page.evaluate(() => window.__sdeMap?.idle());
const matchCount = (page: Page) =>
  page.evaluate(() => Number(document.querySelector('[data-testid=match-count]')?.getAttribute('data-carriers')));
const ownKeys = (p: { directions_own: Array<{ key: string }> }) => p.directions_own.map((d) => d.key);
const unplaced = (precision: string) => precision === 'district' || precision === 'district-set';

describe('the results table', () => {
  it('lists every matching record and follows the map both ways', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&tool=table');
    const rows = page.locator('[data-testid=results-table] tbody tr');
    await rows.first().waitFor();
    const { features } = await servedData(page);
    const want = features
      .filter((f) => ownKeys(f.properties).includes('artificial-intelligence'))
      .map((f) => f.properties.id)
      .sort();
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    expect([...ids].sort()).toEqual(want);
    expect(ids.length).toBe(await matchCount(page));
    // A row chosen: the record is selected (its card opens) and the link holds it.
    const id = ids[3];
    await page.locator(`[data-testid=results-table] tr[data-id="${id}"] .row-link`).click();
    await page.waitForSelector(`[data-testid=card][data-id="${id}"]`);
    expect(await settledParam(page, 'sel')).toBe(id);
    expect(await page.locator(`tr[data-id="${id}"]`).getAttribute('aria-selected')).toBe('true');
    // Sorting by name reverses with a second press.
    await page.click('[data-sort=name]');
    const first = await rows.first().getAttribute('data-id');
    await page.click('[data-sort=name]');
    expect(await rows.last().getAttribute('data-id')).toBe(first);
    // A park chosen on the map marks its row: in a fresh view, a park clear of the drawer and the card.
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&tool=table');
    const parks = features
      .filter(
        (f) => f.properties.roles.includes('city-park') && ownKeys(f.properties).includes('artificial-intelligence'),
      )
      .map((f) => f.properties.id);
    const target = await page.evaluate((ids) => {
      const hook = window.__sdeMap;
      const drawer = document.querySelector('[data-testid=workbench]')?.getBoundingClientRect();
      const map = document.querySelector('.maplibregl-canvas')?.getBoundingClientRect();
      if (!hook || !drawer || !map) return null;
      for (const id of ids) {
        const at = hook.featureCoordinate('parks', id);
        if (!at) continue;
        const p = hook.project(at);
        if (p.y + map.top < drawer.top - 20 && p.x > 80 && p.x < map.width - 80)
          return { id, x: p.x + map.left, y: p.y + map.top };
      }
      return null;
    }, parks);
    if (!target) throw new Error('no AI park clear of the drawer');
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector(`tr[data-id="${target.id}"][aria-selected=true]`);
    const park = features.find((f) => f.properties.id === target.id);
    // Hovering a row rings its feature on the map.
    await page.locator(`tr[data-id="${park?.properties.id}"]`).hover();
    await page.waitForFunction(
      (pid) => window.__sdeMap?.featureState('parks', pid).hl === true,
      park?.properties.id ?? '',
    );
    expect(log.foreignRequests).toEqual([]);
    await page.close();
  });
});

describe('proximity', () => {
  it('lists the placed matching records within the radius with their distances, and none without a point', async () => {
    const { page } = await openPage(h);
    const centre: [number, number] = [120.72, 31.3];
    await gotoMap(page, h.origin, `?tool=near&near=${centre[0]},${centre[1]},6`);
    await page.waitForSelector('[data-testid=near-hits] li');
    const { features } = await servedData(page);
    const want = features
      .filter((f) => f.geometry && !unplaced(f.properties.precision))
      .map((f) => ({ id: f.properties.id, km: distance(centre, f.geometry?.coordinates as [number, number]) }))
      .filter((x) => x.km <= 6)
      .sort((a, b) => a.km - b.km);
    const got = await page
      .locator('[data-testid=near-hits] li')
      .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id'), km: Number(e.getAttribute('data-km')) })));
    expect(got.map((g) => g.id)).toEqual(want.map((w) => w.id));
    got.forEach((g, i) => {
      expect(g.km).toBeCloseTo(want[i].km, 2);
    });
    // Records known only by district are never given a distance.
    const unknown = await page
      .locator('[data-testid=near-unknown] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const unplacedIds = new Set(features.filter((f) => unplaced(f.properties.precision)).map((f) => f.properties.id));
    expect(unknown.length).toBeGreaterThan(0);
    for (const id of unknown) expect(unplacedIds.has(id ?? '')).toBe(true);
    for (const g of got) expect(unplacedIds.has(g.id ?? '')).toBe(false);
    // A town-precision hit says how approximate it is.
    const approx = await page
      .locator('[data-testid=near-hits] li:not([data-uncertainty="0"]) .distance')
      .allTextContents();
    for (const text of approx) expect(text).toMatch(/约|误差|以内/);
    // The map draws the circle and a line to each hit.
    await idle(page);
    const lines = await page.evaluate(() => window.__sdeMap?.rendered(['analysis-lines']));
    expect(lines?.sort()).toEqual(want.map((w) => w.id).sort());
    await page.close();
  });

  it('picks its centre on the map and keeps it in the link', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?tool=near');
    await page.getByTestId('near-pick').click();
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 3);
    await page.waitForFunction(() => new URL(location.href).searchParams.has('near'));
    expect(new URL(page.url()).searchParams.get('near')).toMatch(/^1[12]\d\.\d+,3\d\.\d+,5$/);
    await page.waitForSelector('[data-testid=near-origin]');
    await page.close();
  });
});

describe('the site finder', () => {
  it('ranks the parks for a stated profile, explains each score, and numbers them on the map', async () => {
    const { page } = await openPage(h);
    await gotoMap(
      page,
      h.origin,
      '?dir=artificial-intelligence,big-data-cloud&tool=sites&rank=parks&rail=25&prefer=sip',
    );
    await page.waitForSelector('[data-testid=site-results] li');
    const { manifest, features, places } = await servedData(page);
    const carriers = features.map((f) => f.properties);
    const points = new Map(
      features.flatMap((f) => (f.geometry ? [[f.properties.id, f.geometry.coordinates as [number, number]]] : [])),
    );
    const expected = rankSites(
      carriers,
      points,
      places.map((p) => ({ ...p.properties, point: p.geometry.coordinates as [number, number] })),
      {
        directions: ['artificial-intelligence', 'big-data-cloud'],
        districts: ['sip'],
        maxRail_km: 25,
        maxAirport_km: null,
        university_km: null,
        includeCarriers: false,
      },
      { directions: manifest.directions, districts: manifest.districts },
    );
    const got = await page
      .locator('[data-testid=site-results] li')
      .evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-id'), score: Number(e.getAttribute('data-score')) })),
      );
    expect(got.map((g) => g.id)).toEqual(expected.map((r) => r.id));
    // Not excluded first, by score.
    const ranked = expected.filter((r) => r.rank !== null);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
    // The first explanation names the matched direction and how precise the location is.
    const why = await page.locator('[data-testid=site-results] li').first().getByTestId('site-why').textContent();
    expect(why).toContain(expected[0].explanation.zh);
    expect(why).toMatch(/人工智能|大数据/);
    // An excluded park names the rule.
    const excluded = expected.find((r) => r.excluded);
    if (excluded) {
      const text = await page.locator(`[data-testid=site-results] li[data-id="${excluded.id}"]`).textContent();
      expect(text).toContain('已排除');
    }
    // The weights are stated.
    expect(await page.getByTestId('sites-weights').textContent()).toMatch(/\+3/);
    // The map numbers the ranked parks that have a point.
    await idle(page);
    const ranks = await page.evaluate(() => window.__sdeMap?.rendered(['analysis-rank']));
    const withPoint = ranked
      .filter((r) => r.point)
      .slice(0, 10)
      .map((r) => r.id);
    expect(ranks?.sort()).toEqual(withPoint.sort());
    await page.close();
  });
});

describe('downloads and density', () => {
  it('downloads the matching records as CSV (with BOM) and GeoJSON, and the matrix, each parsing to the visible count', async () => {
    const context = await h.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await gotoMap(page, h.origin, '?dir=blockchain,artificial-intelligence&tool=download');
    const visible = await matchCount(page);
    const fetchDownload = async (testid: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
    };
    const csv = await fetchDownload('download-csv');
    expect(csv.name).toMatch(/^suzhou-digital-economy_.*blockchain.*\.csv$/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = csvParse(csv.text.slice(1));
    expect(rows.length).toBe(visible);
    expect(rows.columns).toEqual([
      'id',
      'name_zh',
      'name_en',
      'district',
      'directions',
      'kind',
      'longitude',
      'latitude',
      'precision',
      'basis',
      'basis_zh',
      'document',
      'line',
      'quote',
    ]);
    const geo = await fetchDownload('download-geojson');
    const fc = JSON.parse(geo.text) as {
      type: string;
      features: Array<{ geometry: unknown; properties: { precision: string } }>;
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(visible);
    for (const f of fc.features) expect(f.geometry === null).toBe(unplaced(f.properties.precision));
    const matrix = await fetchDownload('download-matrix');
    expect(matrix.text.charCodeAt(0)).toBe(0xfeff);
    expect(csvParse(matrix.text.slice(1)).length).toBeGreaterThan(1);
    await context.close();
  });

  it('the density view counts every placed matching record once', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&density=1');
    await idle(page);
    const { features } = await servedData(page);
    const placed = features.filter(
      (f) =>
        f.geometry && !unplaced(f.properties.precision) && ownKeys(f.properties).includes('artificial-intelligence'),
    ).length;
    const total = await page.evaluate(() => {
      const hook = window.__sdeMap;
      const hexes = hook?.rendered(['density-fill']) ?? [];
      return hexes.reduce((sum, id) => sum + Number(hook?.featureState('density', id).n ?? 0), 0);
    });
    expect(total).toBe(placed);
    expect(await page.locator('[data-legend-layer=density-fill]').count()).toBe(1);
    await page.close();
  });
});
