/**
 * The tiled data path at 100,000 carriers in headless Chromium: a synthetic data folder built with
 * the CLI (`tsx geo/build/synthetic.ts --count 100000 --out DIR`, timed) is served in place of the
 * build's `data/`; the map draws the carriers from vector tiles (merged dots in the city view, each
 * saying how many records it holds), a direction chosen in the filter panel leaves only features
 * carrying it (and the count agrees with the index), and clicking a carrier opens its card with the
 * full record fetched from its shard. What the page cannot hold says so: a district card lists its
 * first `TILED_LIST_MAX` records with a note, and the search says record names match as written.
 * Nothing is requested outside the app's origin.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CarrierIndexFile, DIR_FLAG, type RecordShard, shardFile, shardOf } from '../../src/data/carrierIndex';
import { TILED_LIST_MAX } from '../../src/ui/tiledNotes';
import { gotoMap, type Harness, openPage, settledUrl, startHarness } from './harness';

const root = resolve(import.meta.dirname, '..', '..');
const COUNT = 100_000;
let h: Harness;
let dataDir: string;
let index: CarrierIndexFile;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sde-tiled-'));
  const t0 = performance.now();
  const report = execFileSync(
    process.execPath,
    [
      resolve(root, 'node_modules/tsx/dist/cli.mjs'),
      'geo/build/synthetic.ts',
      '--count',
      String(COUNT),
      '--out',
      dataDir,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  console.log(`${report.trim()}\n  (CLI took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  index = JSON.parse(readFileSync(join(dataDir, 'carrier-index.json'), 'utf8'));
  h = await startHarness({ dataDir });
});
afterAll(async () => {
  await h?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const idle = (page: Page) => page.evaluate(() => window.__sdeMap?.idle());
const renderedProps = (page: Page) =>
  page.evaluate(() => window.__sdeMap?.renderedProperties(['carriers-circle']) ?? []);
const renderedIds = (page: Page) => page.evaluate(() => window.__sdeMap?.rendered(['carriers-circle']) ?? []);

/** Index rows whose own directions include `key` (the filter without `inherit`). */
const carrying = (key: string) => index.columns.dirs.filter((d) => index.dirSets[d].includes(`|${key}|`)).length;

describe('the tiled map at 100,000 carriers', () => {
  it('draws the carriers from vector tiles, filters them and counts them', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.url);
    expect(index.count).toBe(COUNT);
    expect(await page.evaluate(() => window.__sdeMap?.sources())).toContain('carriers');
    // The city view draws merged dots (geo/build/tiles.ts `mergeForZoom`): about 160, not 90,000,
    // and together they hold the located records (each says how many in `n`).
    const drawn = await renderedIds(page);
    const located = index.columns.lon.filter((lon, i) => lon !== null && index.columns.park[i] === 0).length;
    expect(drawn.length).toBeGreaterThan(100);
    expect(drawn.length).toBeLessThan(located / 100);
    const held = (await renderedProps(page)).reduce((sum, p) => sum + Number(p.n), 0);
    expect(held).toBeGreaterThan(0.9 * located);
    expect(held).toBeLessThanOrEqual(located);
    const count = page.getByTestId('match-count');
    expect(Number(await count.getAttribute('data-carriers'))).toBe(COUNT);

    const key = 'blockchain';
    await page.click(`[data-direction="${key}"]`);
    await idle(page);
    expect(Number(await count.getAttribute('data-carriers'))).toBe(carrying(key));
    const props = await renderedProps(page);
    expect(props.length).toBeGreaterThan(50);
    expect(props.length).toBeLessThan(drawn.length);
    for (const p of props) expect(p[DIR_FLAG + key], String(p.id)).toBe(true);

    // Closer in, from zoom MERGE_BELOW (12), every record is its own feature: still only those
    // carrying the direction.
    await page.goto(`${h.url}/?dir=${key}&view=120.7,31.31,12`);
    await page.waitForFunction(() => window.__sdeMap !== undefined);
    await idle(page);
    const near = await renderedProps(page);
    expect(near.length).toBeGreaterThan(20);
    for (const p of near) {
      expect(p[DIR_FLAG + key], String(p.id)).toBe(true);
      expect(p.n).toBe(1);
    }
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    await page.close();
  });

  it('opens a carrier card with the full record fetched on demand', async () => {
    const { page, log } = await openPage(h);
    // A synthetic site record (its own point), shown close up.
    const row = index.columns.id.findIndex(
      (id, i) => id.startsWith('syn-') && index.precisions[index.columns.precision[i]] === 'site' && i > 5000,
    );
    const id = index.columns.id[row];
    const lonLat: [number, number] = [index.columns.lon[row] ?? 0, index.columns.lat[row] ?? 0].map((v) => v / 1e5) as [
      number,
      number,
    ];
    await gotoMap(page, h.url, `?view=${lonLat[0]},${lonLat[1]},15`);
    const rendered = await renderedIds(page);
    expect(rendered).toContain(id);
    const shards: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/records/')) shards.push(r.url());
    });
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    const at = await page.evaluate((ll) => window.__sdeMap?.project(ll), lonLat);
    if (!box || !at) throw new Error('map canvas not found');
    await page.mouse.click(box.x + at.x, box.y + at.y);
    const card = page.locator('[data-testid="card"][data-kind="carrier"]:not([data-loading])');
    await card.waitFor({ timeout: 30_000 });
    const shown = String(await card.getAttribute('data-id'));
    // The click may pick a record drawn over this one: whichever, its full record is shown.
    const file = shardFile(index.records.url, shardOf(shown, index.records.shards));
    const record = (JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as RecordShard)[shown];
    expect(record).toBeDefined();
    expect(await card.locator('h2, h1').first().textContent()).toContain(record.name_zh);
    const sources = await card.getByTestId('sources').textContent();
    for (const s of record.sources) expect(sources).toContain(s.quote);
    if (record.reading_note_zh)
      expect(await card.getByTestId('reading').textContent()).toContain(record.reading_note_zh);
    expect(shards).toEqual([`${h.url}/data/${file}`]);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('says what it cuts: a district card lists its first records with a note, the search its limit', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.url, '?sel=sip');
    const inSip = index.columns.district.filter((d) => index.districts[d] === 'sip').length;
    expect(inSip).toBeGreaterThan(TILED_LIST_MAX);
    await page.getByTestId('district-list-cut').waitFor();
    expect(await page.locator('[data-testid=district-carriers] > li').count()).toBe(TILED_LIST_MAX);
    expect(await page.getByTestId('district-list-cut').textContent()).toContain(String(TILED_LIST_MAX));

    await page.getByTestId('search').fill('苏州');
    await page.getByTestId('search-hits').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('search-large').textContent()).toContain('字面');
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('zooms in towards a merged dot when it is clicked, instead of opening one of its records', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.url);
    const merged = (await renderedProps(page)).find((p) => Number(p.n) > 1);
    if (!merged) throw new Error('no merged dot in the city view');
    // A merged dot stands at its first record's point (geo/build/tiles.ts `mergeForZoom`).
    const row = index.columns.id.indexOf(String(merged.id));
    const lonLat = [index.columns.lon[row] ?? 0, index.columns.lat[row] ?? 0].map((v) => v / 1e5) as [number, number];
    const before = await page.evaluate(() => window.__sdeMap?.camera());
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    const at = await page.evaluate((ll) => window.__sdeMap?.project(ll), lonLat);
    if (!box || !at || !before) throw new Error('map canvas not found');
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForFunction((z) => (window.__sdeMap?.camera().zoom ?? 0) > z + 1.5, before.zoom, {
      timeout: 30_000,
    });
    await idle(page);
    const url = await settledUrl(page);
    expect(await page.locator('[data-testid="card"][data-kind="carrier"]').count()).toBe(0);
    expect(url).not.toContain('sel=');
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });
});
