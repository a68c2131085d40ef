/**
 * The one card shell for records, districts and panels: a labelled dialog region with a close
 * button; Esc closes it; focus moves to its heading when it opens and back to where it was when it
 * closes.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { type Lang, t } from './i18n';

export interface CardProps {
  lang: Lang;
  title: ReactNode;
  onClose: () => void;
  /** Extra class names (e.g. `wide`). */
  className?: string;
  /** `data-*` attributes for tests and styling. */
  data?: Record<`data-${string}`, string>;
  children: ReactNode;
}

/**
 * Focuses `el`. A mark of a folded district group on the map is hidden until its group has the
 * focus (the group opens on `:focus-within`): then the group's caption is focused first, which
 * opens the group, and the mark after it.
 */
function giveFocusBack(el: HTMLElement): void {
  el.focus({ preventScroll: true });
  if (document.activeElement === el) return;
  el.closest('.district-group')?.querySelector<HTMLElement>('.group-caption')?.focus({ preventScroll: true });
  el.focus({ preventScroll: true });
}

/** A card. Remount it (React `key`) when it shows another thing, so focus moves to the new heading. */
export function Card({ lang, title, onClose, className, data, children }: CardProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus({ preventScroll: true });
    return () => {
      // Back to where the user was (a search box, a chip, a list item), if it is still on the page.
      if (before?.isConnected && !before.closest('.card')) giveFocusBack(before);
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // Esc in the search box clears the search first; only a later Esc closes the card.
      if (e.target instanceof HTMLElement && e.target.closest('.search')) return;
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className={`card ${className ?? ''}`.trim()} aria-labelledby={headingId} {...data}>
      <button type="button" className="close" onClick={onClose} aria-label={t(lang, 'close')}>
        ×
      </button>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
