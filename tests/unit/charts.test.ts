/**
 * The linked charts' pure helpers (src/ui/workbench/charts/model.ts): columns, family groups, the
 * heat colour scale and its key, pinning, what a highlight names, what the map's selection marks,
 * keyboard moves and label fitting. Record expectations are worked out by hand from the six-record
 * state fixture (tests/fixtures/state/records.json):
 *
 *   r1 carrier   ai            a      city park
 *   r2 carrier   blockchain    a
 *   r3 zone      ai            a, b
 *   r4 lab       —             b
 *   r5 corridor  blockchain    b, c
 *   r6 institute ai, blockchain c
 */
import { lab } from 'd3';
import { describe, expect, it } from 'vitest';
import { directionDistrictMatrix } from '../../src/analysis/aggregate';
import { EMPTY_FILTER, type FilterState } from '../../src/analysis/filter';
import type { Direction } from '../../src/domain/schema';
import {
  barNamed,
  cellNamed,
  columnLabel,
  EMPTY_FILL,
  familyGroups,
  fitLabel,
  heatFill,
  heatInk,
  highlightedIds,
  labelWidth,
  legendSteps,
  matrixColumns,
  moveInGrid,
  sameHighlight,
  selectionMarks,
  togglePin,
} from '../../src/ui/workbench/charts/model';
import { stateFixture } from './fixtures';

const { carriers } = stateFixture();
const KEYS = ['ai', 'blockchain'];
const IDS = ['a', 'b', 'c'];
const f = (over: Partial<FilterState>): FilterState => ({ ...EMPTY_FILTER, ...over });
const kindOf = (id: string) => carriers.find((c) => c.id === id)?.kind;

describe('matrixColumns', () => {
  it('is every district with no district filter, else the chosen ones in table order', () => {
    expect(matrixColumns(EMPTY_FILTER, IDS)).toEqual(['a', 'b', 'c']);
    expect(matrixColumns(f({ districts: ['c', 'a'] }), IDS)).toEqual(['a', 'c']);
  });
});

describe('columnLabel', () => {
  it("shortens the city's own zones and drops 'District'", () => {
    const sip = { name_zh: '苏州工业园区', name_en: 'Suzhou Industrial Park' };
    const snd = { name_zh: '苏州高新区', name_en: 'Suzhou New District (Huqiu District)' };
    const wj = { name_zh: '吴江区', name_en: 'Wujiang District' };
    expect([columnLabel(sip, 'zh'), columnLabel(snd, 'zh'), columnLabel(wj, 'zh')]).toEqual([
      '工业园区',
      '高新区',
      '吴江区',
    ]);
    expect([columnLabel(sip, 'en'), columnLabel(snd, 'en'), columnLabel(wj, 'en')]).toEqual(['SIP', 'SND', 'Wujiang']);
    expect(columnLabel({ name_zh: '苏州', name_en: 'Kunshan' }, 'zh')).toBe('苏州');
  });
});

describe('familyGroups', () => {
  const dir = (key: string, family: Direction['family']): Direction => ({
    key,
    zh: key,
    en: key,
    family,
    colour: '#000000',
    terms: [],
    name_terms: [],
    synonyms: [],
  });
  const taxonomy = [
    dir('smart-city', 'application'),
    dir('ai', 'digital-industry'),
    dir('quantum', 'frontier'),
    dir('ic', 'digital-industry'),
  ];
  it('groups rows by family in the families’ order, rows in taxonomy order, empty families left out', () => {
    const groups = familyGroups(['ic', 'smart-city', 'ai', 'unknown'], taxonomy);
    expect(groups.map((g) => g.family)).toEqual(['digital-industry', 'application']);
    expect(groups[0].rows.map((d) => d.key)).toEqual(['ai', 'ic']);
    expect(groups[1].rows.map((d) => d.key)).toEqual(['smart-city']);
  });
});

describe('heat colour scale', () => {
  it('leaves zero neutral and darkens monotonically from 1 to max', () => {
    expect(heatFill(0, 17)).toBe(EMPTY_FILL);
    const l = [1, 5, 9, 17].map((n) => lab(heatFill(n, 17)).l);
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeLessThan(l[i - 1]);
    // 1 is visibly tinted (not the empty grey); counts above max take the darkest colour.
    expect(heatFill(1, 17)).not.toBe(EMPTY_FILL);
    expect(heatFill(40, 17)).toBe(heatFill(17, 17));
  });
  it('handles a domain of one count', () => {
    expect(heatFill(1, 1)).toBe(heatFill(1, 0));
    expect(heatFill(1, 1)).not.toBe(EMPTY_FILL);
  });
  it('prints white on dark fills and ink on light ones', () => {
    expect(heatInk(heatFill(17, 17))).toBe('#ffffff');
    expect(heatInk(heatFill(1, 17))).toBe('#1f2630');
    expect(heatInk(EMPTY_FILL)).toBe('#1f2630');
  });
  it('keys 0, 1, the middle and max', () => {
    expect(legendSteps(17)).toEqual([0, 1, 9, 17]);
    expect(legendSteps(2)).toEqual([0, 1, 2]);
    expect(legendSteps(1)).toEqual([0, 1]);
    expect(legendSteps(0)).toEqual([0]);
  });
});

describe('pinning', () => {
  const cell = { directions: ['ai'], districts: ['a'] };
  it('compares highlights by their lists', () => {
    expect(sameHighlight(cell, { districts: ['a'], directions: ['ai'] })).toBe(true);
    expect(sameHighlight(cell, { directions: ['ai'] })).toBe(false);
    expect(sameHighlight(null, null)).toBe(true);
    expect(sameHighlight(cell, null)).toBe(false);
  });
  it('pins a new highlight and unpins the pinned one', () => {
    expect(togglePin(null, cell)).toEqual(cell);
    expect(togglePin(cell, { directions: ['ai'], districts: ['a'] })).toBeNull();
    expect(togglePin({ kinds: ['lab'] }, cell)).toEqual(cell);
  });
});

describe('what a highlight names', () => {
  it('rings the matching records the map rings (own directions, districts spanned, the filter)', () => {
    const ids = (h: Parameters<typeof highlightedIds>[2], filter = EMPTY_FILTER) =>
      [...highlightedIds(carriers, filter, h)].sort();
    expect(ids({ directions: ['ai'], districts: ['b'] })).toEqual(['r3']);
    expect(ids({ directions: ['blockchain'], districts: ['c'] })).toEqual(['r5', 'r6']);
    expect(ids({ kinds: ['lab'] })).toEqual(['r4']);
    expect(ids(null)).toEqual([]);
    // The filter still applies: with only labs shown, an ai highlight rings nothing.
    expect(ids({ directions: ['ai'] }, f({ kinds: ['lab'] }))).toEqual([]);
    // With the district's focus included, r4 (no own direction, inherits blockchain) is ringed.
    expect(ids({ directions: ['blockchain'], districts: ['b'] }, f({ inherit: true }))).toEqual(['r4', 'r5']);
  });
  it('names cells by row and column, totals only by what they share, records by id or kind', () => {
    const cellHl = { directions: ['ai'], districts: ['a'] };
    expect(cellNamed(cellHl, 'ai', 'a', ['r1', 'r3'], kindOf)).toBe(true);
    expect(cellNamed(cellHl, 'ai', 'b', ['r3'], kindOf)).toBe(false);
    expect(cellNamed(cellHl, 'blockchain', 'a', ['r2'], kindOf)).toBe(false);
    // Row total (no district) and column total (no direction) are not the cell.
    expect(cellNamed(cellHl, 'ai', null, ['r1', 'r3', 'r6'], kindOf)).toBe(false);
    expect(cellNamed(cellHl, null, 'a', ['r1', 'r2', 'r3'], kindOf)).toBe(false);
    // A direction bar's highlight names its whole row and the row total.
    expect(cellNamed({ directions: ['ai'] }, 'ai', 'c', ['r6'], kindOf)).toBe(true);
    expect(cellNamed({ directions: ['ai'] }, 'ai', null, ['r1'], kindOf)).toBe(true);
    // A kind names the cells holding a record of that kind; ids the cells holding one of them.
    expect(cellNamed({ kinds: ['lab'] }, null, 'b', ['r3', 'r4', 'r5'], kindOf)).toBe(true);
    expect(cellNamed({ kinds: ['lab'] }, 'ai', 'b', ['r3'], kindOf)).toBe(false);
    expect(cellNamed({ ids: ['r6'] }, 'blockchain', 'c', ['r5', 'r6'], kindOf)).toBe(true);
    expect(cellNamed({}, 'ai', 'a', ['r1'], kindOf)).toBe(false);
    expect(cellNamed(null, 'ai', 'a', ['r1'], kindOf)).toBe(false);
  });
  it("names a bar only by the bar's own highlight", () => {
    expect(barNamed({ directions: ['ai'] }, 'directions', 'ai')).toBe(true);
    expect(barNamed({ directions: ['ai'], districts: ['a'] }, 'directions', 'ai')).toBe(false);
    expect(barNamed({ kinds: ['lab'] }, 'kinds', 'lab')).toBe(true);
    expect(barNamed({ kinds: ['lab'] }, 'directions', 'lab')).toBe(false);
    expect(barNamed(null, 'kinds', 'lab')).toBe(false);
  });
});

describe('selectionMarks', () => {
  const m = directionDistrictMatrix(carriers, EMPTY_FILTER, KEYS, IDS);
  it('marks the columns of selected districts', () => {
    const marks = selectionMarks({ type: 'districts', ids: ['b', 'x'] }, m);
    expect([...marks.columns]).toEqual(['b']);
    expect(marks.cells.size).toBe(0);
  });
  it('marks every cell a selected record counts in', () => {
    // r3 (ai, a + b) and r6 (ai + blockchain, c).
    expect([...selectionMarks({ type: 'record', id: 'r3' }, m).cells].sort()).toEqual(['ai|a', 'ai|b']);
    expect([...selectionMarks({ type: 'record', id: 'r6' }, m).cells].sort()).toEqual(['ai|c', 'blockchain|c']);
    // r4 has no row: no cell (it is in the unassigned row).
    expect(selectionMarks({ type: 'record', id: 'r4' }, m).cells.size).toBe(0);
    expect(selectionMarks(null, m)).toEqual({ columns: new Set(), cells: new Set(), record: null });
  });
  it('marks nothing the filter hides', () => {
    const onlyA = directionDistrictMatrix(carriers, f({ districts: ['a'] }), KEYS, ['a']);
    expect([...selectionMarks({ type: 'record', id: 'r3' }, onlyA).cells]).toEqual(['ai|a']);
    expect(selectionMarks({ type: 'districts', ids: ['c'] }, onlyA).columns.size).toBe(0);
  });
});

describe('moveInGrid', () => {
  it('moves by arrows within the edges, Home/End along the row (with Ctrl: the grid), pages by 5', () => {
    expect(moveInGrid([0, 0], 'ArrowUp', 10, 4)).toEqual([0, 0]);
    expect(moveInGrid([0, 0], 'ArrowDown', 10, 4)).toEqual([1, 0]);
    expect(moveInGrid([2, 3], 'ArrowRight', 10, 4)).toEqual([2, 3]);
    expect(moveInGrid([2, 3], 'ArrowLeft', 10, 4)).toEqual([2, 2]);
    expect(moveInGrid([2, 2], 'Home', 10, 4)).toEqual([2, 0]);
    expect(moveInGrid([2, 2], 'End', 10, 4)).toEqual([2, 3]);
    expect(moveInGrid([2, 2], 'End', 10, 4, true)).toEqual([9, 3]);
    expect(moveInGrid([2, 2], 'PageDown', 10, 4)).toEqual([7, 2]);
    expect(moveInGrid([2, 2], 'PageUp', 10, 4)).toEqual([0, 2]);
    expect(moveInGrid([2, 2], 'a', 10, 4)).toBeNull();
  });
});

describe('label fitting', () => {
  it('measures CJK at 1 em and Latin narrower', () => {
    expect(labelWidth('人工智能', 12)).toBe(48);
    expect(labelWidth('abcd', 10)).toBeCloseTo(22.4);
  });
  it('keeps a label that fits and cuts one that does not, ending in an ellipsis', () => {
    expect(fitLabel('人工智能', 48, 12)).toBe('人工智能');
    const cut = fitLabel('Electronic information manufacturing', 100, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(labelWidth(cut, 12)).toBeLessThanOrEqual(100);
    expect('Electronic information manufacturing'.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
