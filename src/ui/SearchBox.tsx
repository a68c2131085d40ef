/**
 * The header search box: finds records, districts, industry directions and places by any of their
 * names (Chinese, English, aliases, synonyms, pinyin), grouped by type, each saying why it matched.
 * The index is built on first focus or keystroke, not at start-up. Keyboard: ↑/↓ move, Enter
 * chooses, Escape clears. An ARIA combobox; every string is rendered as text.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { HitType, Search, SearchHit } from '../analysis/search';
import type { AppData } from '../data/load';
import { SEARCH_FULL_MAX } from '../domain/constants';
import { type Lang, nameIn, t } from './i18n';
import { limitNote } from './tiledNotes';

export interface SearchBoxProps {
  data: AppData;
  /** Builds the search index (once: later calls return the same promise); called on first use. */
  loadSearch: () => Promise<Search>;
  lang: Lang;
  /** Called with the chosen hit; the box then clears. */
  onPick: (hit: SearchHit) => void;
}

type Text = Record<Lang, string>;

/** Group headings, in the interface language. */
const GROUP: Record<HitType, Text> = {
  carrier: { zh: '载体与平台', en: 'Carriers & platforms' },
  district: { zh: '板块', en: 'Districts' },
  direction: { zh: '方向', en: 'Directions' },
  place: { zh: '地名', en: 'Places' },
};

/** What the matched string was, when it is not the name shown. */
const REASON: Record<SearchHit['reason']['field'], Text> = {
  name: { zh: '名称', en: 'name' },
  alias: { zh: '别称', en: 'alias' },
  'as-written': { zh: '原文', en: 'as written' },
  term: { zh: '文件用语', en: 'document term' },
  synonym: { zh: '同义词', en: 'synonym' },
  kind: { zh: '类型', en: 'kind' },
  pinyin: { zh: '拼音', en: 'pinyin' },
  initials: { zh: '拼音首字母', en: 'pinyin initials' },
};
const OTHER_NAME: Text = { zh: '英文名', en: 'Chinese name' };
const FUZZY: Text = { zh: '近似', en: 'close match' };
const LOADING: Text = { zh: '正在准备搜索…', en: 'Preparing search…' };
const FAILED: Text = { zh: '搜索暂不可用', en: 'Search is unavailable' };

/** Gazetteer categories (see `GazetteerPropsSchema`), shown beside a place's name. */
const PLACE_CATEGORY: Record<string, Text> = {
  town: { zh: '镇', en: 'town' },
  subdistrict: { zh: '街道', en: 'subdistrict' },
  university: { zh: '高校', en: 'campus' },
  lake: { zh: '湖泊', en: 'lake' },
  landmark: { zh: '地标', en: 'landmark' },
  'old-town': { zh: '古镇', en: 'old town' },
  'planning-area': { zh: '规划片区', en: 'planning area' },
  hsr: { zh: '高铁站', en: 'high-speed rail station' },
  mainline: { zh: '火车站', en: 'railway station' },
  intercity: { zh: '城际站', en: 'intercity station' },
  airport: { zh: '机场', en: 'airport' },
};

/**
 * Why a hit matched, as shown under its name in `lang`: the kind of string and the string itself
 * (e.g. "别称：…", "pinyin: su zhou …"); `null` when the name shown is what matched.
 */
export function reasonText(hit: SearchHit, lang: Lang): string | null {
  const r = hit.reason;
  const sep = lang === 'zh' ? '：' : ': ';
  const fuzzy = r.fuzzy ? `${FUZZY[lang]} · ` : '';
  if (r.field === 'name') {
    if (r.lang === lang || r.text === nameIn(hit, lang)) return r.fuzzy ? FUZZY[lang] : null;
    return `${fuzzy}${OTHER_NAME[lang]}${sep}${r.text}`;
  }
  return `${fuzzy}${REASON[r.field][lang]}${sep}${r.text}`;
}

/**
 * The muted context beside a hit's name: a record's district, "district", the kind of place; none
 * for a direction (its group heading says it all).
 */
export function contextText(hit: SearchHit, lang: Lang, data: Pick<AppData, 'districtById'>): string {
  switch (hit.type) {
    case 'district':
      return t(lang, 'kindDistrict');
    case 'direction':
      return '';
    case 'place':
      return PLACE_CATEGORY[hit.category ?? '']?.[lang] ?? hit.category ?? '';
    default: {
      const d = hit.district ? data.districtById.get(hit.district) : undefined;
      return d ? nameIn(d, lang) : (hit.district ?? '');
    }
  }
}

/** Hits grouped by type; groups in the order of their best hit, hits in score order within each. */
export function groupHits(hits: readonly SearchHit[]): Array<{ type: HitType; hits: SearchHit[] }> {
  const groups = new Map<HitType, SearchHit[]>();
  for (const h of hits) groups.set(h.type, [...(groups.get(h.type) ?? []), h]);
  return [...groups].map(([type, list]) => ({ type, hits: list }));
}

/**
 * The search box.
 * @param props the data (for district names), the lazy index, the language and what to do with a choice.
 */
export function SearchBox({ data, loadSearch, lang, onPick }: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [search, setSearch] = useState<Search | null>(null);
  const [failed, setFailed] = useState(false);
  const asked = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const prepare = () => {
    if (asked.current) return;
    asked.current = true;
    loadSearch().then(
      (s) => alive.current && setSearch(() => s),
      () => alive.current && setFailed(true),
    );
  };
  const groups = useMemo(() => groupHits(search ? search(query) : []), [search, query]);
  // Keyboard order follows the groups as shown.
  const hits = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const listId = useId();
  const pick = (h: SearchHit | undefined) => {
    if (!h) return;
    onPick(h);
    setQuery('');
    setActive(0);
  };
  // Enter typed before the index is ready (right after the first keystrokes) chooses once it is.
  const enterPending = useRef(false);
  useEffect(() => {
    if (!search || !enterPending.current) return;
    enterPending.current = false;
    const first = hits[0];
    if (!first) return;
    onPick(first);
    setQuery('');
    setActive(0);
  }, [search, hits, onPick]);
  const open = hits.length > 0;
  const typed = query.trim() !== '';
  let index = 0;
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
        onFocus={prepare}
        onChange={(e) => {
          prepare();
          enterPending.current = false;
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') {
            if (search) pick(hits[active]);
            else enterPending.current = query.trim() !== '';
          } else if (e.key === 'Escape') {
            enterPending.current = false;
            setQuery('');
          } else return;
          e.preventDefault();
        }}
      />
      {open && (
        <div className="search-hits" id={listId} role="listbox" data-testid="search-hits">
          {groups.map((g) => (
            // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role=group (WAI-ARIA listbox pattern); a fieldset holds form controls.
            <div key={g.type} role="group" aria-labelledby={`${listId}-${g.type}`} data-group={g.type}>
              <div className="search-group muted" id={`${listId}-${g.type}`} role="presentation">
                {GROUP[g.type][lang]}
              </div>
              {g.hits.map((h) => {
                const i = index++;
                const why = reasonText(h, lang);
                return (
                  <div
                    key={`${h.type}:${h.id}`}
                    tabIndex={-1}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === active}
                    data-id={h.id}
                    data-type={h.type}
                    data-reason={h.reason.field}
                    onMouseDown={(e) => {
                      // mousedown, not click: the input's blur must not close the list first.
                      e.preventDefault();
                      pick(h);
                    }}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span className="search-name">
                      {nameIn(h, lang)}
                      {why && (
                        <span className="search-why muted" data-testid="search-why">
                          {why}
                        </span>
                      )}
                    </span>
                    <span className="muted">{contextText(h, lang, data)}</span>
                  </div>
                );
              })}
            </div>
          ))}
          {data.carriers.length > SEARCH_FULL_MAX && (
            <div className="search-group muted" role="presentation" data-testid="search-large">
              {limitNote('search', data.carriers.length, lang)}
            </div>
          )}
        </div>
      )}
      {typed && !open && (
        <p className="search-none muted" data-testid={search ? 'search-none' : 'search-pending'} role="status">
          {search ? t(lang, 'searchNone') : failed ? FAILED[lang] : LOADING[lang]}
        </p>
      )}
    </div>
  );
}
