/**
 * The printable handout of a pitch: one A4 landscape page per stop with the stop's map image (a
 * slide without its title band, 1600 × 1000 px), its caption as the stage tells it (title, what is
 * here, why it matters, counts, the records it presents) and its sources (document title, line,
 * quote). Rendered over the page; when every image has
 * loaded it opens the browser's print dialog (print to PDF or paper), and it closes after printing.
 * `handout.css` hides the app in print and gives each stop its own page.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { StopRef } from '../../analysis/pitch';
import { fillTemplate, type Lang, t } from '../i18n';
import type { StopCaption } from '../presenter/caption';
import { type ExportContext, exportStops } from './exportView';
import './handout.css';

/** Props of the handout. */
export interface HandoutProps {
  /** What the export reads (data, style, app state with the pitch's filter, live map size). */
  context: ExportContext;
  /** The pitch's stops, in order. */
  stops: readonly StopRef[];
  lang: Lang;
  /** Called when the handout closes: after printing, with its close button, or with Esc. */
  onClose: () => void;
}

interface Page {
  url: string;
  caption: StopCaption;
}

/**
 * The handout (`data-testid="handout"`, one `data-testid="handout-page"` per stop). Renders the
 * stops' images one after the other, then prints once all have loaded.
 */
export function Handout({ context, stops, lang, onClose }: HandoutProps) {
  const [pages, setPages] = useState<Page[] | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    let cancelled = false;
    const urls: string[] = [];
    exportStops(context, stops, 'handout', (done) => {
      if (!cancelled) setProgress(done);
    })
      .then((images) => {
        const made = images.map((img) => ({ url: URL.createObjectURL(img.blob), caption: img.caption }));
        urls.push(...made.map((p) => p.url));
        if (cancelled) for (const u of urls) URL.revokeObjectURL(u);
        else setPages(made);
      })
      .catch((e: Error) => {
        if (!cancelled) setError(e.message);
      });
    return () => {
      cancelled = true;
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [context, stops]);

  // Print once every page's image has been decoded; close after printing.
  useEffect(() => {
    if (!pages) return;
    let cancelled = false;
    const afterPrint = () => closeRef.current();
    const images = [...(root.current?.querySelectorAll('img') ?? [])];
    void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() => {
      if (cancelled) return;
      root.current?.setAttribute('data-ready', 'true');
      window.addEventListener('afterprint', afterPrint, { once: true });
      window.print();
    });
    return () => {
      cancelled = true;
      window.removeEventListener('afterprint', afterPrint);
    };
  }, [pages]);

  useEffect(() => {
    // A modal dialog: the focus moves into it and Tab stays inside (`onClose` gives it back).
    const controls = () => [...(root.current?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [])];
    controls().at(-1)?.focus();
    // Captured first, so that Esc closes the handout and does not also leave the stage.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab') {
        const list = controls();
        const at = list.indexOf(document.activeElement as HTMLElement);
        e.preventDefault();
        list.at((at + (e.shiftKey ? -1 : 1)) % list.length)?.focus();
        return;
      }
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      closeRef.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const lineOf = (line: number) => fillTemplate(t(lang, 'handoutLine'), { line });
  return createPortal(
    <div
      className="handout"
      data-testid="handout"
      ref={root}
      lang={lang === 'en' ? 'en' : 'zh-CN'}
      role="dialog"
      aria-modal="true"
      aria-label={t(lang, 'handoutTitle')}
    >
      <div className="handout-bar">
        <strong>{t(lang, 'handoutTitle')}</strong>
        <span role={error ? 'alert' : 'status'}>
          {error
            ? `${t(lang, 'exportFailed')}${error}`
            : pages
              ? ''
              : fillTemplate(t(lang, 'handoutPreparing'), {
                  n: Math.min(progress + 1, stops.length),
                  total: stops.length,
                })}
        </span>
        <button type="button" disabled={!pages} onClick={() => window.print()}>
          {t(lang, 'handoutPrint')}
        </button>
        <button type="button" onClick={() => closeRef.current()}>
          {t(lang, 'handoutClose')}
        </button>
      </div>
      {pages?.map((p, i) => (
        <section className="handout-page" data-testid="handout-page" key={p.url}>
          <img src={p.url} alt={p.caption.title} />
          <div className="handout-text">
            <div>
              <p className="handout-stop">{fillTemplate(t(lang, 'exportStopOf'), { n: i + 1, total: pages.length })}</p>
              <h2>{p.caption.title}</h2>
              {p.caption.subtitle && <p className="handout-subtitle">{p.caption.subtitle}</p>}
              <ul>
                {p.caption.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {p.caption.note && <p className="handout-note">{p.caption.note}</p>}
              {p.caption.counts.length > 0 && (
                <p className="handout-counts">
                  {p.caption.counts.map(([label, n]) => (
                    <span key={label}>
                      {label} <strong>{n}</strong>
                    </span>
                  ))}
                </p>
              )}
            </div>
            {p.caption.items.length > 0 && (
              <ul className="handout-items">
                {p.caption.items.map((item) => (
                  <li key={item.id}>
                    {item.park && <span aria-hidden="true">★ </span>}
                    {item.name} <span className="handout-muted">{item.precision}</span>
                  </li>
                ))}
                {(p.caption.more ?? 0) > 0 && (
                  <li className="handout-muted">{fillTemplate(t(lang, 'handoutMore'), { n: p.caption.more ?? 0 })}</li>
                )}
              </ul>
            )}
            {p.caption.sources.length > 0 && (
              <div>
                <h3>{t(lang, 'handoutSources')}</h3>
                <ul className="handout-sources">
                  {p.caption.sources.map((s) => (
                    <li key={`${s.doc}:${s.line}`}>
                      {s.title}
                      {lang === 'en' ? ', ' : '，'}
                      {lineOf(s.line)}
                      <blockquote>{s.quote}</blockquote>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </section>
      ))}
    </div>,
    document.body,
  );
}
