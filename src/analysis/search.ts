/**
 * Name search over records and districts, for "where is …?" questions. Fuzzy matching is
 * fuse.js's (Bitap, see https://www.fusejs.io); this module only decides what is searchable.
 */
import Fuse from 'fuse.js';
import type { CarrierProps, DistrictInfo } from '../domain/built';

/** One search result: a record or a district, with both names for display. */
export interface SearchHit {
  type: 'carrier' | 'district';
  id: string;
  name_zh: string;
  name_en: string;
  /** For a record, its (first) district id; for a district, its own id. */
  district: string;
  /** Fuse score, 0 = exact … 1 = no match. */
  score: number;
}

interface Entry {
  type: SearchHit['type'];
  id: string;
  name_zh: string;
  name_en: string;
  district: string;
  /** Other names that should find the entry: aliases, the table's own wording, 类别 terms. */
  other: string[];
}

/** Fuse options: names weigh more than aliases; match anywhere in a name (`ignoreLocation`) since Chinese names put the distinctive part in the middle. */
const OPTIONS = {
  keys: [
    { name: 'name_zh', weight: 2 },
    { name: 'name_en', weight: 2 },
    { name: 'other', weight: 1 },
  ],
  threshold: 0.34,
  ignoreLocation: true,
  includeScore: true,
  minMatchCharLength: 1,
};

/** A search function over a fixed set of records and districts. */
export type Search = (query: string, limit?: number) => SearchHit[];

/**
 * Builds the index once.
 * @param carriers every record (located or not); aliases and `seed_text` are searchable too.
 * @param districts the ten districts, searchable by Chinese and English name and table name.
 * @returns `search(query, limit = 8)`: hits best first; an empty or blank query returns `[]`.
 */
export function buildSearch(carriers: readonly CarrierProps[], districts: readonly DistrictInfo[]): Search {
  const entries: Entry[] = [
    ...districts.map((d) => ({
      type: 'district' as const,
      id: d.id,
      name_zh: d.name_zh,
      name_en: d.name_en,
      district: d.id,
      other: [],
    })),
    ...carriers.map((c) => ({
      type: 'carrier' as const,
      id: c.id,
      name_zh: c.name_zh,
      name_en: c.name_en,
      district: c.district,
      other: [...c.aliases, ...(c.seed_text && c.seed_text !== c.name_zh ? [c.seed_text] : [])],
    })),
  ];
  const fuse = new Fuse(entries, OPTIONS);
  return (query, limit = 8) => {
    const q = query.trim();
    if (!q) return [];
    return fuse.search(q, { limit }).map(({ item, score }) => ({
      type: item.type,
      id: item.id,
      name_zh: item.name_zh,
      name_en: item.name_en,
      district: item.district,
      score: score ?? 1,
    }));
  };
}
