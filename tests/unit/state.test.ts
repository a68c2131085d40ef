/**
 * The store's actions, the URL codec (every field round-trips; each bad value is dropped with one
 * bounded notice) and the history sync (chosen views push entries, camera moves replace them).
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/analysis/filter';
import { settledWrites, syncWithHistory, viewHref, type WriteScheduler } from '../../src/state/history';
import { type Camera, createAppStore, DEFAULT_VIEW, type ViewState, viewOf } from '../../src/state/store';
import {
  decodeView,
  encodeView,
  type KnownValues,
  MAX_NOTICE_VALUE,
  MAX_NOTICES,
  URL_PARAMS,
} from '../../src/state/url';

const known: KnownValues = {
  directions: ['blockchain', 'artificial-intelligence'],
  districts: ['sip', 'gusu', 'wuzhong'],
  kinds: ['lab', 'carrier'],
  isRecord: (id) => id === 'sip-nano-sci-tech-park',
  basemaps: ['embedded', 'osm'],
};

const camera: Camera = { center: [120.6234, 31.3012], zoom: 10.25, bearing: 15, pitch: 30 };

/** A view setting every field away from its default. */
const full: ViewState = {
  lang: 'en',
  filter: {
    directions: ['blockchain', 'artificial-intelligence'],
    mode: 'all',
    inherit: true,
    districts: ['sip'],
    kinds: ['lab'],
  },
  hidden: ['focus', 'carriers'],
  selection: { type: 'record', id: 'sip-nano-sci-tech-park' },
  panel: 'quality',
  camera,
  basemap: 'osm',
  pitch: { stops: [{ type: 'overview' }, { type: 'district', id: 'sip' }, { type: 'closing' }], index: 1 },
  tool: 'sites',
  near: { origin: { point: [120.62, 31.3] }, radius_km: 5 },
  needs: { districts: ['sip', 'gusu'], rail_km: 20, airport_km: 60, university_km: 5, carriers: true },
  density: true,
  embed: true,
};

describe('store actions', () => {
  it('selecting a record closes the panel and requests a frame with a new sequence number', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, panel: 'city' });
    store.getState().selectRecord('x', { center: [120, 31], zoom: 12 });
    const s = store.getState();
    expect(s.selection).toEqual({ type: 'record', id: 'x' });
    expect(s.panel).toBeNull();
    expect(s.frame).toEqual({ seq: 1, target: { center: [120, 31], zoom: 12 }, animate: true });
    store.getState().selectRecord('y');
    expect(store.getState().frame?.seq).toBe(1);
  });
  it('toggles districts in and out of a several-district selection', () => {
    const store = createAppStore();
    const { toggleDistrict } = store.getState();
    toggleDistrict('sip');
    toggleDistrict('gusu');
    expect(store.getState().selection).toEqual({ type: 'districts', ids: ['sip', 'gusu'] });
    toggleDistrict('sip');
    expect(store.getState().selection).toEqual({ type: 'districts', ids: ['gusu'] });
    toggleDistrict('gusu');
    expect(store.getState().selection).toBeNull();
  });
  it('keeps the same filter object when a patch changes nothing (so no history entry is made)', () => {
    const store = createAppStore();
    const before = store.getState().filter;
    store.getState().setFilter({ directions: [] });
    expect(store.getState().filter).toBe(before);
    store.getState().setFilter({ directions: ['blockchain'] });
    expect(store.getState().filter).toEqual({ ...EMPTY_FILTER, directions: ['blockchain'] });
  });
  it('hides and shows layer groups in catalogue order', () => {
    const store = createAppStore();
    store.getState().setLayerVisible('carriers', false);
    store.getState().setLayerVisible('focus', false);
    expect(store.getState().hidden).toEqual(['focus', 'carriers']);
    store.getState().setLayerVisible('focus', true);
    expect(store.getState().hidden).toEqual(['carriers']);
  });
  it('falls back from an unreachable basemap to the embedded one, with a notice', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, basemap: 'osm' });
    store.getState().basemapFailed('tianditu');
    expect(store.getState().basemap).toBe('osm');
    store.getState().basemapFailed('osm');
    expect(store.getState().basemap).toBe('embedded');
    expect(store.getState().notices).toEqual([{ param: 'basemap', value: 'osm', reason: 'unreachable' }]);
  });
  it('restoring a view jumps to its camera, or home when it has none', () => {
    const store = createAppStore();
    store.getState().restore(full);
    expect(viewOf(store.getState())).toEqual(full);
    expect(store.getState().frame).toEqual({ seq: 1, target: { camera }, animate: false });
    store.getState().restore(DEFAULT_VIEW);
    expect(store.getState().frame).toEqual({ seq: 2, target: { home: true }, animate: false });
  });
});

describe('URL codec', () => {
  it('round-trips every field', () => {
    const query = encodeView(full);
    expect(decodeView(query, known)).toEqual({ view: full, notices: [] });
    for (const p of URL_PARAMS) expect(query, p).toContain(`${p}=`);
  });
  it('round-trips a several-district selection and the default view', () => {
    const v: ViewState = { ...DEFAULT_VIEW, selection: { type: 'districts', ids: ['sip', 'wuzhong'] } };
    expect(decodeView(encodeView(v), known).view).toEqual(v);
    expect(encodeView(DEFAULT_VIEW)).toBe('');
    expect(decodeView('', known)).toEqual({ view: DEFAULT_VIEW, notices: [] });
  });
  it('is short and readable', () => {
    expect(encodeView(full)).toBe(
      'lang=en&dir=blockchain,artificial-intelligence&mode=all&inherit=1&district=sip&kind=lab&hide=focus,carriers&sel=sip-nano-sci-tech-park&panel=quality&view=120.6234,31.3012,10.25,15,30&basemap=osm&pitch=overview,d:sip,closing&stop=2&tool=sites&near=120.62,31.3,5&rank=all&prefer=sip,gusu&rail=20&air=60&uni=5&density=1&embed=1',
    );
  });
  it('writes a camera with no rotation as lon,lat,zoom', () => {
    expect(
      encodeView({ ...DEFAULT_VIEW, camera: { center: [120.123456, 31.5], zoom: 9.123, bearing: 0, pitch: 0 } }),
    ).toBe('view=120.1235,31.5,9.12');
  });
  it.each([
    ['lang=fr', 'lang', 'unknown-value'],
    ['dir=blockchain,nope', 'dir', 'unknown-value'],
    ['mode=some', 'mode', 'unknown-value'],
    ['inherit=yes', 'inherit', 'unknown-value'],
    ['district=mars', 'district', 'unknown-value'],
    ['kind=castle', 'kind', 'unknown-value'],
    ['hide=everything', 'hide', 'unknown-value'],
    ['sel=no-such-record', 'sel', 'unknown-value'],
    ['panel=settings', 'panel', 'unknown-value'],
    ['view=120,31', 'view', 'malformed'],
    ['view=abc,31,9', 'view', 'malformed'],
    ['view=120,95,9', 'view', 'malformed'],
    ['basemap=mapbox', 'basemap', 'unknown-value'],
    ['pitch=overview,d:mars', 'pitch', 'unknown-value'],
    ['pitch=overview,r:no-such-record', 'pitch', 'unknown-value'],
    ['pitch=overview,<script>', 'pitch', 'unknown-value'],
    ['pitch=overview&stop=7', 'stop', 'malformed'],
    ['pitch=overview&stop=x', 'stop', 'malformed'],
    ['stop=2', 'stop', 'unknown-param'],
    ['tool=paint', 'tool', 'unknown-value'],
    ['near=120,31', 'near', 'malformed'],
    ['near=120,31,0', 'near', 'malformed'],
    ['near=120,31,9999', 'near', 'malformed'],
    ['near=r:no-such-record,5', 'near', 'malformed'],
    ['rank=best', 'rank', 'unknown-value'],
    ['rail=5', 'rail', 'unknown-param'],
    ['rank=parks&rail=-3', 'rail', 'malformed'],
    ['rank=parks&prefer=mars', 'prefer', 'unknown-value'],
    ['density=yes', 'density', 'unknown-value'],
    ['embed=true', 'embed', 'unknown-value'],
    ['utm_source=mail', 'utm_source', 'unknown-param'],
  ])('drops %s with one notice and keeps the rest', (bad, param, reason) => {
    const { view, notices } = decodeView(`${bad}&lang=en&dir=blockchain`, known);
    expect(notices).toEqual([expect.objectContaining({ param, reason })]);
    expect(view.filter.directions).toEqual(['blockchain']);
    if (param !== 'lang') expect(view.lang).toBe('en');
  });
  it('bounds the notices of a hostile URL, however long', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `p${i}=${'x'.repeat(50)}`).join('&');
    const long = `dir=${'y'.repeat(75_000)}&${junk}&lang=en`;
    const { view, notices } = decodeView(long, known);
    expect(notices.length).toBeLessThanOrEqual(MAX_NOTICES);
    expect(JSON.stringify(notices).length).toBeLessThan(MAX_NOTICES * (MAX_NOTICE_VALUE + 80));
    expect(notices.every((n) => n.value.length <= MAX_NOTICE_VALUE)).toBe(true);
    expect(view.lang).toBe('en');
  });
});

/**
 * A minimal `window` with a history that records what was pushed and replaced, and a document whose
 * visibility the test sets (`hide`).
 */
function fakeWindow(search = '') {
  const entries = [search];
  let index = 0;
  const listeners = new Map<string, Array<() => void>>();
  const on = (type: string, f: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), f]);
  const fire = (type: string) => {
    for (const f of listeners.get(type) ?? []) f();
  };
  const location = { origin: 'https://example.org', pathname: '/', hash: '', search };
  const go = (url: string) => {
    location.search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  };
  const document = {
    visibilityState: 'visible',
    addEventListener: on,
    removeEventListener: () => undefined,
  };
  const win = {
    location,
    document,
    history: {
      pushState: (_: unknown, __: string, url: string) => {
        go(url);
        entries.splice(index + 1, entries.length, location.search);
        index += 1;
      },
      replaceState: (_: unknown, __: string, url: string) => {
        go(url);
        entries[index] = location.search;
      },
    },
    addEventListener: on,
    removeEventListener: () => undefined,
  };
  const back = () => {
    index -= 1;
    location.search = entries[index];
    fire('popstate');
  };
  const hide = () => {
    document.visibilityState = 'hidden';
    fire('visibilitychange');
  };
  return { win: win as unknown as Window, entries, back, hide, fire, index: () => index };
}

/** A scheduler the test runs by hand: `flush()` makes the pending write; `calls` counts the changes seen. */
function manualWrites() {
  let pending: (() => void) | null = null;
  let calls = 0;
  const schedule: WriteScheduler = (f) => {
    pending = f;
    calls += 1;
  };
  return { schedule, flush: () => pending?.(), calls: () => calls };
}

describe('history sync', () => {
  it('pushes an entry per chosen view, replaces on camera moves, and Back restores', () => {
    const { win, entries, back, index } = fakeWindow('?junk=1');
    const store = createAppStore();
    const writes = manualWrites();
    syncWithHistory(store, known, win, writes.schedule);
    expect(entries).toEqual(['']);
    store.getState().setFilter({ directions: ['blockchain'] });
    writes.flush();
    store.getState().setCamera(camera);
    writes.flush();
    expect(index()).toBe(1);
    store.getState().selectDistricts(['sip']);
    writes.flush();
    expect(index()).toBe(2);
    expect(entries[1]).toBe('?dir=blockchain&view=120.6234,31.3012,10.25,15,30');
    back();
    expect(store.getState().selection).toBeNull();
    expect(store.getState().filter.directions).toEqual(['blockchain']);
    expect(store.getState().camera).toEqual(camera);
    expect(entries.length).toBe(3);
    // The restore is not written as a new entry when its scheduled write comes.
    writes.flush();
    expect(index()).toBe(1);
    expect(entries.length).toBe(3);
  });

  it('writes a burst of changes once, when the view has settled', () => {
    const { win, entries, index } = fakeWindow();
    const store = createAppStore();
    const writes = manualWrites();
    syncWithHistory(store, known, win, writes.schedule);
    store.getState().setFilter({ directions: ['blockchain'] });
    store.getState().setFilter({ directions: ['blockchain', 'big-data-cloud'] });
    store.getState().setCamera(camera);
    expect(writes.calls()).toBe(3);
    // Nothing is written before the view settles.
    expect(entries).toEqual(['']);
    writes.flush();
    expect(index()).toBe(1);
    expect(entries).toEqual(['', '?dir=blockchain,big-data-cloud&view=120.6234,31.3012,10.25,15,30']);
    // A burst that comes back to the entry's choices only updates the entry (here: its camera).
    store.getState().setFilter({ directions: ['blockchain'] });
    store.getState().setFilter({ directions: ['blockchain', 'big-data-cloud'] });
    store.getState().setCamera({ ...camera, zoom: 11 });
    writes.flush();
    expect(index()).toBe(1);
    expect(entries[1]).toBe('?dir=blockchain,big-data-cloud&view=120.6234,31.3012,11,15,30');
  });

  it('writes a pending change at once when the page is hidden or left', () => {
    const { win, entries, hide, fire } = fakeWindow();
    const store = createAppStore();
    syncWithHistory(store, known, win, manualWrites().schedule);
    store.getState().setFilter({ directions: ['blockchain'] });
    fire('pagehide');
    expect(entries).toEqual(['', '?dir=blockchain']);
    store.getState().setLang('en');
    hide();
    expect(entries).toEqual(['', '?dir=blockchain', '?lang=en&dir=blockchain']);
  });

  it('debounces by default: one write WRITE_SETTLE_MS after the last change', async () => {
    const { win, entries } = fakeWindow();
    const store = createAppStore();
    syncWithHistory(store, known, win, settledWrites(20));
    store.getState().setFilter({ directions: ['blockchain'] });
    await new Promise((r) => setTimeout(r, 10));
    store.getState().setFilter({ directions: ['big-data-cloud'] });
    await new Promise((r) => setTimeout(r, 10));
    expect(entries).toEqual(['']);
    await new Promise((r) => setTimeout(r, 30));
    expect(entries).toEqual(['', '?dir=big-data-cloud']);
  });

  it('gives the link of a view, whatever the URL says yet', () => {
    const store = createAppStore();
    store.getState().setFilter({ directions: ['blockchain'] });
    const loc = { origin: 'https://example.org', pathname: '/maps/suzhou/', hash: '#x' };
    expect(viewHref(store.getState(), loc)).toBe('https://example.org/maps/suzhou/?dir=blockchain#x');
    expect(viewHref(createAppStore().getState(), loc)).toBe('https://example.org/maps/suzhou/#x');
  });
});
