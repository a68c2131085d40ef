/**
 * Records placed at their site (`geo/sites/*.yaml`, see geo/sites/README.md): each entry, written
 * by the app's "place at its site" tool, gives a record a WGS-84 point with precision `site` or
 * `area`, the coordinate as it was given and its datum, its source and its basis. The build
 * validates every entry (zod), checks that its point is its input converted to WGS-84 and lies in
 * the record's district, and then draws the record there in place of its YAML location.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { booleanPointInPolygon, distance, point } from '@turf/turf';
import type { Point } from 'geojson';
import { isMap, isSeq, type Node } from 'yaml';
import { toWgs84 } from '../../src/analysis/siteSnippet';
import type { CarrierProps } from '../../src/domain/built';
import { type SiteSnippet, SiteSnippetSchema } from '../../src/domain/schema';
import type { DistrictPolygons } from './check';
import type { GeocodeResolution } from './geocode';
import { type BuildIssue, issueAt, type RecordAt, zodIssues } from './issues';
import type { BuildRecords, Located } from './read';
import { docMentionIssues, rawTextIssues, unsafeTextIssues } from './text';
import { readYamlFile, recordAt, yamlIssues } from './yamlFile';

/** The folder of site files, relative to `geo/`. */
export const SITES_FOLDER = 'sites';

/** Largest distance (m) allowed between an entry's point and its input converted to WGS-84. */
export const SITE_CONVERSION_TOLERANCE_M = 1;

/** How a sited record is drawn: the shape `locate` in ./layers.ts gives every record. */
export interface SiteLocation {
  geometry: Point;
  precision: 'site' | 'area';
  basis: string;
  basis_zh: string;
  /** For an area: the circle of `uncertainty_m` drawn in `carrier-areas.geojson`. */
  place: CarrierProps['place'];
}

/** The site entries read, valid and checked, by record id; and every problem found. */
export interface Sites {
  entries: Array<Located<SiteSnippet>>;
  /** How each sited record is drawn, by record id. */
  locations: Map<string, SiteLocation>;
  issues: BuildIssue[];
}

/** The datum names the basis must carry when the input was converted (the basis says so). */
const DATUM_WORD = { gcj02: 'GCJ-02', bd09: 'BD-09' } as const;

/**
 * Reads and checks `geo/sites/*.yaml` against the records: each entry's schema; one entry per
 * record; the record exists and is not a district set or already a `site` in its own YAML; the
 * point is the input converted to WGS-84 (within `SITE_CONVERSION_TOLERANCE_M`) and lies in the
 * record's district polygon; a converted input is named with its datum and gcoord in both bases.
 * Problems are located `geo/sites/<file>:<line> › <record> › <field>`.
 * @param geoDir the `geo/` folder.
 * @param rootDir the repository root (issues name files relative to it).
 * @returns the valid entries, how each sited record is drawn, and every problem found.
 */
export function readSites(geoDir: string, rootDir: string, records: BuildRecords, polygons: DistrictPolygons): Sites {
  const dir = join(geoDir, SITES_FOLDER);
  const out: Sites = { entries: [], locations: new Map(), issues: [] };
  if (!existsSync(dir)) return out;
  const issues = out.issues;
  const carriers = new Map(records.carriers.map((c) => [c.id, c]));
  const seen = new Map<string, RecordAt>();

  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const path = join(dir, name);
    const yaml = readYamlFile(path, relative(rootDir, path) || path);
    issues.push(...yamlIssues(yaml));
    if (yaml.doc.errors.length > 0) continue;
    const list = isMap(yaml.doc.contents) ? yaml.doc.contents.get('sites', true) : undefined;
    if (!isSeq(list) || list.items.length === 0) {
      issues.push(issueAt(recordAt(yaml, yaml.doc.contents, '(file)'), 'sites', 'expected a top-level "sites:" list'));
      continue;
    }
    const extra = isMap(yaml.doc.contents)
      ? yaml.doc.contents.items.map((p) => String((p.key as { value?: unknown })?.value)).filter((k) => k !== 'sites')
      : [];
    for (const k of extra) issues.push(issueAt(recordAt(yaml, yaml.doc.contents, '(file)'), k, 'unknown key'));

    list.items.forEach((item, index) => {
      const node = item as Node;
      const id = isMap(node) ? node.get('record') : undefined;
      const at = recordAt(yaml, node, typeof id === 'string' ? id : `#${index}`);
      issues.push(...docMentionIssues(yaml, node, at), ...unsafeTextIssues(yaml, node, at));
      const parsed = SiteSnippetSchema.safeParse(node?.toJSON?.());
      if (!parsed.success) {
        issues.push(...zodIssues(at, parsed.error));
        return;
      }
      const entry = parsed.data;
      const before = seen.get(entry.record);
      if (before) {
        issues.push(
          issueAt(at, 'record', `a second site for ${entry.record} (also ${before.file}:${before.lineOf()})`),
        );
        return;
      }
      seen.set(entry.record, at);
      const problems = checkEntry(entry, at, carriers, polygons);
      issues.push(...problems);
      if (problems.length > 0) return;
      const record = carriers.get(entry.record);
      if (!record) return;
      out.entries.push({ ...entry, at });
      out.locations.set(entry.record, siteLocation(entry, record));
    });
    issues.push(...rawTextIssues(yaml, new Set(issues.filter((i) => i.file === yaml.rel).map((i) => i.line))));
  }
  return out;
}

/** The checks of one schema-valid entry against its record and district. */
function checkEntry(
  e: SiteSnippet,
  at: RecordAt,
  carriers: Map<string, Located<BuildRecords['carriers'][number]>>,
  polygons: DistrictPolygons,
): BuildIssue[] {
  const record = carriers.get(e.record);
  if (!record) return [issueAt(at, 'record', `no record ${e.record} in geo/records`)];
  const own = `${record.at.file}:${record.at.lineOf('location')}`;
  if (record.location.precision === 'district-set') {
    return [issueAt(at, 'record', `${e.record} spans several districts (${own}): it has no single site`)];
  }
  if (record.location.precision === 'site') {
    return [issueAt(at, 'record', `${e.record} already has a site in its record (${own}): keep one of the two`)];
  }
  const issues: BuildIssue[] = [];
  const expected = toWgs84([e.input.lon, e.input.lat], e.datum_input);
  const off = distance(point(expected), point([e.lon, e.lat]), { units: 'kilometers' }) * 1000;
  if (off > SITE_CONVERSION_TOLERANCE_M) {
    issues.push(
      issueAt(
        at,
        'lon',
        `${e.lon}, ${e.lat} is not the input ${e.input.lon}, ${e.input.lat} (${e.datum_input}) converted to WGS-84 ` +
          `(${expected[0]}, ${expected[1]}; ${Math.round(off)} m away)`,
      ),
    );
  }
  const poly = polygons.get(record.district);
  if (poly && !booleanPointInPolygon(point([e.lon, e.lat]), poly)) {
    issues.push(issueAt(at, 'lon', `point ${e.lon}, ${e.lat} lies outside the polygon of ${record.district}`));
  }
  if (e.datum_input !== 'wgs84') {
    const word = DATUM_WORD[e.datum_input];
    for (const field of ['basis', 'basis_zh'] as const) {
      if (!e[field].includes(word) || !e[field].includes('gcoord')) {
        issues.push(issueAt(at, field, `must say the input was ${word} and converted to WGS-84 with gcoord`));
      }
    }
  }
  return issues;
}

/** How a checked entry draws its record. */
function siteLocation(e: SiteSnippet, record: BuildRecords['carriers'][number]): SiteLocation {
  return {
    geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
    precision: e.precision,
    basis: e.basis,
    basis_zh: e.basis_zh,
    place:
      e.precision === 'area'
        ? {
            id: `site-${record.id}`,
            name_zh: record.name_zh,
            name_en: record.name_en,
            uncertainty_km: (e.uncertainty_m ?? 0) / 1000,
          }
        : undefined,
  };
}

/**
 * The geocoding with sited records taken out of it: a site entry settles where the record is, so
 * the geocoder's findings for it (and any problem they raised) no longer apply. Its resolution
 * becomes `kept` at the entry's precision, with the site file as its reason.
 */
export function settleBySites(
  geocoded: { resolutions: GeocodeResolution[]; issues: BuildIssue[] },
  sites: Sites,
): { resolutions: GeocodeResolution[]; issues: BuildIssue[] } {
  const byRecord = new Map(sites.entries.map((e) => [e.record, e]));
  return {
    resolutions: geocoded.resolutions.map((r) => {
      const e = byRecord.get(r.id);
      if (!e) return r;
      return {
        id: r.id,
        district: r.district,
        status: 'kept',
        before: r.before,
        after: e.precision,
        matches: r.matches,
        candidates: r.candidates,
        reason: `placed by ${e.at.file}:${e.at.lineOf()}`,
      };
    }),
    issues: geocoded.issues.filter((i) => !byRecord.has(i.record)),
  };
}
