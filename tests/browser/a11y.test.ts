/**
 * Accessibility (issue 13, part 4): axe-core (WCAG 2 A/AA rules) on the main view, an open card,
 * English, the presenter's stage and the planner's views reports no serious or critical violation.
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
 * restrict, so the app runs under its real policy.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoMap, type Harness, openPage, startHarness } from './harness';

let h: Harness;
let axeSource = '';
beforeAll(async () => {
  h = await startHarness();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
});
afterAll(async () => {
  await h?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe's serious and critical violations on the page as it is (the map canvas itself excluded: a drawing, with the results table as its text twin). */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }
    ).axe;
    return axe.run(
      { exclude: [['.maplibregl-canvas']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
  });
  // Every impact is printed (for the issue note); only serious and critical ones fail the test.
  const byImpact: Record<string, string[]> = {};
  for (const v of result.violations) {
    const impact = v.impact ?? 'none';
    byImpact[impact] = [...(byImpact[impact] ?? []), `${v.id}×${v.nodes.length}`];
  }
  console.log(`axe ${page.url().replace(/^[^?]*/, '') || '(main)'}: ${JSON.stringify(byImpact)}`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }));
}

const VIEWS: Array<[string, string, (page: Page) => Promise<void>]> = [
  ['the main view', '', async () => undefined],
  ['an open card', '?sel=sip', async (page) => void (await page.waitForSelector('[data-testid=card]'))],
  ['English with a filter', '?lang=en&dir=artificial-intelligence', async () => undefined],
  [
    'the presenter stage',
    '?dir=artificial-intelligence&pitch=overview,d:sip,closing&stop=2',
    async (page) => void (await page.waitForSelector('[data-testid=stage]')),
  ],
  [
    'the results table',
    '?tool=table',
    async (page) => void (await page.waitForSelector('[data-testid=results-table]')),
  ],
  ['the charts', '?tool=charts', async (page) => void (await page.waitForSelector('[data-testid=chart-matrix]'))],
  [
    'comparing two districts',
    '?tool=compare&sel=sip,kunshan',
    async (page) => void (await page.waitForSelector('[data-testid=compare]')),
  ],
  [
    'a phone with the filter sheet open',
    '',
    async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('sheet-toggle').click();
      await page.waitForTimeout(400);
    },
  ],
  [
    'proximity around a point',
    '?tool=near&near=120.7,31.31,6',
    async (page) => void (await page.waitForSelector('[data-testid=near-hits] li')),
  ],
  [
    'the site finder',
    '?tool=sites&rank=parks&rail=20',
    async (page) => void (await page.waitForSelector('[data-testid=site-results] li')),
  ],
];

describe('axe-core', () => {
  for (const [name, query, ready] of VIEWS) {
    it(`reports no serious or critical violation: ${name}`, async () => {
      const { page } = await openPage(h);
      await gotoMap(page, h.origin, query);
      await ready(page);
      const violations = await seriousViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await page.close();
    });
  }
});
