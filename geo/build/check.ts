/**
 * Cross-record checks the schemas cannot express: citations against the seed texts, references
 * between records, direction justifications, and points inside their district's polygon.
 */
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { SourceRef } from '../../src/domain/schema';
import { termIndex } from '../../src/domain/taxonomy';
import type { BuildIssue } from './issues';
import type { BaseGeography, BuildRecords } from './read';

/** Checks one citation: the document is known, the line exists and contains the quote. */
export function checkSourceRef(
  ref: SourceRef,
  seedLines: Map<string, string[]>,
  at: Omit<BuildIssue, 'message'>,
): BuildIssue[] {
  const lines = seedLines.get(ref.doc);
  if (!lines) return [{ ...at, message: `unknown document ${ref.doc}` }];
  if (ref.line > lines.length)
    return [{ ...at, message: `line ${ref.line} is past the end of document ${ref.doc} (${lines.length} lines)` }];
  if (!lines[ref.line - 1].includes(ref.quote)) {
    return [{ ...at, message: `quote "${ref.quote}" does not occur on line ${ref.line} of document ${ref.doc}` }];
  }
  return [];
}

/** District polygons by district id, joined through the records' adcode. */
export type DistrictPolygons = Map<string, Feature<Polygon | MultiPolygon>>;

/**
 * Joins district records to the base-geography polygons by adcode.
 * @returns the polygons by district id, and issues for records whose adcode has no polygon.
 */
export function joinDistrictPolygons(records: BuildRecords, base: BaseGeography, file: string) {
  const byAdcode = new Map(base.divisions.features.map((f) => [String(f.properties?.adcode ?? f.id), f]));
  const polygons: DistrictPolygons = new Map();
  const issues: BuildIssue[] = [];
  for (const d of records.districts) {
    const f = byAdcode.get(d.adcode);
    if (f) polygons.set(d.id, f);
    else
      issues.push({
        file,
        record: d.id,
        field: 'adcode',
        message: `no district polygon with adcode ${d.adcode} in the base geography`,
      });
  }
  return { polygons, issues };
}

/**
 * Runs every cross-record check.
 * @returns all problems found (empty when the data is sound).
 */
export function checkRecords(records: BuildRecords, polygons: DistrictPolygons, districtsFile: string): BuildIssue[] {
  const issues: BuildIssue[] = [];
  const { seedLines, taxonomy } = records;
  const directionKeys = new Set(taxonomy.directions.map((d) => d.key));
  const categoryByZh = new Set(taxonomy.categories.map((c) => c.zh));
  const districtIds = new Set(records.districts.map((d) => d.id));

  const seen = new Map<string, string>();
  const unique = (file: string, id: string) => {
    const prev = seen.get(id);
    if (prev) issues.push({ file, record: id, field: 'id', message: `duplicate id (also in ${prev})` });
    else seen.set(id, file);
  };

  let index: Map<string, string>;
  try {
    index = termIndex(taxonomy);
  } catch (e) {
    return [{ file: 'geo/directions.yaml', record: '(taxonomy)', field: 'terms', message: (e as Error).message }];
  }

  for (const d of records.districts) {
    unique(districtsFile, d.id);
    d.sources.forEach((s, i) => {
      issues.push(...checkSourceRef(s, seedLines, { file: districtsFile, record: d.id, field: `sources.${i}` }));
    });
    d.direction_terms.forEach((t, i) => {
      if (!index.has(t)) {
        issues.push({
          file: districtsFile,
          record: d.id,
          field: `direction_terms.${i}`,
          message: `"${t}" maps to no direction in geo/directions.yaml`,
        });
      }
    });
    d.category_terms.forEach((t, i) => {
      if (!categoryByZh.has(t)) {
        issues.push({
          file: districtsFile,
          record: d.id,
          field: `category_terms.${i}`,
          message: `"${t}" is not a category in geo/directions.yaml`,
        });
      }
    });
  }

  const placeById = new Map(records.places.map((p) => [p.id, p]));
  for (const p of records.places) {
    unique(p.file, p.id);
    const at = { file: p.file, record: p.id };
    if (!districtIds.has(p.district)) {
      issues.push({ ...at, field: 'district', message: `unknown district ${p.district}` });
      continue;
    }
    const poly = polygons.get(p.district);
    if (poly && !booleanPointInPolygon(point([p.lon, p.lat]), poly)) {
      issues.push({
        ...at,
        field: 'lon',
        message: `point ${p.lon}, ${p.lat} lies outside the polygon of ${p.district}`,
      });
    }
  }

  for (const c of records.carriers) {
    unique(c.file, c.id);
    const at = { file: c.file, record: c.id };
    if (!districtIds.has(c.district))
      issues.push({ ...at, field: 'district', message: `unknown district ${c.district}` });
    c.sources.forEach((s, i) => {
      issues.push(...checkSourceRef(s, seedLines, { ...at, field: `sources.${i}` }));
    });
    c.directions.forEach((d, i) => {
      const field = `directions.${i}`;
      if (!directionKeys.has(d.key))
        issues.push({ ...at, field: `${field}.key`, message: `unknown direction ${d.key}` });
      if (d.basis === 'from_name' && !c.name_zh.includes(d.term)) {
        issues.push({
          ...at,
          field: `${field}.term`,
          message: `from_name term "${d.term}" is not part of name_zh "${c.name_zh}"`,
        });
      }
      if (d.basis === 'stated') {
        if (!d.source)
          issues.push({
            ...at,
            field: `${field}.source`,
            message: 'a stated direction needs the source that states it',
          });
        else {
          issues.push(...checkSourceRef(d.source, seedLines, { ...at, field: `${field}.source` }));
          if (!d.source.quote.includes(d.term)) {
            issues.push({
              ...at,
              field: `${field}.term`,
              message: `stated term "${d.term}" is not part of its source quote`,
            });
          }
        }
      }
    });
    const loc = c.location;
    if (loc.precision === 'area') {
      const place = placeById.get(loc.place);
      if (!place) issues.push({ ...at, field: 'location.place', message: `unknown place ${loc.place}` });
      else if (place.district !== c.district) {
        issues.push({
          ...at,
          field: 'location.place',
          message: `place ${loc.place} is in ${place.district}, not ${c.district}`,
        });
      }
    } else if (loc.precision === 'district-set') {
      loc.districts.forEach((d, i) => {
        if (!districtIds.has(d))
          issues.push({ ...at, field: `location.districts.${i}`, message: `unknown district ${d}` });
      });
      if (loc.districts[0] !== c.district) {
        issues.push({ ...at, field: 'district', message: 'must be the first district of location.districts' });
      }
    } else if (loc.precision === 'site') {
      const poly = polygons.get(c.district);
      if (poly && !booleanPointInPolygon(point([loc.lon, loc.lat]), poly)) {
        issues.push({
          ...at,
          field: 'location.lon',
          message: `point ${loc.lon}, ${loc.lat} lies outside the polygon of ${c.district}`,
        });
      }
    }
  }
  for (const f of records.facts) {
    unique(f.file, f.id);
    const at = { file: f.file, record: f.id };
    if (f.scope !== 'city' && !districtIds.has(f.scope)) {
      issues.push({ ...at, field: 'scope', message: `scope must be "city" or a district id, not ${f.scope}` });
    }
    issues.push(...checkSourceRef(f.source, seedLines, { ...at, field: 'source' }));
  }
  return issues;
}
