/**
 * One state and one link (issue 7) in the built app: a view built through the UI survives its link
 * in a fresh page; Back and Forward step through chosen views; cards close with Esc and give focus
 * back, never cover the zoom buttons and leave framed districts in view; double-click zooms
 * without a card; English labels all ten city parks; the focus key is in view; counts agree.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, servedData, settledUrl, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const served = servedData;

const idle = (page: Page) => page.evaluate(() => window.__sdeMap?.idle());
const camera = (page: Page) => page.evaluate(() => window.__sdeMap?.camera());
const cardId = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid=card]')?.getAttribute('data-id') ?? null);

/** The chosen chips, toggles and card of a page, for comparing two pages. */
async function visibleView(page: Page) {
  return page.evaluate(() => ({
    pressed: [
      ...document.querySelectorAll('[aria-pressed=true][data-direction],[aria-pressed=true][data-district]'),
    ].map((e) => e.getAttribute('data-direction') ?? e.getAttribute('data-district')),
    mode: document.querySelector<HTMLInputElement>('input[name=mode]:checked')?.parentElement?.textContent,
    toggles: [...document.querySelectorAll<HTMLInputElement>('[data-layer-group]')].map(
      (e) => `${e.dataset.layerGroup}:${e.checked}`,
    ),
    card: document.querySelector('[data-testid=card]')?.getAttribute('data-id') ?? null,
    title: document.querySelector('header h1')?.textContent,
  }));
}

describe('the view is the URL', () => {
  it('restores a complex view built through the UI in a fresh page', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    await page.getByTestId('lang').click();
    await page.click('[data-direction="artificial-intelligence"]');
    await page.click('[data-direction="big-data-cloud"]');
    await page.getByText('All chosen').click();
    await page.click('[data-district="sip"]');
    await page.uncheck('[data-layer-group="focus"]');
    // Zoom and pan with the mouse, as a user would.
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('no map canvas');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(400);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await idle(page);
    // A record's card, opened by search.
    const rec = features.find((f) => f.properties.districts.includes('sip') && f.properties.name_en.includes('Nano'));
    if (!rec) throw new Error('no SIP nano record');
    await page.getByTestId('search').fill(rec.properties.name_en);
    await page.locator(`[data-testid=search-hits] [data-id="${rec.properties.id}"]`).click();
    await page.locator(`[data-testid=card][data-id="${rec.properties.id}"]`).waitFor();
    await idle(page);
    const url = await settledUrl(page);
    for (const p of [
      'lang=en',
      'dir=artificial-intelligence,big-data-cloud',
      'mode=all',
      'district=sip',
      'hide=focus',
      `sel=${rec.properties.id}`,
      'view=',
    ]) {
      expect(url).toContain(p);
    }
    const before = await visibleView(page);
    const cam = await camera(page);
    expect(cam?.zoom).toBeGreaterThan(8);

    const fresh = await openPage(h);
    await gotoMap(fresh.page, h.origin, `?${url.split('?')[1]}`);
    expect(await visibleView(fresh.page)).toEqual(before);
    const cam2 = await camera(fresh.page);
    expect(cam2?.zoom).toBeCloseTo(cam?.zoom ?? 0, 1);
    expect(cam2?.center[0]).toBeCloseTo(cam?.center[0] ?? 0, 3);
    expect(cam2?.center[1]).toBeCloseTo(cam?.center[1] ?? 0, 3);
    expect(await fresh.page.evaluate(() => window.__sdeMap?.hiddenLayers())).toContain('districts-focus');
    expect(fresh.page.url()).toBe(url);
    for (const l of [log, fresh.log]) {
      expect(l.pageErrors).toEqual([]);
      expect(l.consoleErrors).toEqual([]);
      expect(l.foreignRequests).toEqual([]);
    }
    await fresh.page.close();
    await page.close();
  });

  it('steps through chosen views with Back and Forward', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    // Each view settles before the next is chosen: the history writes it then (a burst of choices
    // faster than that makes one entry).
    await page.click('[data-direction="blockchain"]');
    await settledUrl(page);
    await page.getByTestId('search').fill('相城区');
    await page.getByTestId('search').press('Enter');
    await page.locator('[data-testid=card][data-id="xiangcheng"]').waitFor();
    await idle(page);
    await settledUrl(page);
    const rec = await page.locator('[data-testid=card] [data-carrier]').first().getAttribute('data-carrier');
    await page.locator(`[data-testid=card] [data-carrier="${rec}"]`).click();
    await page.locator(`[data-testid=card][data-id="${rec}"]`).waitFor();
    await settledUrl(page);
    await page.goBack();
    await page.locator('[data-testid=card][data-id="xiangcheng"]').waitFor();
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('[data-testid=card]'));
    expect(await page.locator('[data-direction="blockchain"]').getAttribute('aria-pressed')).toBe('true');
    await page.goBack();
    expect(await page.locator('[data-direction="blockchain"]').getAttribute('aria-pressed')).toBe('false');
    await page.goForward();
    await page.goForward();
    await page.locator('[data-testid=card][data-id="xiangcheng"]').waitFor();
    await page.goForward();
    await page.locator(`[data-testid=card][data-id="${rec}"]`).waitFor();
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('copies the link of the view', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?dir=blockchain');
    await page.getByTestId('copy-link').click();
    // Headless Chromium may refuse the clipboard: then the link is shown, selected, to copy by hand.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=copy-link]')?.textContent === '已复制' ||
        document.querySelector('.link-field') !== null,
    );
    const field = page.locator('.link-field');
    if (await field.count()) expect(await field.inputValue()).toBe(page.url());
    await page.close();
  });

  it('drops a crafted long parameter with one short notice', async () => {
    const { page } = await openPage(h);
    await gotoMap(
      page,
      h.origin,
      `?lang=en&dir=${'x'.repeat(5_000)}&${Array.from({ length: 300 }, (_, i) => `junk${i}=1`).join('&')}`,
    );
    const text = (await page.getByTestId('notice').textContent()) ?? '';
    expect(text.length).toBeLessThan(300);
    expect(text).toContain('Ignored');
    expect(page.url()).not.toContain('junk');
    await page.close();
  });
});

describe('cards behave', () => {
  it('closes with Esc and gives focus back to where it was', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    await page.getByTestId('search').fill('国家超级计算昆山中心');
    await page.getByTestId('search').press('Enter');
    await page.getByTestId('card').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=card]') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid=card]'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    expect(await settledUrl(page)).not.toContain('sel=');
    await page.close();
  });

  it('never covers the zoom buttons, and leaves a framed district in view beside it', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: 1366, height: 768 });
    await gotoMap(page, h.origin);
    const { manifest } = await served(page);
    await page.getByTestId('search').fill('吴江区');
    await page.getByTestId('search').press('Enter');
    const card = page.getByTestId('card');
    await card.waitFor();
    await page.waitForTimeout(1000);
    await idle(page);
    const cardBox = await card.boundingBox();
    const zoom = await page.locator('.maplibregl-ctrl-zoom-in').boundingBox();
    const canvas = await page.locator('.maplibregl-canvas').boundingBox();
    if (!cardBox || !zoom || !canvas) throw new Error('layout missing');
    const overlaps = (a: typeof cardBox, b: typeof cardBox) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps(cardBox, zoom)).toBe(false);
    const wj = manifest.districts.find((d) => d.id === 'wujiang');
    if (!wj) throw new Error('no wujiang');
    const [w, s, e, n] = wj.bbox;
    for (const corner of [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
    ] as Array<[number, number]>) {
      const p = await page.evaluate((c) => window.__sdeMap?.project(c), corner);
      if (!p) throw new Error('no projection');
      expect(canvas.x + p.x, `corner ${corner}`).toBeLessThan(cardBox.x);
      expect(p.x).toBeGreaterThan(0);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(canvas.height);
    }
    await page.screenshot({ path: resolve(shots, 'district-framed-1366.png') });
    await page.close();
  });

  it('zooms on double-click without opening a card', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    const park = features.find((f) => f.properties.park && f.geometry !== null);
    if (!park?.geometry) throw new Error('no located park');
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    const p = await page.evaluate((ll) => window.__sdeMap?.project(ll), park.geometry.coordinates);
    if (!box || !p) throw new Error('no canvas');
    const z0 = (await camera(page))?.zoom ?? 0;
    await page.mouse.dblclick(box.x + p.x, box.y + p.y);
    await page.waitForTimeout(800);
    await idle(page);
    expect((await camera(page))?.zoom ?? 0).toBeGreaterThan(z0 + 0.5);
    expect(await cardId(page)).toBeNull();
    // A single click on the same park still opens its card.
    const p2 = await page.evaluate((ll) => window.__sdeMap?.project(ll), park.geometry.coordinates);
    if (!p2) throw new Error('no projection');
    await page.mouse.click(box.x + p2.x, box.y + p2.y);
    await page.locator(`[data-testid=card][data-id="${park.properties.id}"]`).waitFor();
    await page.close();
  });
});

describe('a map fit to present', () => {
  it.each([
    [1280, 800],
    [1366, 768],
  ])('labels all ten city parks in English at the first view (%i×%i)', async (width, height) => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width, height });
    await gotoMap(page, h.origin, '?lang=en');
    const { features } = await served(page);
    const parks = features.filter((f) => f.properties.park);
    expect(parks).toHaveLength(10);
    const labels = await page.evaluate(() => window.__sdeMap?.labels('parks-label-city') ?? []);
    expect(labels).toHaveLength(10);
    // Each label is its park's English name, perhaps abbreviated ("Int'l", "Sci-Tech"), never dropped.
    for (const label of labels) expect(label).toMatch(/^[A-Z][A-Za-z()' -]+$/);
    await page.screenshot({ path: resolve(shots, `en-first-view-${width}.png`) });
    await page.close();
  });

  it('shows the focus key in view at 1366×768 when a direction is chosen, and highlights matching districts only', async () => {
    const { page } = await openPage(h);
    await page.setViewportSize({ width: 1366, height: 768 });
    await gotoMap(page, h.origin);
    const { manifest } = await served(page);
    expect(await page.getByTestId('focus-key').count()).toBe(0);
    await page.click('[data-direction="blockchain"]');
    await idle(page);
    const key = await page.getByTestId('focus-key').boundingBox();
    if (!key) throw new Error('no focus key');
    expect(key.y + key.height).toBeLessThanOrEqual(768);
    expect(key.x + key.width).toBeLessThanOrEqual(1366);
    for (const d of manifest.districts) {
      const state = await page.evaluate((id) => window.__sdeMap?.featureState('districts', id), d.id);
      expect(state?.focus ?? -1, d.id).toBe(d.direction_keys.includes('blockchain') ? 1 : 0);
    }
    await page.screenshot({ path: resolve(shots, 'focus-blockchain-1366.png') });
    await page.close();
  });

  it('draws the records known only by district as marks in a framed group that follows the filter and opens cards', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features } = await served(page);
    const marks = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.district-group:not([hidden]) [data-record]')].map(
          (e) => e.dataset.record,
        ),
      );
    const unplacedSpans = (f: (typeof features)[number]) => (f.geometry === null ? f.properties.districts.length : 0);
    expect((await marks()).length).toBe(features.reduce((n, f) => n + unplacedSpans(f), 0));
    await page.click('[data-direction="integrated-circuits"]');
    await idle(page);
    const ic = features.filter((f) => f.properties.directions_own.some((d) => d.key === 'integrated-circuits'));
    expect(new Set(await marks())).toEqual(new Set(ic.filter((f) => f.geometry === null).map((f) => f.properties.id)));
    expect((await marks()).length).toBeGreaterThan(0);
    const first = (await marks())[0];
    await page.click(`.district-group [data-record="${first}"]`);
    await page.locator(`[data-testid=card][data-id="${first}"]`).waitFor();
    expect(await page.getByTestId('legend').textContent()).toContain('仅知板块');
    await page.screenshot({ path: resolve(shots, 'groups-integrated-circuits.png') });
    await page.close();
  });

  it('answers a filter that matches nothing with a message on the map, not an empty map', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const { features, manifest } = await served(page);
    const empty = manifest.directions.find(
      (d) => !features.some((f) => f.properties.directions_own.some((o) => o.key === d.key)),
    );
    if (!empty) throw new Error('every direction has a record: nothing to check');
    expect(await page.getByTestId('no-match').count()).toBe(0);
    await page.click(`[data-direction="${empty.key}"]`);
    await page.getByTestId('no-match').waitFor();
    await page.click(`[data-direction="${empty.key}"]`);
    await page.waitForFunction(() => !document.querySelector('[data-testid=no-match]'));
    await page.close();
  });

  it('folds a large district group to its caption at the city view, and opens it on hover and when zoomed in', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin);
    const group = page.locator('[data-badge="xiangcheng"]');
    expect(Number(await group.getAttribute('data-count'))).toBeGreaterThan(12);
    expect(await group.locator('.group-marks').isVisible()).toBe(false);
    await group.locator('.group-caption').hover();
    expect(await group.locator('.group-marks').isVisible()).toBe(true);
    await gotoMap(page, h.origin, '?view=120.63,31.42,10');
    expect(await page.locator('[data-badge="xiangcheng"] .group-marks').isVisible()).toBe(true);
    await page.close();
  });

  it('counts a district the same on its chip, its badge and its card, and nothing outside a district filter', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?district=xiangcheng');
    const { manifest } = await served(page);
    const badge = (id: string) =>
      page.evaluate((d) => {
        const el = document.querySelector<HTMLElement>(`[data-badge="${d}"]`);
        return el ? { count: Number(el.dataset.count), hidden: el.hidden } : null;
      }, id);
    expect(await badge('sip')).toEqual({ count: 0, hidden: true });
    for (const d of manifest.districts.filter((x) => x.id !== 'xiangcheng')) {
      expect(
        await page.locator(`[data-district="${d.id}"] [data-testid=district-chip-count]`).textContent(),
        d.id,
      ).toBe('0');
    }
    const chip = Number(
      await page.locator('[data-district="xiangcheng"] [data-testid=district-chip-count]').textContent(),
    );
    await page.click('[data-badge="xiangcheng"] .group-caption');
    const count = page.locator('[data-testid=card][data-id="xiangcheng"] [data-testid=district-count]');
    await count.waitFor();
    expect(Number(await count.getAttribute('data-records'))).toBe(chip);
    expect(Number(await count.getAttribute('data-unplaced'))).toBe((await badge('xiangcheng'))?.count);
    expect(Number(await page.getByTestId('match-count').getAttribute('data-carriers'))).toBe(chip);
    await page.close();
  });
});
