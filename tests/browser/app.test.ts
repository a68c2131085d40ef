/**
 * The built app in headless Chromium: loads offline with no console error, renders the ten parks,
 * filters by direction (map and count agree with the records), opens cards with their sources,
 * and handles bad URL parameters and a missing data file visibly.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarrierProps } from '../../src/domain/built';
import { PARK_MARKER_LAYERS } from '../../src/map/layers';
import { gotoMap, type Harness, openPage, servedData, settledUrl, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  h = await startHarness();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

/** The records as served, read in the page so the expectation comes from the data, not the UI. */
const served = servedData;

/** Whether a record is drawn as a park marker: a city park or an AI+ park. */
const isParkMarker = (p: CarrierProps) => p.park || p.roles.includes('ai-plus-park');

const rendered = (page: Page, layers: string[]) => page.evaluate((l) => window.__sdeMap?.rendered(l) ?? [], layers);

async function clickDirection(page: Page, key: string) {
  await page.click(`[data-direction="${key}"]`);
  await page.evaluate(() => window.__sdeMap?.idle());
}

/** Clicks the map canvas at a lon/lat (degrees). */
async function clickAt(page: Page, lonLat: [number, number]) {
  const box = await page.locator('.maplibregl-canvas').boundingBox();
  const p = await page.evaluate((ll) => window.__sdeMap?.project(ll), lonLat);
  if (!box || !p) throw new Error('map canvas not found');
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

describe('the map app', () => {
  it('loads with no request outside its origin and no console error, and renders all ten parks (and the AI+ parks)', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    expect(features.filter((f) => f.properties.park)).toHaveLength(10);
    const markers = features.filter((f) => isParkMarker(f.properties)).map((f) => f.properties.id);
    const shown = await rendered(page, PARK_MARKER_LAYERS);
    expect(shown).toEqual(markers.sort());
    for (const f of features.filter((x) => x.properties.park)) expect(shown).toContain(f.properties.id);
    await page.screenshot({ path: resolve(shots, 'default-view.png') });
    expect(log.foreignRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('leaves exactly the carriers and parks carrying a chosen direction, and says so', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { manifest, features } = await served(page);
    for (const key of ['blockchain', 'digital-culture-tourism', 'artificial-intelligence']) {
      await clickDirection(page, key);
      const carrying = features.filter((f) => f.properties.directions_own.some((d) => d.key === key));
      const count = page.getByTestId('match-count');
      expect(Number(await count.getAttribute('data-carriers')), key).toBe(carrying.length);
      expect(Number(await count.getAttribute('data-parks')), key).toBe(
        carrying.filter((f) => f.properties.park).length,
      );
      expect(await count.textContent()).toContain(`${carrying.length}/${manifest.counts.carriers}`);
      const located = carrying.filter((f) => f.geometry !== null && !f.properties.park).map((f) => f.properties.id);
      expect(await rendered(page, ['carriers-circle']), key).toEqual(located.sort());
      const parks = carrying.filter((f) => isParkMarker(f.properties)).map((f) => f.properties.id);
      expect(await rendered(page, PARK_MARKER_LAYERS), key).toEqual(parks.sort());
      await clickDirection(page, key);
    }
    expect(await rendered(page, PARK_MARKER_LAYERS)).toHaveLength(
      features.filter((f) => isParkMarker(f.properties)).length,
    );
    await page.close();
  });

  it('opens a park card with its document title and quote when the park is clicked', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { manifest, features } = await served(page);
    const park = features.find((f) => f.properties.park && f.geometry !== null);
    if (!park) throw new Error('no located park to click');
    await clickAt(page, (park.geometry as { coordinates: [number, number] }).coordinates);
    const card = page.getByTestId('card');
    await card.waitFor();
    expect(await card.getAttribute('data-id')).toBe(park.properties.id);
    const sources = await card.getByTestId('sources').textContent();
    const s001 = manifest.sources.find((s) => s.id === '001');
    expect(sources).toContain(s001?.title_zh);
    for (const s of park.properties.sources) expect(sources).toContain(s.quote);
    await page.close();
  });

  it('opens a district card listing its carriers; choosing one shows its card', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { manifest, features } = await served(page);
    const wujiang = manifest.districts.find((d) => d.id === 'wujiang');
    if (!wujiang) throw new Error('wujiang missing');
    // A point inside Wujiang away from its label and park: 30% up from the south edge of its bbox, mid-way across.
    await clickAt(page, [wujiang.anchor[0], wujiang.bbox[1] + 0.3 * (wujiang.bbox[3] - wujiang.bbox[1])]);
    const card = page.getByTestId('card');
    await card.waitFor();
    expect(await card.getAttribute('data-kind')).toBe('district');
    // Its headline figures, the undated ones (专栏3 gives no year) marked as such.
    const facts = manifest.facts.filter((f) => f.scope === 'wujiang');
    const undated = facts.filter((f) => f.year === undefined);
    expect(undated.length).toBeGreaterThan(0);
    expect(await card.getByTestId('facts').locator('li').count()).toBe(facts.length);
    expect(await card.getByTestId('undated').count()).toBe(undated.length);
    expect(await card.getByTestId('facts').textContent()).toContain(undated[0]?.source.quote);
    const listed = await card
      .locator('[data-carrier]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-carrier')));
    const expected = features.filter((f) => f.properties.districts.includes('wujiang')).map((f) => f.properties.id);
    expect(listed).toEqual(expected);
    await card.locator(`[data-carrier="${expected[1]}"]`).click();
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid=card]')?.getAttribute('data-id') === id,
      expected[1],
    );
    await page.close();
  });

  it('answers "where is …?": search finds a record by name and shows its card and its district', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    const target = features.find((f) => f.properties.name_zh === '国家超级计算昆山中心');
    if (!target) throw new Error('国家超级计算昆山中心 missing from the data');
    await page.getByTestId('search').fill('国家超级计算昆山中心');
    const first = page.getByTestId('search-hits').locator('[role=option]').first();
    expect(await first.getAttribute('data-id')).toBe(target.properties.id);
    await page.getByTestId('search').press('Enter');
    await page.locator(`[data-testid=card][data-id="${target.properties.id}"]`).waitFor();
    await page.evaluate(() => window.__sdeMap?.idle());
    // Known only by district: the card says so and the map outlines that district.
    expect(target.geometry).toBeNull();
    expect(await page.evaluate(() => window.__sdeMap?.selectedDistricts() ?? [])).toEqual(target.properties.districts);
    await page.getByTestId('search').fill('zzqqxx 不存在的名称');
    await page.getByTestId('search-none').waitFor();
    await page.close();
  });

  it('switches the whole interface, cards and map labels to English and back', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { manifest } = await served(page);
    const zhNames = manifest.districts.map((d) => d.name_zh);
    const enNames = manifest.districts.map((d) => d.name_en);
    const labels = () => page.evaluate(() => window.__sdeMap?.labels('districts-label') ?? []);
    expect((await labels()).every((l) => zhNames.includes(l))).toBe(true);
    await page.getByTestId('lang').click();
    await page.evaluate(() => window.__sdeMap?.idle());
    const en = await labels();
    expect(en.length).toBeGreaterThan(5);
    expect(en.every((l) => enNames.includes(l))).toBe(true);
    expect(await page.locator('header h1').textContent()).toBe('Suzhou Digital-Economy Industrial Map');
    expect(await page.getByTestId('legend').textContent()).toContain('Key carriers');
    expect(await settledUrl(page)).toContain('lang=en');
    await page.getByTestId('quality-open').click();
    expect(await page.getByTestId('quality').textContent()).toContain('Data quality');
    // A record card, reached by its English name: English name, kind and document title.
    const { features } = await served(page);
    const rec = features.find(
      (f) =>
        f.properties.sources.some((s) => s.doc === '003') && f.properties.reading_note && f.properties.aliases.length,
    );
    if (!rec) throw new Error('no record citing seed 003 with an alias and a reading note');
    const title003 = manifest.sources.find((s) => s.id === '003');
    await page.getByTestId('search').fill(rec.properties.name_en);
    await page.locator(`[data-testid=search-hits] [data-id="${rec.properties.id}"]`).click();
    const card = page.locator(`[data-testid=card][data-id="${rec.properties.id}"]`);
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toBe(rec.properties.name_en);
    expect(await card.getByTestId('sources').textContent()).toContain(title003?.title_en);
    expect(await card.getByTestId('reading').textContent()).toBe(rec.properties.reading_note);
    expect(await card.getByTestId('precision').textContent()).toContain(rec.properties.basis);
    // Documents are named by their titles, never by file names or seed numbers.
    const noFileNames = /seed\s*0\d\d|document\s*0\d\d|文件\s*0\d\d|\d{3}_[0-9a-f]{16}\.txt/i;
    expect(await card.textContent()).not.toMatch(noFileNames);
    await page.getByTestId('lang').click();
    await page.evaluate(() => window.__sdeMap?.idle());
    expect((await labels()).every((l) => zhNames.includes(l))).toBe(true);
    expect(await card.locator('h2').textContent()).toBe(rec.properties.name_zh);
    expect(await card.getByTestId('sources').textContent()).toContain(title003?.title_zh);
    expect(await card.getByTestId('reading').textContent()).toBe(rec.properties.reading_note_zh);
    expect(await card.getByTestId('precision').textContent()).toContain(rec.properties.basis_zh);
    expect(await card.textContent()).not.toMatch(noFileNames);
    expect(await page.getByTestId('legend').textContent()).toContain('主要产业载体');
    await page.getByTestId('quality-open').click();
    expect(await page.getByTestId('quality').textContent()).toContain('数据质量');
    await page.close();
  });

  it('shows the quality report: counts that add up, and every record not drawn as a point', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    await page.getByTestId('quality-open').click();
    // The report is a lazy chunk: wait for it to render before counting.
    await page.getByTestId('quality').waitFor();
    const listed = await page.getByTestId('quality-not-points').locator('li').count();
    expect(listed).toBe(features.filter((f) => f.geometry === null).length);
    const schematic = await page.getByTestId('quality-schematic').locator('[data-record]').count();
    expect(schematic).toBe(features.filter((f) => f.properties.extent === 'from-name').length);
    const { manifest } = await served(page);
    expect(await page.getByTestId('quality-undated').locator('li').count()).toBe(
      manifest.facts.filter((f) => f.year === undefined).length,
    );
    await page.close();
  });

  it('hides a kind of record when its layer toggle is cleared', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    await page.uncheck('[data-kind="carrier"]');
    await page.evaluate(() => window.__sdeMap?.idle());
    const rest = features.filter((f) => f.properties.kind !== 'carrier');
    const count = page.getByTestId('match-count');
    expect(Number(await count.getAttribute('data-carriers'))).toBe(rest.length);
    const located = rest.filter((f) => f.geometry !== null && !f.properties.park).map((f) => f.properties.id);
    expect(await page.evaluate(() => window.__sdeMap?.rendered(['carriers-circle']))).toEqual(located.sort());
    expect(await settledUrl(page)).toContain('kind=');
    await page.close();
  });

  it('draws a record spanning several districts as its set of districts, dashed when read from its name', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    const spanning = features.filter((f) => f.properties.precision === 'district-set');
    const stated = spanning.find((f) => f.properties.extent === 'stated');
    const fromName = spanning.find((f) => f.properties.extent === 'from-name');
    if (!stated || !fromName) throw new Error('need a stated and a from-name district-set record');
    for (const rec of [stated, fromName]) {
      const schematic = rec.properties.extent === 'from-name';
      await page.getByTestId('quality-open').click();
      await page.locator(`[data-testid=quality-not-points] [data-record="${rec.properties.id}"]`).click();
      const card = page.locator(`[data-testid=card][data-id="${rec.properties.id}"]`);
      await card.waitFor();
      await page.evaluate(() => window.__sdeMap?.idle());
      const outlined = await page.evaluate((s) => window.__sdeMap?.selectedDistricts(s) ?? [], schematic);
      expect(outlined.sort(), rec.properties.id).toEqual([...rec.properties.districts].sort());
      expect(await page.evaluate((s) => window.__sdeMap?.selectedDistricts(s) ?? [], !schematic)).toEqual([]);
      expect(await card.getByTestId('schematic').count(), rec.properties.id).toBe(schematic ? 1 : 0);
    }
    expect(await page.getByTestId('legend').textContent()).toContain('由名称推断（示意）');
    await page.close();
  });

  it('ignores bad URL parameters with a notice and applies the good ones', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin, '?dir=blockchain,not-a-direction&district=atlantis');
    expect(await page.getByTestId('notice').textContent()).toContain('not-a-direction');
    expect(await page.locator('[data-direction="blockchain"]').getAttribute('aria-pressed')).toBe('true');
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('shows an error, not a blank map, when a data file is missing', async () => {
    const { page } = await openPage(h);
    await page.route('**/data/manifest.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${h.origin}/`);
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toContain('manifest.json');
    await page.close();
  });
});
