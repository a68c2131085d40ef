/**
 * Proximity: from a point picked on the map or from the selected record, the matching records
 * within a radius (km) with honest distances, the records in a reached district whose location is
 * unknown (never given a distance), and the nearest record of each chosen direction. The map draws
 * the circle and lines from the same answer (`state/analysis.ts`).
 */
import { useEffect, useMemo, useState } from 'react';
import { distancePhrase } from '../../analysis/proximity';
import { type AppData, gazetteerOnce, loadDistrictPolygons } from '../../data/load';
import { type AnalysisData, answersOf } from '../../state/analysis';
import { useApp } from '../../state/context';
import { frameOfCircle, frameOfRecord } from '../../state/framing';
import { type Lang, nameIn } from '../i18n';
import { toolWord as w } from './toolWords';

/** Radius (km) of a new query. */
export const DEFAULT_RADIUS_KM = 5;

/**
 * The data the tools answer from: the records at once, the district polygons and the gazetteer
 * when they have loaded (the same cached loads the map uses).
 */
export function useAnalysisData(data: AppData): AnalysisData {
  const [extra, setExtra] = useState<Pick<AnalysisData, 'polygons' | 'places'>>({});
  useEffect(() => {
    let live = true;
    Promise.all([loadDistrictPolygons(data), gazetteerOnce(data)])
      .then(([polygons, places]) => {
        if (live) setExtra({ polygons, places });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [data]);
  return useMemo(
    () => ({
      carriers: data.carriers,
      pointById: data.pointById,
      districts: data.manifest.districts,
      directions: data.manifest.directions,
      ...extra,
    }),
    [data, extra],
  );
}

/** The proximity tool. */
export function NearTool({ data, lang }: { data: AppData; lang: Lang }) {
  const near = useApp((s) => s.near);
  const filter = useApp((s) => s.filter);
  const selection = useApp((s) => s.selection);
  const picking = useApp((s) => s.nearPicking);
  const setNear = useApp((s) => s.setNear);
  const setNearPicking = useApp((s) => s.setNearPicking);
  const selectRecord = useApp((s) => s.selectRecord);
  const analysis = useAnalysisData(data);
  const answers = useMemo(() => answersOf(analysis, { filter, near, needs: null }), [analysis, filter, near]);
  const radius = near?.radius_km ?? DEFAULT_RADIUS_KM;
  const selected = selection?.type === 'record' ? data.carrierById.get(selection.id) : undefined;
  const name = (id: string) => {
    const c = data.carrierById.get(id);
    return c ? nameIn(c, lang) : id;
  };
  const show = (id: string) => selectRecord(id, frameOfRecord(data, id));
  const a = answers.near;
  return (
    <div className="tool near" data-testid="near-tool">
      <p className="note">{w(lang, 'nearHelp')}</p>
      <div className="tool-controls">
        <button type="button" data-testid="near-pick" aria-pressed={picking} onClick={() => setNearPicking(!picking)}>
          {picking ? w(lang, 'picking') : w(lang, 'pickOnMap')}
        </button>
        {selected && (
          <button
            type="button"
            data-testid="near-from-selection"
            onClick={() => {
              const at = data.pointById.get(selected.id);
              setNear(
                { origin: { record: selected.id }, radius_km: radius },
                at ? frameOfCircle(at, radius) : undefined,
              );
            }}
          >
            {w(lang, 'searchAround')}: {nameIn(selected, lang)}
          </button>
        )}
        <label>
          {w(lang, 'radius')}{' '}
          <input
            type="number"
            min={0.5}
            max={100}
            step={0.5}
            value={radius}
            data-testid="near-radius"
            onChange={(e) => {
              const r = Number(e.target.value);
              if (near && Number.isFinite(r) && r > 0 && r <= 100) setNear({ ...near, radius_km: r });
            }}
          />
        </label>
        {near && (
          <button type="button" data-testid="near-clear" onClick={() => setNear(null)}>
            {w(lang, 'clear')}
          </button>
        )}
      </div>
      {near && (
        <p className="near-origin" data-testid="near-origin">
          {w(lang, 'from')}
          {'record' in near.origin
            ? name(near.origin.record)
            : w(lang, 'fromPoint', { lon: near.origin.point[0].toFixed(4), lat: near.origin.point[1].toFixed(4) })}
        </p>
      )}
      {a === 'unplaced' && (
        <p className="warning" role="status">
          {w(lang, 'originUnplaced')}
        </p>
      )}
      {a && a !== 'unplaced' && (
        <div className="near-results">
          <section>
            <h3>{w(lang, 'within', { r: a.result.radius_km, n: a.result.hits.length })}</h3>
            {a.result.hits.length === 0 && <p>{w(lang, 'noneWithin')}</p>}
            <ol className="hits" data-testid="near-hits">
              {a.result.hits.map((h) => (
                <li key={h.id} data-id={h.id} data-km={h.distance_km.toFixed(3)} data-uncertainty={h.uncertainty_km}>
                  <button type="button" className="row-link" onClick={() => show(h.id)}>
                    {name(h.id)}
                  </button>{' '}
                  <span className="distance">{distancePhrase(h, lang)}</span>
                </li>
              ))}
            </ol>
          </section>
          {a.result.unknown.length > 0 && (
            <section>
              <h3>
                {w(lang, 'unknownHere', { n: a.result.unknown.length })}
                {a.result.reach === 'bboxes' && <span className="muted"> {w(lang, 'reachBoxes')}</span>}
              </h3>
              <ul className="unknown" data-testid="near-unknown">
                {a.result.unknown.map((u) => (
                  <li key={u.id} data-id={u.id}>
                    <button type="button" className="row-link" onClick={() => show(u.id)}>
                      {name(u.id)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {a.nearest.length > 0 && (
            <section>
              <h3>{w(lang, 'nearest')}</h3>
              <ul data-testid="near-nearest">
                {a.nearest.map((n) => {
                  const d = data.manifest.directions.find((x) => x.key === n.key);
                  return (
                    <li key={n.key} data-direction={n.key} data-id={n.nearest?.id ?? ''}>
                      <strong>{d ? (lang === 'en' ? d.en : d.zh) : n.key}</strong>:{' '}
                      {n.nearest ? (
                        <>
                          <button type="button" className="row-link" onClick={() => n.nearest && show(n.nearest.id)}>
                            {name(n.nearest.id)}
                          </button>{' '}
                          {distancePhrase(n.nearest, lang)}
                          {n.contenders.length > 0 &&
                            ` ${w(lang, 'contenders', { names: n.contenders.map((c) => name(c.id)).join(lang === 'en' ? ', ' : '、') })}`}
                        </>
                      ) : (
                        w(lang, 'nearestNone')
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
