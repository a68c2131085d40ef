/**
 * Extents read from a name: the districts a belt "along 太湖" or "adjoining 上海" covers, computed
 * from the base geography so that such a reading is reproducible and checked, not typed by hand.
 */
import { booleanIntersects } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { DistrictPolygons } from './check';
import { type BuildIssue, issueAt } from './issues';
import type { BaseGeography, BuildRecords } from './read';

/**
 * The base-geography features that a name may refer to, by their `name` property: the named water
 * bodies of the GSHHG layer (长江, 太湖, 阳澄湖, 淀山湖) and the neighbouring cities (上海市, 无锡市, …).
 */
export function namedFeatures(base: BaseGeography): Map<string, Feature<Polygon | MultiPolygon>> {
  const named = new Map<string, Feature<Polygon | MultiPolygon>>();
  for (const f of [...base.water.features, ...base.neighbours.features]) {
    const name = f.properties?.name;
    if (typeof name === 'string' && name) named.set(name, f);
  }
  return named;
}

/**
 * The districts whose polygon meets (intersects or touches) any of `features`. Shorelines in the
 * water layer are good to ±0.5–1 km (../shared/geo/README.md); buffering them by 0.5, 1 or 2 km
 * gives the same sets for 太湖, 阳澄湖, 长江 and 上海市, so no buffer is applied.
 * @returns district ids in the order of `polygons`.
 */
export function districtsMeeting(
  features: ReadonlyArray<Feature<Polygon | MultiPolygon>>,
  polygons: DistrictPolygons,
): string[] {
  return [...polygons.entries()]
    .filter(([, poly]) => features.some((f) => booleanIntersects(f, poly)))
    .map(([id]) => id);
}

/**
 * Checks every `district-set` location with `along`: the names must be base-geography features,
 * the extent must be `from-name`, and `districts` must be exactly the districts meeting them.
 * @returns issues with file, record and field (`location.along.N`, `location.extent`, `location.districts`).
 */
export function checkExtents(records: BuildRecords, base: BaseGeography, polygons: DistrictPolygons): BuildIssue[] {
  const named = namedFeatures(base);
  const issues: BuildIssue[] = [];
  for (const c of records.carriers) {
    const loc = c.location;
    if (loc.precision !== 'district-set' || !loc.along) continue;
    const at = c.at;
    if (loc.extent !== 'from-name') {
      issues.push(issueAt(at, 'location.extent', 'an extent read along a feature must be "from-name"'));
    }
    const features: Array<Feature<Polygon | MultiPolygon>> = [];
    loc.along.forEach((name, i) => {
      const f = named.get(name);
      if (f) features.push(f);
      else
        issues.push(
          issueAt(
            at,
            `location.along.${i}`,
            `no feature named ${name} in the base geography (known: ${[...named.keys()].join(', ')})`,
          ),
        );
    });
    if (features.length !== loc.along.length) continue;
    const expected = districtsMeeting(features, polygons);
    const given = [...loc.districts].sort();
    if (given.join() !== [...expected].sort().join()) {
      issues.push(
        issueAt(
          at,
          'location.districts',
          `the districts meeting ${loc.along.join(' + ')} are ${expected.join(', ')}; the record lists ${loc.districts.join(', ')}`,
        ),
      );
    }
  }
  return issues;
}
