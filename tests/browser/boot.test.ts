/**
 * The map starts before the UI (issue 12: the first JS is MapLibre and the map's own code; src/main.ts,
 * src/map/live.ts): the entry chunk and its preloads hold no React, the map is created and loads
 * while the UI's chunk (src/ui/mount.tsx) is still on its way, the UI then takes it into its map
 * area framed as on a page that loaded in the usual order, and a UI chunk that cannot load gives a
 * message, not a blank page.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, type Harness, openPage, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A string every minified React build carries: the address of its error-message decoder. */
const REACT_MARK = 'react.dev/errors/';

const hasReact = (code: string) => code.includes(REACT_MARK);

describe('the map before the UI', () => {
  it('ships no React in the first JS, and React in the UI chunk', () => {
    const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
    const entry = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
    for (const f of [entry as string, ...preloads])
      expect(hasReact(readFileSync(resolve(dist, f), 'utf8')), f).toBe(false);
    const manifest = JSON.parse(readFileSync(resolve(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      { file: string; imports?: string[] }
    >;
    const ui = Object.entries(manifest).find(([k]) => k.endsWith('ui/mount.tsx'))?.[1];
    expect(ui).toBeTruthy();
    const uiFiles = [ui?.file as string, ...(ui?.imports ?? []).map((k) => manifest[k].file)];
    expect(uiFiles.some((f) => hasReact(readFileSync(resolve(dist, f), 'utf8')))).toBe(true);
  });

  it('creates and loads the map while the UI chunk is held back, then the UI takes it, framed as usual', async () => {
    const { page, log } = await openPage(h);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/mount-[^/]+\.js$/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${h.url}`);
    // The map is made, loads and applies the page's state (its district groups are drawn), hidden,
    // with no UI yet: no header, no test hook.
    await page.waitForSelector('.map.map-waiting .district-group', { state: 'attached', timeout: 60_000 });
    expect(await page.locator('header').count()).toBe(0);
    expect(await page.evaluate(() => window.__sdeMap === undefined)).toBe(true);

    release();
    await page.waitForFunction(() => window.__sdeMap !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__sdeMap?.idle());
    // Now inside the map area, shown, at the map area's size.
    expect(await page.locator('.map-waiting').count()).toBe(0);
    const fits = await page.evaluate(() => {
      const area = document.querySelector('.map-area')?.getBoundingClientRect();
      const map = document.querySelector('.map-area [data-testid=map]')?.getBoundingClientRect();
      return area && map && area.width === map.width && area.height === map.height && area.width > 0;
    });
    expect(fits).toBe(true);
    // Framed for the map area, not for the window it loaded in: the city's bbox lies inside the map,
    // with the frame margin (40 px, src/map/mapState.ts) at both ends of one axis (the other, narrower
    // axis may be shifted by the camera's bounds).
    const margins = await page.evaluate(async () => {
      const manifest = (await (await fetch('data/manifest.json')).json()) as { bbox: [number, number, number, number] };
      const [w, s, e, n] = manifest.bbox;
      const hook = window.__sdeMap;
      const canvas = document.querySelector('.map-area canvas') as HTMLCanvasElement | null;
      if (!hook || !canvas) return null;
      const a = hook.project([w, n]);
      const b = hook.project([e, s]);
      return { left: a.x, top: a.y, right: canvas.clientWidth - b.x, bottom: canvas.clientHeight - b.y };
    });
    expect(margins).not.toBeNull();
    const m = margins as { left: number; top: number; right: number; bottom: number };
    for (const side of Object.values(m)) expect(side, JSON.stringify(m)).toBeGreaterThanOrEqual(0);
    const off = (x: number, y: number) => Math.abs(x - 40) + Math.abs(y - 40);
    expect(Math.min(off(m.left, m.right), off(m.top, m.bottom)), JSON.stringify(m)).toBeLessThan(2);
    expect(
      await page.evaluate(() => window.__sdeMap?.rendered(['parks-symbol', 'parks-symbol-beside']).length),
    ).toBeGreaterThan(0);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
  });

  it('says the page could not load, in the link’s language, when the UI chunk fails', async () => {
    const { page } = await openPage(h);
    await page.route(/\/assets\/mount-[^/]+\.js$/, (route: Route) => route.abort());
    await page.goto(`${h.url}?lang=en`);
    const alert = page.locator('#root [role=alert]');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain('The page could not load');
  });
});
