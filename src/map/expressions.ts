/**
 * MapLibre filter and paint expressions for the user's filter, built once from the taxonomy and
 * driven by the style's global state (`setGlobalStateProperty`), so a filter change never rebuilds
 * a source. They state the same rule as `src/analysis/filter.ts`; the unit tests check both agree.
 *
 * Global state (see `GLOBAL_STATE_DEFAULTS`): `sel` chosen direction keys, `mode` 'any' | 'all',
 * `districts` chosen district ids, `inherit` whether district directions count, `dlCounts`
 * district-level matches per district id.
 */
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { Direction } from '../domain/schema';

/** Defaults of the style's global state: nothing chosen. */
export const GLOBAL_STATE_DEFAULTS = {
  sel: [] as string[],
  mode: 'any' as 'any' | 'all',
  districts: [] as string[],
  inherit: false,
  dlCounts: {} as Record<string, number>,
  lang: 'zh' as 'zh' | 'en',
};
export type GlobalState = typeof GLOBAL_STATE_DEFAULTS;

const gs = (name: keyof GlobalState): ExpressionSpecification => ['global-state', name];
const selected = (key: string): ExpressionSpecification => ['in', key, gs('sel')];
const noneSelected: ExpressionSpecification = ['==', ['length', gs('sel')], 0];

/** Whether the feature carries direction `key` (own, or inherited when `inherit` is on). */
export function hasDirection(key: string): ExpressionSpecification {
  return [
    'any',
    ['in', `|${key}|`, ['get', 'dirs']],
    ['all', ['==', gs('inherit'), true], ['in', `|${key}|`, ['get', 'dirs_inh']]],
  ];
}

/** Filter for carriers and parks: direction rule (any/all) and district rule. */
export function recordFilter(keys: readonly string[]): ExpressionSpecification {
  const anyMatch: ExpressionSpecification = [
    'any',
    ...keys.map((k): ExpressionSpecification => ['all', selected(k), hasDirection(k)]),
  ];
  const allMatch: ExpressionSpecification = [
    'all',
    ...keys.map((k): ExpressionSpecification => ['any', ['!', selected(k)], hasDirection(k)]),
  ];
  return [
    'all',
    ['any', noneSelected, ['case', ['==', gs('mode'), 'all'], allMatch, anyMatch]],
    ['any', ['==', ['length', gs('districts')], 0], ['in', ['get', 'district'], gs('districts')]],
  ];
}

/** Number of chosen directions among a district's focus directions (`dirs` of the district). */
export function focusMatchCount(keys: readonly string[]): ExpressionSpecification {
  return [
    '+',
    0,
    ...keys.map(
      (k): ExpressionSpecification => ['case', ['all', selected(k), ['in', `|${k}|`, ['get', 'dirs']]], 1, 0],
    ),
  ];
}

/**
 * Carrier colour: the first chosen direction the carrier carries, else its first own direction,
 * else `fallback`. Taxonomy order decides "first".
 */
export function carrierColour(
  directions: readonly Direction[],
  fallback: string,
): DataDrivenPropertyValueSpecification<string> {
  const chosen = directions.flatMap((d) => [
    ['all', selected(d.key), hasDirection(d.key)] as ExpressionSpecification,
    d.colour,
  ]);
  const own = directions.flatMap((d) => [['in', `|${d.key}|`, ['get', 'dirs']] as ExpressionSpecification, d.colour]);
  return ['case', ...chosen, ...own, fallback] as ExpressionSpecification;
}

/** District label: name in the current language, plus the count of matching district-level carriers. */
export function districtLabel(): ExpressionSpecification {
  const name: ExpressionSpecification = ['case', ['==', gs('lang'), 'en'], ['get', 'name_en'], ['get', 'name_zh']];
  const n: ExpressionSpecification = ['coalesce', ['get', ['get', 'id'], gs('dlCounts')], 0];
  return [
    'case',
    ['>', n, 0],
    ['concat', name, '\n+', ['to-string', n], ['case', ['==', gs('lang'), 'en'], ' district-level', ' 个区级载体']],
    name,
  ];
}

/** A feature's name in the current language. */
export function localName(): ExpressionSpecification {
  return ['case', ['==', gs('lang'), 'en'], ['get', 'name_en'], ['get', 'name_zh']];
}
