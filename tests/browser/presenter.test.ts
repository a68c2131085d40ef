/**
 * Presenter mode (issue 10) in the built app at 1920×1080: a pitch built from a profile is driven
 * by keyboard from the first stop to the last and back, with the camera and the features each
 * stop must show checked against the served data; explore and resume; a pitch link in a fresh
 * page; switching language mid-pitch; swiping on a tablet; Esc leaves. Type sizes for a room.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, servedData, settledParam, settledUrl, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const W = 1920;
const H = 1080;
const idle = (page: Page) => page.evaluate(() => window.__sdeMap?.idle());
const camera = (page: Page) => page.evaluate(() => window.__sdeMap?.camera());

/** Waits until the stage shows stop `i` (0-based) and the map has landed there and is idle. */
async function landedAt(page: Page, i: number): Promise<void> {
  await page.waitForFunction(
    (i) => {
      const s = document.querySelector('[data-testid=stage]');
      return s?.getAttribute('data-stop') === String(i) && s?.getAttribute('data-landed') === 'true';
    },
    i,
    { timeout: 30_000 },
  );
  await idle(page);
}

/** The stops of the pitch in the page's URL, as tokens (`overview`, `d:<id>`, `r:<id>`, `closing`). */
const stopsInUrl = async (page: Page) => ((await settledParam(page, 'pitch')) ?? '').split(',');

/** The part of the map the caption column leaves free (CSS px): x from the caption's right edge. */
async function freeArea(page: Page) {
  return page.evaluate(() => {
    const caption = document.querySelector('[data-testid=stage-caption]')?.getBoundingClientRect();
    const map = document.querySelector('.maplibregl-canvas')?.getBoundingClientRect();
    return { left: caption?.right ?? 0, right: map?.right ?? 0, top: map?.top ?? 0, bottom: map?.bottom ?? 0 };
  });
}

async function startAiPitch(page: Page): Promise<void> {
  await gotoMap(page, h.origin);
  await page.getByTestId('present').click();
  await page.getByTestId('pitch-builder').waitFor();
  // The profile: one industry; the route the rule gives is previewed before starting.
  await page.click('[data-pitch-direction="artificial-intelligence"]');
  const preview = await page.locator('[data-testid=route-preview] li').count();
  expect(preview).toBeGreaterThan(3);
  await page.getByTestId('pitch-start').click();
  await landedAt(page, 0);
  expect(await stopsInUrl(page)).toHaveLength(preview);
}

describe('presenter mode', () => {
  it('drives a pitch by keyboard from the first stop to the last and back, each stop showing its own', async () => {
    const { page, log } = await openPage(h);
    await page.setViewportSize({ width: W, height: H });
    await startAiPitch(page);
    const { manifest, features } = await servedData(page);
    const record = new Map(features.map((f) => [f.properties.id, f]));
    const district = new Map(manifest.districts.map((d) => [d.id, d]));
    const aiParks = features
      .filter(
        (f) =>
          f.properties.roles.includes('city-park') &&
          f.properties.directions_own.some((d) => d.key === 'artificial-intelligence'),
      )
      .map((f) => f.properties.id)
      .sort();
    const stops = await stopsInUrl(page);
    expect(stops[0]).toBe('overview');
    expect(stops.at(-1)).toBe('closing');

    const inFree = async (lonLat: [number, number]) => {
      const p = await page.evaluate((ll) => window.__sdeMap?.project(ll), lonLat);
      const a = await freeArea(page);
      return !!p && p.x > a.left && p.x < a.right && p.y > a.top && p.y < a.bottom;
    };
    const parkPoint = (id: string) =>
      page.evaluate((id) => window.__sdeMap?.featureCoordinate('parks', id) ?? null, id);
    const parksShown = () => page.evaluate(() => window.__sdeMap?.rendered(['parks-symbol', 'parks-symbol-beside']));

    // Forward with every "next" key a clicker may send.
    const nextKeys = ['ArrowRight', 'Space', 'PageDown'];
    for (let i = 0; i < stops.length; i++) {
      if (i > 0) {
        await page.keyboard.press(nextKeys[i % nextKeys.length]);
        await landedAt(page, i);
      }
      const token = stops[i];
      const title = await page.getByTestId('stage-title').textContent();
      expect(await page.getByTestId('stage-count').textContent()).toBe(`第 ${i + 1} / ${stops.length} 站`);
      if (token === 'overview') {
        expect(title).toBe('苏州概览');
        const shown = await parksShown();
        for (const id of aiParks) expect(shown, id).toContain(id);
        // The city's figures for the direction carry their year and status.
        expect(await page.getByTestId('stage-figures').textContent()).toMatch(/20\d\d/);
      } else if (token.startsWith('d:')) {
        const id = token.slice(2);
        const d = district.get(id);
        expect(title).toBe(d?.name_zh);
        expect(await page.evaluate(() => window.__sdeMap?.selectedDistricts())).toEqual([id]);
        expect(await inFree(d?.anchor as [number, number]), id).toBe(true);
        expect(await page.locator('[data-testid=card]').count()).toBe(0);
      } else if (token.startsWith('r:')) {
        const id = token.slice(2);
        expect(title).toBe(record.get(id)?.properties.name_zh);
        expect(await parksShown()).toContain(id);
        const at = await parkPoint(id);
        expect(at).not.toBeNull();
        expect(await inFree(at as [number, number]), id).toBe(true);
        // The quoted source line and its document's title are on the caption.
        const quote = record.get(id)?.properties.sources[0]?.quote ?? '';
        expect(await page.getByTestId('stage-sources').textContent()).toContain(quote);
      } else {
        expect(token).toBe('closing');
        const shown = await parksShown();
        for (const id of aiParks) {
          expect(shown, id).toContain(id);
          expect(await inFree((await parkPoint(id)) as [number, number]), id).toBe(true);
        }
        const items = await page
          .locator('[data-testid=stage-items] li')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
        expect(items.sort()).toEqual(aiParks);
      }
      // The legend lists only what the stop shows.
      const legend = await page
        .locator('[data-testid=stage-legend] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-entry')));
      if (token.startsWith('d:')) expect(legend).toContain('selected');
      else expect(legend).not.toContain('selected');
    }
    if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'presenter-last-stop.png') });

    // Back, first and last stop.
    await page.keyboard.press('ArrowLeft');
    await landedAt(page, stops.length - 2);
    await page.keyboard.press('PageUp');
    await landedAt(page, stops.length - 3);
    await page.keyboard.press('Home');
    await landedAt(page, 0);
    await page.keyboard.press('End');
    await landedAt(page, stops.length - 1);
    await page.keyboard.press('Home');
    await landedAt(page, 0);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('sets type for the back of a room at 1920×1080: captions ≥ 28 px, map labels ≥ 18 px', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: W, height: H });
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&pitch=overview,d:sip,closing&stop=2');
    await landedAt(page, 1);
    const caption = await page.evaluate(() =>
      [...document.querySelectorAll('.stage-line, .stage-items .name')].map((e) =>
        Number.parseFloat(getComputedStyle(e).fontSize),
      ),
    );
    expect(caption.length).toBeGreaterThan(0);
    for (const px of caption) expect(px).toBeGreaterThanOrEqual(28);
    for (const layer of [
      'carriers-label',
      'districts-label',
      'neighbours-label',
      'parks-label-city',
      'gazetteer-town-label',
      'gazetteer-place-label',
      'gazetteer-transport-label',
    ]) {
      expect(await page.evaluate((l) => window.__sdeMap?.textSize(l), layer), layer).toBeGreaterThanOrEqual(18);
    }
    // The zoom buttons lie beside the caption column and below the stop progress bar, not under it.
    const zoomIn = await page.locator('.maplibregl-ctrl-zoom-in').boundingBox();
    const bar = await page.getByTestId('stage').locator('.stage-progress').boundingBox();
    if (!zoomIn || !bar) throw new Error('no zoom button or progress bar');
    expect(zoomIn.x).toBeGreaterThanOrEqual(bar.x);
    expect(zoomIn.y).toBeGreaterThanOrEqual(bar.y + bar.height);
    if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'presenter-1920.png') });
    // Off stage the labels are back to the page's sizes.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=stage]', { state: 'detached' });
    expect(await page.evaluate(() => window.__sdeMap?.textSize('carriers-label'))).toBe(11);
    expect(await page.locator('header').isVisible()).toBe(true);
    expect(await settledParam(page, 'pitch')).toBeNull();
    await page.close();
  });

  it('explores at a stop (pan, click, card) and returns to the stop exactly as it was', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: W, height: H });
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&pitch=overview,d:sip,closing&stop=2');
    await landedAt(page, 1);
    const atStop = await camera(page);
    const sel = await settledParam(page, 'sel');
    expect(sel).toBe('sip');
    // Click the district's city park on the map: its card opens over the stage.
    const { features } = await servedData(page);
    const park = features.find((f) => f.properties.roles.includes('city-park') && f.properties.district === 'sip');
    const at = await page.evaluate((id) => window.__sdeMap?.featureCoordinate('parks', id), park?.properties.id ?? '');
    const p = await page.evaluate((ll) => window.__sdeMap?.project(ll), at as [number, number]);
    if (p) await page.mouse.click(p.x, p.y);
    await page.waitForSelector(`[data-testid=card][data-id="${park?.properties.id}"]`);
    await page.waitForSelector('[data-testid=stage-resume].active');
    // Pan with the mouse and zoom in.
    const area = await freeArea(page);
    const x = (area.left + area.right) / 2;
    const y = (area.top + area.bottom) / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 200, y - 120, { steps: 8 });
    await page.mouse.up();
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(500);
    await idle(page);
    expect(await camera(page)).not.toEqual(atStop);
    // Back to the stop: one key.
    await page.keyboard.press('r');
    await landedAt(page, 1);
    const back = await camera(page);
    expect(back?.zoom).toBeCloseTo(atStop?.zoom ?? 0, 6);
    expect(back?.center[0]).toBeCloseTo(atStop?.center[0] ?? 0, 6);
    expect(back?.center[1]).toBeCloseTo(atStop?.center[1] ?? 0, 6);
    expect(await page.locator('[data-testid=card]').count()).toBe(0);
    expect(await page.evaluate(() => window.__sdeMap?.selectedDistricts())).toEqual(['sip']);
    expect(await page.locator('[data-testid=stage-resume].active').count()).toBe(0);
    // The visible button does the same.
    await page.mouse.wheel(0, -300);
    await page.waitForSelector('[data-testid=stage-resume].active');
    await page.getByTestId('stage-resume').click();
    await landedAt(page, 1);
    expect((await camera(page))?.zoom).toBeCloseTo(atStop?.zoom ?? 0, 6);
    await page.close();
  });

  it('a pitch link opens on the same stop in a fresh page, and the language switches mid-pitch', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: W, height: H });
    await startAiPitch(page);
    await page.keyboard.press('ArrowRight');
    await landedAt(page, 1);
    await page.keyboard.press('ArrowRight');
    await landedAt(page, 2);
    const link = await settledUrl(page);
    const title = await page.getByTestId('stage-title').textContent();
    const cam = await camera(page);

    const { page: fresh } = await openPage(h);
    await fresh.setViewportSize({ width: W, height: H });
    await gotoMap(fresh, h.origin, new URL(link).search);
    await fresh.waitForSelector('[data-testid=stage][data-stop="2"]');
    await idle(fresh);
    expect(await fresh.getByTestId('stage-title').textContent()).toBe(title);
    const freshCam = await camera(fresh);
    expect(freshCam?.zoom).toBeCloseTo(cam?.zoom ?? 0, 1);
    expect(freshCam?.center[0]).toBeCloseTo(cam?.center[0] ?? 0, 3);
    expect(freshCam?.center[1]).toBeCloseTo(cam?.center[1] ?? 0, 3);
    await fresh.close();

    // Language, mid-pitch: the caption, the count and the map's labels turn English; the stop stays.
    const { manifest } = await servedData(page);
    await page.getByTestId('stage-lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('stage-count').textContent()).toMatch(/^Stop 3 of \d+$/);
    expect(await settledParam(page, 'lang')).toBe('en');
    await idle(page);
    const labels = await page.evaluate(() => window.__sdeMap?.labels('districts-label'));
    const english = new Set(manifest.districts.map((d) => d.name_en));
    expect(labels?.length).toBeGreaterThan(0);
    for (const l of labels ?? []) expect(english.has(l), l).toBe(true);
    expect(await page.locator('[data-testid=stage]').getAttribute('data-stop')).toBe('2');
    await page.close();
  });

  it('swipes between stops on a tablet (1024×768) and leaves with Esc', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    await gotoMap(page, h.origin, '?pitch=overview,d:sip,d:wuzhong,closing');
    await landedAt(page, 0);
    const cdp = await context.newCDPSession(page);
    const swipe = async (fromX: number, toX: number) => {
      const y = 400;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fromX, y }] });
      for (let k = 1; k <= 5; k++)
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchMove',
          touchPoints: [{ x: fromX + ((toX - fromX) * k) / 5, y }],
        });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(300, 80);
    await landedAt(page, 1);
    await swipe(300, 80);
    await landedAt(page, 2);
    await swipe(80, 300);
    await landedAt(page, 1);
    // Controls are large enough to touch.
    const sizes = await page
      .locator('[data-testid=stage-controls] button')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const px of sizes) expect(px).toBeGreaterThanOrEqual(44);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=stage]', { state: 'detached' });
    await context.close();
  });

  it('starts a ready-made pitch of the ten city parks, in English', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: W, height: H });
    await gotoMap(page, h.origin, '?lang=en');
    const { features } = await servedData(page);
    const cityParks = features.filter((f) => f.properties.roles.includes('city-park')).map((f) => f.properties.id);
    await page.getByTestId('present').click();
    await page.getByTestId('pitch-builtin-ten-parks').click();
    await landedAt(page, 0);
    const stops = await stopsInUrl(page);
    expect(stops).toEqual(['overview', ...cityParks.map((id) => `r:${id}`), 'closing']);
    expect(await page.getByTestId('stage-title').textContent()).toBe('Suzhou at a glance');
    await page.keyboard.press('End');
    await landedAt(page, stops.length - 1);
    expect(await page.getByTestId('stage-title').textContent()).toBe('The matching parks side by side');
    expect(await page.locator('[data-testid=stage-items] li').count()).toBe(cityParks.length);
    await page.close();
  });

  it('edits the stops on stage: remove, reorder, and add what is selected on the map; the link follows', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: W, height: H });
    await gotoMap(page, h.origin, '?pitch=overview,d:sip,d:wuzhong,closing&stop=2');
    await landedAt(page, 1);
    await page.getByTestId('stage-edit').click();
    await page.getByTestId('stop-editor').waitFor();
    // Remove the closing stop.
    await page.locator('[data-testid=stop-editor] li[data-stop="3"] [data-testid=stop-remove]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('pitch') === 'overview,d:sip,d:wuzhong');
    // Move 吴中 before SIP: the stop shown stays SIP (now the third).
    await page.locator('[data-testid=stop-editor] li[data-stop="2"] button[aria-label^="上移"]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('pitch') === 'overview,d:wuzhong,d:sip');
    expect(await page.locator('[data-testid=stage]').getAttribute('data-stop')).toBe('2');
    expect(await page.getByTestId('stage-title').textContent()).toBe('苏州工业园区');
    // Select SIP's city park on the map and add it as the next stop.
    const { features } = await servedData(page);
    const park = features.find((f) => f.properties.roles.includes('city-park') && f.properties.district === 'sip');
    const id = park?.properties.id ?? '';
    const at = await page.evaluate((id) => window.__sdeMap?.featureCoordinate('parks', id), id);
    const p = await page.evaluate((ll) => window.__sdeMap?.project(ll), at as [number, number]);
    if (p) await page.mouse.click(p.x, p.y);
    await page.waitForSelector(`[data-testid=stop-add]:not([disabled])`);
    await page.getByTestId('stop-add').click();
    await page.waitForFunction(
      (id) => new URL(location.href).searchParams.get('pitch') === `overview,d:wuzhong,d:sip,r:${id}`,
      id,
    );
    await page.keyboard.press('ArrowRight');
    await landedAt(page, 3);
    expect(await page.getByTestId('stage-title').textContent()).toBe(park?.properties.name_zh);
    await page.close();
  });
});
