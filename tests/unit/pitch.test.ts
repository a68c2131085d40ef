/**
 * Presenter mode's route and stops on the six-record fixture (`tests/fixtures/state/records.json`:
 * districts a, b, c; r1 a city park at a point in a; r3 spans a and b; r6 a site in c), with the
 * expected routes worked out by hand from the rule in `src/analysis/pitch.ts`.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PITCHES,
  builtInRoute,
  districtScores,
  generateRoute,
  moveStop,
  parseStopToken,
  type StopRef,
  stopToken,
} from '../../src/analysis/pitch';
import { stopView } from '../../src/state/pitch';
import { createAppStore, DEFAULT_VIEW } from '../../src/state/store';
import { stateFixture } from './fixtures';

const fx = stateFixture();
const data = { carriers: fx.carriers, districts: fx.districts };
const appData = {
  carriers: fx.carriers,
  carrierById: new Map(fx.carriers.map((c) => [c.id, c])),
  districtById: new Map(fx.districts.map((d) => [d.id, d])),
  pointById: fx.points,
};
const tokens = (stops: StopRef[]) => stops.map(stopToken);
const profile = (directions: string[], include: string[] = [], exclude: string[] = []) => ({
  directions,
  include,
  exclude,
});

describe('generateRoute', () => {
  it('scores districts by matching parks, records and focus (own directions only)', () => {
    expect(districtScores(data, ['ai'])).toEqual([
      { id: 'a', parks: 1, records: 2, focus: 1 },
      { id: 'b', parks: 0, records: 1, focus: 0 },
      { id: 'c', parks: 0, records: 1, focus: 1 },
    ]);
  });
  it('orders districts by parks, then records, then focus; each followed by its city parks', () => {
    // a has the park; b and c tie on one record each, and c's focus names ai.
    expect(tokens(generateRoute(data, profile(['ai'])))).toEqual(['overview', 'd:a', 'r:r1', 'd:c', 'd:b', 'closing']);
    // blockchain: c holds two matching records (r5 spans b and c, r6), b one with a matching focus, a one without.
    expect(tokens(generateRoute(data, profile(['blockchain'])))).toEqual(['overview', 'd:c', 'd:b', 'd:a', 'closing']);
  });
  it('with no direction every district and city park is a stop, most records first', () => {
    expect(tokens(generateRoute(data, profile([])))).toEqual(['overview', 'd:a', 'r:r1', 'd:b', 'd:c', 'closing']);
  });
  it('keeps only the districts asked for and leaves out the excluded ones', () => {
    expect(tokens(generateRoute(data, profile(['ai'], [], ['c'])))).toEqual([
      'overview',
      'd:a',
      'r:r1',
      'd:b',
      'closing',
    ]);
    expect(tokens(generateRoute(data, profile(['ai'], ['b'])))).toEqual(['overview', 'd:b', 'closing']);
  });
  it('a direction nothing carries gives the overview and the closing only', () => {
    expect(tokens(generateRoute(data, profile(['quantum'])))).toEqual(['overview', 'closing']);
  });
  it('the built-in ten-parks pitch visits every city park between overview and closing', () => {
    const parks = BUILT_IN_PITCHES.find((p) => p.id === 'ten-parks');
    if (!parks) throw new Error('no ten-parks pitch');
    expect(tokens(builtInRoute(data, parks))).toEqual(['overview', 'r:r1', 'closing']);
  });
});

describe('stop tokens and edits', () => {
  it('round-trips every kind of stop and rejects anything else', () => {
    for (const t of ['overview', 'closing', 'd:sip', 'r:sip-ai-industrial-park'])
      expect(stopToken(parseStopToken(t) as StopRef)).toBe(t);
    for (const t of ['x:sip', 'd:', 'r:Bad_Id', '<script>', 'd:sip,r:x']) expect(parseStopToken(t)).toBeNull();
  });
  it('moves a stop and ignores out-of-range moves', () => {
    const s: StopRef[] = [{ type: 'overview' }, { type: 'district', id: 'a' }, { type: 'closing' }];
    expect(tokens(moveStop(s, 1, 0))).toEqual(['d:a', 'overview', 'closing']);
    expect(tokens(moveStop(s, 2, 5))).toEqual(tokens(s));
  });
});

describe('stopView', () => {
  it('a district stop selects and frames the district and presents its matching records', () => {
    const v = stopView(appData, { type: 'district', id: 'a' }, ['ai']);
    expect(v.selection).toEqual({ type: 'districts', ids: ['a'] });
    expect(v.target).toEqual({ bbox: [120.0, 31.0, 120.2, 31.2] });
    expect(v.records.map((c) => c.id)).toEqual(['r1', 'r3']);
    expect(v.parks.map((c) => c.id)).toEqual(['r1']);
  });
  it('a record stop flies to its point, or frames every district of a record known only by districts', () => {
    expect(stopView(appData, { type: 'record', id: 'r1' }, ['ai']).target).toEqual({
      center: [120.1, 31.05],
      zoom: 12,
    });
    expect(stopView(appData, { type: 'record', id: 'r3' }, ['ai']).target).toEqual({
      bbox: [120.0, 31.0, 120.6, 31.2],
    });
  });
  it('the closing frames the matching city parks with a margin; the overview the whole city', () => {
    const closing = stopView(appData, { type: 'closing' }, ['ai']);
    expect(closing.parks.map((c) => c.id)).toEqual(['r1']);
    const box = 'bbox' in closing.target ? closing.target.bbox : [];
    expect(box.map((x) => Number(x.toFixed(4)))).toEqual([120.05, 31.0, 120.15, 31.1]);
    expect(stopView(appData, { type: 'overview' }, []).target).toEqual({ home: true });
  });
});

describe('presenter state', () => {
  const stops: StopRef[] = [{ type: 'overview' }, { type: 'district', id: 'a' }, { type: 'closing' }];
  it('starting a pitch sets its directions as the filter and clears the selection and panels', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, panel: 'city', selection: { type: 'record', id: 'r2' } });
    store.getState().startPitch(stops, ['ai'], 1);
    const s = store.getState();
    expect(s.pitch).toEqual({ stops, index: 1 });
    expect(s.filter.directions).toEqual(['ai']);
    expect(s.selection).toBeNull();
    expect(s.panel).toBeNull();
  });
  it('showing a stop selects what it shows and requests a flight; out-of-range stops change nothing', () => {
    const store = createAppStore();
    store.getState().startPitch(stops, ['ai'], 0);
    const v = stopView(appData, stops[1], ['ai']);
    store.getState().showStop(1, v);
    let s = store.getState();
    expect(s.pitch?.index).toBe(1);
    expect(s.selection).toEqual({ type: 'districts', ids: ['a'] });
    expect(s.frame).toMatchObject({ target: v.target, animate: true });
    const seq = s.frame?.seq;
    store.getState().showStop(7, v);
    s = store.getState();
    expect(s.pitch?.index).toBe(1);
    expect(s.frame?.seq).toBe(seq);
    // Back to the stop: the same view again, as a new request.
    store.getState().showStop(1, v);
    expect(store.getState().frame?.seq).toBe((seq ?? 0) + 1);
  });
  it('editing clamps the index; removing every stop ends the pitch', () => {
    const store = createAppStore();
    store.getState().startPitch(stops, [], 2);
    store.getState().editStops(stops.slice(0, 2), 2);
    expect(store.getState().pitch).toEqual({ stops: stops.slice(0, 2), index: 1 });
    store.getState().editStops([], 0);
    expect(store.getState().pitch).toBeNull();
  });
});
