/**
 * The browser's check of a site entry (`geo/sites/*.yaml`): the twin of `SiteSnippetSchema` without
 * zod, used by the record card's site tool (a lazy chunk, so it is its own module and stays out of
 * the first bundle). tests/unit/load.test.ts holds both to the same verdicts.
 */
import { type Check, fail, obj, oneOf, opt, str } from './check';
import {
  atMostSixDecimals,
  ISO_DATE,
  SITE_DATUMS,
  SITE_LIMITS,
  SITE_PRECISIONS,
  SITE_SOURCE_KINDS,
  WEB_REF,
} from './constants';
import type { SiteSnippet } from './schema';

/** A number within [lo, hi]. */
const within =
  ([lo, hi]: readonly [number, number]): Check =>
  (v, p) =>
    typeof v === 'number' && v >= lo && v <= hi ? null : fail(p, `a number from ${lo} to ${hi}`);
const sixDecimals =
  (range: readonly [number, number]): Check =>
  (v, p) =>
    within(range)(v, p) ?? (atMostSixDecimals(v as number) ? null : fail(p, 'a number with at most 6 decimals'));

const siteSnippet = obj<SiteSnippet>(
  {
    record: str,
    lon: sixDecimals(SITE_LIMITS.lon),
    lat: sixDecimals(SITE_LIMITS.lat),
    precision: oneOf(SITE_PRECISIONS),
    uncertainty_m: opt((v, p) =>
      Number.isInteger(v) && (v as number) >= 1 && (v as number) <= SITE_LIMITS.maxUncertaintyM
        ? null
        : fail(p, `a whole number of metres from 1 to ${SITE_LIMITS.maxUncertaintyM}`),
    ),
    datum_input: oneOf(SITE_DATUMS),
    input: obj<SiteSnippet['input']>(
      {
        lon: within(SITE_LIMITS.inputLon),
        lat: within(SITE_LIMITS.inputLat),
        text: opt(str),
      },
      true,
    ),
    source: obj<SiteSnippet['source']>(
      {
        kind: oneOf(SITE_SOURCE_KINDS),
        ref: (v, p) => (typeof v === 'string' && v.trim().length >= 3 ? null : fail(p, 'at least 3 characters')),
        date: opt((v, p) => (typeof v === 'string' && ISO_DATE.test(v) ? null : fail(p, 'a date YYYY-MM-DD'))),
      },
      true,
    ),
    basis: (v, p) => (typeof v === 'string' && v.length >= 10 ? null : fail(p, 'at least 10 characters')),
    basis_zh: (v, p) => (typeof v === 'string' && v.length >= 5 ? null : fail(p, 'at least 5 characters')),
    datum_checked: opt((v, p) => (typeof v === 'string' && v.length >= 10 ? null : fail(p, 'at least 10 characters'))),
  },
  true,
);

/**
 * The first problem of a site entry (`geo/sites/*.yaml`, one record placed at its site), or null:
 * the browser's twin of `SiteSnippetSchema` (the build validates the committed file with zod; the
 * record card's site tool checks an entry with this before offering it). Same rules, no zod.
 */
export function checkSiteSnippet(value: unknown): string | null {
  const problem = siteSnippet(value, '');
  if (problem) return problem;
  const s = value as SiteSnippet;
  if (s.source.kind === 'visit' && s.source.date === undefined) return 'source.date is needed for a site visit';
  if (s.source.kind === 'web' && !WEB_REF.test(s.source.ref)) return 'source.ref must be the page URL (http(s)://)';
  if (s.precision === 'area' && s.uncertainty_m === undefined) return 'uncertainty_m is needed for an area';
  if (s.precision === 'site' && s.uncertainty_m !== undefined) return 'a site has no uncertainty_m';
  return null;
}
