/**
 * Comparing districts (issue 11) in the built app: two districts picked in the comparison become the
 * map's selection (both outlined, in the link); one column each; a focus direction both have is
 * marked shared and one only the first has is marked unique (from the served manifest's
 * `direction_keys`); the counts equal the district chips'; the figures carry a year and a status;
 * a link with three districts opens three columns; the table follows the language.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, servedData, settledParam, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Manifest = Awaited<ReturnType<typeof servedData>>['manifest'];

/** Two districts with headline figures, a focus direction in common and one only the first has. */
function pickPair(manifest: Manifest) {
  const withFacts = manifest.districts.filter((d) => manifest.facts.some((f) => f.scope === d.id));
  for (const a of withFacts)
    for (const b of withFacts) {
      if (a.id === b.id) continue;
      const shared = a.direction_keys.find((k) => b.direction_keys.includes(k));
      const unique = a.direction_keys.find((k) => !b.direction_keys.includes(k));
      if (shared && unique) return { a, b, shared, unique };
    }
  throw new Error('no pair of districts with a shared and a unique focus direction');
}

const columns = (page: Page) =>
  page
    .locator('[data-testid=compare] thead th[data-compare-district]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-compare-district')));

describe('compare districts', () => {
  it('compares two districts picked in the tool: columns, shared and unique focus, counts, figures, map', async () => {
    const { page, log } = await openPage(h);
    await gotoMap(page, h.origin, '?tool=compare');
    await page.getByTestId('compare').waitFor();
    const { manifest } = await servedData(page);
    const { a, b, shared, unique } = pickPair(manifest);

    await page.click(`[data-compare-pick="${a.id}"]`);
    await page.getByTestId('compare-hint').waitFor();
    await page.click(`[data-compare-pick="${b.id}"]`);
    await page.waitForSelector('[data-testid=compare] thead th[data-compare-district]');
    expect(await columns(page)).toEqual([a.id, b.id]);
    for (const d of [a, b])
      expect(await page.locator(`thead th[data-compare-district="${d.id}"]`).textContent()).toContain(d.name_zh);

    // Focus directions: the shared one is marked shared in both columns, the unique one in the first.
    const focus = (district: string, key: string) =>
      page.locator(`td[data-compare-district="${district}"] [data-direction="${key}"]`);
    for (const d of [a, b]) {
      expect(await focus(d.id, shared).getAttribute('data-share')).toBe('shared');
      expect(await focus(d.id, shared).textContent()).toContain('共有');
    }
    expect(await focus(a.id, unique).getAttribute('data-share')).toBe('unique');
    expect(await focus(a.id, unique).textContent()).toContain('独有');
    expect(await focus(b.id, unique).count()).toBe(0);
    // Every focus direction of the table is listed, and nothing else; shared ones first.
    const listed = await page
      .locator(`td[data-compare-district="${a.id}"] [data-direction]`)
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-direction'), e.getAttribute('data-share')]));
    expect(listed.map(([k]) => k).sort()).toEqual([...new Set(a.direction_keys)].sort());
    expect(listed[0][1]).toBe('shared');
    for (const [k, share] of listed)
      expect(share, `${k}`).toBe(b.direction_keys.includes(k ?? '') ? 'shared' : 'unique');

    // Category (类别) as written in the table.
    const category = await page.locator(`[data-aspect=category] td[data-compare-district="${a.id}"]`).textContent();
    for (const term of a.category_terms) expect(category).toContain(term);

    // Counts follow the one counting rule: the same as the district chips.
    for (const d of [a, b]) {
      const chip = await page
        .locator(`.filter [data-district="${d.id}"] [data-testid=district-chip-count]`)
        .textContent();
      const n = await page
        .locator(`[data-aspect=records] td[data-compare-district="${d.id}"]`)
        .getAttribute('data-count');
      expect(Number(n), d.id).toBe(Number(chip));
    }

    // Headline figures, each with its year and status.
    for (const d of [a, b]) {
      const items = page.locator(`[data-testid=compare-figures][data-compare-district="${d.id}"] li[data-id]`);
      expect(await items.count()).toBe(manifest.facts.filter((f) => f.scope === d.id).length);
      for (const text of await items.allTextContents()) {
        expect(text).toMatch(/(20\d\d 年|未注明年份)/);
        expect(text).toMatch(/(目标|基数)/);
      }
    }

    // The map outlines both, and the link keeps them.
    await page.waitForFunction(() => (window.__sdeMap?.selectedDistricts().length ?? 0) === 2);
    expect((await page.evaluate(() => window.__sdeMap?.selectedDistricts()))?.sort()).toEqual([a.id, b.id].sort());
    expect(await settledParam(page, 'sel')).toBe(`${a.id},${b.id}`);

    // Unticking one leaves a single district: the hint comes back.
    await page.click(`[data-compare-pick="${b.id}"]`);
    await page.getByTestId('compare-hint').waitFor();
    expect(await columns(page)).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('opens from a link with three districts, and follows the language and the filter', async () => {
    const { page } = await openPage(h);
    await gotoMap(page, h.origin, '?tool=compare&sel=sip,wuzhong,gusu&lang=en&dir=artificial-intelligence');
    await page.waitForSelector('[data-testid=compare] thead th[data-compare-district]');
    expect(await columns(page)).toEqual(['sip', 'wuzhong', 'gusu']);
    const { manifest, features } = await servedData(page);
    const sip = manifest.districts.find((d) => d.id === 'sip');
    expect(await page.locator('thead th[data-compare-district="sip"]').textContent()).toContain(sip?.name_en);
    // Category in English from the taxonomy.
    const category = await page.locator('[data-aspect=category] td[data-compare-district="sip"]').textContent();
    for (const k of sip?.category_keys ?? [])
      expect(category).toContain(manifest.categories.find((c) => c.key === k)?.en);
    // Counts by direction follow the filter: only the chosen direction is a row.
    const rows = await page
      .locator('[data-aspect=directions] tr[data-direction-row]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-direction-row')));
    expect(rows).toEqual(['artificial-intelligence']);
    const ai = features.filter(
      (f) =>
        f.properties.districts.includes('sip') &&
        f.properties.directions_own.some((o) => o.key === 'artificial-intelligence'),
    );
    expect(
      Number(
        await page
          .locator('[data-aspect=directions] tr[data-direction-row] td[data-compare-district="sip"]')
          .getAttribute('data-count'),
      ),
    ).toBe(ai.length);
    // Figures in English carry a year and a status.
    const figures = await page
      .locator('[data-testid=compare-figures][data-compare-district="sip"] li[data-id]')
      .allTextContents();
    expect(figures.length).toBeGreaterThan(0);
    for (const text of figures) expect(text).toMatch(/(20\d\d (target|baseline)|(target|baseline), year not given)/);
    await page.waitForFunction(() => (window.__sdeMap?.selectedDistricts().length ?? 0) === 3);
    await page.close();
  });
});
