/**
 * Keyboard only (issue 13, parts 3–4): every control of the header, the filter panel, the legend and
 * the map is reached with Tab in the visual order (header → panel → map), each focused element is
 * on screen with a visible focus ring, and the app is used through the keys alone: search and
 * choose a record, the header's panels, the export menu, the language, direction and district chips,
 * layer and kind toggles, the results table (the map's list twin), the workbench's tabs, the
 * presenter's builder and stage, and the map's district groups. Cards and drawers take the focus
 * when they open and give it back to the control that opened them when they close (Esc). No meaning
 * is carried by colour alone: chosen chips, selected rows, open tabs, the active search option, the
 * current stop and dimmed records have a shape or text cue; legend entries and chart cells have text.
 * Screenshots of focus states are written to test-results/ (skipped with SHOTS=0).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, servedData, settledParam, startHarness } from './harness';

let h: Harness;
const shots = resolve(import.meta.dirname, '..', '..', 'test-results');
const SLOW = 300_000;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** What has the focus: where it is, whether it is on screen, and its focus ring. */
interface Focused {
  /** A short description for messages: tag, test id or data-* key, text. */
  what: string;
  /** `header`, `side`, `main` (map, cards, workbench, stage) or `other`. */
  region: string;
  /** Bounding box in the viewport (CSS px); top in document terms adds the side panel's scroll. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Whether the whole box is inside the viewport and the element is rendered and not hidden. */
  onScreen: boolean;
  /** The focus ring: outline (style, width in px) or, for an SVG chart bar, its frame's stroke. */
  ring: { style: string; width: number; colour: string };
  testid: string | null;
  selector: string;
}

const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!(e instanceof HTMLElement || e instanceof SVGElement) || e === document.body) return null;
    const r = e.getBoundingClientRect();
    const cs = getComputedStyle(e);
    const attr = ['data-testid', 'data-direction', 'data-district', 'data-layer-group', 'data-kind', 'data-tool']
      .map((a) => (e.getAttribute(a) ? `[${a}="${e.getAttribute(a)}"]` : ''))
      .join('');
    const text = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30);
    const region = e.closest('header') ? 'header' : e.closest('.side') ? 'side' : e.closest('.main') ? 'main' : 'other';
    let hidden = false;
    for (let n: Element | null = e; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) hidden = true;
    }
    // An SVG bar shows its focus on its hit rectangle (charts.css).
    const hit = e instanceof SVGElement ? e.querySelector('.hit') : null;
    const ring = hit
      ? {
          style: 'solid',
          width: Number.parseFloat(getComputedStyle(hit).strokeWidth),
          colour: getComputedStyle(hit).stroke,
        }
      : { style: cs.outlineStyle, width: Number.parseFloat(cs.outlineWidth), colour: cs.outlineColor };
    const side = document.querySelector('.side');
    const y = r.top + (region === 'side' && side ? side.scrollTop : 0);
    return {
      what: `${e.tagName.toLowerCase()}${attr}.${String(e.getAttribute('class') ?? '').replace(/ /g, '.')} "${text}"`,
      region,
      x: r.left,
      y,
      w: r.width,
      h: r.height,
      onScreen:
        !hidden &&
        r.width > 0 &&
        r.height > 0 &&
        r.left >= -1 &&
        r.top >= -1 &&
        r.right <= innerWidth + 1 &&
        r.bottom <= innerHeight + 1,
      ring,
      testid: e.getAttribute('data-testid'),
      selector: attr,
    };
  });

/** Asserts that the focused element is on screen with a ring of at least 2 px that is not transparent. */
function expectVisibleFocus(f: Focused | null, context: string): asserts f is Focused {
  expect(f, `${context}: focus lost (on the page body)`).not.toBeNull();
  if (!f) return;
  expect(f.onScreen, `${context}: ${f.what} is not on screen (${f.x},${f.y} ${f.w}×${f.h})`).toBe(true);
  expect(['none', 'hidden'].includes(f.ring.style), `${context}: ${f.what} has no focus ring`).toBe(false);
  expect(f.ring.width, `${context}: ${f.what}'s focus ring is thinner than 2 px`).toBeGreaterThanOrEqual(2);
  expect(f.ring.colour, `${context}: ${f.what}'s focus ring is transparent`).not.toMatch(/rgba\(.*, 0\)$|transparent/);
}

/** Presses a key and returns what then has the focus, asserting it is visible. */
async function press(page: Page, key: string, context = key): Promise<Focused> {
  await page.keyboard.press(key);
  const f = await focused(page);
  expectVisibleFocus(f, context);
  return f;
}

/**
 * Tabs (or Shift+Tabs) until the focused element matches `selector`, asserting at every stop that
 * the focus is visible. Fails after `max` presses: the control is not reachable.
 */
async function tabTo(page: Page, selector: string, max = 80, key = 'Tab'): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    const f = await press(page, key, `${key} towards ${selector}`);
    if (await page.evaluate((s) => document.activeElement?.matches(s) === true, selector)) return f;
  }
  throw new Error(`${selector} not reached in ${max} presses of ${key}`);
}

const waitParam = (page: Page, name: string, value: string | null) =>
  page.waitForFunction(([n, v]) => new URL(location.href).searchParams.get(n) === v, [name, value] as const, {
    timeout: 30_000,
  });
const activeMatches = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) === true, selector);
const activeInside = (page: Page, selector: string) =>
  page.evaluate(
    (s) => document.activeElement?.closest(s) !== null && document.activeElement !== document.body,
    selector,
  );

/**
 * Whether the focus ring shows in pixels: the element's box (with a margin for the ring) differs
 * between the page as it is and with focus rings switched off by a test style.
 */
async function ringShows(page: Page, name: string): Promise<boolean> {
  const f = await focused(page);
  if (!f) return false;
  const clip = { x: Math.max(0, f.x - 6), y: Math.max(0, f.y - 6), width: f.w + 12, height: f.h + 12 };
  const box = await page.evaluate(() => {
    const r = document.activeElement?.getBoundingClientRect();
    return r ? { x: r.left, y: r.top, w: r.width, h: r.height } : null;
  });
  if (box) Object.assign(clip, { x: Math.max(0, box.x - 6), y: Math.max(0, box.y - 6) });
  const on = await page.screenshot({ clip });
  if (process.env.SHOTS !== '0') await page.screenshot({ clip, path: resolve(shots, `focus-${name}.png`) });
  // Through the element's style (the page's Content-Security-Policy refuses a test <style>).
  await page.evaluate(() => (document.activeElement as HTMLElement).style.setProperty('outline', 'none', 'important'));
  const off = await page.screenshot({ clip });
  await page.evaluate(() => (document.activeElement as HTMLElement).style.removeProperty('outline'));
  return !on.equals(off);
}

describe('keyboard only', () => {
  it(
    'reaches every control in the visual order, each on screen with a visible focus ring',
    async () => {
      const { page, log } = await openPage(h);
      await gotoMap(page, h.origin);
      const order: Focused[] = [];
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f === null || (order.length > 0 && f.what === order[0].what && f.y === order[0].y)) break;
        expectVisibleFocus(f, `Tab stop ${i + 1}`);
        order.push(f);
      }
      const stops = order.map((f) => `${f.region} ${f.what}`);
      // Regions in the visual order: the header, then the side panel, then the map and what is on it.
      const rank = { header: 0, side: 1, main: 2, other: 3 } as Record<string, number>;
      for (let i = 1; i < order.length; i++)
        expect(rank[order[i].region], `Tab order goes back: ${stops[i - 1]} → ${stops[i]}`).toBeGreaterThanOrEqual(
          rank[order[i - 1].region],
        );
      // Within the header and the panel, reading order: left to right on a line, then down.
      for (let i = 1; i < order.length; i++) {
        const [a, b] = [order[i - 1], order[i]];
        if (a.region !== b.region || a.region === 'main') continue;
        const sameLine = Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) < Math.max(a.h, b.h) / 2;
        const forward = sameLine ? b.x > a.x : b.y > a.y;
        expect(forward, `Tab order against the reading order: ${stops[i - 1]} → ${stops[i]}`).toBe(true);
      }
      // Every control is in it: the header's, every chip, the toggles, the map and its controls.
      const { manifest } = await servedData(page);
      const wanted = [
        'search',
        'city',
        'quality-open',
        'workbench-open',
        'present',
        'copy-link',
        'export',
        'lang',
        'basemap',
        ...manifest.directions.map((d) => `data-direction="${d.key}"`),
        ...manifest.districts.map((d) => `data-district="${d.id}"`),
        'data-layer-group="parks"',
        'data-layer-group="carriers"',
        ...Object.keys(manifest.counts.carriers_by_kind).map((k) => `data-kind="${k}"`),
        'maplibregl-canvas',
        'group-caption',
        'maplibregl-ctrl-zoom-in',
        'maplibregl-ctrl-zoom-out',
      ];
      for (const w of wanted)
        expect(
          stops.some((s) => s.includes(w)),
          `${w} is not reachable by Tab`,
        ).toBe(true);
      // A district's records are one Tab stop (its caption), not one per record: the map's controls
      // come within a few dozen stops, not hundreds.
      expect(stops.filter((s) => s.includes('group-mark'))).toEqual([]);
      expect(order.length).toBeLessThan(120);
      // Shift+Tab walks the same way back (from past the last stop: the last, then the one before).
      expect((await press(page, 'Shift+Tab')).what).toBe(order[order.length - 1]?.what);
      expect((await press(page, 'Shift+Tab')).what).toBe(order[order.length - 2]?.what);
      expect(log.pageErrors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'shows the focus ring in pixels, on the header, a chip, a toggle, the map and a district group',
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin);
      for (const [name, selector] of [
        ['search', '[data-testid=search]'],
        ['header-button', '[data-testid=quality-open]'],
        ['direction-chip', '[data-direction="artificial-intelligence"]'],
        ['layer-toggle', '[data-layer-group=parks]'],
        ['map', '.maplibregl-canvas'],
        ['district-group', '.group-caption'],
        ['zoom', '.maplibregl-ctrl-zoom-in'],
      ] as const) {
        await tabTo(page, selector, 120);
        expect(await ringShows(page, name), `${name}: no focus ring to see`).toBe(true);
      }
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-page.png') });
      await page.close();
    },
    SLOW,
  );

  it(
    'searches and opens a card, Esc closes it and the focus returns to the search box',
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin);
      const { features } = await servedData(page);
      const target = features.find((f) => f.geometry !== null && f.properties.name_zh.length >= 6)?.properties;
      if (!target) throw new Error('no placed record');
      await tabTo(page, '[data-testid=search]', 3);
      await page.keyboard.type(target.name_zh);
      await page.waitForSelector(`[data-testid=search-hits] [role=option][data-id="${target.id}"]`);
      // ↓ and ↑ move the active option (marked by a bar, not only a tint); Enter chooses it.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      const active = page.locator('[data-testid=search-hits] [aria-selected=true]');
      expect(await active.getAttribute('data-id')).toBe(target.id);
      expect(await active.evaluate((e) => getComputedStyle(e).boxShadow)).not.toBe('none');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`[data-testid=card][data-id="${target.id}"]`);
      await waitParam(page, 'sel', target.id);
      expect((await page.locator('[data-testid=card] h2').textContent())?.trim()).toBe(target.name_zh);
      // The focus is in the card (its heading), so Tab goes on through the card's own controls.
      expect(await activeInside(page, '[data-testid=card]')).toBe(true);
      expectVisibleFocus(await focused(page), 'card heading');
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-card-heading.png') });
      await press(page, 'Tab', 'first control of the card');
      expect(await activeInside(page, '[data-testid=card]')).toBe(true);
      // The record is framed: its point is inside the map.
      await page.evaluate(() => window.__sdeMap?.idle());
      const at = await page.evaluate(
        ([id]) => {
          const hook = window.__sdeMap;
          const c = hook?.featureCoordinate('carriers', id);
          const map = document.querySelector('.maplibregl-canvas')?.getBoundingClientRect();
          return c && hook && map ? { p: hook.project(c), w: map.width, h: map.height } : null;
        },
        [target.id],
      );
      if (at) {
        expect(at.p.x).toBeGreaterThan(0);
        expect(at.p.x).toBeLessThan(at.w);
        expect(at.p.y).toBeGreaterThan(0);
        expect(at.p.y).toBeLessThan(at.h);
      }
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=card]', { state: 'detached' });
      await waitParam(page, 'sel', null);
      expect(await activeMatches(page, '[data-testid=search]')).toBe(true);
      // A district from the search outlines it.
      await page.keyboard.type('工业园区');
      await page.waitForSelector('[data-testid=search-hits] [role=option][data-id="sip"]');
      const options = await page
        .locator('[data-testid=search-hits] [role=option]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      for (let i = 0; i < options.indexOf('sip'); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=card][data-id="sip"]');
      await page.evaluate(() => window.__sdeMap?.idle());
      expect(await page.evaluate(() => window.__sdeMap?.selectedDistricts())).toEqual(['sip']);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=card]', { state: 'detached' });
      expect(await activeMatches(page, '[data-testid=search]')).toBe(true);
      await page.close();
    },
    SLOW,
  );

  it(
    "opens the header's panels and menu with the focus inside, and gives it back on Esc",
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin);
      for (const [button, panel, card] of [
        ['city', 'city', '[data-testid=card][data-kind=city]'],
        ['quality-open', 'quality', '[data-testid=quality]'],
      ] as const) {
        await tabTo(page, `[data-testid=${button}]`, 10);
        await page.keyboard.press('Enter');
        await page.waitForSelector(card);
        await waitParam(page, 'panel', panel);
        expect(await activeInside(page, card), `${panel}: focus not in the panel`).toBe(true);
        // The panel's controls are reached next (its close button first).
        await press(page, 'Tab', `${panel}: Tab in the panel`);
        expect(await activeInside(page, card)).toBe(true);
        await page.keyboard.press('Escape');
        await page.waitForSelector(card, { state: 'detached' });
        await waitParam(page, 'panel', null);
        expect(await activeMatches(page, `[data-testid=${button}]`), `${panel}: focus not back on its button`).toBe(
          true,
        );
      }
      // The quality report's record links open the record's card.
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=quality]');
      await tabTo(page, '[data-testid=quality] [data-record]', 30);
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-record'));
      await page.keyboard.press('Enter');
      await waitParam(page, 'sel', id ?? '');
      // The export menu: Enter opens it on its first item, ↓ moves, Esc closes it on its button.
      await gotoMap(page, h.origin);
      await tabTo(page, '[data-testid=export]', 10);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[role=menu]');
      expect(await activeMatches(page, '[data-testid=export-screen]')).toBe(true);
      expectVisibleFocus(await focused(page), 'export menu item');
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-export-menu.png') });
      await press(page, 'ArrowDown', 'export menu ↓');
      expect(await activeMatches(page, '[data-testid=export-a4]')).toBe(true);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[role=menu]', { state: 'detached' });
      expect(await activeMatches(page, '[data-testid=export]')).toBe(true);
      // The language switch: Enter changes the interface and the map's labels, and keeps the focus.
      await tabTo(page, '[data-testid=lang]', 5);
      await page.keyboard.press('Enter');
      await waitParam(page, 'lang', 'en');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await activeMatches(page, '[data-testid=lang]')).toBe(true);
      expect((await page.locator('[data-testid=lang]').textContent())?.trim()).toBe('中文');
      await page.keyboard.press('Space');
      await waitParam(page, 'lang', null);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.close();
    },
    SLOW,
  );

  it(
    'filters with the chips, the mode, the layer and kind toggles; chosen chips carry a tick',
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin);
      const chip = '[data-direction="artificial-intelligence"]';
      await tabTo(page, chip, 40);
      await page.keyboard.press('Space');
      await waitParam(page, 'dir', 'artificial-intelligence');
      expect(await page.locator(chip).getAttribute('aria-pressed')).toBe('true');
      // Chosen is told by a tick, not by the tint alone; the other chips have none.
      const tick = (sel: string) =>
        page.locator(sel).evaluate((e) => getComputedStyle(e, '::before').content.replace(/"/g, ''));
      expect(await tick(chip)).toBe('✓');
      expect(await tick('[data-direction="blockchain"]')).toMatch(/^(none|)$/);
      await page.evaluate(() => window.__sdeMap?.idle());
      expect(
        Number(await page.evaluate(() => window.__sdeMap?.featureState('districts', 'sip').focus)),
      ).toBeGreaterThan(0);
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-chip-on.png') });
      // The mode: arrow keys in the radio group.
      await tabTo(page, '.mode input', 40, 'Shift+Tab');
      await press(page, 'ArrowRight', 'mode radio →');
      await waitParam(page, 'mode', 'all');
      // A district chip.
      await tabTo(page, '[data-district="sip"]', 60);
      await page.keyboard.press('Enter');
      await waitParam(page, 'district', 'sip');
      await page.evaluate(() => window.__sdeMap?.idle());
      const inSip = await page.evaluate(() => window.__sdeMap?.rendered(['carriers-circle']) ?? []);
      const { features } = await servedData(page);
      for (const id of inSip)
        expect(features.find((f) => f.properties.id === id)?.properties.districts, id).toContain('sip');
      // Reset clears the filter.
      await tabTo(page, '.reset', 5);
      await page.keyboard.press('Enter');
      await waitParam(page, 'dir', null);
      expect(await settledParam(page, 'district')).toBeNull();
      // The layer toggle hides the parks' layers on the map; Space again shows them.
      await tabTo(page, '[data-layer-group=parks]', 10);
      await page.keyboard.press('Space');
      await waitParam(page, 'hide', 'parks');
      await page.evaluate(() => window.__sdeMap?.idle());
      expect(await page.evaluate(() => window.__sdeMap?.hiddenLayers())).toContain('parks-symbol');
      await page.keyboard.press('Space');
      await waitParam(page, 'hide', null);
      // A kind toggle.
      await tabTo(page, '[data-kind]', 10);
      const kind = await page.evaluate(() => document.activeElement?.getAttribute('data-kind'));
      await page.keyboard.press('Space');
      await page.waitForFunction((k) => {
        const v = new URL(location.href).searchParams.get('kind');
        return v !== null && !v.split(',').includes(k ?? '');
      }, kind);
      // The basemap switch is reached (changing it would ask the network).
      await tabTo(page, '[data-testid=basemap]', 20, 'Shift+Tab');
      await page.close();
    },
    SLOW,
  );

  it(
    'uses the results table as the list twin: a row selects and frames its record, Esc comes back to it',
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin, '?dir=artificial-intelligence');
      const before = await page.evaluate(() => window.__sdeMap?.camera());
      await tabTo(page, '[data-testid=workbench-open]', 10);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=results-table] tbody tr');
      await waitParam(page, 'tool', 'table');
      // The focus is on the drawer's open tab; ← → move between the tabs, Enter opens one.
      expect(await activeMatches(page, '[role=tab][data-tool=table]')).toBe(true);
      expectVisibleFocus(await focused(page), 'open tab');
      await press(page, 'ArrowRight', 'tabs →');
      expect(await activeMatches(page, '[role=tab][data-tool=charts]')).toBe(true);
      await page.keyboard.press('Enter');
      await waitParam(page, 'tool', 'charts');
      await page.waitForSelector('[data-testid=chart-matrix]');
      // The chart's cells are reached and carry their counts as text.
      await tabTo(page, '[data-testid=chart-matrix] [tabindex="0"]', 20);
      const cells = await page
        .locator('[data-testid=chart-matrix] tbody td[data-c]')
        .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c, 'a chart cell without its number').toMatch(/\d|·0/);
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-chart-cell.png') });
      await tabTo(page, '[role=tab][aria-selected=true]', 10, 'Shift+Tab');
      await press(page, 'Home', 'tabs Home');
      expect(await activeMatches(page, '[role=tab][data-tool=table]')).toBe(true);
      await page.keyboard.press('Space');
      await waitParam(page, 'tool', 'table');
      // The first row's record: Enter selects it, its card opens with the focus, and the map frames it.
      await tabTo(page, '[data-testid=results-table] .row-link', 20);
      const row = await page.evaluate(() => {
        const tr = document.activeElement?.closest('tr');
        return { id: tr?.getAttribute('data-id') ?? '', name: (document.activeElement?.textContent ?? '').trim() };
      });
      await page.keyboard.press('Enter');
      await waitParam(page, 'sel', row.id);
      await page.waitForSelector(`[data-testid=card][data-id="${row.id}"]`);
      expect((await page.locator('[data-testid=card] h2').textContent())?.replace('★ ', '').trim()).toBe(
        row.name.replace('★ ', ''),
      );
      expect(await activeInside(page, '[data-testid=card]')).toBe(true);
      await page.evaluate(() => window.__sdeMap?.idle());
      const after = await page.evaluate(() => window.__sdeMap?.camera());
      expect(after).not.toEqual(before);
      // The selected row is told by a bar and a bold name, not only its tint.
      const selected = page.locator(`tr[data-id="${row.id}"]`);
      expect(await selected.getAttribute('aria-selected')).toBe('true');
      expect(await selected.locator('.row-link').evaluate((e) => Number(getComputedStyle(e).fontWeight))).toBe(700);
      expect(await selected.locator('th').evaluate((e) => getComputedStyle(e).boxShadow)).not.toBe('none');
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-row-card.png') });
      // Esc closes the card (on top) and the focus returns to the row's link.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=card]', { state: 'detached' });
      await waitParam(page, 'sel', null);
      expect(await activeMatches(page, `tr[data-id="${row.id}"] .row-link`)).toBe(true);
      expectVisibleFocus(await focused(page), 'row link after the card');
      // A second Esc closes the drawer and the focus returns to the header's button.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=workbench]', { state: 'detached' });
      await waitParam(page, 'tool', null);
      expect(await activeMatches(page, '[data-testid=workbench-open]')).toBe(true);
      // Reopened and closed with its × button: the focus also comes back.
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=workbench]');
      await tabTo(page, '[data-testid=workbench-close]', 5);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=workbench]', { state: 'detached' });
      expect(await activeMatches(page, '[data-testid=workbench-open]')).toBe(true);
      await page.close();
    },
    SLOW,
  );

  it(
    'builds a pitch and presents it: focus in the builder, on the stage, and back on 演示 when it ends',
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin);
      await tabTo(page, '[data-testid=present]', 10);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=pitch-builder]');
      expect(await activeInside(page, '[data-testid=pitch-builder]')).toBe(true);
      // Esc closes the builder, back on its button; Enter opens it again.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=pitch-builder]', { state: 'detached' });
      expect(await activeMatches(page, '[data-testid=present]')).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=pitch-builder]');
      await tabTo(page, '[data-pitch-direction="artificial-intelligence"]', 40);
      await page.keyboard.press('Space');
      expect(await page.locator('[data-pitch-direction="artificial-intelligence"]').getAttribute('aria-pressed')).toBe(
        'true',
      );
      const stops = await page.locator('[data-testid=route-preview] li').count();
      expect(stops).toBeGreaterThan(2);
      await tabTo(page, '[data-testid=pitch-start]', 60);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=stage]');
      await page.waitForFunction(() => document.activeElement?.closest('[data-testid=stage]') !== null);
      expectVisibleFocus(await focused(page), 'stage');
      expect(await settledParam(page, 'pitch')).not.toBeNull();
      if (process.env.SHOTS !== '0') await page.screenshot({ path: resolve(shots, 'focus-stage.png') });
      // Keys step through the stops; the current stop is ringed, not only filled.
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid=stage][data-stop="1"]');
      expect(
        await page.locator('.stage-progress button.current').evaluate((e) => getComputedStyle(e).boxShadow),
      ).not.toBe('none');
      // Esc leaves the stage. The district of the stop stays selected, so its card opens with the
      // focus; Esc closes it and the focus is back on 演示 / Present.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=stage]', { state: 'detached' });
      await waitParam(page, 'pitch', null);
      if ((await settledParam(page, 'sel')) !== null) {
        await page.waitForSelector('[data-testid=card]');
        expect(await activeInside(page, '[data-testid=card]')).toBe(true);
        await page.keyboard.press('Escape');
        await page.waitForSelector('[data-testid=card]', { state: 'detached' });
      }
      expect(await activeMatches(page, '[data-testid=present]')).toBe(true);
      expectVisibleFocus(await focused(page), 'present after the stage');
      // A ready-made pitch from the builder; on stage, Tab goes round what is shown (the hidden
      // header and panel are never reached) and the Leave button ends it.
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=pitch-builder]');
      await tabTo(page, '[data-testid^=pitch-builtin-]', 5);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=stage]');
      await page.waitForFunction(() => document.activeElement?.closest('[data-testid=stage]') !== null);
      const regions = new Set<string>();
      let wrapped = false;
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        // Past the last control the focus is in the browser's own interface for one press.
        if (f === null) {
          wrapped = true;
          continue;
        }
        expectVisibleFocus(f, `stage Tab ${i + 1}`);
        regions.add(f.region);
        if (wrapped && (await activeMatches(page, '[data-testid=stage-leave]'))) break;
      }
      expect(wrapped, 'Tab did not go round the stage').toBe(true);
      expect(await activeMatches(page, '[data-testid=stage-leave]')).toBe(true);
      expect([...regions].filter((r) => r === 'header' || r === 'side')).toEqual([]);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=stage]', { state: 'detached' });
      expect(await activeMatches(page, '[data-testid=present]')).toBe(true);
      await page.close();
    },
    SLOW,
  );

  it(
    "reaches a district group's records with the arrow keys without moving the map, and opens their cards",
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin);
      const caption = await tabTo(page, '.group-caption', 120);
      const camera = await page.evaluate(() => window.__sdeMap?.camera());
      const mark = await press(page, 'ArrowRight', 'caption →');
      expect(await activeMatches(page, '.group-mark')).toBe(true);
      await press(page, 'ArrowRight', 'mark →');
      await press(page, 'ArrowLeft', 'mark ←');
      expect((await focused(page))?.x).toBe(mark.x);
      expect(await page.evaluate(() => window.__sdeMap?.camera())).toEqual(camera);
      if (process.env.SHOTS !== '0')
        await page.screenshot({
          path: resolve(shots, 'focus-group-mark.png'),
          clip: { x: caption.x - 20, y: caption.y - 20, width: 200, height: 120 },
        });
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-record'));
      await page.keyboard.press('Enter');
      await waitParam(page, 'sel', id ?? '');
      await page.waitForSelector(`[data-testid=card][data-id="${id}"]`);
      expect(await activeInside(page, '[data-testid=card]')).toBe(true);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=card]', { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-record'))).toBe(id);
      // Tab from inside a group leaves it for the next group's caption.
      await page.keyboard.press('Tab');
      expect(await activeMatches(page, '.group-caption, .maplibregl-ctrl button')).toBe(true);
      await page.close();
    },
    SLOW,
  );

  it(
    'tells nothing by colour alone: legend entries, kinds, dimmed records and chart bars carry text',
    async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin, '?dir=blockchain&sel=sip');
      // Every legend entry and kind toggle has words beside its symbol.
      const legend = await page
        .locator('[data-testid=legend] .symbols li, [data-testid=legend] .toggles label')
        .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
      expect(legend.length).toBeGreaterThan(5);
      for (const text of legend) expect(text.length, 'a legend entry without words').toBeGreaterThan(1);
      // The precision of a record's location is explained in words in the legend.
      expect(legend.join(' ')).toMatch(/仅知板块|片区/);
      // A district card: records outside the filter are dimmed and say so.
      await page.waitForSelector('[data-testid=card][data-id="sip"]');
      const dim = await page
        .locator('[data-testid=district-carriers] li.dim')
        .evaluateAll((els) => els.map((e) => e.querySelector('.dim-note')?.textContent ?? ''));
      expect(dim.length).toBeGreaterThan(0);
      for (const note of dim) expect(note).toContain('不符合当前筛选');
      const kept = await page.locator('[data-testid=district-carriers] li:not(.dim) .dim-note').count();
      expect(kept).toBe(0);
      // The charts' bars print their counts.
      await gotoMap(page, h.origin, '?tool=charts');
      await page.waitForSelector('[data-testid=chart-matrix]');
      const bars = await page
        .locator('.bars .bar')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-count'), e.querySelector('.value')?.textContent]));
      expect(bars.length).toBeGreaterThan(0);
      for (const [count, text] of bars) expect(text).toContain(String(count));
      await page.close();
    },
    SLOW,
  );
});
