/**
 * Slides and handouts (issue 10, item 5) in the built app: the current view exported as PNG at
 * screen size (the map's size × devicePixelRatio) and at A4 300 dpi (3508 × 2480), each checked for
 * its dimensions (read from the PNG's IHDR) and for not being blank (decoded in the page); the live
 * map untouched (no `preserveDrawingBuffer`, same camera, one map canvas, the test hook still its
 * own); no request outside the origin; the export code loaded only on demand. Then every stop of a
 * pitch as PNG, and the printable handout: one page per stop, printed to a 3-page A4 PDF.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, type PageLog, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  h = await startHarness();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

/** A page in its own context (downloads accepted, a given device pixel ratio) that logs like `openPage`. */
async function openExportPage(
  viewport: { width: number; height: number },
  deviceScaleFactor: number,
): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const context = await h.browser.newContext({ viewport, deviceScaleFactor, acceptDownloads: true });
  const page = await context.newPage();
  const log: PageLog = { foreignRequests: [], consoleErrors: [], consoleWarnings: [], pageErrors: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== h.origin) log.foreignRequests.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.message));
  return { context, page, log };
}

/** Width and height (px) from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Decodes a PNG in the page and measures a region (fractions of the image): distinct colours
 * (quantised to 4 bits a channel) and the standard deviation of luminance.
 */
async function pixelStats(page: Page, png: Buffer, region = { x0: 0, y0: 0, x1: 1, y1: 1 }) {
  return page.evaluate(
    async ({ b64, region }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const w = 480;
      const hh = Math.round((w * bitmap.height) / bitmap.width);
      const canvas = new OffscreenCanvas(w, hh);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      ctx.drawImage(bitmap, 0, 0, w, hh);
      const x0 = Math.floor(region.x0 * w);
      const y0 = Math.floor(region.y0 * hh);
      const data = ctx.getImageData(x0, y0, Math.floor(region.x1 * w) - x0, Math.floor(region.y1 * hh) - y0).data;
      const colours = new Set<number>();
      let sum = 0;
      let sum2 = 0;
      const n = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
        const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
        sum += y;
        sum2 += y * y;
      }
      const mean = sum / n;
      return { colours: colours.size, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)) };
    },
    { b64: png.toString('base64'), region },
  );
}

/** Opens the visible export menu and chooses an item; resolves with the download and how long it took (ms). */
async function exportOne(page: Page, item: string): Promise<{ download: Download; bytes: Buffer; ms: number }> {
  await page.locator('[data-testid="export"]:visible').first().click();
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.locator(`[data-testid="export-${item}"]:visible`).first().click(),
  ]);
  const path = await download.path();
  const ms = Date.now() - started;
  return { download, bytes: readFileSync(path), ms };
}

/** What the live map is after an export: one map canvas, no kept drawing buffer, its camera. */
async function liveMap(page: Page) {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.maplibregl-canvas')];
    const gl = canvases[0]?.getContext('webgl2') ?? canvases[0]?.getContext('webgl');
    return {
      canvases: canvases.length,
      preserveDrawingBuffer: gl?.getContextAttributes()?.preserveDrawingBuffer,
      camera: window.__sdeMap?.camera(),
      parks: window.__sdeMap?.rendered(['parks-symbol']).length ?? 0,
      snapshotLeft: document.querySelectorAll('.snapshot-map').length,
    };
  });
}

/** Whether a script or style whose URL contains `name` has been loaded. */
const loaded = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByType('resource').some((r) => r.name.includes(n)), name);

/** The map container's size (CSS px). */
const mapSize = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('[data-testid="map"]')?.getBoundingClientRect();
    return { width: r?.width ?? 0, height: r?.height ?? 0 };
  });

describe('slides and handouts', () => {
  it('exports the current view as PNG at screen size and at A4 300 dpi, leaving the live map as it was', async () => {
    const { context, page, log } = await openExportPage({ width: 1280, height: 800 }, 1);
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&sel=sip');
    const before = await liveMap(page);
    expect(before.canvases).toBe(1);
    expect(before.preserveDrawingBuffer).toBe(false);
    // The export code is not in the first script: it loads when an export is chosen.
    expect(await loaded(page, 'exportView')).toBe(false);

    const screen = await exportOne(page, 'screen');
    const size = await mapSize(page);
    expect(screen.download.suggestedFilename()).toBe('suzhou-digital-economy-artificial-intelligence-screen.png');
    expect(pngSize(screen.bytes)).toEqual({ width: Math.round(size.width), height: Math.round(size.height) });
    expect(await loaded(page, 'exportView')).toBe(true);

    const a4 = await exportOne(page, 'a4');
    expect(a4.download.suggestedFilename()).toBe('suzhou-digital-economy-artificial-intelligence-a4.png');
    expect(pngSize(a4.bytes)).toEqual({ width: 3508, height: 2480 });
    writeFileSync(resolve(shots, 'export-screen.png'), screen.bytes);
    writeFileSync(resolve(shots, 'export-a4.png'), a4.bytes);
    console.log(`export timings: screen ${screen.ms} ms, A4 ${a4.ms} ms`);

    for (const png of [screen.bytes, a4.bytes]) {
      // The whole slide, and the map part of it alone, are far from blank.
      const all = await pixelStats(page, png);
      expect(all.colours).toBeGreaterThan(100);
      expect(all.stddev).toBeGreaterThan(15);
      const map = await pixelStats(page, png, { x0: 0.05, y0: 0.2, x1: 0.6, y1: 0.8 });
      expect(map.colours).toBeGreaterThan(40);
      expect(map.stddev).toBeGreaterThan(8);
    }
    // Far larger than a blank image of the same size would compress to.
    expect(a4.bytes.length).toBeGreaterThan(300_000);

    const after = await liveMap(page);
    expect(after.canvases).toBe(1);
    expect(after.snapshotLeft).toBe(0);
    expect(after.preserveDrawingBuffer).toBe(false);
    expect(after.camera).toEqual(before.camera);
    expect(after.parks).toBe(before.parks);
    expect(await page.getByTestId('export-status').textContent()).toMatch(/已导出/);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    await context.close();
  });

  it('at devicePixelRatio 2 the screen PNG has twice the map size; a rotated view exports too', async () => {
    const { context, page, log } = await openExportPage({ width: 1000, height: 700 }, 2);
    await gotoMap(page, h.origin, '?lang=en&view=120.6200,31.3000,10.2,30');
    const before = await liveMap(page);
    const shot = await exportOne(page, 'screen');
    const size = await mapSize(page);
    expect(shot.download.suggestedFilename()).toBe('suzhou-digital-economy-overview-screen.png');
    expect(pngSize(shot.bytes)).toEqual({ width: Math.round(size.width * 2), height: Math.round(size.height * 2) });
    const map = await pixelStats(page, shot.bytes, { x0: 0.05, y0: 0.2, x1: 0.6, y1: 0.8 });
    expect(map.colours).toBeGreaterThan(40);
    writeFileSync(resolve(shots, 'export-rotated-dpr2.png'), shot.bytes);
    const after = await liveMap(page);
    expect(after.camera).toEqual(before.camera);
    expect(after.preserveDrawingBuffer).toBe(false);
    expect(await page.getByTestId('export-status').textContent()).toMatch(/Exported/);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('exports every stop of a pitch as PNG and prints a handout with one page per stop', async () => {
    const { context, page, log } = await openExportPage({ width: 1280, height: 800 }, 1);
    await page.addInitScript(() => {
      const w = window as unknown as { __printed: number };
      w.__printed = 0;
      window.print = () => {
        w.__printed += 1;
      };
    });
    await gotoMap(page, h.origin, '?pitch=overview,d:sip,closing&stop=2');
    await page.locator('[data-testid="export"]:visible').first().waitFor({ timeout: 30_000 });
    const before = await liveMap(page);

    // All stops: three PNGs at screen size, named by stop.
    await page.locator('[data-testid="export"]:visible').first().click();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.locator('[data-testid="export-stops"]:visible').first().click();
    await expect.poll(() => downloads.length, { timeout: 120_000 }).toBe(3);
    const size = await mapSize(page);
    for (const [i, d] of downloads.entries()) {
      expect(d.suggestedFilename()).toBe(`suzhou-digital-economy-overview-stop-0${i + 1}-screen.png`);
      const bytes = readFileSync(await d.path());
      expect(pngSize(bytes)).toEqual({ width: Math.round(size.width), height: Math.round(size.height) });
      expect((await pixelStats(page, bytes, { x0: 0.05, y0: 0.2, x1: 0.6, y1: 0.8 })).colours).toBeGreaterThan(30);
      if (i === 1) writeFileSync(resolve(shots, 'export-stop-2.png'), bytes);
    }

    // The handout: three pages with loaded, non-blank images, then the print dialog.
    await page.locator('[data-testid="export"]:visible').first().click();
    await page.locator('[data-testid="export-handout"]:visible').first().click();
    await page.waitForSelector('[data-testid="handout"][data-ready="true"]', { timeout: 120_000 });
    expect(await page.locator('[data-testid="handout-page"]').count()).toBe(3);
    const images = await page.evaluate(async () => {
      const out: Array<{ width: number; height: number; colours: number }> = [];
      for (const img of document.querySelectorAll<HTMLImageElement>('[data-testid="handout-page"] img')) {
        await img.decode();
        const c = new OffscreenCanvas(320, 200);
        const ctx = c.getContext('2d');
        if (!ctx) throw new Error('no 2D context');
        ctx.drawImage(img, 0, 0, 320, 200);
        const d = ctx.getImageData(0, 0, 320, 200).data;
        const colours = new Set<number>();
        for (let i = 0; i < d.length; i += 4)
          colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
        out.push({ width: img.naturalWidth, height: img.naturalHeight, colours: colours.size });
      }
      return out;
    });
    expect(images).toHaveLength(3);
    for (const img of images) {
      expect([img.width, img.height]).toEqual([1600, 1000]);
      expect(img.colours).toBeGreaterThan(50);
    }
    // Each page carries its caption and, for the district, its sources with quotes.
    const pages = page.locator('[data-testid="handout-page"]');
    expect(await pages.nth(1).locator('h2').textContent()).toMatch(/工业园区|SIP/);
    expect(await pages.nth(1).locator('blockquote').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

    // A modal dialog for the keyboard: the focus is inside, Tab stays inside, Esc gives it back to Export.
    const inHandout = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid="handout"]'));
    expect(await inHandout()).toBe(true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await inHandout()).toBe(true);
    }
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(resolve(shots, 'handout.pdf'), pdf);
    const pageObjects = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pageObjects).toHaveLength(3);

    // Closing it (the browser's afterprint after printing, else Esc) gives the focus back to Export.
    if ((await page.locator('[data-testid="handout"]').count()) > 0) await page.keyboard.press('Escape');
    await page.locator('[data-testid="handout"]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="export"]') !== null)).toBe(true);

    const after = await liveMap(page);
    expect(after.canvases).toBe(1);
    expect(after.preserveDrawingBuffer).toBe(false);
    expect(after.camera).toEqual(before.camera);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
