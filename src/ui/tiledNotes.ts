/**
 * What the interface says where a feature is limited on the tiled data path (above `TILED_ABOVE`
 * carriers, geo/build/tiles.ts): the app then holds the carrier index, not the full records, so
 * lists are cut at `TILED_LIST_MAX` rows and the downloads and the presenter's captions lack the
 * citations that only the full records hold.
 * Above `SEARCH_FULL_MAX` records, whichever the form, the search matches record names as written
 * only (`limitNote('search', …)`). One sentence per feature, in both languages, for the components
 * to show beside what they cut.
 */
import type { AppData } from '../data/load';
import type { Lang } from './i18n';

/** Most rows a list renders on the tiled path (a results table or district list of 100,000 rows would freeze the page). */
export const TILED_LIST_MAX = 500;

/** The limited features. */
export type TiledLimit = 'list' | 'search' | 'download' | 'captions';

const NOTES: Record<TiledLimit, Record<Lang, (n: number) => string>> = {
  list: {
    zh: (n) => `数据量大（${n.toLocaleString('zh-CN')} 条记录）：此处仅列出前 ${TILED_LIST_MAX} 条。请用筛选缩小范围。`,
    en: (n) =>
      `Large data (${n.toLocaleString('en')} records): only the first ${TILED_LIST_MAX} are listed here. Narrow the filter to see others.`,
  },
  search: {
    zh: () => '数据量大：记录名称仅按字面匹配（不含拼音和模糊匹配）。',
    en: () => 'Large data: record names match only as written (no pinyin or fuzzy matching).',
  },
  download: {
    zh: () => '数据量大：完整记录（含出处原文）按需载入，无法整体下载。请逐条打开记录卡片查看出处。',
    en: () =>
      'Large data: full records (with their quoted sources) load one at a time and cannot be downloaded together. Open a record’s card for its sources.',
  },
  captions: {
    zh: () => '数据量大：演示说明不列出处原文，打开记录卡片可查看。',
    en: () => 'Large data: captions leave out the quoted sources; a record’s card shows them.',
  },
};

/** The note for a limited feature in `lang`, for `count` records, whatever the data's form. */
export function limitNote(limit: TiledLimit, count: number, lang: Lang): string {
  return NOTES[limit][lang](count);
}

/** The note for a limited feature in `lang`, or null when the data is not tiled (nothing is limited). */
export function tiledNote(data: Pick<AppData, 'tiled' | 'carriers'>, limit: TiledLimit, lang: Lang): string | null {
  return data.tiled ? limitNote(limit, data.carriers.length, lang) : null;
}
