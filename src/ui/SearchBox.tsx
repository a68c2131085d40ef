/**
 * The header search box: finds a record or a district by any of its names (Chinese, English,
 * aliases) and opens it. Keyboard: ↑/↓ move, Enter opens, Escape clears. An ARIA combobox.
 */
import { useId, useMemo, useState } from 'react';
import type { Search, SearchHit } from '../analysis/search';
import type { AppData } from '../data/load';
import { type Lang, nameIn, t } from './i18n';

export interface SearchBoxProps {
  data: AppData;
  search: Search;
  lang: Lang;
  /** Called with the chosen hit; the box then clears. */
  onPick: (hit: SearchHit) => void;
}

export function SearchBox({ data, search, lang, onPick }: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = useMemo(() => search(query), [search, query]);
  const listId = useId();
  const pick = (h: SearchHit | undefined) => {
    if (!h) return;
    onPick(h);
    setQuery('');
    setActive(0);
  };
  const open = hits.length > 0;
  return (
    <div className="search">
      <input
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-label={t(lang, 'searchLabel')}
        placeholder={t(lang, 'searchPlaceholder')}
        data-testid="search"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(hits[active]);
          else if (e.key === 'Escape') setQuery('');
          else return;
          e.preventDefault();
        }}
      />
      {open && (
        <div className="search-hits" id={listId} role="listbox" data-testid="search-hits">
          {hits.map((h, i) => {
            const district = data.districtById.get(h.district);
            return (
              <div
                key={`${h.type}:${h.id}`}
                tabIndex={-1}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                data-id={h.id}
                onMouseDown={(e) => {
                  // mousedown, not click: the input's blur must not close the list first.
                  e.preventDefault();
                  pick(h);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span>{nameIn(h, lang)}</span>
                <span className="muted">
                  {h.type === 'district' ? t(lang, 'kindDistrict') : district ? nameIn(district, lang) : h.district}
                </span>
              </div>
            );
          })}
        </div>
      )}
      {query.trim() !== '' && !open && (
        <p className="search-none muted" data-testid="search-none">
          {t(lang, 'searchNone')}
        </p>
      )}
    </div>
  );
}
