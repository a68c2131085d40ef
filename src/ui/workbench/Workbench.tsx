/**
 * The planner's workbench: a drawer over the map's bottom with one tab per tool (results table,
 * charts, district comparison, proximity, site finder, downloads) and the density switch. The open
 * tool is part of the URL (`tool=`). The charts load on demand.
 *
 * Keyboard: the drawer is not modal (the map, filter and cards stay usable beside it). Opened from
 * a button (the header's 分析 / Analyse, or the list offered when the map fails), it takes the focus
 * to its open tab and gives it back to that button when it closes; Esc closes it once no card is
 * open (a card, being on top, closes first). The tabs follow the WAI-ARIA tabs pattern: one Tab
 * stop, ← → Home End move between them, Enter or Space opens one.
 */
import { type KeyboardEvent, lazy, Suspense, useEffect, useRef } from 'react';
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

/** The buttons that open the drawer: it takes the focus from them and gives it back on closing. */
const OPENERS = '[data-testid="workbench-open"], [data-testid="show-list"]';

/** The drawer (nothing while no tool is open). */
export function Workbench({ data, lang }: { data: AppData; lang: Lang }) {
  const tool = useApp((s) => s.tool);
  const openTool = useApp((s) => s.openTool);
  const density = useApp((s) => s.density);
  const setDensity = useApp((s) => s.setDensity);
  const tabs = useRef<HTMLDivElement>(null);
  const open = tool !== null;

  useEffect(() => {
    if (!open) return;
    const active = document.activeElement;
    // Only when a button opened it: a drawer opened by a link does not take the focus.
    const opener = active instanceof HTMLElement && active.matches(OPENERS) ? active : null;
    if (opener) tabs.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body || !now.isConnected || now.closest('.workbench') !== null;
      if (opener?.isConnected && lost) opener.focus({ preventScroll: true });
    };
  }, [open]);

  if (!tool) return null;
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = [...(tabs.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])];
    const at = list.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const to: Record<string, number> = {
      ArrowRight: (at + 1) % list.length,
      ArrowLeft: (at - 1 + list.length) % list.length,
      Home: 0,
      End: list.length - 1,
    };
    if (!(e.key in to)) return;
    e.preventDefault();
    list[to[e.key]]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('.cards .card')) return;
    e.preventDefault();
    openTool(null);
  };
  return (
    <section className="workbench" data-testid="workbench" aria-label={w(lang, 'drawer')} onKeyDown={onKey}>
      <div className="workbench-bar">
        <div role="tablist" aria-label={w(lang, 'drawer')} ref={tabs} onKeyDown={onTabKey}>
          {TOOLS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              id={`tool-tab-${k}`}
              aria-selected={tool === k}
              aria-controls="tool-panel"
              tabIndex={tool === k ? 0 : -1}
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
