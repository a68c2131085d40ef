/**
 * The basemap switch: the default loads nothing from outside the origin; an online basemap that
 * cannot be reached falls back to the embedded one with a notice; a GCJ-02 basemap shifts our data
 * to GCJ-02 while it is shown, and back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, settledUrl, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A 1×1 transparent PNG, served in place of online tiles. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('basemap switch', () => {
  it('falls back to the embedded basemap, with a notice, when an online one is unreachable', async () => {
    const { page, log } = await openPage(h);
    await page.route('https://tile.openstreetmap.org/**', (r) => r.abort('connectionrefused'));
    await gotoMap(page, h.origin, '?basemap=osm&lang=en');
    const notice = page.getByTestId('notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('built-in basemap');
    await page.waitForFunction(() => !window.location.search.includes('basemap='));
    expect(await page.getByTestId('basemap').inputValue()).toBe('embedded');
    expect(await page.evaluate(() => window.__sdeMap?.hiddenLayers())).not.toContain('water-fill');
    expect(await page.evaluate(() => window.__sdeMap?.sources())).not.toContain('basemap-0');
    expect(log.foreignRequests.every((u) => u.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('shifts our data to GCJ-02 under a GCJ-02 basemap, and back', async () => {
    const { page } = await openPage(h);
    await page.route('https://*.is.autonavi.com/**', (r) =>
      r.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
    );
    await gotoMap(page, h.origin);
    // A record drawn at a point: points shift exactly (polygon tiles add clip vertices that do not).
    const id = await page.evaluate(async () => {
      const fc = (await (await fetch('data/carriers.geojson')).json()) as {
        features: Array<{ geometry: unknown; properties: { id: string; park: boolean } }>;
      };
      return fc.features.find((f) => f.geometry !== null && !f.properties.park)?.properties.id ?? '';
    });
    const at = () => page.evaluate((i) => window.__sdeMap?.featureCoordinate('carriers', i) ?? null, id);
    const wgs = await at();
    if (!wgs) throw new Error('no placed record');
    await page.getByTestId('basemap').selectOption('amap');
    await page.waitForFunction((w) => {
      const c = window.__sdeMap?.featureCoordinate('districts', 'sip');
      return c !== null && c !== undefined && Math.abs(c[0] - w[0]) > 0.002;
    }, wgs);
    // While the source re-tiles, old and new tiles may both answer: read once the map is idle.
    await page.evaluate(() => window.__sdeMap?.idle());
    const gcj = await at();
    if (!gcj) throw new Error('no shifted coordinate');
    // GCJ-02 lies about 470 m east-south-east of WGS-84 here: ~0.0045° east, ~0.002° south.
    expect(gcj[0] - wgs[0]).toBeGreaterThan(0.003);
    expect(gcj[0] - wgs[0]).toBeLessThan(0.007);
    expect(gcj[1] - wgs[1]).toBeLessThan(0);
    expect(await settledUrl(page)).toContain('basemap=amap');
    expect(await page.evaluate(() => window.__sdeMap?.hiddenLayers())).toContain('water-fill');
    await page.getByTestId('basemap').selectOption('embedded');
    await page.waitForFunction(
      ([w, i]) => {
        const c = window.__sdeMap?.featureCoordinate('carriers', i);
        return c !== null && c !== undefined && Math.abs(c[0] - w[0]) < 0.0005;
      },
      [wgs, id] as const,
    );
    await page.close();
  });
});
