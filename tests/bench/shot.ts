/**
 * `npx tsx tests/bench/shot.ts [query] [width] [height] [out]`: a screenshot of the built app for
 * looking at it by eye (not a test).
 */
import { gotoMap, openPage, startHarness } from '../browser/harness';

const [query = '', w = '1366', hgt = '768', out = 'test-results/shot.png'] = process.argv.slice(2);
const h = await startHarness();
try {
  const { page, log } = await openPage(h);
  await page.setViewportSize({ width: Number(w), height: Number(hgt) });
  await gotoMap(page, h.origin, query);
  // WAIT_MS: time (ms) to let an animation (e.g. the presenter's first flight) finish first.
  await page.waitForTimeout(Number(process.env.WAIT_MS ?? 0));
  await page.screenshot({ path: out });
  console.log(JSON.stringify(log));
} finally {
  await h.close();
}
