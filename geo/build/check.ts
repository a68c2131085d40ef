/**
 * Cross-record checks the schemas cannot express: citations against the seed texts, references
 * between records, direction justifications, and points inside their district's polygon (./points.ts).
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { SourceRef } from '../../src/domain/schema';
import { termIndex } from '../../src/domain/taxonomy';
import { type BuildIssue, issueAt, type RecordAt } from './issues';
import { placementIssues } from './points';
import type { BaseGeography, BuildRecords } from './read';

/**
 * Checks one citation: the document is known, the line exists and contains the quote.
 * @returns issues at `field` of the record `at` (the line of the citation, or of its quote).
 */
export function checkSourceRef(
  ref: SourceRef,
  seedLines: Map<string, string[]>,
  at: RecordAt,
  field: string,
): BuildIssue[] {
  const lines = seedLines.get(ref.doc);
  if (!lines) return [issueAt(at, field, `unknown document ${ref.doc}`)];
  if (ref.line > lines.length)
    return [issueAt(at, field, `line ${ref.line} is past the end of document ${ref.doc} (${lines.length} lines)`)];
  if (!lines[ref.line - 1].includes(ref.quote)) {
    return [issueAt(at, field, `quote "${ref.quote}" does not occur on line ${ref.line} of document ${ref.doc}`)];
  }
  return [];
}

/** District polygons by district id, joined through the records' adcode. */
export type DistrictPolygons = Map<string, Feature<Polygon | MultiPolygon>>;

/**
 * Joins district records to the base-geography polygons by adcode.
 * @returns the polygons by district id, and issues for records whose adcode has no polygon.
 */
export function joinDistrictPolygons(records: BuildRecords, base: BaseGeography) {
  const byAdcode = new Map(base.divisions.features.map((f) => [String(f.properties?.adcode ?? f.id), f]));
  const polygons: DistrictPolygons = new Map();
  const issues: BuildIssue[] = [];
  for (const d of records.districts) {
    const f = byAdcode.get(d.adcode);
    if (f) polygons.set(d.id, f);
    else issues.push(issueAt(d.at, 'adcode', `no district polygon with adcode ${d.adcode} in the base geography`));
  }
  return { polygons, issues };
}

/**
 * Runs every cross-record check.
 * @returns all problems found (empty when the data is sound).
 */
export function checkRecords(records: BuildRecords, polygons: DistrictPolygons): BuildIssue[] {
  const issues: BuildIssue[] = [];
  const { seedLines, taxonomy } = records;
  const directionKeys = new Set(taxonomy.directions.map((d) => d.key));
  const categoryByZh = new Set(taxonomy.categories.map((c) => c.zh));
  const districtIds = new Set(records.districts.map((d) => d.id));

  const seen = new Map<string, RecordAt>();
  const unique = (at: RecordAt) => {
    const prev = seen.get(at.record);
    if (prev) issues.push(issueAt(at, 'id', `duplicate id (also in ${prev.file}:${prev.lineOf()})`));
    else seen.set(at.record, at);
  };

  let index: Map<string, string>;
  try {
    index = termIndex(taxonomy);
  } catch (e) {
    return [issueAt(records.taxonomyAt, 'directions', (e as Error).message)];
  }

  for (const d of records.districts) {
    unique(d.at);
    d.sources.forEach((s, i) => {
      issues.push(...checkSourceRef(s, seedLines, d.at, `sources.${i}`));
    });
    d.direction_terms.forEach((t, i) => {
      if (!index.has(t)) {
        issues.push(issueAt(d.at, `direction_terms.${i}`, `"${t}" maps to no direction in geo/directions.yaml`));
      }
    });
    d.category_terms.forEach((t, i) => {
      if (!categoryByZh.has(t)) {
        issues.push(issueAt(d.at, `category_terms.${i}`, `"${t}" is not a category in geo/directions.yaml`));
      }
    });
  }

  const placeById = new Map(records.places.map((p) => [p.id, p]));
  for (const p of records.places) {
    unique(p.at);
    const at = p.at;
    if (!districtIds.has(p.district)) {
      issues.push(issueAt(at, 'district', `unknown district ${p.district}`));
      continue;
    }
    if (polygons.has(p.district)) issues.push(...placementIssues({ ...p, lonField: 'lon' }, polygons));
  }

  for (const c of records.carriers) {
    unique(c.at);
    const at = c.at;
    if (!districtIds.has(c.district)) issues.push(issueAt(at, 'district', `unknown district ${c.district}`));
    c.sources.forEach((s, i) => {
      issues.push(...checkSourceRef(s, seedLines, at, `sources.${i}`));
    });
    c.directions.forEach((d, i) => {
      const field = `directions.${i}`;
      if (!directionKeys.has(d.key)) issues.push(issueAt(at, `${field}.key`, `unknown direction ${d.key}`));
      if (d.basis === 'from_name' && !c.name_zh.includes(d.term)) {
        issues.push(issueAt(at, `${field}.term`, `from_name term "${d.term}" is not part of name_zh "${c.name_zh}"`));
      }
      if (d.basis === 'stated') {
        if (!d.source)
          issues.push(issueAt(at, `${field}.source`, 'a stated direction needs the source that states it'));
        else {
          issues.push(...checkSourceRef(d.source, seedLines, at, `${field}.source`));
          if (!d.source.quote.includes(d.term)) {
            issues.push(issueAt(at, `${field}.term`, `stated term "${d.term}" is not part of its source quote`));
          }
        }
      }
    });
    const loc = c.location;
    if (loc.precision === 'area') {
      const place = placeById.get(loc.place);
      if (!place) issues.push(issueAt(at, 'location.place', `unknown place ${loc.place}`));
      else if (place.district !== c.district) {
        issues.push(issueAt(at, 'location.place', `place ${loc.place} is in ${place.district}, not ${c.district}`));
      }
    } else if (loc.precision === 'district-set') {
      loc.districts.forEach((d, i) => {
        if (!districtIds.has(d)) issues.push(issueAt(at, `location.districts.${i}`, `unknown district ${d}`));
      });
      if (loc.districts[0] !== c.district) {
        issues.push(issueAt(at, 'district', 'must be the first district of location.districts'));
      }
    } else if (loc.precision === 'site') {
      if (polygons.has(c.district)) {
        issues.push(...placementIssues({ ...loc, district: c.district, at, lonField: 'location.lon' }, polygons));
      }
    }
  }
  for (const f of records.facts) {
    unique(f.at);
    const at = f.at;
    if (f.scope !== 'city' && !districtIds.has(f.scope)) {
      issues.push(issueAt(at, 'scope', `scope must be "city" or a district id, not ${f.scope}`));
    }
    issues.push(...checkSourceRef(f.source, seedLines, at, 'source'));
    // The city overview filters figures by these keys: a misspelt one would silently hide a figure.
    f.directions?.forEach((k, i) => {
      if (!directionKeys.has(k)) issues.push(issueAt(at, `directions.${i}`, `unknown direction ${k}`));
    });
  }
  return issues;
}
