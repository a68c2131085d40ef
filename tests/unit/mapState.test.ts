/**
 * The map state derived from data and view, without WebGL, on the six-record fixture
 * (`tests/fixtures/state/records.json`); and count agreement across every surface that shows a
 * per-district figure (filter chips, badges, district cards, the quality table).
 */
import { describe, expect, it } from 'vitest';
import { countMatches, EMPTY_FILTER, type FilterState, matchesInDistrict } from '../../src/analysis/filter';
import { DENSITY_LAYERS } from '../../src/map/layers';
import { type MapState, mapStateOf } from '../../src/map/mapState';
import { analysisDrawing } from '../../src/state/analysis';
import { DEFAULT_VIEW, type LayerGroup, type ViewState } from '../../src/state/store';
import { expectFixture, stateFixture } from './fixtures';

const fx = stateFixture();
const catalogue = {
  groups: {
    focus: ['districts-focus'],
    parks: ['parks-symbol', 'parks-label'],
    carriers: ['carriers-circle', 'carriers-label'],
  } as Record<LayerGroup, string[]>,
  embedded: ['water-fill'],
};
const layout = { cardWidth_px: 300 };
const derive = (view: Partial<ViewState>): MapState =>
  mapStateOf(fx.mapData, { ...DEFAULT_VIEW, ...view, frame: null }, catalogue, layout);

const filters: Record<string, FilterState> = {
  none: EMPTY_FILTER,
  ai: { ...EMPTY_FILTER, directions: ['ai'] },
  'ai-inherit': { ...EMPTY_FILTER, directions: ['ai'], inherit: true },
  'ai+blockchain-all': { ...EMPTY_FILTER, directions: ['ai', 'blockchain'], mode: 'all' },
  'district-b': { ...EMPTY_FILTER, districts: ['b'] },
  'blockchain-in-a,c': { ...EMPTY_FILTER, directions: ['blockchain'], districts: ['a', 'c'] },
  'kind-lab': { ...EMPTY_FILTER, kinds: ['lab'] },
};

describe('mapStateOf', () => {
  it('sends no feature state with no filter and no selection (the style defaults hold)', () => {
    const s = derive({});
    expect(s.featureStates).toEqual({});
    // Only the density view's layers, which are off until asked for.
    expect(s.hiddenLayers).toEqual(DENSITY_LAYERS);
    expect(s.padding.right).toBe(s.padding.left);
  });
  it.each(Object.keys(filters))('derives feature states and district groups for the filter "%s"', (name) => {
    const s = derive({ filter: filters[name] });
    const groups = s.groups.map((g) => ({
      id: g.id,
      shown: g.shown,
      marks: g.marks.map((m) => `${m.id} ${m.colour}`),
    }));
    expectFixture('state', `mapState-${name}`, { featureStates: s.featureStates, groups });
  });
  it('draws one mark per unplaced matching record in each district it spans, never a placed one', () => {
    const g = derive({ filter: filters.ai }).groups;
    // ai: r1 (area, placed), r3 (set a+b), r6 (site, placed).
    expect(g.map((x) => [x.id, x.marks.map((m) => m.id)])).toEqual([
      ['a', ['r3']],
      ['b', ['r3']],
      ['c', []],
    ]);
    expect(g.find((x) => x.id === 'c')?.shown).toBe(false);
    expect(g.find((x) => x.id === 'a')?.caption).toBe('仅知板块 1');
    expect(derive({ filter: filters.ai, lang: 'en' }).groups[0].marks[0].name).toBe('East–West AI Corridor');
  });
  it('outlines a district-set record by its districts, dashed when read from the name', () => {
    expect(derive({ selection: { type: 'record', id: 'r5' } }).featureStates.districts).toEqual({
      b: { selected: true, schematic: true },
      c: { selected: true, schematic: true },
    });
    expect(derive({ selection: { type: 'record', id: 'r3' } }).featureStates.districts).toEqual({
      a: { selected: true },
      b: { selected: true },
    });
    // A record drawn at a point outlines nothing: the point answers "where".
    expect(derive({ selection: { type: 'record', id: 'r1' } }).featureStates.districts).toBeUndefined();
  });
  it('outlines several selected districts', () => {
    expect(derive({ selection: { type: 'districts', ids: ['a', 'c'] } }).featureStates.districts).toEqual({
      a: { selected: true },
      c: { selected: true },
    });
  });
  it('hides the layers of hidden groups, and the district groups with the carriers', () => {
    const s = derive({ hidden: ['focus', 'carriers'] });
    expect(s.hiddenLayers).toEqual(['districts-focus', 'carriers-circle', 'carriers-label', ...DENSITY_LAYERS]);
    expect(s.groups.every((b) => !b.shown)).toBe(true);
  });
  it('draws an online basemap in place of the embedded one, with its key, and never without a needed key', () => {
    const osm = derive({ basemap: 'osm' });
    expect(osm.basemap?.layers[0][0]).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(osm.hiddenLayers).toEqual(['water-fill', ...DENSITY_LAYERS]);
    expect(derive({ basemap: 'tianditu' }).basemap).toBeNull();
    const tdt = mapStateOf(fx.mapData, { ...DEFAULT_VIEW, basemap: 'tianditu', frame: null }, catalogue, {
      ...layout,
      basemapKeys: { tianditu: 'k&1' },
    }).basemap;
    expect(tdt?.layers).toHaveLength(2);
    expect(tdt?.layers[0][0]).toContain('tk=k%261');
    expect(tdt?.attribution).toContain('审图号');
    expect(derive({ basemap: 'amap' }).basemap?.datum).toBe('gcj02');
    expect(derive({}).basemap).toBeNull();
  });
  it('keeps the card column clear when a card or panel is open', () => {
    expect(derive({ panel: 'city' }).padding.right - derive({}).padding.right).toBe(layout.cardWidth_px);
    expect(derive({ selection: { type: 'districts', ids: ['a'] } }).padding.right).toBe(derive({}).padding.right + 300);
  });
  it('gives the same map state for a filter whether or not another one came between (the per-filter memo)', () => {
    // Interleaved filters and a language change on the same data: each result equals a fresh one.
    for (const name of ['ai', 'none', 'ai', 'district-b', 'ai']) {
      const s = derive({ filter: filters[name] });
      const fresh = mapStateOf(
        { ...fx.mapData },
        { ...DEFAULT_VIEW, filter: filters[name], frame: null },
        catalogue,
        layout,
      );
      expect(s.featureStates).toEqual(fresh.featureStates);
      expect(derive({ filter: filters[name], lang: 'en' }).featureStates).toEqual(fresh.featureStates);
    }
    // A new filter object with the same content is derived anew, to the same states.
    expect(derive({ filter: { ...filters.ai } }).featureStates).toEqual(derive({ filter: filters.ai }).featureStates);
  });
  it('carries the label language and the camera request', () => {
    const frame = { seq: 3, target: { home: true as const }, animate: false };
    const s = mapStateOf(fx.mapData, { ...DEFAULT_VIEW, lang: 'en', frame }, catalogue, layout);
    expect(s.lang).toBe('en');
    expect(s.frame).toBe(frame);
  });
});

describe('counts agree on every surface', () => {
  const ids = fx.districts.map((d) => d.id);
  it.each(Object.keys(filters))('for the filter "%s"', (name) => {
    const f = filters[name];
    const counts = countMatches(fx.carriers, f, ids);
    const groups = derive({ filter: f }).groups;
    for (const d of ids) {
      // District card: the records it lists as matching.
      const listed = fx.carriers.filter((c) => c.districts.includes(d) && matchesInDistrict(c, f, d));
      expect(counts.byDistrict[d].records, d).toBe(listed.length);
      // District group: one mark per unplaced record among them.
      const unplaced = listed.filter((c) => c.precision === 'district' || c.precision === 'district-set');
      expect(
        groups.find((b) => b.id === d)?.marks.map((m) => m.id),
        d,
      ).toEqual(unplaced.map((c) => c.id));
      expect(counts.byDistrict[d].unplaced, d).toBe(unplaced.length);
      // A district outside the district filter counts nothing.
      if (f.districts.length > 0 && !f.districts.includes(d)) expect(counts.byDistrict[d].records, d).toBe(0);
    }
    // Totals: each record once; district rows add up to the total plus the extra districts of spanning records.
    const sum = ids.reduce((a, d) => a + counts.byDistrict[d].records, 0);
    const spanningExtra = fx.carriers
      .filter((c) => ids.some((d) => matchesInDistrict(c, f, d)))
      .reduce((a, c) => a + c.districts.filter((d) => matchesInDistrict(c, f, d)).length - 1, 0);
    expect(sum - spanningExtra).toBe(counts.carriers);
  });
  it('hand-checked: blockchain within a and c', () => {
    const n = countMatches(fx.carriers, filters['blockchain-in-a,c'], ids);
    // r2 (a, blockchain), r5 (b+c set, blockchain: counts in c only), r6 (c site).
    expect(n.carriers).toBe(3);
    expect(n.byDistrict).toEqual({
      a: { records: 1, unplaced: 1, spanning: 0, parks: 0 },
      b: { records: 0, unplaced: 0, spanning: 0, parks: 0 },
      c: { records: 2, unplaced: 1, spanning: 1, parks: 0 },
    });
  });
});

describe('on the presenter’s stage', () => {
  const pitch = { stops: [{ type: 'overview' as const }], index: 0 };
  const onStage = (view: Partial<ViewState>) =>
    mapStateOf(fx.mapData, { ...DEFAULT_VIEW, ...view, frame: null }, catalogue, { ...layout, captionWidth_px: 500 });
  it('enlarges labels, frees the camera from the bounds and keeps the caption column clear', () => {
    const page = onStage({ filter: filters.ai });
    const stage = onStage({ filter: filters.ai, pitch });
    expect(page.labelScale).toBe(1);
    expect(page.bounded).toBe(true);
    expect(page.padding.left).toBe(page.padding.top);
    expect(11 * stage.labelScale).toBeGreaterThanOrEqual(18);
    expect(stage.bounded).toBe(false);
    expect(stage.padding.left).toBe(page.padding.left + 500);
  });
  it('draws no schematic district groups (the caption names those records) and no card padding for the stop', () => {
    const page = onStage({ filter: filters.ai, selection: { type: 'districts', ids: ['a'] } });
    const stage = onStage({ filter: filters.ai, selection: { type: 'districts', ids: ['a'] }, pitch });
    expect(page.groups.some((g) => g.shown)).toBe(true);
    expect(stage.groups.some((g) => g.shown)).toBe(false);
    expect(page.padding.right).toBeGreaterThan(stage.padding.right);
  });
});

describe('the planner’s layers', () => {
  it('rings what a highlight names, among the matching records only, and the districts it names', () => {
    const s = mapStateOf(
      fx.mapData,
      { ...DEFAULT_VIEW, filter: filters.ai, frame: null, highlight: { directions: ['ai'], districts: ['a'] } },
      catalogue,
      layout,
    );
    // In a with ai of their own: r1 (the park, placed) and r3 (district set: its mark, no point).
    expect(s.featureStates.carriers?.r1?.hl).toBe(true);
    expect(s.featureStates.parks?.r1?.hl).toBe(true);
    expect(s.featureStates.carriers?.r3).toBeUndefined();
    expect(s.featureStates.carriers?.r6?.hl).toBeUndefined();
    expect(s.featureStates.districts?.a?.hl).toBe(true);
    expect(s.groups.find((g) => g.id === 'a')?.hl).toEqual(['r3']);
  });
  it('counts placed matching records per hexagon only while the density view is on', () => {
    const density = {
      grid: { type: 'FeatureCollection' as const, features: [] },
      bins: new Map([
        ['r1', 7],
        ['r6', 7],
        ['r2', 9],
      ]),
    };
    const data = { ...fx.mapData, density };
    const off = mapStateOf(data, { ...DEFAULT_VIEW, frame: null }, catalogue, layout);
    expect(off.featureStates.density).toBeUndefined();
    expect(off.densityGrid).toBeNull();
    const on = mapStateOf(data, { ...DEFAULT_VIEW, density: true, frame: null }, catalogue, layout);
    // r2 is known only by district: never counted, whatever bin it was given.
    expect(on.featureStates.density).toEqual({ '7': { n: 2 } });
    expect(on.hiddenLayers).not.toContain('density-fill');
    const ai = mapStateOf(data, { ...DEFAULT_VIEW, density: true, filter: filters.ai, frame: null }, catalogue, layout);
    expect(ai.featureStates.density).toEqual({ '7': { n: 2 } });
    const chain = mapStateOf(
      data,
      { ...DEFAULT_VIEW, density: true, filter: filters['kind-lab'], frame: null },
      catalogue,
      layout,
    );
    expect(chain.featureStates.density).toBeUndefined();
  });
  it('draws the proximity circle, its origin and a line to each placed hit', () => {
    const analysis = {
      carriers: fx.carriers,
      pointById: fx.points,
      districts: fx.districts,
      directions: [{ key: 'ai', zh: '人工智能', en: 'AI' }],
    };
    const s = mapStateOf(
      { ...fx.mapData, analysis: analysisDrawing(analysis) },
      { ...DEFAULT_VIEW, near: { origin: { point: [120.1, 31.05] }, radius_km: 2 }, frame: null },
      catalogue,
      layout,
    );
    const kinds = s.analysis?.data.features.map((f) => `${f.properties?.kind}:${f.properties?.id ?? ''}`);
    // r1 sits on the centre; r6 is ~76 km east; the rest have no point.
    expect(kinds).toEqual(['near-circle:', 'near-line:r1', 'near-origin:']);
  });
});
