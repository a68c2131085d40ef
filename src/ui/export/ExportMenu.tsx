/**
 * The export menu: the current view as a PNG slide (screen size or A4 300 dpi) and, while a pitch
 * is on stage, every stop as a PNG slide and a printable handout. The export code (off-screen map,
 * slide composer, handout) is loaded only when an item is chosen.
 */

import type { StyleSpecification } from 'maplibre-gl';
import { type ComponentType, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { StopRef } from '../../analysis/pitch';
import type { AppData } from '../../data/load';
import type { LayerCatalogue } from '../../map/catalogue';
import { useApp, useAppStore } from '../../state/context';
import { fillTemplate, type Lang, type StringKey, t } from '../i18n';
import type { ExportContext } from './exportView';
import type { HandoutProps } from './Handout';
import './export.css';

/** Props of the export menu. */
export interface ExportMenuProps {
  data: AppData;
  /** The app's style and layer catalogue (`LiveMap`, src/map/live.ts `mapStyleFor`). */
  mapStyle: { style: StyleSpecification; catalogue: LayerCatalogue };
  lang: Lang;
}

type Item = 'screen' | 'a4' | 'stops' | 'handout';

const ITEMS: ReadonlyArray<{ id: Item; label: StringKey; stage: boolean }> = [
  { id: 'screen', label: 'exportScreen', stage: false },
  { id: 'a4', label: 'exportA4', stage: false },
  { id: 'stops', label: 'exportStops', stage: true },
  { id: 'handout', label: 'exportHandout', stage: true },
];

/** Saves a blob as a download named `fileName` (an object URL, revoked once the download has started). */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The live map's size (CSS px): the map container's, else the window's. */
function liveViewport(): ExportContext['viewport'] {
  const el = document.querySelector('[data-testid="map"]');
  const r = el?.getBoundingClientRect();
  const ok = r && r.width > 0 && r.height > 0;
  return {
    width: ok ? r.width : window.innerWidth,
    height: ok ? r.height : window.innerHeight,
    devicePixelRatio: window.devicePixelRatio || 1,
  };
}

/**
 * The export button and its menu (`data-testid="export"`; items `export-screen`, `export-a4`, and
 * on stage `export-stops`, `export-handout`). Shows progress and errors as text in `lang`.
 */
export function ExportMenu({ data, mapStyle, lang }: ExportMenuProps) {
  const store = useAppStore();
  const onStage = useApp((s) => s.pitch !== null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [handout, setHandout] = useState<{
    Handout: ComponentType<HandoutProps>;
    context: ExportContext;
    stops: StopRef[];
  } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const progress = (n: number, total: number) =>
    setStatus({ text: fillTemplate(t(lang, 'exportProgress'), { n: Math.min(n + 1, total), total }), error: false });

  const run = async (item: Item) => {
    setOpen(false);
    button.current?.focus();
    const state = store.getState();
    const context: ExportContext = { data, mapStyle, state, viewport: liveViewport() };
    const stops = state.pitch?.stops ?? [];
    setBusy(true);
    try {
      if (item === 'handout') {
        const { Handout } = await import('./Handout');
        setStatus(null);
        setHandout({ Handout, context, stops });
        return;
      }
      const exporter = await import('./exportView');
      if (item === 'stops') {
        const images = await exporter.exportStops(context, stops, 'screen', progress);
        for (const img of images) download(img.blob, img.fileName);
        setStatus({ text: fillTemplate(t(lang, 'exportDone'), { n: images.length }), error: false });
      } else {
        progress(0, 1);
        const img = await exporter.exportCurrentView(context, item);
        download(img.blob, img.fileName);
        setStatus({ text: fillTemplate(t(lang, 'exportDone'), { n: 1 }), error: false });
      }
    } catch (e) {
      setStatus({ text: `${t(lang, 'exportFailed')}${(e as Error).message}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  // Keys that act on the menu are not also the stage's (Space is "next stop" there).
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === ' ' || e.key === 'Enter') e.stopPropagation();
    if (e.key === 'ArrowDown' && !open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(true);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation();
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="head-btn"
        data-testid="export"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-disabled={busy}
        aria-busy={busy}
        onKeyDown={onButtonKey}
        onClick={() => {
          // Not `disabled`: the button keeps the keyboard focus while an export runs.
          if (!busy) setOpen((o) => !o);
        }}
      >
        {t(lang, 'exportMenu')}
      </button>
      {open && (
        <div className="export-items" role="menu" aria-label={t(lang, 'exportMenu')} onKeyDown={onKey}>
          {ITEMS.filter((i) => !i.stage || onStage).map((i) => (
            <button
              key={i.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={`export-${i.id}`}
              onClick={() => void run(i.id)}
            >
              {t(lang, i.label)}
            </button>
          ))}
        </div>
      )}
      {status && (
        <span
          className={status.error ? 'export-status error' : 'export-status'}
          role={status.error ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {status.text}
        </span>
      )}
      {handout && (
        <handout.Handout
          context={handout.context}
          stops={handout.stops}
          lang={lang}
          onClose={() => {
            setHandout(null);
            // The menu item that opened the handout has closed with its menu: the focus goes back to the button.
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
