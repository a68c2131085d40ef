/**
 * The filter in the page URL (`?dir=blockchain&mode=all&district=sip&inherit=1&kind=lab,institute`),
 * so a presenter can share a view. Unknown values are dropped and reported, never fatal.
 */
import { EMPTY_FILTER, type FilterState } from './filter';

/** A parsed URL: the usable filter and a notice for every parameter value that was ignored. */
export interface ParsedUrlState {
  filter: FilterState;
  notices: string[];
}

function splitList(v: string | null): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Reads the filter from URL search parameters.
 * @param known the valid direction keys and district ids.
 */
export function parseUrlState(
  params: URLSearchParams,
  known: { directions: readonly string[]; districts: readonly string[]; kinds: readonly string[] },
): ParsedUrlState {
  const notices: string[] = [];
  const pick = (name: string, valid: readonly string[]) => {
    const out: string[] = [];
    for (const v of splitList(params.get(name))) {
      if (valid.includes(v)) {
        if (!out.includes(v)) out.push(v);
      } else notices.push(`ignored ${name}=${v}: not a known value`);
    }
    return out;
  };
  const directions = pick('dir', known.directions);
  const districts = pick('district', known.districts);
  const kinds = pick('kind', known.kinds);
  let mode = EMPTY_FILTER.mode;
  const m = params.get('mode');
  if (m === 'any' || m === 'all') mode = m;
  else if (m !== null) notices.push(`ignored mode=${m}: use any or all`);
  let inherit = EMPTY_FILTER.inherit;
  const inh = params.get('inherit');
  if (inh === '1' || inh === '0') inherit = inh === '1';
  else if (inh !== null) notices.push(`ignored inherit=${inh}: use 1 or 0`);
  return { filter: { directions, mode, districts, inherit, kinds }, notices };
}

/** Writes the filter into URL search parameters, leaving other parameters as they are. */
export function writeUrlState(params: URLSearchParams, f: FilterState): URLSearchParams {
  const out = new URLSearchParams(params);
  const set = (k: string, v: string | null) => (v === null ? out.delete(k) : out.set(k, v));
  set('dir', f.directions.length ? f.directions.join(',') : null);
  set('mode', f.mode === 'all' ? 'all' : null);
  set('district', f.districts.length ? f.districts.join(',') : null);
  set('inherit', f.inherit ? '1' : null);
  set('kind', f.kinds.length ? f.kinds.join(',') : null);
  return out;
}
