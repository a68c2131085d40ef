/**
 * What each stop of a pitch shows: what the map selects and where the camera goes, and which
 * records it presents. Pure; the stage applies it through the store's `showStop` action, and
 * "back to the stop" applies the same view again, so it lands exactly where the stop did.
 */
import { carrierMatches, matchesInDistrict } from '../analysis/filter';
import { isCityPark, matchingCityParks, pitchFilter, type StopRef } from '../analysis/pitch';
import type { AppData } from '../data/load';
import type { CarrierProps } from '../domain/built';
import { frameOfDistricts, frameOfRecord, unionBbox } from './framing';
import type { CameraTarget, Selection } from './store';

/** A stop's view: the map's selection and camera, and the records it presents (table order). */
export interface StopView {
  selection: Selection;
  target: CameraTarget;
  /** Matching records the stop presents (parks included). */
  records: CarrierProps[];
  /** Of `records`, the city parks. */
  parks: CarrierProps[];
}

/** Half-size (degrees) of the box drawn around a lone park so a closing stop with one park is not a zoom-15 close-up. */
const LONE_PARK_MARGIN_DEG = 0.05;

type Data = Pick<AppData, 'carriers' | 'carrierById' | 'districtById' | 'pointById'>;

/**
 * The view of one stop under the pitch's directions.
 * - overview: no selection, the whole city, every matching record;
 * - district: the district selected and framed, its matching records;
 * - record: the record selected and framed at its best location (a point, else its districts);
 * - closing: the matching city parks framed together.
 */
export function stopView(data: Data, stop: StopRef, directions: readonly string[]): StopView {
  const f = pitchFilter(directions);
  if (stop.type === 'district') {
    const records = data.carriers.filter((c) => matchesInDistrict(c, f, stop.id));
    return {
      selection: { type: 'districts', ids: [stop.id] },
      target: frameOfDistricts(data, [stop.id]) ?? { home: true },
      records,
      parks: records.filter(isCityPark),
    };
  }
  if (stop.type === 'record') {
    const record = data.carrierById.get(stop.id);
    const records = record ? [record] : [];
    return {
      selection: { type: 'record', id: stop.id },
      target: frameOfRecord(data, stop.id) ?? { home: true },
      records,
      parks: records.filter(isCityPark),
    };
  }
  if (stop.type === 'closing') {
    const parks = matchingCityParks(data.carriers, directions);
    const boxes = parks.flatMap((p): Array<[number, number, number, number]> => {
      const pt = data.pointById.get(p.id);
      if (pt) return [[pt[0], pt[1], pt[0], pt[1]]];
      return p.districts.flatMap((id) => {
        const b = data.districtById.get(id)?.bbox;
        return b ? [b] : [];
      });
    });
    const box = unionBbox(boxes);
    const padded: [number, number, number, number] | undefined = box && [
      box[0] - LONE_PARK_MARGIN_DEG,
      box[1] - LONE_PARK_MARGIN_DEG,
      box[2] + LONE_PARK_MARGIN_DEG,
      box[3] + LONE_PARK_MARGIN_DEG,
    ];
    return { selection: null, target: padded ? { bbox: padded } : { home: true }, records: parks, parks };
  }
  const records = data.carriers.filter((c) => carrierMatches(c, f));
  return { selection: null, target: { home: true }, records, parks: records.filter(isCityPark) };
}

/** Whether a selection is the one a stop makes (then the stage shows the caption, not a record's card). */
export function isStopSelection(view: Pick<StopView, 'selection'>, selection: Selection): boolean {
  return JSON.stringify(view.selection) === JSON.stringify(selection);
}
