/**
 * Hostile input (issue 13, part 3): the production build runs under its Content-Security-Policy (no
 * inline script, no eval; workers from the origin) with zero violations through the map, search,
 * workbench, presenter and export; the policy is live (an injected inline script is refused); and
 * nothing from a link or the data runs as script (a hostile link's values render as text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Records every CSP violation the page reports, from before its first script. */
const RECORD_VIOLATIONS = () => {
  const list: string[] = [];
  (window as unknown as { __csp: string[] }).__csp = list;
  document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
};
const violations = (page: import('playwright-core').Page) =>
  page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

describe('content security policy', () => {
  it('runs the app under the policy with zero violations, and the policy is live', async () => {
    const { page, log } = await openPage(h);
    await page.addInitScript(RECORD_VIOLATIONS);
    await gotoMap(page, h.origin, '?dir=artificial-intelligence');
    const policy = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
    // The lazy parts: search (fuse, pinyin), the workbench's charts and analysis, the presenter, export.
    await page.locator('.search input').fill('园区');
    await page.waitForSelector('.search [role=option]');
    await page.keyboard.press('Escape');
    await page.getByTestId('workbench-open').click();
    await page.locator('[data-tool=charts]').click();
    await page.waitForSelector('[data-testid=chart-matrix]');
    await page.locator('[data-tool=near]').click();
    await page.getByTestId('workbench-close').click();
    await page.getByTestId('present').click();
    await page.getByTestId('pitch-builtin-ai').click();
    await page.waitForSelector('[data-testid=stage][data-landed=true]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=stage][data-stop="1"][data-landed=true]');
    await page.keyboard.press('Escape');
    expect(await violations(page)).toEqual([]);
    // The policy is live: an inline script injected into the page is refused and reported.
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);
    expect(log.foreignRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });

  it('renders a hostile link as text: no script runs, notices stay short', async () => {
    const { page, log } = await openPage(h);
    await page.addInitScript(RECORD_VIOLATIONS);
    const payload = encodeURIComponent('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
    await gotoMap(page, h.origin, `?dir=${payload}&sel=${payload}&${'x'.repeat(200)}=${'y'.repeat(3000)}`);
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text.length).toBeLessThan(400);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.notice img, .notice script').count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await page.close();
  });
});
