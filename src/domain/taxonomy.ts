/**
 * Mapping the seed's own direction wordings to the normalised taxonomy (`geo/directions.yaml`).
 */
import type { Taxonomy } from './schema';

/**
 * Index from every seed wording (`terms`) to its direction key.
 * @throws Error when one wording is mapped to two directions.
 */
export function termIndex(taxonomy: Taxonomy): Map<string, string> {
  const index = new Map<string, string>();
  for (const d of taxonomy.directions) {
    for (const t of d.terms) {
      const prev = index.get(t);
      if (prev !== undefined && prev !== d.key) throw new Error(`term ${t} maps to both ${prev} and ${d.key}`);
      index.set(t, d.key);
    }
  }
  return index;
}

/**
 * Maps seed wordings to direction keys, de-duplicated, in taxonomy order.
 * @returns `keys` (known directions) and `unmapped` (wordings with no direction).
 */
export function mapTerms(terms: readonly string[], taxonomy: Taxonomy): { keys: string[]; unmapped: string[] } {
  const index = termIndex(taxonomy);
  const found = new Set<string>();
  const unmapped: string[] = [];
  for (const t of terms) {
    const key = index.get(t);
    if (key === undefined) unmapped.push(t);
    else found.add(key);
  }
  return { keys: taxonomy.directions.map((d) => d.key).filter((k) => found.has(k)), unmapped };
}

/** Encodes direction keys as `|a|b|`, the form a map expression tests with substring `in`. */
export function encodeKeys(keys: readonly string[]): string {
  return keys.length === 0 ? '|' : `|${keys.join('|')}|`;
}
