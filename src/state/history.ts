/**
 * The URL is the state: keeps `location` and the store in step. A change of what the user chose
 * (filter, selection, panel, language, layers) adds a history entry; a camera move only updates the
 * current entry; Back and Forward restore the entry's view, camera included.
 *
 * The URL is written once the view has settled (`WRITE_SETTLE_MS` without a further change), as
 * MapLibre's own `hash` option throttles its writes: a history write is not free. In headless
 * Chromium each `pushState` cost the browser process about 10 ms of CPU and the page one more
 * compositor frame; written at once, it ran inside every filter change (measured with `npm run
 * bench`). A burst of changes (clicks faster than that) makes one entry.
 */
import type { AppStore, ViewState } from './store';
import { decodeView, encodeView, type KnownValues } from './url';

/** How long the view must stay unchanged before the URL is written (ms). */
export const WRITE_SETTLE_MS = 300;

/**
 * Runs a pending URL write later: called on every change with the same `flush`; the default calls it
 * once the view has not changed for `WRITE_SETTLE_MS`. Tests pass their own, to flush by hand.
 */
export type WriteScheduler = (flush: () => void) => void;

/** The default scheduler: a debounce of `WRITE_SETTLE_MS`. */
export function settledWrites(delay_ms = WRITE_SETTLE_MS): WriteScheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (flush) => {
    clearTimeout(timer);
    timer = setTimeout(flush, delay_ms);
  };
}

/**
 * The link of a view: `loc`'s origin and path, the view's query (`encodeView`) and `loc`'s hash.
 * What the history writes, and what "copy link" copies (so a link copied before the URL is written
 * is already the view's).
 */
export function viewHref(
  state: ViewState,
  loc: Pick<Location, 'origin' | 'pathname' | 'hash'> = window.location,
): string {
  const query = encodeView(state);
  return `${loc.origin}${loc.pathname}${query ? `?${query}` : ''}${loc.hash}`;
}

/**
 * Starts syncing `store` with `win.history`. Writes the store's current view to the current entry
 * at once (so a link with dropped parameters is cleaned). Later changes are written when `schedule`
 * calls back: one write for all the changes since the last, a new entry if what the user chose
 * differs from the current entry's (`encodeView(state, false)`), else a replacement (a camera
 * move). A pending write is made at once when the page is hidden or left, and dropped when Back or
 * Forward restores an entry (that entry is the view then).
 * @returns a function that stops syncing.
 */
export function syncWithHistory(
  store: AppStore,
  known: KnownValues,
  win: Window = window,
  schedule: WriteScheduler = settledWrites(),
): () => void {
  let pending = false;
  /** What the user chose, as the current entry says it. */
  let entryChosen = '';
  const write = (push: boolean) => {
    const state = store.getState();
    entryChosen = encodeView(state, false);
    if (encodeView(state) === win.location.search.replace(/^\?/, '')) return;
    const url = viewHref(state, win.location);
    if (push) win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  };
  const flush = () => {
    if (!pending) return;
    pending = false;
    write(encodeView(store.getState(), false) !== entryChosen);
  };
  write(false);
  const unsubscribe = store.subscribe(() => {
    pending = true;
    schedule(flush);
  });
  const onPop = () => {
    const { view, notices } = decodeView(win.location.search, known);
    store.getState().restore(view, notices);
    // The restored view is this entry's: only tidied (dropped parameters), never a new entry.
    pending = false;
    write(false);
  };
  const onHide = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('popstate', onPop);
  win.addEventListener('pagehide', flush);
  win.document.addEventListener('visibilitychange', onHide);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('pagehide', flush);
    win.document.removeEventListener('visibilitychange', onHide);
  };
}
