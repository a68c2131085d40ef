/**
 * Shifting our WGS-84 GeoJSON to another datum while a basemap in that datum is shown (GCJ-02:
 * AMap, Tencent), with the gcoord library. Loaded on demand: the default map never needs it.
 */
import type { GeoJSON } from 'geojson';
import type { BasemapDatum } from './basemaps';

/**
 * A copy of `data` with every coordinate converted from WGS-84 to `datum` (the input is not
 * changed). Around Suzhou GCJ-02 lies about 470 m east-south-east of WGS-84.
 */
export async function shiftToDatum<T extends GeoJSON>(data: T, datum: BasemapDatum): Promise<T> {
  const copy = structuredClone(data);
  if (datum === 'wgs84') return copy;
  const { default: gcoord } = await import('gcoord');
  return gcoord.transform(copy as never, gcoord.WGS84, gcoord.GCJ02) as unknown as T;
}
