/**
 * Downloads: the records the filter matches as GeoJSON (RFC 7946) and as CSV (UTF-8 with a byte
 * order mark, so spreadsheet programs read Chinese), named after the filter; and the direction ×
 * district matrix as CSV. The serialisers (`analysis/download.ts`, d3-dsv) load on first use; the
 * whole workbench is itself loaded on demand.
 */
import { useMemo, useState } from 'react';
import { directionDistrictMatrix } from '../../analysis/aggregate';
import { carrierMatches } from '../../analysis/filter';
import type { AppData } from '../../data/load';
import { useApp } from '../../state/context';
import type { Lang } from '../i18n';
import { tiledNote } from '../tiledNotes';
import { toolWord as w } from './toolWords';

/** Saves `text` as a file named `name` through a temporary link. */
function save(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The download tool. */
export function DownloadTool({ data, lang }: { data: AppData; lang: Lang }) {
  const filter = useApp((s) => s.filter);
  const [error, setError] = useState<string | null>(null);
  const records = useMemo(() => data.carriers.filter((c) => carrierMatches(c, filter)), [data, filter]);
  const run = (what: 'geojson' | 'csv' | 'matrix') => {
    setError(null);
    import('../../analysis/download')
      .then((dl) => {
        const today = new Date();
        const docs = data.manifest.sources;
        if (what === 'geojson') {
          const fc = dl.recordsFeatureCollection(records, data.pointById, docs);
          save(JSON.stringify(fc), dl.downloadName(filter, 'geojson', today), 'application/geo+json');
        } else if (what === 'csv') {
          save(dl.recordsCsv(records, data.pointById, docs), dl.downloadName(filter, 'csv', today), 'text/csv');
        } else {
          const keys = data.manifest.directions.map((d) => d.key);
          const ids = data.manifest.districts.map((d) => d.id);
          const matrix = directionDistrictMatrix(data.carriers, filter, keys, ids);
          const labels = dl.matrixLabelsIn(lang, data.manifest.directions, data.manifest.districts);
          const name = dl.downloadName(filter, 'csv', today).replace(/\.csv$/, '_matrix.csv');
          save(dl.matrixCsv(matrix, labels), name, 'text/csv');
        }
      })
      .catch((e: Error) => setError(e.message));
  };
  return (
    <div className="tool download" data-testid="download-tool">
      <p className="note">{w(lang, 'downloadHelp', { n: records.length })}</p>
      {data.tiled && <p className="warning">{tiledNote(data, 'download', lang)}</p>}
      <div className="tool-controls">
        <button type="button" data-testid="download-geojson" disabled={!!data.tiled} onClick={() => run('geojson')}>
          {w(lang, 'downloadGeojson')}
        </button>
        <button type="button" data-testid="download-csv" disabled={!!data.tiled} onClick={() => run('csv')}>
          {w(lang, 'downloadCsv')}
        </button>
        <button type="button" data-testid="download-matrix" onClick={() => run('matrix')}>
          {w(lang, 'downloadMatrix')}
        </button>
      </div>
      <p className="note">{w(lang, 'downloadNote')}</p>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
