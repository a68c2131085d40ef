/**
 * The workbench's linked charts (issue 11) in the built app: a matrix cell clicked rings its records
 * on the map (checked against the served data: own directions, districts, the filter) and marks
 * their rows in the results table; hovering previews and leaving restores the pinned cell; the
 * keyboard reaches and pins cells and Esc clears; a selection on the map marks the matrix; the
 * matrix's column totals equal the district chips' counts; a kind bar rings its records.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, servedData, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Served = Awaited<ReturnType<typeof servedData>>;
type Feature = Served['features'][number];

const AI = 'artificial-intelligence';
const idle = (page: Page) => page.evaluate(() => window.__sdeMap?.idle());
const hl = (page: Page, source: string, id: string) =>
  page.evaluate(([s, i]) => window.__sdeMap?.featureState(s, i).hl === true, [source, id] as const);
/** Whether a record is drawn as a point in the `carriers` source (site, area or town precision). */
const placed = (f: Feature) => f.geometry !== null;
/** Whether a record has a park marker (the ten city parks and the "AI+" parks), placed or at its district's anchor. */
const parkMarker = (f: Feature) => f.properties.park || f.properties.roles.includes('ai-plus-park');
/** The records (ids, sorted) that carry `dir` among their own directions and span `district`. */
const recordsIn = (features: Feature[], dir: string, district: string) =>
  features
    .filter((f) => f.properties.directions_own.some((o) => o.key === dir) && f.properties.districts.includes(district))
    .map((f) => f.properties.id)
    .sort();

/** Every record of `ids` shown on the map is ringed (points in `carriers`, markers in `parks`); returns how many were checked. */
async function expectRinged(page: Page, byId: Map<string, Feature>, ids: string[]): Promise<number> {
  let checked = 0;
  for (const id of ids) {
    const f = byId.get(id) as Feature;
    if (placed(f)) {
      expect(await hl(page, 'carriers', id), `carriers ${id}`).toBe(true);
      checked++;
    }
    if (parkMarker(f)) {
      expect(await hl(page, 'parks', id), `parks ${id}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe('linked charts', () => {
  it('a clicked cell rings its records on the map and in the table; hover previews, leaving restores', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin, `?tool=charts&dir=${AI}`);
    await page.waitForSelector('[data-testid=chart-matrix]');
    const { manifest, features } = await servedData(page);
    const byId = new Map(features.map((f) => [f.properties.id, f]));

    // Every cell of the row agrees with the served data; the cell to click is the one with the most
    // records drawn on the map (points or park markers), so that the map check is not empty.
    const shown = (id: string) => {
      const f = byId.get(id) as Feature;
      return (placed(f) ? 1 : 0) + (parkMarker(f) ? 1 : 0);
    };
    let best = { district: '', ids: [] as string[], shown: -1 };
    for (const d of manifest.districts) {
      const ids = recordsIn(features, AI, d.id);
      const cell = page.locator(`[data-cell="${AI}|${d.id}"]`);
      expect(Number(await cell.getAttribute('data-count')), d.id).toBe(ids.length);
      const n = ids.reduce((s, id) => s + shown(id), 0);
      if (ids.length > 0 && n > best.shown) best = { district: d.id, ids, shown: n };
    }
    expect(best.shown).toBeGreaterThan(0);
    const cell = page.locator(`[data-cell="${AI}|${best.district}"]`);
    await cell.click();
    await page.waitForFunction((d) => window.__sdeMap?.featureState('districts', d).hl === true, best.district, {
      timeout: 10_000,
    });
    await idle(page);
    expect(await expectRinged(page, byId, best.ids)).toBe(best.shown);
    // A matching record outside the cell is not ringed.
    const outside = features.find(
      (f) =>
        placed(f) &&
        f.properties.directions_own.some((o) => o.key === AI) &&
        !f.properties.districts.includes(best.district),
    );
    if (outside) expect(await hl(page, 'carriers', outside.properties.id)).toBe(false);
    expect(await cell.getAttribute('data-pinned')).toBe('true');
    expect(await cell.getAttribute('data-hl')).toBe('true');
    expect(await page.getByTestId('charts-status').textContent()).toContain(String(best.ids.length));
    if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'workbench-charts.png') });

    // Hovering another cell previews it; leaving the chart restores the pinned cell.
    const other = manifest.districts.find((d) => d.id !== best.district && recordsIn(features, AI, d.id).length > 0);
    if (other) {
      await page.hover(`[data-cell="${AI}|${other.id}"]`);
      await page.waitForFunction((d) => window.__sdeMap?.featureState('districts', d).hl === true, other.id);
      expect(await hl(page, 'districts', best.district)).toBe(false);
      await page.hover('header h1');
      await page.waitForFunction((d) => window.__sdeMap?.featureState('districts', d).hl === true, best.district);
      expect(await hl(page, 'districts', other.id)).toBe(false);
      await idle(page);
      await expectRinged(page, byId, best.ids);
    }

    // The results table marks the same records.
    await page.click('[data-tool=table]');
    await page.waitForSelector('[data-testid=results-table]');
    const marked = await page
      .locator('[data-testid=results-table] tr[data-hl="true"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? '').sort());
    expect(marked).toEqual(best.ids);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('is reached and pinned by keyboard, Esc clears the pin', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, `?tool=charts&dir=${AI}`);
    await page.waitForSelector('[data-testid=chart-matrix]');
    const first = page.locator('[data-testid=chart-matrix] [data-r="0"][data-c="0"]');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const second = page.locator('[data-testid=chart-matrix] [data-r="0"][data-c="1"]');
    expect(await second.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await second.getAttribute('tabindex')).toBe('0');
    expect(await first.getAttribute('tabindex')).toBe('-1');
    const cell = (await second.getAttribute('data-cell')) ?? '';
    const district = cell.split('|')[1];
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=chart-matrix] [data-pinned="true"]');
    expect(await hl(page, 'districts', district)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid=chart-matrix] [data-pinned="true"]'));
    await page.waitForFunction((d) => window.__sdeMap?.featureState('districts', d).hl !== true, district);
    await page.close();
  });

  it('marks a district selected on the map, and the selected record’s cells', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?sel=sip&tool=charts');
    await page.waitForSelector('[data-testid=chart-matrix]');
    expect(await page.locator('[data-testid=chart-matrix] th[data-col="sip"]').getAttribute('data-selected')).toBe(
      'true',
    );
    const sipCells = page.locator('[data-testid=chart-matrix] td[data-cell$="|sip"]');
    expect(await sipCells.count()).toBeGreaterThan(0);
    const flags = await sipCells.evaluateAll((els) => els.map((e) => e.getAttribute('data-col-selected')));
    expect(new Set(flags)).toEqual(new Set(['true']));
    expect(
      await page
        .locator('[data-testid=chart-matrix] td[data-cell][data-col-selected="true"]:not([data-cell$="|sip"])')
        .count(),
    ).toBe(0);

    // A district added on the map (as a Shift-click does) marks its column too.
    const { manifest, features } = await servedData(page);
    await gotoMap(page, h.origin, '?sel=sip,wuzhong&tool=charts');
    await page.waitForSelector('[data-testid=chart-matrix] th[data-col="wuzhong"][data-selected="true"]');
    expect(await page.locator('[data-testid=chart-matrix] thead th[data-selected="true"]').count()).toBe(2);

    // A record: every cell it is counted in is marked, and no other.
    const record = features.find((f) => f.properties.districts.length > 1 && f.properties.directions_own.length > 0);
    expect(record).toBeDefined();
    const p = (record as Feature).properties;
    await gotoMap(page, h.origin, `?sel=${p.id}&tool=charts`);
    await page.waitForSelector('[data-testid=chart-matrix]');
    const marked = await page
      .locator('[data-testid=chart-matrix] td[data-selected="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-cell') ?? '').sort());
    const keys = manifest.directions.map((d) => d.key);
    const expected = p.directions_own
      .map((o) => o.key)
      .filter((k) => keys.includes(k))
      .flatMap((k) => p.districts.map((d) => `${k}|${d}`));
    expect(marked).toEqual([...new Set(expected)].sort());
    await page.close();
  });

  it("has column totals equal to the district chips' counts, with and without a filter", async () => {
    const { page } = await openPage(h);
    for (const query of ['?tool=charts', `?tool=charts&dir=${AI},blockchain&inherit=1`, '?tool=charts&kind=lab,zone']) {
      await gotoMap(page, h.origin, query);
      await page.waitForSelector('[data-testid=chart-matrix]');
      const { manifest } = await servedData(page);
      for (const d of manifest.districts) {
        const chip = await page
          .locator(`.filter [data-district="${d.id}"] [data-testid=district-chip-count]`)
          .textContent();
        const total = await page
          .locator(`[data-testid=chart-matrix] [data-col-total="${d.id}"]`)
          .getAttribute('data-count');
        expect(Number(total), `${query} ${d.id}`).toBe(Number(chip));
      }
      // The grand total is the panel's count of matching records (each once).
      const count = page.getByTestId('match-count');
      const records = Number(await count.getAttribute('data-carriers'));
      expect(Number(await page.locator('[data-testid=chart-matrix] [data-total]').getAttribute('data-count'))).toBe(
        records,
      );
    }
    await page.close();
  });

  it('a kind bar rings the records of that kind; a direction bar names its row', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?tool=charts');
    await page.waitForSelector('[data-testid=chart-matrix]');
    const { features } = await servedData(page);
    const byId = new Map(features.map((f) => [f.properties.id, f]));
    // The kind with the most records drawn on the map.
    const kinds = [...new Set(features.map((f) => f.properties.kind))];
    const kind = kinds
      .map((k) => ({ k, n: features.filter((f) => f.properties.kind === k && placed(f)).length }))
      .sort((a, b) => b.n - a.n)[0].k;
    const ids = features.filter((f) => f.properties.kind === kind).map((f) => f.properties.id);
    const bar = page.locator(`[data-bar-kind="${kind}"]`);
    expect(Number(await bar.getAttribute('data-count'))).toBe(ids.length);
    expect(await bar.textContent()).toContain(String(ids.length));
    await bar.click();
    await page.waitForSelector(`[data-bar-kind="${kind}"][data-pinned="true"]`);
    await page.hover('header h1');
    await idle(page);
    expect(await expectRinged(page, byId, ids)).toBeGreaterThan(0);

    // Hovering a direction bar previews it: its row total is named, and the map rings its records.
    const dirBar = page.locator(`[data-bar-direction="${AI}"]`);
    await dirBar.hover();
    await page.waitForSelector(`[data-bar-direction="${AI}"][data-hl="true"]`);
    expect(await page.locator(`[data-row-total="${AI}"]`).getAttribute('data-hl')).toBe('true');
    const aiPlaced = features.filter((f) => placed(f) && f.properties.directions_own.some((o) => o.key === AI));
    await idle(page);
    for (const f of aiPlaced) expect(await hl(page, 'carriers', f.properties.id), f.properties.id).toBe(true);
    await page.close();
  });
});
