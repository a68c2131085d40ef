/**
 * The one bilingual convention: every named thing has `name_zh` and `name_en`; the interface
 * language is `zh` or `en`.
 */

/** Interface language. */
export type Lang = 'zh' | 'en';

/** The languages, default first. */
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A record's or district's name in `lang` (`name_en` in English, else `name_zh`). */
export function nameIn(r: { name_zh: string; name_en: string }, lang: Lang): string {
  return lang === 'en' ? r.name_en : r.name_zh;
}
