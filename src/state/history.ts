/**
 * The URL is the state: keeps `location` and the store in step. A change of what the user chose
 * (filter, selection, panel, language, layers) adds a history entry; a camera move only updates the
 * current entry; Back and Forward restore the entry's view, camera included.
 */
import type { AppStore } from './store';
import { decodeView, encodeView, type KnownValues } from './url';

/**
 * Starts syncing `store` with `win.history`. Writes the store's current view to the current entry
 * at once (so a link with dropped parameters is cleaned).
 * @returns a function that stops syncing.
 */
export function syncWithHistory(store: AppStore, known: KnownValues, win: Window = window): () => void {
  let restoring = false;
  const urlOf = (query: string) => `${win.location.pathname}${query ? `?${query}` : ''}${win.location.hash}`;
  const write = (query: string, push: boolean) => {
    if (query === win.location.search.replace(/^\?/, '')) return;
    if (push) win.history.pushState(null, '', urlOf(query));
    else win.history.replaceState(null, '', urlOf(query));
  };
  write(encodeView(store.getState()), false);
  const unsubscribe = store.subscribe((s, prev) => {
    const chosen = encodeView(s, false) !== encodeView(prev, false);
    write(encodeView(s), chosen && !restoring);
  });
  const onPop = () => {
    const { view, notices } = decodeView(win.location.search, known);
    restoring = true;
    try {
      store.getState().restore(view, notices);
    } finally {
      restoring = false;
    }
  };
  win.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
  };
}
