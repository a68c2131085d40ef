/**
 * Figures told honestly (src/analysis/facts.ts): each figure's year, kind and document date; a
 * target whose year has passed is marked and ordered after current figures; the city overview's
 * figures follow the chosen directions. Small hand-written facts, then the real data: the
 * directions a fact is tagged with are named by its own metric or quote.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cityFactsFor, factLabel, factStatus, orderFacts } from '../../src/analysis/facts';
import type { Manifest } from '../../src/domain/built';
import type { FactRecord, SourceDoc } from '../../src/domain/schema';
import { buildReal } from './records';

/** 30 November 2026: 2025 and earlier targets have passed, 2026 is the running year. */
const TODAY = new Date(2026, 10, 30);

const DOC_2020: Pick<SourceDoc, 'date'> = { date: '2020-07-31' };
const DOC_2021: Pick<SourceDoc, 'date'> = { date: '2021-04-15' };
const UNDATED: Pick<SourceDoc, 'date'> = {};

/** A city fact with the fields these functions read; the rest are filler. */
function fact(id: string, over: Partial<FactRecord>): FactRecord {
  return {
    id,
    scope: 'city',
    kind: 'target',
    metric_zh: id,
    metric_en: id,
    value: 1,
    unit_zh: '个',
    unit_en: 'items',
    source: { doc: '000', line: 1, quote: id },
    ...over,
  };
}

const passedTarget = fact('passed', { year: 2022, directions: ['blockchain'] });
const currentYearTarget = fact('current-year', { year: 2026, directions: ['artificial-intelligence'] });
const futureTarget = fact('future', { year: 2030 });
const baseline = fact('baseline', { kind: 'baseline', year: 2020, directions: ['blockchain', 'quantum'] });
const noYear = fact('no-year', { kind: 'baseline', period_note: 'No year in the text: status when drafted.' });
const ids = (fs: readonly FactRecord[]) => fs.map((f) => f.id);
const district = fact('district', { scope: 'sip', year: 2027, directions: ['blockchain'] });

describe('factStatus', () => {
  it('a target whose year is before this year has passed', () => {
    expect(factStatus(passedTarget, DOC_2020, TODAY)).toEqual({
      kind: 'target',
      year: 2022,
      setYear: 2020,
      passed: true,
    });
  });
  it('a target for this year, or a later one, has not', () => {
    expect(factStatus(currentYearTarget, DOC_2021, TODAY).passed).toBe(false);
    expect(factStatus(futureTarget, DOC_2021, TODAY).passed).toBe(false);
    // The same target read a year later has passed.
    expect(factStatus(currentYearTarget, DOC_2021, new Date(2027, 0, 1)).passed).toBe(true);
  });
  it('a baseline never passes; an undated document or figure gives null years', () => {
    expect(factStatus(baseline, DOC_2021, TODAY)).toEqual({
      kind: 'baseline',
      year: 2020,
      setYear: 2021,
      passed: false,
    });
    expect(factStatus(noYear, UNDATED, TODAY)).toEqual({ kind: 'baseline', year: null, setYear: null, passed: false });
    expect(factStatus(passedTarget, undefined, TODAY).setYear).toBeNull();
  });
});

describe('factLabel', () => {
  it('a passed target: its year, when it was set, and the mark', () => {
    expect(factLabel(passedTarget, DOC_2020, 'zh', TODAY)).toBe('2022 年目标（2020 年提出）· 年份已过');
    expect(factLabel(passedTarget, DOC_2020, 'en', TODAY)).toBe('2022 target, set in 2020 · year passed');
  });
  it('leaves the mark out on request (a card shows it as a tag)', () => {
    expect(factLabel(passedTarget, DOC_2020, 'en', TODAY, { passedMark: false })).toBe('2022 target, set in 2020');
  });
  it('a current-year and a future target carry no mark', () => {
    expect(factLabel(currentYearTarget, DOC_2021, 'en', TODAY)).toBe('2026 target, set in 2021');
    expect(factLabel(futureTarget, DOC_2021, 'zh', TODAY)).toBe('2030 年目标（2021 年提出）');
  });
  it('a baseline: its year and the document’s', () => {
    expect(factLabel(baseline, DOC_2021, 'zh', TODAY)).toBe('2020 年基数（2021 年文件）');
    expect(factLabel(baseline, DOC_2021, 'en', TODAY)).toBe('2020 baseline (2021 document)');
  });
  it('an undated document says so', () => {
    expect(factLabel(futureTarget, UNDATED, 'en', TODAY)).toBe('2030 target (undated document)');
    expect(factLabel(futureTarget, UNDATED, 'zh', TODAY)).toBe('2030 年目标（文件未注明日期）');
    expect(factLabel(passedTarget, UNDATED, 'en', TODAY)).toBe('2022 target (undated document) · year passed');
  });
  it('a figure with no year says it is not given, inventing none', () => {
    expect(factLabel(noYear, UNDATED, 'en', TODAY)).toBe('baseline, year not given (undated document)');
    expect(factLabel(noYear, UNDATED, 'zh', TODAY)).toBe('基数，未注明年份（文件未注明日期）');
  });
});

describe('orderFacts and cityFactsFor', () => {
  const all = [passedTarget, noYear, baseline, district, futureTarget, currentYearTarget];

  it('current figures first, by year descending (no year last), then passed targets', () => {
    expect(ids(orderFacts(all, TODAY))).toEqual([
      'future',
      'district',
      'current-year',
      'baseline',
      'no-year',
      'passed',
    ]);
  });
  it('with no direction: every city figure, none of a district', () => {
    expect(ids(cityFactsFor(all, [], TODAY))).toEqual(['future', 'current-year', 'baseline', 'no-year', 'passed']);
  });
  it('with directions: the figures tagged with any of them', () => {
    expect(ids(cityFactsFor(all, ['blockchain'], TODAY))).toEqual(['baseline', 'passed']);
    expect(ids(cityFactsFor(all, ['quantum', 'artificial-intelligence'], TODAY))).toEqual(['current-year', 'baseline']);
  });
  it('nothing tagged with the chosen directions: an empty list (the card says so)', () => {
    expect(cityFactsFor(all, ['esports'], TODAY)).toEqual([]);
  });
});

describe('the real figures', () => {
  let manifest: Manifest;
  beforeAll(() => {
    ({ manifest } = buildReal());
  });

  it('tags every blockchain figure, and the city overview for blockchain shows them all, marked passed', () => {
    const blockchain = manifest.facts.filter((f) => f.metric_zh.includes('区块链'));
    expect(blockchain.length).toBeGreaterThanOrEqual(4);
    for (const f of blockchain) expect(f.directions).toContain('blockchain');
    const shown = cityFactsFor(manifest.facts, ['blockchain'], TODAY);
    expect(ids(shown).sort()).toEqual(ids(blockchain).sort());
    for (const f of shown) {
      const doc = manifest.sources.find((d) => d.id === f.source.doc);
      expect(factLabel(f, doc, 'en', TODAY)).toBe('2022 target, set in 2020 · year passed');
    }
  });

  it('each tagged figure’s metric or quote names its direction (by name, term, name term or synonym)', () => {
    const byKey = new Map(manifest.directions.map((d) => [d.key, d]));
    const tagged = manifest.facts.filter((f) => f.directions !== undefined);
    expect(tagged.length).toBeGreaterThan(40);
    const unnamed: string[] = [];
    for (const f of tagged) {
      const text = [f.metric_zh, f.metric_en, f.source.quote].join('\n');
      for (const key of f.directions ?? []) {
        const d = byKey.get(key);
        if (!d) throw new Error(`${f.id}: unknown direction ${key}`);
        const words = [d.zh, d.en, ...d.terms, ...d.name_terms, ...d.synonyms];
        // Latin words as whole words ("AI" must not match "MAIN"); Chinese ones as substrings.
        const named = words.some((w) =>
          /^[\x20-\x7e]+$/.test(w)
            ? new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text)
            : text.includes(w),
        );
        if (!named) unnamed.push(`${f.id} ${key}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('the documents without a date (the Digital Economy Plan, the Benchmark City article) are labelled undated', () => {
    const undated = manifest.sources.filter((s) => s.date === undefined).map((s) => s.id);
    expect(undated.sort()).toEqual(['001', '004']);
    const f = manifest.facts.find((x) => x.id === 'f001-software-it-services-revenue-2025');
    if (!f) throw new Error('f001-software-it-services-revenue-2025 missing');
    const doc = manifest.sources.find((d) => d.id === '001');
    expect(factLabel(f, doc, 'en', TODAY)).toBe('2025 target (undated document) · year passed');
  });
});
