/**
 * Where the camera goes to show a record or districts: a record with a point flies to it; a record
 * known only by district (or a district set) fits all its districts, as do selected districts.
 */
import type { AppData } from '../data/load';
import type { CameraTarget } from './store';

/** Zoom level for showing a record drawn at a point. */
const RECORD_ZOOM = 12;

type Bbox = [number, number, number, number];

/** The bbox [w, s, e, n] (degrees) enclosing all of `boxes`, or `undefined` for none. */
export function unionBbox(boxes: readonly Bbox[]): Bbox | undefined {
  if (boxes.length === 0) return undefined;
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** The camera target showing districts (by id); `undefined` when none is known. */
export function frameOfDistricts(
  data: Pick<AppData, 'districtById'>,
  ids: readonly string[],
): CameraTarget | undefined {
  const bbox = unionBbox(
    ids.flatMap((id) => {
      const b = data.districtById.get(id)?.bbox;
      return b ? [b] : [];
    }),
  );
  return bbox ? { bbox } : undefined;
}

/** The camera target showing a record: its point, else all the districts it spans. */
export function frameOfRecord(
  data: Pick<AppData, 'districtById' | 'carrierById' | 'pointById'>,
  id: string,
): CameraTarget | undefined {
  const point = data.pointById.get(id);
  if (point) return { center: point, zoom: RECORD_ZOOM };
  const record = data.carrierById.get(id);
  return record ? frameOfDistricts(data, record.districts) : undefined;
}

/** Kilometres per degree of latitude (mean Earth radius 6371.0088 km × π / 180). */
const KM_PER_DEGREE = 111.195;

/**
 * The camera target showing a circle of `radius_km` around `center` [lon, lat] (degrees): its bbox,
 * with a degree of longitude shortened by cos(latitude).
 */
export function frameOfCircle(center: [number, number], radius_km: number): CameraTarget {
  const dLat = radius_km / KM_PER_DEGREE;
  const dLon = radius_km / (KM_PER_DEGREE * Math.cos((center[1] * Math.PI) / 180));
  return { bbox: [center[0] - dLon, center[1] - dLat, center[0] + dLon, center[1] + dLat] };
}
