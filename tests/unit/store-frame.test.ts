/**
 * The store's `frameTo` action: a camera request for a place chosen in the search, which moves the
 * map without selecting anything or changing the view a link holds.
 */
import { describe, expect, it } from 'vitest';
import { createAppStore, DEFAULT_VIEW, reduceFrameTo, viewOf } from '../../src/state/store';

describe('frameTo', () => {
  it('asks for an animated move to the target, with a new sequence number each time', () => {
    const store = createAppStore();
    const target = { center: [120.64, 31.43] as [number, number], zoom: 14 };
    store.getState().frameTo(target);
    expect(store.getState().frame).toEqual({ seq: 1, target, animate: true });
    store.getState().frameTo(target);
    expect(store.getState().frame?.seq).toBe(2);
  });

  it('keeps the selection, the panel and the rest of the view', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, panel: 'city', selection: { type: 'record', id: 'r1' } });
    const before = viewOf(store.getState());
    store.getState().frameTo({ bbox: [120, 31, 121, 32] });
    expect(viewOf(store.getState())).toEqual(before);
  });

  it('is a pure transition on the state', () => {
    const s = createAppStore().getState();
    expect(reduceFrameTo(s, { home: true })).toEqual({ frame: { seq: 1, target: { home: true }, animate: true } });
  });
});
