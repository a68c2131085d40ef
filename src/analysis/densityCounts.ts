/**
 * Per-hexagon counts of the density view (`density.ts` makes the grid and assigns each placed record
 * to its hexagon once). Apart from the grid code so that the map's state derivation does not load
 * turf at start-up.
 */
import type { CarrierProps } from '../domain/built';
import { carrierMatches, type FilterState, isUnplaced } from './filter';

/** Matching placed records per hexagon id (hexagons with none are absent). */
export function binCounts(
  carriers: readonly CarrierProps[],
  filter: FilterState,
  bins: ReadonlyMap<string, number>,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of carriers) {
    const bin = bins.get(c.id);
    if (bin === undefined || isUnplaced(c) || !carrierMatches(c, filter)) continue;
    out.set(bin, (out.get(bin) ?? 0) + 1);
  }
  return out;
}
