/**
 * Search in the built app: what people type finds the right thing (a direction by a synonym in
 * either language, a district by pinyin or its initials, a record by the name the documents use,
 * a station), results say why, choosing a direction presses its chip, choosing a station frames
 * the map on it, and the index is not built before the search box is used.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, servedData, settledUrl, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The data as served: the manifest, the records' properties and the gazetteer's places. */
async function served(page: Page) {
  const { manifest, features, places } = await servedData(page);
  return { manifest, records: features.map((f) => f.properties), places };
}

/** Types a query and returns the options shown (type, id, reason field and reason text), in order. */
async function results(page: Page, query: string) {
  await page.getByTestId('search').fill(query);
  const options = page.getByTestId('search-hits').locator('[role=option]');
  await options.first().waitFor();
  return options.evaluateAll((els) =>
    els.map((e) => ({
      type: e.getAttribute('data-type'),
      id: e.getAttribute('data-id'),
      reason: e.getAttribute('data-reason'),
      why: e.querySelector('[data-testid=search-why]')?.textContent ?? null,
    })),
  );
}

describe('search', () => {
  it('builds its index only when the search box is first used', async () => {
    const { page, log } = await openPage(h);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await gotoMap(page, h.origin);
    const atStart = [...scripts];
    await page.getByTestId('search').focus();
    await page.getByTestId('search').fill('苏州');
    await page.getByTestId('search-hits').waitFor();
    // The search code (fuse.js, pinyin-pro) is a chunk of its own, fetched on first use.
    const late = scripts.filter((s) => !atStart.includes(s));
    expect(late.length).toBeGreaterThan(0);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('finds the integrated-circuits direction by 半导体 and by "semiconductor", saying why, in the interface language', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { manifest } = await served(page);
    const ic = manifest.directions.find((d) => d.key === 'integrated-circuits');
    expect(ic?.synonyms, 'geo/directions.yaml gives integrated-circuits its search synonyms').toEqual(
      expect.arrayContaining(['半导体', 'semiconductor']),
    );
    const zh = await results(page, '半导体');
    expect(zh[0]).toEqual({ type: 'direction', id: 'integrated-circuits', reason: 'synonym', why: '同义词：半导体' });
    const en = await results(page, 'semiconductor');
    expect(en[0]).toMatchObject({ type: 'direction', id: 'integrated-circuits', why: '同义词：semiconductor' });
    await page.getByTestId('lang').click();
    const inEnglish = await results(page, 'semiconductor');
    expect(inEnglish[0]).toMatchObject({ id: 'integrated-circuits', why: 'synonym: semiconductor' });
    expect(await page.locator('[data-group=direction]').textContent()).toContain('Directions');
    await page.close();
  });

  it('choosing the direction result presses its chip', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    await results(page, '半导体');
    await page.getByTestId('search').press('Enter');
    await page.locator('[data-direction="integrated-circuits"][aria-pressed=true]').waitFor();
    expect(new URL(await settledUrl(page)).search).toContain('integrated-circuits');
    await page.close();
  });

  it('finds 苏州工业园区 by "suzhou gongye" and by "szgy", showing the pinyin', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const full = await results(page, 'suzhou gongye');
    expect(full[0]).toEqual({ type: 'district', id: 'sip', reason: 'pinyin', why: '拼音：su zhou gong ye yuan qu' });
    const initials = await results(page, 'szgy');
    expect(initials[0]).toEqual({ type: 'district', id: 'sip', reason: 'initials', why: '拼音首字母：szgyyq' });
    await page.getByTestId('search').press('Enter');
    await page.locator('[data-testid=card][data-kind=district][data-id=sip]').waitFor();
    await page.close();
  });

  it('finds the record the documents call 西北工业大学太仓长三角研究院', async (ctx) => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { records } = await served(page);
    const name = '西北工业大学太仓长三角研究院';
    const expected = records.find((r) => r.name_zh === name || r.aliases.includes(name));
    if (!expected) {
      await page.close();
      // The alias comes with the data corrections (geo/records); until they are built there is nothing to find.
      ctx.skip(`no record is named or aliased ${name} in the built data yet`);
      return;
    }
    const hits = await results(page, name);
    expect(hits[0]).toMatchObject({ type: 'carrier', id: expected.id });
    if (expected.name_zh !== name) expect(hits[0]?.why).toBe(`别称：${name}`);
    await page.getByTestId('search').press('Enter');
    await page.locator(`[data-testid=card][data-id="${expected.id}"]`).waitFor();
    await page.close();
  });

  it('finds a station and choosing it frames the map on it', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    const { places } = await served(page);
    const stations = places.filter((p) => p.properties.layer === 'station');
    const station = stations.find((p) => p.properties.name_zh === '苏州北站') ?? stations[0];
    if (!station) throw new Error('no station in the gazetteer');
    const hits = await results(page, station.properties.name_zh);
    expect(hits[0]).toMatchObject({ type: 'place', id: station.properties.id });
    await page.locator(`[data-testid=search-hits] [data-type=place][data-id="${station.properties.id}"]`).click();
    const [lon, lat] = station.geometry.coordinates;
    await page.waitForFunction(
      ([x, y]) => {
        const c = window.__sdeMap?.camera();
        return !!c && Math.abs(c.center[0] - x) < 0.01 && Math.abs(c.center[1] - y) < 0.01 && c.zoom >= 12;
      },
      [lon, lat] as [number, number],
      { timeout: 10_000 },
    );
    await page.evaluate(() => window.__sdeMap?.idle());
    const cam = await page.evaluate(() => window.__sdeMap?.camera());
    expect(cam?.zoom).toBeGreaterThanOrEqual(12);
    // A place is shown, not selected: no card opens.
    expect(await page.getByTestId('card').count()).toBe(0);
    expect(log.consoleErrors).toEqual([]);
    await page.close();
  });
});
