/**
 * The planner's workbench: a drawer over the map's bottom with one tab per tool (results table,
 * charts, district comparison, proximity, site finder, downloads) and the density switch. The open
 * tool is part of the URL (`tool=`). The charts load on demand.
 */
import { lazy, Suspense } from 'react';
import type { AppData } from '../../data/load';
import { useApp } from '../../state/context';
import { TOOLS } from '../../state/store';
import type { Lang } from '../i18n';
import { Compare } from './Compare';
import { DownloadTool } from './DownloadTool';
import { NearTool } from './NearTool';
import { ResultsTable } from './ResultsTable';
import { SitesTool } from './SitesTool';
import { toolWord as w } from './toolWords';

const Charts = lazy(() => import('./charts/Charts'));

/** The drawer (nothing while no tool is open). */
export function Workbench({ data, lang }: { data: AppData; lang: Lang }) {
  const tool = useApp((s) => s.tool);
  const openTool = useApp((s) => s.openTool);
  const density = useApp((s) => s.density);
  const setDensity = useApp((s) => s.setDensity);
  if (!tool) return null;
  return (
    <section className="workbench" data-testid="workbench" aria-label={w(lang, 'drawer')}>
      <div className="workbench-bar">
        <div role="tablist" aria-label={w(lang, 'drawer')}>
          {TOOLS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              id={`tool-tab-${k}`}
              aria-selected={tool === k}
              aria-controls="tool-panel"
              data-tool={k}
              onClick={() => openTool(k)}
            >
              {w(lang, `tool_${k}`)}
            </button>
          ))}
        </div>
        <label className="density-toggle">
          <input
            type="checkbox"
            checked={density}
            data-testid="density-toggle"
            onChange={(e) => setDensity(e.target.checked)}
          />{' '}
          {w(lang, 'density')}
        </label>
        <button
          type="button"
          className="close"
          data-testid="workbench-close"
          aria-label={w(lang, 'close')}
          onClick={() => openTool(null)}
        >
          ×
        </button>
      </div>
      <div className="workbench-panel" role="tabpanel" id="tool-panel" aria-labelledby={`tool-tab-${tool}`}>
        {tool === 'table' && <ResultsTable data={data} lang={lang} />}
        {tool === 'charts' && (
          <Suspense fallback={null}>
            <Charts data={data} lang={lang} />
          </Suspense>
        )}
        {tool === 'compare' && <Compare data={data} lang={lang} />}
        {tool === 'near' && <NearTool data={data} lang={lang} />}
        {tool === 'sites' && <SitesTool data={data} lang={lang} />}
        {tool === 'download' && <DownloadTool data={data} lang={lang} />}
      </div>
    </section>
  );
}
