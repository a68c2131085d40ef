/**
 * Placing a record at its site in the built app: in a record's card, a GCJ-02 coordinate pasted in
 * either order becomes a ready-to-commit site entry (WGS-84 to six decimals, precision, the datum
 * conversion in both languages), the proposed point is drawn with the record's district outlined, a
 * point outside the district is flagged, a pick on the map gives a point without selecting anything
 * (Esc cancels picking, not the card), and nothing is requested outside the app's origin.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A record known only by its district (相城区), with its card open. */
const RECORD = 'xc-hsr-new-town-digital-economy-park';

async function openTool(page: Page) {
  await gotoMap(page, h.origin, `?sel=${RECORD}`);
  const card = page.locator(`[data-testid=card][data-id="${RECORD}"]`);
  await card.waitFor();
  await card.getByTestId('site-open').click();
  await card.getByTestId('site-form').waitFor();
  return card;
}

describe('placing a record at its site', () => {
  it('turns a pasted GCJ-02 coordinate and its source into the site entry, and flags a point outside the district', async () => {
    const { page, log } = await openPage(h);
    const card = await openTool(page);

    // Latitude first, as many pickers copy it: read by range, and the card says so.
    await card.getByTestId('site-coordinate').fill('31.4165, 120.6168');
    await card.getByTestId('site-datum').selectOption('amap');
    await card.getByTestId('site-source-kind').selectOption('visit');
    await card.getByTestId('site-source-ref').fill('browser test');
    await card.getByTestId('site-source-date').fill('2026-11-20');
    expect(await card.getByTestId('site-order').getAttribute('data-order')).toBe('latlon');

    const snippet = await card.getByTestId('site-snippet').textContent();
    expect(snippet).toContain(`  - record: ${RECORD}\n`);
    expect(snippet).toContain('    lon: 120.612618\n');
    expect(snippet).toContain('    lat: 31.418644\n');
    expect(snippet).toContain('    precision: site\n');
    expect(snippet).toContain('    datum_input: gcj02\n');
    expect(snippet).toContain('input: { lon: 120.6168, lat: 31.4165, text: "31.4165, 120.6168" }');
    expect(snippet).toContain(
      'basis: "GCJ-02 coordinate 120.6168, 31.4165 (lon, lat) from the AMap coordinate picker, converted to ' +
        'WGS-84 with gcoord; source: site visit 2026-11-20 (browser test)"',
    );
    expect(snippet).toContain('经 gcoord 转换为 WGS-84');
    await card.getByTestId('site-inside').waitFor();
    expect(await card.getByTestId('site-outside').count()).toBe(0);

    // The proposed point is on the map, with the record's district outlined.
    const marker = page.getByTestId('site-proposal');
    await marker.waitFor();
    expect(await marker.getAttribute('data-lng-lat')).toBe('120.612618,31.418644');
    await page.evaluate(() => window.__sdeMap?.idle());
    expect(await page.evaluate(() => window.__sdeMap?.selectedDistricts())).toContain('xiangcheng');

    // An area with its radius.
    await card.getByTestId('site-precision-area').check();
    await card.getByTestId('site-uncertainty').fill('300');
    const area = await card.getByTestId('site-snippet').textContent();
    expect(area).toContain('    precision: area\n    uncertainty_m: 300\n');

    // A point in 姑苏区 (GCJ-02 120.6, 31.3): the card warns, naming the record's district.
    await card.getByTestId('site-coordinate').fill('120.6, 31.3');
    const outside = card.getByTestId('site-outside');
    await outside.waitFor();
    expect(await outside.getAttribute('role')).toBe('alert');
    expect(await outside.textContent()).toContain('相城区');
    expect(await card.getByTestId('site-order').getAttribute('data-order')).toBe('lonlat');
    expect(await card.getByTestId('site-snippet').textContent()).toContain('    lon: 120.595829\n');

    expect(log.foreignRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('picks a point on the map instead of selecting; Esc cancels picking and keeps the card', async () => {
    const { page, log } = await openPage(h);
    const card = await openTool(page);

    await card.getByTestId('site-pick').click();
    await card.getByTestId('site-picking').waitFor();
    await page.keyboard.press('Escape');
    await card.getByTestId('site-picking').waitFor({ state: 'detached' });
    expect(await page.locator(`[data-testid=card][data-id="${RECORD}"]`).count()).toBe(1);

    await card.getByTestId('site-pick').click();
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    const at = await page.evaluate(() => window.__sdeMap?.project([120.62, 31.42]));
    if (!box || !at) throw new Error('map canvas not found');
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await card.getByTestId('site-picked').waitFor();
    const value = await card.getByTestId('site-coordinate').inputValue();
    const [lon, lat] = value.split(',').map(Number);
    expect(Math.abs(lon - 120.62)).toBeLessThan(0.002);
    expect(Math.abs(lat - 31.42)).toBeLessThan(0.002);
    // The embedded basemap is WGS-84: no conversion, and the same record's card is still open.
    expect(await card.getByTestId('site-picked').textContent()).toContain('WGS-84');
    expect(await page.locator(`[data-testid=card][data-id="${RECORD}"]`).count()).toBe(1);
    expect(await card.getByTestId('site-picking').count()).toBe(0);
    await page.getByTestId('site-proposal').waitFor();

    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });
});
