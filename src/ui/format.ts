/**
 * Number formatting for headline figures (facts), per interface language.
 *
 * Facts store money as the documents write it, in 亿元 (10^8 yuan). English readers do not count
 * in 亿, so English shows billions (10^9) or trillions (10^12) of yuan; Chinese keeps 亿元 and
 * writes 10 000 亿 as 万亿, as the documents do (e.g. 1.07 万亿元, seed 001 line 170).
 */
import type { FactRecord } from '../domain/schema';
import type { Lang } from './i18n';

const YI = 1e8;

const en = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const zh = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/**
 * A fact's value with its unit, e.g. `800 billion yuan` / `8,000亿元`, `78.7%`, `25万人`.
 * @param f the fact: `value` in `unit_zh` (money in 亿元).
 * @returns display text; never throws.
 */
export function formatFactValue(f: Pick<FactRecord, 'value' | 'unit_zh' | 'unit_en'>, lang: Lang): string {
  const money = f.unit_zh === '亿元';
  if (lang === 'en') {
    if (money) {
      const yuan = f.value * YI;
      return yuan >= 1e12 ? `${en.format(yuan / 1e12)} trillion yuan` : `${en.format(yuan / 1e9)} billion yuan`;
    }
    return f.unit_en === '%' ? `${en.format(f.value)}%` : `${en.format(f.value)} ${f.unit_en}`.trim();
  }
  if (money && f.value >= 1e4) return `${zh.format(f.value / 1e4)}万亿元`;
  if (f.unit_zh === '%') return `${zh.format(f.value)}%`;
  const n = !money && f.value >= 1e4 && f.value % 1e3 === 0 ? `${zh.format(f.value / 1e4)}万` : zh.format(f.value);
  return `${n}${f.unit_zh}`;
}
