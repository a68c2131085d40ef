/**
 * Turning checked records into the map's GeoJSON layers and the manifest.
 */

import { area, bbox, booleanPointInPolygon, centerOfMass, circle, pointOnFeature, truncate } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { CarrierProps, DistrictInfo, Manifest } from '../../src/domain/built';
import type { CarrierRecord, PlaceRecord } from '../../src/domain/schema';
import { encodeKeys, mapTerms } from '../../src/domain/taxonomy';
import type { DistrictPolygons } from './check';
import { derivedOpenWater, VIEW_BOUNDS } from './edges';
import { type Gazetteer, gazetteerLayer } from './gazetteer';
import { countByPrecision, type GeocodeResolution } from './geocode';
import type { BaseGeography, BuildRecords } from './read';
import type { SiteLocation } from './sites';

/** Attribution of the base geography, as ../shared/geo/README.md asks. */
export const BASE_ATTRIBUTION =
  'Boundaries © AMap 2020 (via ChinaAdminDivisonSHP) · Water © GSHHG (Wessel &amp; Smith) · Policy texts: Suzhou / Jiangsu governments';

/**
 * The map's attribution (HTML, shown by the attribution control): the base geography's, with the
 * gazetteer's licences (e.g. "Places © GeoNames (CC BY 4.0), © OpenStreetMap contributors (ODbL),
 * Wikipedia") before the policy texts.
 */
export function attributionOf(gazetteer: Gazetteer): string {
  if (gazetteer.attribution.length === 0) return BASE_ATTRIBUTION;
  const [geography, policy] = BASE_ATTRIBUTION.split(' · Policy texts');
  return `${geography} · ${gazetteer.attribution.join(', ')} · Policy texts${policy}`;
}

/** What the geocoder adds to the records: the gazetteer, and how each record was resolved. */
export interface Geocoded {
  gazetteer: Gazetteer;
  resolutions: readonly GeocodeResolution[];
}

/** A built layer: file name and content. */
export interface BuiltLayer {
  file: string;
  /** Geometry may be null for unlocated features (RFC 7946 §3.2). */
  data: FeatureCollection<Geometry | null>;
}

/** A label point inside a polygon: its centre of mass, or a point on it when that falls outside. */
function districtAnchor(poly: Feature<Polygon | MultiPolygon>): [number, number] {
  const c = centerOfMass(poly);
  const p = booleanPointInPolygon(c, poly) ? c : pointOnFeature(poly);
  const [lon, lat] = p.geometry.coordinates;
  return [Number(lon.toFixed(5)), Number(lat.toFixed(5))];
}

/**
 * Resolves a carrier's location to geometry, precision and a human-readable basis in English and
 * Chinese. The Chinese basis is the same statement; cited coordinates and notes written in English
 * (place bases, district-set notes) are kept in English there, since they quote their sources. A
 * district record the geocoder placed (`resolution.place`) takes the geocoder's point and basis.
 */
function locate(
  c: CarrierRecord,
  places: Map<string, PlaceRecord>,
  district: { zh: string; en: string },
  resolution: GeocodeResolution | undefined,
) {
  const loc = c.location;
  const found = resolution?.place;
  if (found?.point && resolution?.basis && resolution.basis_zh) {
    return {
      geometry: { type: 'Point', coordinates: found.point } as Point,
      precision: resolution.after,
      basis: resolution.basis,
      basis_zh: resolution.basis_zh,
      place: { id: found.id, name_zh: found.name_zh, name_en: found.name_en, uncertainty_km: found.uncertainty_km },
    };
  }
  if (loc.precision === 'site') {
    return {
      geometry: { type: 'Point', coordinates: [loc.lon, loc.lat] } as Point,
      precision: loc.precision,
      basis: loc.basis,
      basis_zh: `具体地点：${loc.basis}`,
      place: undefined,
    };
  }
  if (loc.precision === 'area') {
    const p = places.get(loc.place) as PlaceRecord;
    const how = loc.note ? `${loc.note}; ` : '';
    return {
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] } as Point,
      precision: loc.precision,
      basis: `${how}placed at the centre of ${p.name_zh} (±${p.uncertainty_km} km): ${p.basis}`,
      basis_zh: `置于${p.name_zh}中心（±${p.uncertainty_km} 公里），实际地点未知；中心坐标出处：${p.basis}`,
      place: { id: p.id, name_zh: p.name_zh, name_en: p.name_en, uncertainty_km: p.uncertainty_km },
    };
  }
  if (loc.precision === 'district-set') {
    const stated = loc.extent === 'stated';
    const how = stated
      ? 'spans several districts, no single site'
      : 'spans several districts, no single site; which ones is our reading of the name (schematic)';
    const zh = stated
      ? '跨多个板块，无单一地点；所含板块为文件所列'
      : loc.along
        ? `跨多个板块，无单一地点；所含板块按名称推断（示意）：底图中与${loc.along.join('、')}相接的板块`
        : '跨多个板块，无单一地点；所含板块按名称推断（示意），底图中无可计算的地物';
    return { geometry: null, precision: loc.precision, basis: `${how}: ${loc.note}`, basis_zh: zh, place: undefined };
  }
  const table = c.roles.includes('key-carrier');
  return {
    geometry: null,
    precision: loc.precision,
    basis: table
      ? `only the district (${district.en}) is known: the table lists the carrier under it`
      : `only the district (${district.en}) is known from the document`,
    basis_zh: table
      ? `仅知所在板块（${district.zh}）：一览表将其列于该板块下`
      : `仅知所在板块（${district.zh}），据文件所述`,
    place: undefined,
  };
}

/**
 * Builds every layer and the manifest from checked records and their geocoding.
 * @param sites records placed by `geo/sites/` (./sites.ts), drawn there in place of their YAML location.
 * @returns layers to write to `public/data/` and the manifest describing them.
 */
export function buildLayers(
  records: BuildRecords,
  base: BaseGeography,
  polygons: DistrictPolygons,
  geocoded: Geocoded,
  sites: ReadonlyMap<string, SiteLocation> = new Map(),
) {
  const { taxonomy } = records;
  const resolutionOf = new Map(geocoded.resolutions.map((r) => [r.id, r]));
  const places = new Map(records.places.map((p) => [p.id, p]));
  const districtKeys = new Map(records.districts.map((d) => [d.id, mapTerms(d.direction_terms, taxonomy).keys]));
  const districtName = new Map(records.districts.map((d) => [d.id, { zh: d.name_zh, en: d.name_en }]));

  const carrierFeatures: Array<Feature<Point | null, CarrierProps>> = records.carriers.map((c) => {
    const inherited = districtKeys.get(c.district) ?? [];
    const ownKeys = taxonomy.directions.map((d) => d.key).filter((k) => c.directions.some((o) => o.key === k));
    const { geometry, precision, basis, basis_zh, place } =
      sites.get(c.id) ??
      locate(c, places, districtName.get(c.district) ?? { zh: c.district, en: c.district }, resolutionOf.get(c.id));
    const props: CarrierProps = {
      id: c.id,
      kind: c.kind,
      ...(c.seed_text ? { seed_text: c.seed_text } : {}),
      name_zh: c.name_zh,
      aliases: c.aliases,
      name_en: c.name_en,
      name_en_status: c.name_en_status,
      ...(c.reading_note ? { reading_note: c.reading_note } : {}),
      ...(c.reading_note_zh ? { reading_note_zh: c.reading_note_zh } : {}),
      district: c.district,
      districts: c.location.precision === 'district-set' ? c.location.districts : [c.district],
      roles: c.roles,
      park: c.roles.includes('city-park'),
      directions_own: c.directions,
      directions_inherited: inherited,
      dirs: encodeKeys(ownKeys),
      dirs_inh: encodeKeys(inherited),
      precision,
      ...(c.location.precision === 'district-set' ? { extent: c.location.extent } : {}),
      basis,
      basis_zh,
      ...(place ? { place } : {}),
      sources: c.sources,
    };
    return { type: 'Feature', id: c.id, geometry, properties: props };
  });

  const located = carrierFeatures.filter((f) => f.geometry !== null) as Array<Feature<Point, CarrierProps>>;
  // The uncertainty circles of records drawn in or near an area or a town; a site has none.
  const carrierAreas: Feature<Polygon>[] = located
    .filter((f) => f.properties.place && (f.properties.precision === 'area' || f.properties.precision === 'town'))
    .map((f) => {
      const p = f.properties;
      const halo = circle(f.geometry.coordinates, p.place?.uncertainty_km ?? 1, { steps: 48, units: 'kilometers' });
      return {
        type: 'Feature',
        id: p.id,
        geometry: truncate(halo, { precision: 5 }).geometry,
        properties: { id: p.id, district: p.district },
      };
    });

  const districtInfos: DistrictInfo[] = records.districts.map((d) => {
    const poly = polygons.get(d.id);
    if (!poly) throw new Error(`district ${d.id} has no polygon`);
    const mine = carrierFeatures.filter((f) => f.properties.district === d.id);
    const cats = new Set(d.category_terms);
    return {
      id: d.id,
      adcode: d.adcode,
      name_zh: d.name_zh,
      name_en: d.name_en,
      name_en_status: d.name_en_status,
      category_terms: d.category_terms,
      category_keys: taxonomy.categories.filter((c) => cats.has(c.zh)).map((c) => c.key),
      direction_terms: d.direction_terms,
      direction_keys: districtKeys.get(d.id) ?? [],
      ...(d.reading_note ? { reading_note: d.reading_note } : {}),
      ...(d.reading_note_zh ? { reading_note_zh: d.reading_note_zh } : {}),
      sources: d.sources,
      anchor: districtAnchor(poly),
      bbox: bbox(poly).map((v) => Number(v.toFixed(5))) as [number, number, number, number],
      area_km2: Math.round(area(poly) / 1e6),
      n_carriers: mine.length,
      n_district_level: mine.filter((f) => f.properties.precision === 'district').length,
    };
  });

  const districtsLayer: FeatureCollection = {
    type: 'FeatureCollection',
    features: districtInfos.map((d) => ({
      type: 'Feature',
      id: Number(d.adcode),
      geometry: (polygons.get(d.id) as Feature<Geometry>).geometry,
      properties: {
        id: d.id,
        name_zh: d.name_zh,
        name_en: d.name_en,
        dirs: encodeKeys(d.direction_keys),
        n_directions: d.direction_keys.length,
        n_carriers: d.n_carriers,
      },
    })),
  };
  const anchorsLayer: FeatureCollection = {
    type: 'FeatureCollection',
    features: districtInfos.map((d) => ({
      type: 'Feature',
      id: Number(d.adcode),
      geometry: { type: 'Point', coordinates: d.anchor },
      properties: { id: d.id, name_zh: d.name_zh, name_en: d.name_en, n_district_level: d.n_district_level },
    })),
  };
  const slim = (fc: FeatureCollection, keep: string[]): FeatureCollection =>
    truncate(
      {
        type: 'FeatureCollection',
        features: fc.features.map((f) => ({
          type: 'Feature',
          geometry: f.geometry,
          properties: Object.fromEntries(keep.map((k) => [k, f.properties?.[k] ?? null])),
        })),
      },
      { precision: 5 },
    );

  const neighbourLabels: FeatureCollection = {
    type: 'FeatureCollection',
    features: base.neighbours.features.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: districtAnchor(f) },
      properties: { name_zh: f.properties?.name ?? null, name_en: f.properties?.name_en ?? null },
    })),
  };

  const layers: Record<string, BuiltLayer> = {
    districts: { file: 'districts.geojson', data: districtsLayer },
    'district-anchors': { file: 'district-anchors.geojson', data: anchorsLayer },
    carriers: { file: 'carriers.geojson', data: { type: 'FeatureCollection', features: carrierFeatures } },
    'carrier-areas': { file: 'carrier-areas.geojson', data: { type: 'FeatureCollection', features: carrierAreas } },
    neighbours: { file: 'base-neighbours.geojson', data: slim(base.neighbours, ['name', 'name_en']) },
    'neighbour-labels': { file: 'base-neighbour-labels.geojson', data: neighbourLabels },
    water: {
      file: 'base-water.geojson',
      data: slim(
        {
          type: 'FeatureCollection',
          features: [
            ...base.water.features,
            ...derivedOpenWater([...base.neighbours.features, ...base.divisions.features]).features,
          ],
        },
        ['name', 'name_en', 'class'],
      ),
    },
    rivers: { file: 'base-rivers.geojson', data: slim(base.rivers, ['class']) },
    gazetteer: { file: 'gazetteer.geojson', data: gazetteerLayer(geocoded.gazetteer) },
  };

  const byDistrict: Record<string, number> = {};
  const byPrecision = countByPrecision(carrierFeatures.map((f) => f.properties.precision));
  const byKind: Record<string, number> = {};
  for (const f of carrierFeatures) {
    byKind[f.properties.kind] = (byKind[f.properties.kind] ?? 0) + 1;
    byDistrict[f.properties.district] = (byDistrict[f.properties.district] ?? 0) + 1;
  }
  const cityBbox = districtInfos.reduce(
    (b, d) => [
      Math.min(b[0], d.bbox[0]),
      Math.min(b[1], d.bbox[1]),
      Math.max(b[2], d.bbox[2]),
      Math.max(b[3], d.bbox[3]),
    ],
    [180, 90, -180, -90],
  ) as [number, number, number, number];

  const manifest: Manifest = {
    version: 1,
    layers: Object.fromEntries(
      Object.entries(layers).map(([k, l]) => [k, { file: l.file, features: l.data.features.length }]),
    ),
    counts: {
      parks: carrierFeatures.filter((f) => f.properties.park).length,
      carriers: carrierFeatures.length,
      districts: districtInfos.length,
      places: records.places.length,
      carriers_by_kind: byKind,
      carriers_by_district: byDistrict,
      carriers_by_precision: byPrecision,
    },
    sources: records.sources.map(({ at: _at, ...s }) => s),
    facts: records.facts.map(({ at: _at, ...f }) => f),
    directions: taxonomy.directions,
    categories: taxonomy.categories,
    districts: districtInfos,
    attribution: attributionOf(geocoded.gazetteer),
    bbox: cityBbox,
    max_bounds: VIEW_BOUNDS,
  };
  return { layers, manifest };
}
