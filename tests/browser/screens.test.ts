/**
 * Every screen (issue 13, part 5): on a phone (390×844 and 360×740) the map comes first, the filter
 * and legend open as a bottom sheet, cards are sheets inside the screen and touch targets are at
 * least 44 px; a tablet keeps the side panel beside a large map; embed mode works inside an iframe
 * on another origin with minimal chrome, the URL's filter and a link to the full map.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Heights (CSS px) of the visible, enabled controls a finger would tap, with what they are. */
const tapTargets = (page: Page, scope: string) =>
  page.evaluate((scope) => {
    const root = document.querySelector(scope);
    if (!root) return [];
    return [...root.querySelectorAll<HTMLElement>('button, [role=tab], input[type=checkbox], input[type=radio], a')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      })
      .map((e) => {
        // A checkbox or radio is tapped through its label.
        const target = e.matches('input') ? (e.closest('label') ?? e) : e;
        return {
          what: (target.textContent ?? target.outerHTML).trim().slice(0, 30),
          h: target.getBoundingClientRect().height,
        };
      });
  }, scope);

describe('on a phone', () => {
  for (const [w, hgt] of [
    [390, 844],
    [360, 740],
  ]) {
    it(`shows the map first, the filter as a bottom sheet, and cards inside the screen (${w}×${hgt})`, async () => {
      const context = await h.browser.newContext({
        viewport: { width: w, height: hgt },
        hasTouch: true,
        isMobile: true,
      });
      const page = await context.newPage();
      await gotoMap(page, h.origin);
      const map = await page.locator('.maplibregl-canvas').boundingBox();
      expect(map?.width).toBeGreaterThanOrEqual(w - 2);
      expect(map?.height).toBeGreaterThanOrEqual(hgt * 0.6);
      // Header controls are large enough to tap.
      for (const t of await tapTargets(page, 'header')) expect(t.h, t.what).toBeGreaterThanOrEqual(44);
      // The sheet opens over the map's bottom with the direction chips; a chip filters.
      await page.getByTestId('sheet-toggle').tap();
      const chip = page.locator('[data-direction="artificial-intelligence"]');
      await chip.waitFor({ state: 'visible' });
      // The sheet slides up (0.2 s) and ends inside the screen, over the map's lower part.
      await page.waitForFunction(() => {
        const r = document.querySelector('.side')?.getBoundingClientRect();
        return !!r && r.bottom <= innerHeight + 1;
      });
      const sheet = await page.locator('.side').boundingBox();
      expect(sheet?.y).toBeGreaterThan(hgt * 0.25);
      expect((await chip.boundingBox())?.height).toBeGreaterThanOrEqual(44);
      await chip.tap();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('dir') === 'artificial-intelligence');
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, `phone-sheet-${w}.png`) });
      await page.getByTestId('sheet-toggle').tap();
      // A district's card (from a link, as a tap would open it) is a sheet inside the screen.
      await gotoMap(page, h.origin, '?sel=wujiang');
      const card = page.locator('[data-testid=card]');
      await card.waitFor();
      const box = await card.boundingBox();
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(w + 1);
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(hgt + 1);
      for (const t of await tapTargets(page, '[data-testid=card]')) expect(t.h, t.what).toBeGreaterThanOrEqual(44);
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, `phone-card-${w}.png`) });
      await context.close();
    });
  }
});

describe('on a tablet', () => {
  it('keeps the filter panel beside a large map (1024×768)', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    await gotoMap(page, h.origin);
    const map = await page.locator('.maplibregl-canvas').boundingBox();
    const side = await page.locator('.side').boundingBox();
    expect(map?.width).toBeGreaterThanOrEqual(600);
    expect(side?.x).toBe(0);
    expect(await page.locator('[data-direction="blockchain"]').isVisible()).toBe(true);
    await context.close();
  });
});

describe('embed mode', () => {
  let other: Server;
  let otherOrigin = '';
  beforeAll(async () => {
    // Another site (another origin) that embeds the map in an iframe.
    other = createServer((_req, res) => {
      const src = `${h.origin}/?embed=1&dir=artificial-intelligence&lang=en`;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>host</title><h1>A host page</h1><iframe id="map" src="${src}" width="800" height="500" title="map"></iframe>`,
      );
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => other.close(done));
  });

  it('works inside an iframe on another site: map and cards, the URL filter, a link to the full map', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(otherOrigin);
    const frame = page.frameLocator('#map');
    const inner = page.frames().find((f) => f.url().startsWith(h.origin));
    await frame.locator('[data-testid=embed-bar]').waitFor();
    const f = inner ?? page.frames().find((x) => x.url().startsWith(h.origin));
    if (!f) throw new Error('no embedded frame');
    await f.waitForFunction(() => window.__sdeMap !== undefined, undefined, { timeout: 60_000 });
    await f.evaluate(() => window.__sdeMap?.idle());
    // Minimal chrome: no header, no side panel.
    expect(await frame.locator('header').isVisible()).toBe(false);
    expect(await frame.locator('.side').isVisible()).toBe(false);
    // The filter and language from the URL apply.
    const focus = await f.evaluate(() => window.__sdeMap?.featureState('districts', 'sip').focus);
    expect(Number(focus)).toBeGreaterThanOrEqual(1);
    const link = await frame.getByTestId('embed-open').getAttribute('href');
    expect(link).toContain('dir=artificial-intelligence');
    expect(link).not.toContain('embed=');
    expect(await frame.getByTestId('embed-open').getAttribute('target')).toBe('_blank');
    expect(await frame.getByTestId('embed-bar').textContent()).toContain('Suzhou');
    expect(errors).toEqual([]);
    await page.close();
  });
});
