/**
 * Deploy anywhere (issue 12, item 4): the production build is a static folder that works from any
 * sub-path. A plain static server (no fallback page: a missing file is a 404) serves `dist/` under
 * `/maps/suzhou/` only; the app must reach its first idle, load its lazy features (search, the
 * quality report, the workbench's charts, the PNG export) and its MapLibre worker, with no request
 * that fails or leaves that sub-path, and get its data precompressed (README, "Deploy").
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, startHarness } from './harness';

const PREFIX = '/maps/suzhou/';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ prefix: PREFIX });
});
afterAll(async () => {
  await h?.close();
});

/** Every response the page got: URL, status and the headers a static host sets. */
interface Served {
  url: string;
  status: number;
  type: string;
  encoding: string;
}

function recordResponses(page: Page): Served[] {
  const served: Served[] = [];
  page.on('response', (r: Response) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    const headers = r.headers();
    served.push({
      url: u,
      status: r.status(),
      type: headers['content-type'] ?? '',
      encoding: headers['content-encoding'] ?? '',
    });
  });
  return served;
}

describe(`the build served under ${PREFIX}`, () => {
  it('reaches idle, loads its lazy features and worker, with every request under the sub-path and none failing', async () => {
    const { page, log } = await openPage(h);
    const served = recordResponses(page);
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));

    await gotoMap(page, h.url);
    expect(page.url().startsWith(`${h.origin}${PREFIX}`)).toBe(true);

    // The search: its code (fuse.js, pinyin-pro) and the gazetteer load on first use.
    await page.getByTestId('search').fill('国家超级计算昆山中心');
    await page.getByTestId('search-hits').locator('[role=option]').first().waitFor();

    // The quality report, loaded when the panel is first opened.
    await page.getByTestId('quality-open').click();
    await page.getByTestId('quality').waitFor();
    await page.getByTestId('quality-open').click();

    // The workbench and its charts (d3), each a lazy chunk.
    await page.getByTestId('workbench-open').click();
    await page.getByTestId('workbench').waitFor();
    await page.locator('[data-tool="charts"]').click();
    await page.getByTestId('charts').waitFor();

    // The export code and the bundled fonts it draws with.
    await page.locator('[data-testid="export"]:visible').first().click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.locator('[data-testid="export-screen"]:visible').first().click(),
    ]);
    expect(await download.failure()).toBeNull();

    const paths = served.map((s) => new URL(s.url).pathname);
    const loaded = (re: RegExp) => paths.some((p) => re.test(p));
    expect(loaded(/\/assets\/maplibre-gl-worker-[\w-]+\.mjs$/), 'the MapLibre worker').toBe(true);
    for (const chunk of ['search', 'QualityPanel', 'Workbench', 'Charts', 'exportView'])
      expect(loaded(new RegExp(`/assets/${chunk}-[\\w-]+\\.js$`)), chunk).toBe(true);
    expect(loaded(/\/data\/gazetteer\.geojson$/)).toBe(true);

    expect(paths.filter((p) => !p.startsWith(PREFIX))).toEqual([]);
    expect(served.filter((s) => s.status >= 400).map((s) => `${s.status} ${s.url}`)).toEqual([]);
    expect(failed).toEqual([]);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    await page.close();
  });

  it('gets the data and the code precompressed, with the right content types', async () => {
    const { page } = await openPage(h);
    const served = recordResponses(page);
    await gotoMap(page, h.url);
    const carriers = served.find((s) => s.url.endsWith('/data/carriers.geojson'));
    expect(carriers?.type).toBe('application/geo+json');
    expect(['br', 'gzip']).toContain(carriers?.encoding);
    const manifest = served.find((s) => s.url.endsWith('/data/manifest.json'));
    expect(manifest?.type).toBe('application/json');
    expect(['br', 'gzip']).toContain(manifest?.encoding);
    const entry = served.find((s) => /\/assets\/index-[\w-]+\.js$/.test(s.url));
    expect(entry?.type).toMatch(/^text\/javascript/);
    expect(['br', 'gzip']).toContain(entry?.encoding);
    await page.close();
  });

  it('answers 404 outside the sub-path and for a missing file (no fallback page hides one)', async () => {
    const get = async (path: string) => (await fetch(`${h.origin}${path}`)).status;
    expect(await get(`${PREFIX}data/manifest.json`)).toBe(200);
    expect(await get('/data/manifest.json')).toBe(404);
    expect(await get(`${PREFIX}data/missing.geojson`)).toBe(404);
    expect(await get(`${PREFIX}../../package.json`)).toBe(404);
  });
});
