/**
 * Odd but right records (tests/fixtures/odd-good/900-odd.yaml: names at the length limits, quotes,
 * angle brackets, HTML-like text, emoji) build, and show as plain text everywhere: the card, the
 * search results, the results table, the charts' counts, the map's labels and the downloads. Any
 * markup in them stays text: no element is made from it and no script runs (each payload would
 * set `window.__pwned`).
 *
 * The fixture is added to a copy of `geo/` and built with `npm run data -- --geo … --out … --fix`
 * (the fix adds its ids to the copy's record lock); the app is served with that data.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gotoMap, type Harness, openPage, type PageLog, startHarness } from './harness';

const root = resolve(import.meta.dirname, '..', '..');
const FIXTURE = join(root, 'tests', 'fixtures', 'odd-good', '900-odd.yaml');
const ODD = (
  parse(readFileSync(FIXTURE, 'utf8')) as { entities: Array<{ id: string; name_zh: string; name_en: string }> }
).entities;

let h: Harness;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sde-odd-'));
  cpSync(join(root, 'geo'), join(tmp, 'geo'), { recursive: true });
  copyFileSync(FIXTURE, join(tmp, 'geo', 'records', 'entities', '900-odd.yaml'));
  execFileSync(
    'npm',
    ['run', '--silent', 'data', '--', '--geo', join(tmp, 'geo'), '--out', join(tmp, 'out'), '--fix'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  h = await startHarness({ dataDir: join(tmp, 'out') });
});
afterAll(async () => {
  await h?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Whether any payload ran, or made an element (an `<img src=x>`, a `<b>`, a `<script>` from the data). */
const injected = (page: Page) =>
  page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    elements: document.querySelectorAll('img[src="x"], #root b, #root script, [onclick], [onerror]').length,
  }));

const clean = (log: PageLog) => {
  expect(log.pageErrors).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
  expect(log.foreignRequests).toEqual([]);
};

describe('odd but right text shows as text everywhere', () => {
  it('builds, and each record’s card shows its names exactly, in both languages', async () => {
    const { page, log } = await openPage(h);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const lang of ['zh', 'en'] as const) {
      for (const r of ODD) {
        await gotoMap(page, h.origin, `?sel=${r.id}&lang=${lang}`);
        const card = page.locator('[data-testid=card][data-kind=carrier]');
        await card.locator('h2').waitFor();
        expect(await card.getAttribute('data-id')).toBe(r.id);
        const heading = await card.locator('h2').textContent();
        expect(heading).toContain(lang === 'zh' ? r.name_zh : r.name_en);
        expect(await card.textContent()).toContain(lang === 'zh' ? r.name_en : r.name_zh);
        expect(await injected(page)).toEqual({ pwned: null, elements: 0 });
      }
    }
    await page.screenshot({ path: join(root, 'test-results', 'odd-card.png') });
    expect(dialogs).toEqual([]);
    clean(log);
    await page.close();
  });

  it('finds them in the search, lists them in the table and counts them in the charts', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin);
    for (const [query, id] of [
      ['火箭', 'odd-emoji'],
      ['script', 'odd-angle-brackets'],
      ['Quoted', 'odd-quotes'],
    ] as const) {
      const r = ODD.find((o) => o.id === id);
      await page.getByTestId('search').fill(query);
      const hit = page.locator(`[data-testid=search-hits] [role=option][data-id="${id}"]`);
      await hit.waitFor();
      expect(await hit.textContent()).toContain(r?.name_zh);
    }
    expect(await injected(page)).toEqual({ pwned: null, elements: 0 });

    await gotoMap(page, h.origin, '?dir=artificial-intelligence&tool=table');
    const table = page.getByTestId('results-table');
    await table.waitFor();
    for (const r of ODD) {
      const row = table.locator(`tr[data-id="${r.id}"]`);
      expect(await row.textContent()).toContain(r.name_zh);
    }
    expect(await injected(page)).toEqual({ pwned: null, elements: 0 });

    // The charts count records, never name them: the odd records are counted under SIP × AI.
    const served = await page.evaluate(async () => (await fetch('data/carriers.geojson')).json());
    // A record spanning several districts counts in each of their columns (README, "One counting rule").
    const ai = (served.features as Array<{ properties: { districts: string[]; dirs: string } }>).filter(
      (f) => f.properties.districts.includes('sip') && f.properties.dirs.includes('|artificial-intelligence|'),
    ).length;
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&tool=charts');
    const cell = page.locator('[data-testid=chart-matrix] td[data-cell="artificial-intelligence|sip"]');
    await cell.waitFor();
    expect(Number.parseInt((await cell.textContent()) ?? '', 10)).toBe(ai);
    expect(ai).toBeGreaterThanOrEqual(ODD.length);
    clean(log);
    await page.close();
  });

  it('labels them on the map with the very text', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin, '?view=120.745,31.31,12.5');
    const labels = await page.evaluate(() => window.__sdeMap?.labels('carriers-label') ?? []);
    // Labels may be placed or dropped for room; the ones placed are the names as written.
    const names = new Set(ODD.map((r) => r.name_zh));
    const placed = labels.filter((l) => names.has(l));
    expect(placed.length).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(root, 'test-results', 'odd-labels.png') });
    clean(log);
    await page.close();
  });

  it('downloads them as CSV and GeoJSON that read back to the same text', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin, '?dir=artificial-intelligence&tool=download');
    const fetchDownload = async (testid: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
      return readFile(await download.path(), 'utf8');
    };
    const csv = csvParse((await fetchDownload('download-csv')).replace(/^\uFEFF/, ''));
    const geo = JSON.parse(await fetchDownload('download-geojson')) as {
      features: Array<{ properties: { id: string; name_zh: string; name_en: string } }>;
    };
    for (const r of ODD) {
      const row = csv.find((c) => c.id === r.id);
      expect(row?.name_zh, r.id).toBe(r.name_zh);
      expect(row?.name_en, r.id).toBe(r.name_en);
      const f = geo.features.find((g) => g.properties.id === r.id);
      expect(f?.properties.name_zh).toBe(r.name_zh);
      expect(f?.properties.name_en).toBe(r.name_en);
    }
    clean(log);
    await page.close();
  });
});
