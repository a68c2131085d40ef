/**
 * Paint and layout expressions driven by feature-state and global state, so that a filter change
 * never rebuilds a source or re-tiles in the worker: the controller sets per-feature state
 * (`match`, `colour`, `focus`, `chosen`, from `src/analysis/filter.ts#mapViewOf`) and the global
 * `lang`; these expressions only read it.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

/** Defaults of the style's global state. */
export const GLOBAL_STATE_DEFAULTS = { lang: 'zh' as 'zh' | 'en', online: false, labelScale: 1 };

/**
 * A label's text size (px) times the global `labelScale` (1 on the page; larger on the presenter's
 * stage, so names read from the back of a room). `sizes` is a fixed size, or [zoom, px] stops
 * interpolated linearly (the scale multiplies each stop's output: `zoom` may only be the input of a
 * top-level interpolation).
 */
export function labelSize(sizes: number | ReadonlyArray<readonly [number, number]>): ExpressionSpecification {
  const scaled = (px: number): ExpressionSpecification => ['*', px, ['number', ['global-state', 'labelScale'], 1]];
  if (typeof sizes === 'number') return scaled(sizes);
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...sizes.flatMap(([z, px]) => [z, scaled(px)]),
  ] as ExpressionSpecification;
}

/** 1 when the feature matches the filter (or no state was set yet), else 0. */
export const matchOpacity = (visible = 1): ExpressionSpecification => [
  'case',
  ['boolean', ['feature-state', 'match'], true],
  visible,
  0,
];

/** The feature's colour under the filter (feature-state `colour`), else `fallback`. */
export const stateColour = (fallback: string | ExpressionSpecification): ExpressionSpecification => [
  'coalesce',
  ['feature-state', 'colour'],
  fallback,
];

/**
 * Focus highlight colour: a step ramp over the number of chosen directions among the district's
 * focus directions (1, 2, 3+); below 1 the layer is transparent (see its `fill-opacity`).
 */
export function focusFill(ramp: readonly [string, string, string]): ExpressionSpecification {
  const focus: ExpressionSpecification = ['number', ['feature-state', 'focus'], -1];
  return ['step', focus, ramp[0], 2, ramp[1], 3, ramp[2]];
}

/** A feature's name in the current language (global state `lang`). */
export function localName(): ExpressionSpecification {
  return ['case', ['==', ['global-state', 'lang'], 'en'], ['get', 'name_en'], ['get', 'name_zh']];
}
