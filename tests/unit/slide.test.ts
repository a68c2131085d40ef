/**
 * The slide's pure layout (`src/ui/export/slide.ts`): sizes relative to the slide, the same look at
 * screen and A4 300-dpi size, round scale-bar lengths, a north arrow only when rotated, text wrapping
 * for Chinese and English, and a column that shrinks to fit.
 */
import { describe, expect, it } from 'vitest';
import { metresPerCssPixel } from '../../src/map/snapshot';
import { layoutColumn, needsNorthArrow, scaleBarOf, slideLayout, wrapText } from '../../src/ui/export/slide';

/** A monospace stand-in for canvas text measurement: CJK characters 1 em, others 0.5 em. */
const measureAt = (px: number) => (s: string) =>
  [...s].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(c) ? px : px / 2), 0);

describe('slideLayout', () => {
  it('tiles the slide: header, map and column, footer, in whole pixels', () => {
    for (const [w, h, r] of [
      [1280, 800, 1],
      [3508, 2480, 3508 / 1280],
      [1600, 1000, 1.25],
    ]) {
      const l = slideLayout(w, h, r);
      const header = l.header?.h ?? 0;
      expect(header + l.map.h + l.footer.h).toBe(h);
      expect(l.map.w + l.column.w).toBe(w);
      expect(l.map.y).toBe(header);
      expect(l.column.x).toBe(l.map.w);
      for (const v of [l.map.x, l.map.y, l.map.w, l.map.h]) expect(Number.isInteger(v)).toBe(true);
      expect(l.map.w).toBeGreaterThan(w * 0.55);
      expect(l.map.h).toBeGreaterThan(h * 0.7);
    }
  });

  it('scales the A4 300-dpi slide like the screen one: same proportions, text × pixel ratio', () => {
    // A 1280 × 905 CSS px screen slide (A4's aspect) and the A4 one drawn at 3508 / 1280 px per CSS px.
    const ratio = 3508 / 1280;
    const screen = slideLayout(1280, Math.round(2480 / ratio), 1);
    const a4 = slideLayout(3508, 2480, ratio);
    expect(a4.unit / screen.unit).toBeCloseTo(ratio, 1);
    expect(a4.fonts.title / screen.fonts.title).toBeCloseTo(ratio, 1);
    expect(a4.map.w / a4.width_px).toBeCloseTo(screen.map.w / screen.width_px, 2);
    expect(a4.map.h / a4.height_px).toBeCloseTo(screen.map.h / screen.height_px, 2);
    // Print sizes: body text ≥ 9 pt at 300 dpi (1 pt = 300/72 px), title ≥ 18 pt.
    expect(a4.fonts.body).toBeGreaterThanOrEqual(9 * (300 / 72));
    expect(a4.fonts.title).toBeGreaterThanOrEqual(18 * (300 / 72));
  });

  it('keeps text legible on a small slide (unit ≥ 9 CSS px) and most of its width for the map', () => {
    const small = slideLayout(600, 400, 1);
    expect(small.unit).toBe(9);
    expect(small.fonts.body).toBeGreaterThanOrEqual(9.9);
    expect(small.map.w).toBeGreaterThanOrEqual(0.7 * 600);
    const hiDpi = slideLayout(1200, 800, 2);
    expect(hiDpi.unit).toBe(18);
  });

  it('drops the title band on request (a handout page has its own title)', () => {
    const l = slideLayout(1600, 1000, 1, { header: false });
    expect(l.header).toBeNull();
    expect(l.map.y).toBe(0);
    expect(l.map.h + l.footer.h).toBe(1000);
  });
});

describe('scaleBarOf', () => {
  it('chooses the longest round length that fits: 1, 2, 5 × 10^k', () => {
    expect(scaleBarOf(100, 180).metres).toBe(10_000);
    expect(scaleBarOf(100, 180).label).toBe('10 km');
    expect(scaleBarOf(100, 210).label).toBe('20 km');
    expect(scaleBarOf(100, 500).label).toBe('50 km');
    expect(scaleBarOf(10, 160).label).toBe('1 km');
    expect(scaleBarOf(10, 99).label).toBe('500 m');
    expect(scaleBarOf(2, 120).label).toBe('200 m');
  });

  it('draws the bar at its ground length / metres per pixel, never longer than allowed', () => {
    for (const mpp of [0.7, 3, 17, 42, 130, 260]) {
      for (const max of [120, 180, 490]) {
        const bar = scaleBarOf(mpp, max);
        expect(bar.length_px).toBeCloseTo(bar.metres / mpp, 6);
        expect(bar.length_px).toBeLessThanOrEqual(max + 1e-9);
        // Round: the next round length would not fit, so the bar is at least 40 % of the room.
        expect(bar.length_px).toBeGreaterThanOrEqual(max * 0.4 - 1e-9);
        expect(String(bar.metres)).toMatch(/^[125]0*$/);
      }
    }
  });

  it('gives the same ground length at screen and A4 size for the same view (metres per pixel ÷ ratio)', () => {
    const ratio = 3508 / 1280;
    const mpp = metresPerCssPixel(31.3, 9.5);
    const screen = scaleBarOf(mpp, slideLayout(1280, 905, 1).scaleBar.maxLength_px);
    const a4 = scaleBarOf(mpp / ratio, slideLayout(3508, 2480, ratio).scaleBar.maxLength_px);
    expect(a4.metres).toBe(screen.metres);
    expect(a4.length_px / screen.length_px).toBeCloseTo(ratio, 1);
  });
});

describe('metresPerCssPixel', () => {
  it('is 40075016.686 × cos(lat) / (512 × 2^zoom)', () => {
    expect(metresPerCssPixel(0, 0)).toBeCloseTo(40075016.686 / 512, 6);
    // Suzhou (31.3° N) at zoom 10: about 65.3 m per CSS px.
    expect(metresPerCssPixel(31.3, 10)).toBeCloseTo(65.31, 1);
  });
});

describe('needsNorthArrow', () => {
  it('only when the map is rotated', () => {
    expect(needsNorthArrow(0)).toBe(false);
    expect(needsNorthArrow(360)).toBe(false);
    expect(needsNorthArrow(-360)).toBe(false);
    expect(needsNorthArrow(0.01)).toBe(false);
    expect(needsNorthArrow(15)).toBe(true);
    expect(needsNorthArrow(-30)).toBe(true);
    expect(needsNorthArrow(180)).toBe(true);
    expect(needsNorthArrow(359.5)).toBe(true);
  });
});

describe('wrapText', () => {
  const m = measureAt(10);
  it('breaks English at spaces and Chinese between characters', () => {
    expect(wrapText('Suzhou digital economy parks', 60, m)).toEqual(['Suzhou', 'digital', 'economy', 'parks']);
    expect(wrapText('Suzhou digital economy parks', 100, m)).toEqual(['Suzhou digital', 'economy parks']);
    expect(wrapText('苏州市数字经济发展规划', 50, m)).toEqual(['苏州市数字', '经济发展规', '划']);
  });
  it('keeps closing punctuation off the start of a line', () => {
    const lines = wrapText('苏州市数字经济，发展规划', 70, m);
    expect(lines[0]).toBe('苏州市数字经济，');
    expect(lines.every((l) => !l.startsWith('，'))).toBe(true);
  });
  it('cuts a word longer than the line', () => {
    const lines = wrapText('Supercalifragilistic', 50, m);
    expect(lines.join('')).toBe('Supercalifragilistic');
    for (const l of lines) expect(m(l)).toBeLessThanOrEqual(50);
  });
  it('mixes scripts and never returns empty lines', () => {
    const lines = wrapText('《苏州市数字经济“十四五”发展规划》 Suzhou 14th Five-Year Plan', 120, m);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.trim()).not.toBe('');
    expect(wrapText('', 100, m)).toEqual([]);
  });
});

describe('layoutColumn', () => {
  const words = { legend: 'Legend', documents: 'Documents cited', none: '(none)', north: 'N' };
  const measure = (s: string, px: number) => measureAt(px)(s);
  const item = (label: string) => ({ kind: 'direction' as const, colour: '#123456', label });

  it('places the legend, then the documents, inside the column at full size when they fit', () => {
    const l = slideLayout(1280, 800, 1);
    const col = layoutColumn(
      l,
      { legend: [item('Artificial intelligence')], documents: ['Doc A', 'Doc B'], words },
      measure,
    );
    expect(col.scale).toBe(1);
    expect(col.omitted).toBe(0);
    const texts = col.texts.map((x) => x.text);
    expect(texts.indexOf('Legend')).toBeLessThan(texts.indexOf('Documents cited'));
    expect(texts).toContain('Doc B');
    for (const x of col.texts) {
      expect(x.x).toBeGreaterThanOrEqual(l.column.x);
      expect(x.y).toBeLessThan(l.column.y + l.column.h);
    }
    expect(col.swatches).toHaveLength(1);
  });

  it('shrinks its fonts to fit a long legend, then leaves out documents', () => {
    const l = slideLayout(1280, 800, 1);
    const legend = Array.from({ length: 30 }, (_, i) => item(`Direction number ${i} with a long name`));
    const col = layoutColumn(l, { legend, documents: ['A', 'B', 'C', 'D', 'E'], words }, measure);
    expect(col.scale).toBeLessThan(1);
    expect(col.scale).toBeGreaterThanOrEqual(0.6 - 1e-9);
    const few = layoutColumn(l, { legend: legend.slice(0, 12), documents: ['A', 'B'], words }, measure);
    expect(few.scale).toBeGreaterThan(col.scale);
  });

  it('says so when no document is cited', () => {
    const col = layoutColumn(slideLayout(1280, 800, 1), { legend: [], documents: [], words }, measure);
    expect(col.texts.map((x) => x.text)).toContain('(none)');
  });
});
