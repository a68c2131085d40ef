/**
 * Keys for online basemaps that need one (天地图's `tk`), kept in this browser's localStorage and
 * never in the URL: a link must not carry someone's key.
 */
const STORAGE_KEY = 'sde.basemapKeys';

/** The keys as last read or written: read from storage once, not on every map-state derivation. */
let cache: Record<string, string> | null = null;

/** The stored keys by basemap id (empty when none, or when storage is unavailable). */
export function readBasemapKeys(): Record<string, string> {
  cache ??= readStoredKeys();
  return cache;
}

function readStoredKeys(): Record<string, string> {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<
      string,
      string
    >;
  } catch {
    return {};
  }
}

/** Stores `key` for basemap `id` (an empty key removes it). */
export function writeBasemapKey(id: string, key: string): void {
  const keys = { ...readBasemapKeys() };
  if (key) keys[id] = key;
  else delete keys[id];
  cache = keys;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // Storage may be disabled (private mode): the key then lasts only for this choice.
  }
}
