/**
 * Failures degrade, never blank (issue 13, part 2): a layer file that fails (HTTP error, truncated)
 * or never answers costs that layer only, with a message in the user's language; without WebGL the
 * map's place says so and the filter, search, cards and the results list keep working; a lost WebGL
 * context shows a message, survives clicks, and the map comes back when the context is restored;
 * a page whose data cannot load says so without a build command.
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

const matchCount = (page: Page) =>
  page.evaluate(() => Number(document.querySelector('[data-testid=match-count]')?.getAttribute('data-carriers')));

/** The filter panel still filters: a chip changes the count. */
async function filterWorks(page: Page): Promise<void> {
  const before = await matchCount(page);
  await page.click('[data-direction="blockchain"]');
  await page.waitForFunction((n) => {
    const v = Number(document.querySelector('[data-testid=match-count]')?.getAttribute('data-carriers'));
    return v !== n;
  }, before);
  await page.click('[data-direction="blockchain"]');
}

describe('a layer file that fails', () => {
  for (const [what, fulfil] of [
    ['answers 404', { status: 404, body: 'not found' }],
    [
      'is truncated',
      { status: 200, contentType: 'application/json', body: '{"type":"FeatureCollection","features":[{"type":' },
    ],
  ] as const) {
    it(`${what}: that layer only is missing, with a message; the rest works`, async () => {
      const { page, log } = await openPage(h);
      await page.route('**/data/base-water.geojson', (route) => route.fulfill(fulfil));
      await gotoMap(page, h.origin);
      const notice = page.getByTestId('map-layers-failed');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('水系');
      expect(await notice.textContent()).not.toMatch(/npm|build/i);
      // Everything else draws and works.
      expect(
        (await page.evaluate(() => window.__sdeMap?.rendered(['parks-symbol', 'parks-symbol-beside'])))?.length,
      ).toBeGreaterThan(0);
      await filterWorks(page);
      await gotoMap(page, h.origin, '?sel=sip');
      await page.waitForSelector('[data-testid=card][data-id=sip]');
      expect(log.pageErrors).toEqual([]);
      await page.close();
    });
  }

  it('never answers: reported as timed out, the rest works', async () => {
    const { page } = await openPage(h);
    // Held, never fulfilled: the request stays pending.
    await page.route('**/data/base-rivers.geojson', () => undefined);
    await page.goto(`${h.origin}/?lang=en`);
    const notice = page.getByTestId('map-layers-failed');
    await notice.waitFor({ timeout: 40_000 });
    expect(await notice.textContent()).toContain('rivers (timed out)'.replace(' (', '（').replace(')', '）'));
    await filterWorks(page);
    await page.close();
  });
});

describe('without WebGL', () => {
  it('says so where the map was; the filter, search, cards and the list keep working', async () => {
    const { page, log } = await openPage(h);
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        if (type.startsWith('webgl')) return null;
        return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
    await page.goto(`${h.origin}/`);
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toContain('WebGL');
    expect(await error.textContent()).not.toMatch(/npm run/);
    await filterWorks(page);
    await page.getByTestId('show-list').click();
    const rows = page.locator('[data-testid=results-table] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(await matchCount(page));
    await rows.first().locator('.row-link').click();
    await page.waitForSelector('[data-testid=card]');
    await page.locator('.search input').fill('苏州工业园区');
    await page.waitForSelector('.search [role=option]');
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });
});

describe('a lost WebGL context', () => {
  it('shows a message, survives a click, and the map returns when the context is restored', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
      const gl = (canvas?.getContext('webgl2') ?? canvas?.getContext('webgl')) as WebGLRenderingContext | null;
      const ext = gl?.getExtension('WEBGL_lose_context');
      (window as unknown as { __lose?: WEBGL_lose_context | null }).__lose = ext;
      ext?.loseContext();
    });
    await page.getByTestId('map-context-lost').waitFor();
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);
    // Not a blank page: the header, the filter and the message are there.
    expect(await page.locator('header h1').isVisible()).toBe(true);
    await filterWorks(page);
    await page.evaluate(() => (window as unknown as { __lose?: WEBGL_lose_context }).__lose?.restoreContext());
    await page.getByTestId('map-context-lost').waitFor({ state: 'detached' });
    await page.evaluate(() => window.__sdeMap?.idle());
    expect(
      (await page.evaluate(() => window.__sdeMap?.rendered(['parks-symbol', 'parks-symbol-beside'])))?.length,
    ).toBeGreaterThan(0);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });
});

describe('data that cannot load', () => {
  it('says so in the user’s language, without a build command', async () => {
    const { page } = await openPage(h);
    await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
    await page.goto(`${h.origin}/?lang=en`);
    const error = page.getByTestId('error');
    await error.waitFor();
    const text = (await error.innerText()) ?? '';
    expect(text).toContain('could not be loaded');
    expect(text).not.toMatch(/npm/);
    await page.close();
  });
});
