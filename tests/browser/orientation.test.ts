/**
 * A map to orient by (issue 8): township, station and airport names from the gazetteer; records
 * placed by the documents' own words open cards that say how (gazetteer entry and matched words)
 * in both languages.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarrierProps } from '../../src/domain/built';
import { gotoMap, type Harness, openPage, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const labels = (page: Page, layer: string) => page.evaluate((l) => window.__sdeMap?.labels(l) ?? [], layer);

describe('orientation', () => {
  it('names townships, stations and airports at a city-scale zoom', async () => {
    const { page, log } = await openPage(h);
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoMap(page, h.origin, '?view=120.65,31.35,10.3');
    const gazetteer = await page.evaluate(async () => {
      const fc = (await (await fetch('data/gazetteer.geojson')).json()) as {
        features: Array<{ properties: { name_zh: string; layer: string } }>;
      };
      return fc.features.map((f) => f.properties);
    });
    const towns = await labels(page, 'gazetteer-town-label');
    expect(towns.length).toBeGreaterThan(5);
    for (const name of towns)
      expect(
        gazetteer.some((g) => g.layer === 'town' && g.name_zh === name),
        name,
      ).toBe(true);
    const transport = await labels(page, 'gazetteer-transport-label');
    expect(transport).toContain('苏州站');
    expect(transport).toContain('苏州园区站');
    // Places never push a city park's name off the map.
    expect((await labels(page, 'parks-label-city')).length).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(shots, 'orientation-z10.png') });
    // The airports that matter for a pitch are named from the city view on.
    await gotoMap(page, h.origin, '?lang=en');
    const airports = await labels(page, 'gazetteer-transport-label');
    expect(airports.some((a) => /Hongqiao/.test(a))).toBe(true);
    expect(log.foreignRequests).toEqual([]);
    await page.close();
  });

  it('keeps every view inside the bounds the base layers cover', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?view=123.5,33.5,9');
    const bounds = await page.evaluate(async () => {
      const m = (await (await fetch('data/manifest.json')).json()) as { max_bounds: [number, number, number, number] };
      return m.max_bounds;
    });
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    const ne = await page.evaluate((b) => window.__sdeMap?.project([b[2], b[3]]), bounds);
    if (!box || !ne) throw new Error('no canvas');
    // The north-east corner of the bounds is at or beyond the view's north-east corner: nothing past it shows.
    expect(ne.x).toBeGreaterThanOrEqual(box.width - 1);
    expect(ne.y).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('opens a record placed by its town with the gazetteer basis in both languages', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const rec = await page.evaluate(async () => {
      const fc = (await (await fetch('data/carriers.geojson')).json()) as {
        features: Array<{ geometry: unknown; properties: CarrierProps }>;
      };
      return fc.features.find((f) => f.properties.precision === 'town' && f.geometry !== null)?.properties ?? null;
    });
    if (!rec) throw new Error('no record placed by town');
    expect(rec.basis).toMatch(/GeoNames/);
    await gotoMap(page, h.origin, `?sel=${rec.id}`);
    const card = page.locator(`[data-testid=card][data-id="${rec.id}"]`);
    await card.waitFor();
    const where = card.getByTestId('precision');
    expect(await where.getAttribute('data-precision')).toBe('town');
    expect(await where.textContent()).toContain(rec.basis_zh);
    await page.getByTestId('lang').click();
    expect(await where.textContent()).toContain(rec.basis);
    expect(await where.textContent()).toContain('in or near a town');
    await page.close();
  });
});
