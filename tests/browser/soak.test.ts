/**
 * Soak (issue 13, part 6): a few hundred seeded random interactions with the built app — filters,
 * language, search, clicks on the map, cards, pan and zoom, back and forward, the workbench's tools
 * and presenter steps — with no console error, no uncaught exception, no request leaving the origin,
 * and the JS heap after (garbage collected) within a stated margin of the heap before.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Interactions per run: enough to cycle every kind many times, within the CI budget (~2 min). */
const STEPS = Number(process.env.SOAK_STEPS ?? 200);
/** Seed of the interaction sequence (a failure names it, so it can be replayed). */
const SEED = Number(process.env.SOAK_SEED ?? 20261130);
/**
 * Heap after may exceed heap before by at most this much (MB): caches filled on first use (the
 * search index, the gazetteer, the district polygons, lazy chunks) are loaded before the "before"
 * measurement by a warm-up pass in the same page, so what remains is growth per interaction.
 */
const HEAP_MARGIN_MB = 8;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Back to a neutral view in the same page (no reload, so a leak would still show): off stage, no card, no tool. */
async function settle(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await tryClick(page, '[data-testid=workbench-close]');
  await page.waitForTimeout(500);
}

/** JS heap in use (MB) after a full garbage collection, read through the DevTools protocol. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

const DIRECTIONS = ['artificial-intelligence', 'blockchain', 'integrated-circuits', 'big-data-cloud', 'esports'];
const SEARCHES = ['园区', 'sip', 'AI', '苏州', 'lab', '<script>', '金鸡湖'];
const TOOLS = ['table', 'charts', 'compare', 'near', 'sites', 'download'];

/**
 * Clicks if the control can be clicked soon: a random sequence may ask for one that is covered or
 * gone (a closed drawer's tab); skipping it is not an app error — errors are caught from the console.
 */
async function tryClick(page: Page, selector: string): Promise<void> {
  await page
    .locator(selector)
    .first()
    .click({ timeout: 2000 })
    .catch(() => undefined);
}

/** One random interaction; returns its name (for the failure message). */
async function step(page: Page, rnd: () => number): Promise<string> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const box = await page
    .locator('.maplibregl-canvas')
    .boundingBox({ timeout: 5000 })
    .catch(async () => {
      await page.screenshot({ path: resolve(shots, 'soak-no-map.png') });
      throw new Error(`no map canvas at ${page.url()}`);
    });
  // On stage (also while the stage's code is still loading) the header is hidden: drive the stage.
  const onStage = (await page.locator('.app.on-stage').count()) > 0;
  if (onStage) {
    const key = pick(['ArrowRight', 'ArrowLeft', 'End', 'Home', 'r', 'Escape']);
    await page.keyboard.press(key);
    return `stage ${key}`;
  }
  const r = rnd();
  if (r < 0.18) {
    const d = pick(DIRECTIONS);
    await tryClick(page, `[data-direction="${d}"]`);
    return `direction ${d}`;
  }
  if (r < 0.26) {
    await tryClick(page, '[data-testid=lang]');
    return 'language';
  }
  if (r < 0.36 && box) {
    await page.mouse.click(box.x + rnd() * box.width, box.y + rnd() * box.height);
    return 'map click';
  }
  if (r < 0.44 && box) {
    const x = box.x + box.width * (0.3 + 0.4 * rnd());
    const y = box.y + box.height * (0.3 + 0.4 * rnd());
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + (rnd() - 0.5) * 300, y + (rnd() - 0.5) * 200, { steps: 4 });
    await page.mouse.up();
    return 'pan';
  }
  if (r < 0.5 && box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, (rnd() - 0.5) * 800);
    return 'zoom';
  }
  if (r < 0.58) {
    const input = page.locator('.search input');
    if (!(await input.isVisible())) return 'search (hidden)';
    await input.fill(pick(SEARCHES));
    await page.waitForTimeout(150);
    if (rnd() < 0.6) await input.press('ArrowDown');
    await input.press(rnd() < 0.5 ? 'Enter' : 'Escape');
    return 'search';
  }
  if (r < 0.64) {
    await page.keyboard.press('Escape');
    return 'escape';
  }
  if (r < 0.72) {
    if (rnd() < 0.5) await page.goBack().catch(() => undefined);
    else await page.goForward().catch(() => undefined);
    return 'history';
  }
  if (r < 0.84) {
    const open = (await page.locator('[data-testid=workbench]').count()) > 0;
    if (!open || rnd() < 0.2) await tryClick(page, '[data-testid=workbench-open]');
    else await tryClick(page, `[data-tool="${pick(TOOLS)}"]`);
    return 'workbench';
  }
  if (r < 0.9) {
    await tryClick(page, `[data-testid=${pick(['city', 'quality-open'])}]`);
    return 'panel';
  }
  await tryClick(page, '[data-testid=present]');
  await tryClick(page, '[data-testid=pitch-builtin-ten-parks]');
  return 'present';
}

describe('soak', () => {
  it(`survives ${STEPS} seeded random interactions without an error, with stable memory`, async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    // Warm-up: every lazy part loaded once (each tool, the charts, the search index, the panels,
    // the stage), then random steps, so "before" already holds what is cached for good.
    await tryClick(page, '[data-testid=workbench-open]');
    for (const tool of TOOLS) {
      await tryClick(page, `[data-tool="${tool}"]`);
      await page.waitForTimeout(300);
    }
    await page.locator('.search input').fill('园区');
    await page.waitForTimeout(500);
    await settle(page);
    for (const panel of ['city', 'quality-open']) await tryClick(page, `[data-testid=${panel}]`);
    await tryClick(page, '[data-testid=present]');
    await tryClick(page, '[data-testid=pitch-builtin-ai]');
    await page.waitForTimeout(1500);
    await settle(page);
    const warm = prng(SEED + 1);
    for (let i = 0; i < 60; i++) await step(page, warm);
    await settle(page);
    const before = await heapAfterGc(page);
    const rnd = prng(SEED);
    const done: string[] = [];
    for (let i = 0; i < STEPS; i++) {
      done.push(await step(page, rnd));
      if (log.pageErrors.length > 0 || log.consoleErrors.length > 0) break;
    }
    await settle(page);
    const after = await heapAfterGc(page);
    if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'soak-end.png') });
    const context = `seed ${SEED}, last steps: ${done.slice(-5).join(' → ')}`;
    expect(log.pageErrors, context).toEqual([]);
    expect(log.consoleErrors, context).toEqual([]);
    expect(log.foreignRequests, context).toEqual([]);
    expect(done.length).toBe(STEPS);
    console.log(`soak: ${STEPS} steps, heap before ${before.toFixed(1)} MB, after ${after.toFixed(1)} MB`);
    expect(after - before, `heap grew from ${before.toFixed(1)} to ${after.toFixed(1)} MB`).toBeLessThan(
      HEAP_MARGIN_MB,
    );
    await page.close();
  }, 420_000);
});
